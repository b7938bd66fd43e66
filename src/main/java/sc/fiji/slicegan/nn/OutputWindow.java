package sc.fiji.slicegan.nn;

/**
 * Which output voxels a generation computes, from which latent cells, per axis (z, y, x): the whole latent grid has
 * {@code cells} cells, of which the generator is given {@code count} from {@code first} (a slab; all of them for one
 * piece), and the voxels wanted are {@code size} from {@code origin}, counted in the whole volume. Along an
 * {@code endless} axis the volume is a piece of an endless one (periodic volumes, see {@code Periodic}).
 */
public final class OutputWindow {

	public final int[] cells, first, count, origin, size;
	public final boolean[] endless;

	public OutputWindow(int[] cells, int[] first, int[] count, boolean[] endless, int[] origin, int[] size) {
		this.cells = cells.clone();
		this.first = first.clone();
		this.count = count.clone();
		this.endless = endless.clone();
		this.origin = origin.clone();
		this.size = size.clone();
	}

	/** The whole volume of a latent grid of {@code cells} cells (z, y, x). */
	public static OutputWindow whole(NetSpec spec, int[] cells) {
		int[] size = new int[3];
		for (int a = 0; a < 3; a++)
			size[a] = spec.volumeEdge(cells[a]);
		return new OutputWindow(cells, new int[3], cells, new boolean[3], new int[3], size);
	}
}
