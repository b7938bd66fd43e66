package sc.fiji.slicegan.generate;

import java.util.List;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Upsampling;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * Periodic volumes. The generator is translation-equivariant: shifting the latent grid by one cell shifts the
 * volume by {@link #period} voxels (the product of the strides, doubled by a resize-convolution generator's
 * upsampling, which samples exactly twice as densely along an endless axis, see {@link NetSpec#upsampleScale}).
 * Noise that repeats every P cells therefore makes an endless volume that repeats every P·period voxels, and a window
 * of that length whose voxels depend only on latent cells inside the (finite) grid is one exact period of it.
 * {@link #margin} is how many wrapped-around cells the grid needs on each side for the window starting at voxel
 * margin·period to qualify.
 */
public final class Periodic {

	private Periodic() {}

	/** Voxels per latent cell. */
	public static int period(NetSpec spec) {
		return spec.resizeConv() == null ? spec.transposedStride() : 2 * spec.transposedStride();
	}

	/** The smallest margin (in latent cells) that keeps one period of {@code cells} cells free of edge effects. */
	public static int margin(NetSpec spec, int cells) {
		int step = period(spec);
		for (int m = 0; m <= 64; m++) {
			int n = cells + 2 * m;
			int from = m * step, to = from + cells * step - 1;
			int hidden = spec.hiddenEdge(n);
			long[] rows = hiddenRows(spec, from, to, hidden, true);
			if (rows[1] >= hidden) continue;
			long[] reads = latentRange(spec, rows[0], rows[1]);
			if (reads[0] >= 0 && reads[1] <= n - 1) return m;
		}
		throw new BadInputException("This generator's layers reach too far for periodic volumes.");
	}

	/**
	 * The rows after the transposed convolutions that output rows {@code from..to} (inclusive, along one axis of
	 * {@code hidden} such rows) depend on: the same rows for a generator of transposed convolutions only; for the
	 * resize convolution, the inputs its upsampling samples for the rows the convolution reads. Along an endless axis
	 * nothing is clamped at the grid's end, so that rows beyond it show up as missing.
	 */
	static long[] hiddenRows(NetSpec spec, long from, long to, int hidden, boolean endless) {
		LayerSpec rc = spec.resizeConv();
		if (rc == null) return new long[] { from, to };
		double scale = NetSpec.upsampleScale(hidden, endless);
		int size = endless ? Integer.MAX_VALUE : hidden;
		return new long[] { Upsampling.first(scale, size, from), Upsampling.second(scale, size, to + rc.k - 1) };
	}

	/**
	 * The latent cells that rows {@code from..to} (inclusive, along one axis) after the transposed convolutions depend
	 * on: output voxel o of a transposed convolution reads the inputs i with 0 ≤ o + p − i·s &lt; k.
	 */
	static long[] latentRange(NetSpec spec, long from, long to) {
		long lo = from, hi = to;
		List<LayerSpec> layers = spec.transposed();
		for (int i = layers.size() - 1; i >= 0; i--) {
			LayerSpec l = layers.get(i);
			lo = Math.floorDiv(lo + l.p - l.k + l.s, l.s);
			hi = Math.floorDiv(hi + l.p, l.s);
		}
		return new long[] { lo, hi };
	}
}
