package sc.fiji.slicegan.metrics;

/**
 * Triple-phase-boundary (TPB) density. In 3D, a TPB segment is a voxel edge whose four
 * surrounding voxels hold at least three distinct phases; its length is one voxel, and the result
 * is length per volume (1/voxel²). In 2D the same test on a pixel corner gives TPB points per area.
 * Edges on the domain boundary have fewer than four voxels and are not counted.
 *
 * <p>Stereology for isotropic TPB lines: a section plane cuts them in P_A = L_V/2 points per area,
 * and a digitised line runs along voxel edges with |dx|+|dy|+|dz| = (3/2)·its length on average.
 * So {@link #lengthDensityEstimate} gives L_V = 2·points/area from a 2D image and (2/3)·edges/volume
 * from a 3D volume, comparable with each other.
 */
public final class TriplePhaseBoundary {
	private TriplePhaseBoundary() {
	}

	/** Number of TPB edges (3D) or corners (2D). */
	public static long count(LabelVolume v) {
		int w = v.width;
		int h = v.height;
		long n = 0;
		if (v.is2D()) {
			byte[] p = v.planes[0];
			for (int y = 0; y + 1 < h; y++) {
				for (int x = 0; x + 1 < w; x++) {
					int i = x + y * w;
					n += triple(p[i], p[i + 1], p[i + w], p[i + w + 1]);
				}
			}
			return n;
		}
		for (int z = 0; z < v.depth; z++) {
			byte[] p = v.planes[z];
			byte[] q = z + 1 < v.depth ? v.planes[z + 1] : null;
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = x + y * w;
					// edge along z: the four voxels around it lie in one plane
					if (x + 1 < w && y + 1 < h) n += triple(p[i], p[i + 1], p[i + w], p[i + w + 1]);
					if (q != null) {
						// edge along x: neighbours in y and z
						if (y + 1 < h) n += triple(p[i], p[i + w], q[i], q[i + w]);
						// edge along y: neighbours in x and z
						if (x + 1 < w) n += triple(p[i], p[i + 1], q[i], q[i + 1]);
					}
				}
			}
		}
		return n;
	}

	/** TPB length per volume (3D) or points per area (2D), voxel units. */
	public static double density(LabelVolume v) {
		return count(v) / (double) v.voxelCount();
	}

	/** Isotropic estimate of the true TPB length per volume, L_V (see class comment). */
	public static double lengthDensityEstimate(LabelVolume v) {
		return v.is2D() ? 2 * density(v) : density(v) * 2.0 / 3.0;
	}

	private static int triple(byte a, byte b, byte c, byte d) {
		int distinct = 1;
		if (b != a) distinct++;
		if (c != a && c != b) distinct++;
		if (d != a && d != b && d != c) distinct++;
		return distinct >= 3 ? 1 : 0;
	}
}
