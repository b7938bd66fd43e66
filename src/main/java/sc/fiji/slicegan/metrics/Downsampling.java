package sc.fiji.slicegan.metrics;

/**
 * Mode (majority) downsampling of label volumes: each block of {@code f × f × f} voxels (f × f pixels in 2D) becomes
 * the label most of its voxels hold. Averaging labels would invent phases that are not there; the mode keeps the
 * phase set and, for features much larger than a block, their fractions and shapes. Ties go to the label of the
 * first voxel in the block (x fastest, then y, then z) among the tied labels, so that no phase is favoured by its
 * value. Voxels beyond the last whole block along an axis are dropped.
 */
public final class Downsampling {
	private Downsampling() {
	}

	/** The volume downsampled by {@code factor} along x, y and (for a volume, not a 2D image) z. */
	public static LabelVolume mode(LabelVolume v, int factor) {
		if (factor < 1) throw new IllegalArgumentException("the factor must be at least 1, not " + factor);
		int fz = v.is2D() ? 1 : factor;
		int w = v.width / factor, h = v.height / factor, d = v.depth / fz;
		if (w < 1 || h < 1 || d < 1) throw new IllegalArgumentException(v + " is smaller than one block of " + factor);
		byte[][] out = new byte[d][w * h];
		int[] count = new int[256];
		int blockVoxels = factor * factor * fz;
		int[] labels = new int[blockVoxels];
		for (int z = 0; z < d; z++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int n = 0;
					for (int dz = 0; dz < fz; dz++) {
						byte[] p = v.planes[z * fz + dz];
						for (int dy = 0; dy < factor; dy++) {
							int row = (y * factor + dy) * v.width + x * factor;
							for (int dx = 0; dx < factor; dx++)
								labels[n++] = p[row + dx] & 0xff;
						}
					}
					int best = labels[0], bestCount = 0;
					for (int i = 0; i < n; i++)
						count[labels[i]]++;
					// first voxel whose label has the largest count
					for (int i = 0; i < n; i++) {
						if (count[labels[i]] > bestCount) {
							bestCount = count[labels[i]];
							best = labels[i];
						}
					}
					for (int i = 0; i < n; i++)
						count[labels[i]] = 0;
					out[z][x + y * w] = (byte) best;
				}
			}
		}
		return new LabelVolume(w, h, out);
	}
}
