package sc.fiji.slicegan.train;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

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

	/** Each axis a group of its own (critic i judges axis i): for schedules that step a critic per axis. */
	static AxisGroups eachAxis() {
		return new AxisGroups(new int[] { 0, 1, 2 });
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

	/**
	 * Cuts volumes {@code [B, C, l, l, l]} into the slices of critic c's axes, stacked in the group's order into
	 * {@code slices [axes · B·l, C, l, l]}.
	 */
	void slice(Backend backend, Tensor volumes, int critic, Tensor slices) {
		int perAxis = volumes.dim(0) * volumes.dim(2);
		for (int g = 0; g < axes[critic].length; g++)
			try (Tensor rows = backend.rows(slices, g * perAxis, perAxis)) {
				backend.sliceVolumes(volumes, axes[critic][g], rows);
			}
	}

	/** The adjoint of {@link #slice}: adds the slices' values back into the volumes (or sets them, if not). */
	void unslice(Backend backend, Tensor slices, int critic, Tensor volumes, boolean accumulate) {
		int perAxis = volumes.dim(0) * volumes.dim(2);
		for (int g = 0; g < axes[critic].length; g++)
			try (Tensor rows = backend.rows(slices, g * perAxis, perAxis)) {
				backend.unsliceVolumes(rows, axes[critic][g], volumes, accumulate || g > 0);
			}
	}
}
