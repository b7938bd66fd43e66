package sc.fiji.slicegan.metrics;

/**
 * Interface area by face counting. A face is shared by two face-adjacent voxels with different
 * labels; it counts once for each of the two phases (and once for the pair). Faces on the outer
 * domain boundary are NOT counted (the edge of the image is not a material interface), and counts
 * are divided by the total number of voxels (pixels): voxel size 1, so results are in 1/voxel.
 *
 * <p>In 3D, faces per volume is the exact area of the voxelised interface. In 2D the same count,
 * edges per area, is the stepped boundary length per area. Both are also line-intercept counts:
 * faces normal to an axis per voxel = P_L, interfaces crossed per unit length of a line along that
 * axis, which needs no assumption about the shape and is what compares a 2D slice with a 3D volume
 * axis by axis ({@link Result#intercepts}).
 *
 * <p>Stereology for an isotropic interface (Crofton): S_V = 2 P_L and L_A = (π/2) P_L, hence the
 * 2D→3D relation S_V = (4/π) L_A. With counts along 2 (2D) or 3 (3D) axes this gives
 * {@link Result#specificSurfaceArea}: S_V = (2/3)·faces/volume in 3D and S_V = edges/area in 2D
 * (the true, un-stepped L_A of an isotropic boundary being (π/4)·edges/area).
 */
public final class SurfaceArea {
	private SurfaceArea() {
	}

	public static Result of(LabelVolume v) {
		long[] perAxis = new long[256 * 3];
		long[] pairs = new long[256 * 256];
		int w = v.width;
		int h = v.height;
		for (int z = 0; z < v.depth; z++) {
			byte[] p = v.planes[z];
			byte[] next = z + 1 < v.depth ? v.planes[z + 1] : null;
			for (int y = 0; y < h; y++) {
				int row = y * w;
				for (int x = 0; x < w; x++) {
					int i = row + x;
					int a = p[i] & 0xff;
					if (x + 1 < w) count(a, p[i + 1] & 0xff, 0, perAxis, pairs);
					if (y + 1 < h) count(a, p[i + w] & 0xff, 1, perAxis, pairs);
					if (next != null) count(a, next[i] & 0xff, 2, perAxis, pairs);
				}
			}
		}
		return new Result(perAxis, pairs, v.voxelCount(), v.is2D());
	}

	private static void count(int a, int b, int axis, long[] perAxis, long[] pairs) {
		if (a != b) {
			perAxis[a * 3 + axis]++;
			perAxis[b * 3 + axis]++;
			pairs[Math.min(a, b) * 256 + Math.max(a, b)]++;
		}
	}

	/** Face counts of one volume or image. */
	public static final class Result {
		private final long[] perAxis;
		private final long[] pairs;
		private final long voxels;
		private final boolean twoD;

		Result(long[] perAxis, long[] pairs, long voxels, boolean twoD) {
			this.perAxis = perAxis;
			this.pairs = pairs;
			this.voxels = voxels;
			this.twoD = twoD;
		}

		/** Interface faces of a phase whose normal is the given axis. */
		public long faces(int phase, Axis axis) {
			return perAxis[phase * 3 + axis.ordinal()];
		}

		/** All interface faces of a phase. */
		public long faces(int phase) {
			return perAxis[phase * 3] + perAxis[phase * 3 + 1] + perAxis[phase * 3 + 2];
		}

		/** Faces between two phases. */
		public long pairFaces(int a, int b) {
			return pairs[Math.min(a, b) * 256 + Math.max(a, b)];
		}

		/** Face-count density: voxelised area per volume (3D) or stepped length per area (2D). */
		public double perUnitVolume(int phase) {
			return faces(phase) / (double) voxels;
		}

		/** P_L: interfaces of the phase crossed per unit length of a line along the axis. */
		public double intercepts(int phase, Axis axis) {
			return faces(phase, axis) / (double) voxels;
		}

		/** Isotropic stereological estimate of S_V (see class comment). */
		public double specificSurfaceArea(int phase) {
			return twoD ? perUnitVolume(phase) : perUnitVolume(phase) * 2.0 / 3.0;
		}

		public boolean is2D() {
			return twoD;
		}
	}
}
