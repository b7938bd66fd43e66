package sc.fiji.slicegan.generate;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * Periodic volumes. The generator is translation-equivariant: shifting the latent grid by one cell shifts the
 * volume by {@link #period} voxels (the product of the strides). Noise that repeats every P cells therefore makes an
 * endless volume that repeats every P·period voxels, and a window of that length whose voxels depend only on
 * latent cells inside the (finite) grid is one exact period of it. {@link #margin} is how many wrapped-around cells
 * the grid needs on each side for the window starting at voxel margin·period to qualify.
 */
public final class Periodic {

	private Periodic() {}

	/** Voxels per latent cell: the product of the generator's strides. */
	public static int period(NetSpec spec) {
		int s = 1;
		for (LayerSpec l : spec.generator)
			s *= l.s;
		return s;
	}

	/** The smallest margin (in latent cells) that keeps one period of {@code cells} cells free of edge effects. */
	public static int margin(NetSpec spec, int cells) {
		int step = period(spec);
		for (int m = 0; m <= 64; m++) {
			int n = cells + 2 * m;
			int from = m * step, to = from + cells * step - 1;
			if (to >= spec.volumeEdge(n)) continue;
			long[] reads = latentRange(spec, from, to);
			if (reads[0] >= 0 && reads[1] <= n - 1) return m;
		}
		throw new BadInputException("This generator's layers reach too far for periodic volumes.");
	}

	/**
	 * The latent cells that output voxels {@code from..to} (inclusive, along one axis) depend on: output voxel o of
	 * a transposed convolution reads the inputs i with 0 ≤ o + p − i·s &lt; k.
	 */
	static long[] latentRange(NetSpec spec, long from, long to) {
		long lo = from, hi = to;
		for (int i = spec.generator.size() - 1; i >= 0; i--) {
			LayerSpec l = spec.generator.get(i);
			lo = Math.floorDiv(lo + l.p - l.k + l.s, l.s);
			hi = Math.floorDiv(hi + l.p, l.s);
		}
		return new long[] { lo, hi };
	}
}
