package sc.fiji.slicegan.train;

/**
 * Which slicing axes each critic judges: one critic for all three axes (isotropic data), or one per distinct
 * training image. A critic's axes are scored in one batch.
 */
public final class AxisGroups {

	private final int[] criticOfAxis;
	private final int[][] axes;

	public AxisGroups(int[] criticOfAxis) {
		this.criticOfAxis = criticOfAxis.clone();
		int critics = 0;
		for (int c : criticOfAxis)
			critics = Math.max(critics, c + 1);
		axes = new int[critics][];
		for (int c = 0; c < critics; c++) {
			int k = 0;
			for (int a = 0; a < 3; a++)
				if (criticOfAxis[a] == c) k++;
			axes[c] = new int[k];
			k = 0;
			for (int a = 0; a < 3; a++)
				if (criticOfAxis[a] == c) axes[c][k++] = a;
		}
	}

	public int critics() {
		return axes.length;
	}

	/** The axes critic c judges, in increasing order. */
	public int[] axes(int critic) {
		return axes[critic].clone();
	}

	/** The critic of an axis. */
	public int criticOf(int axis) {
		return criticOfAxis[axis];
	}

	/** The position of an axis within its critic's group. */
	public int positionOf(int axis) {
		int p = 0;
		for (int a = 0; a < axis; a++)
			if (criticOfAxis[a] == criticOfAxis[axis]) p++;
		return p;
	}
}
