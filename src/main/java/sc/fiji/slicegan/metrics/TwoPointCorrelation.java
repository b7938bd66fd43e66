package sc.fiji.slicegan.metrics;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Two-point correlation S₂(r) of one phase along one axis: the probability that two voxels a
 * distance r apart along that axis both belong to the phase. S₂(0) = φ (phase fraction) and, for
 * a structure without long-range order, S₂(r) → φ² at large r.
 *
 * <p>Computed as the autocorrelation of the phase indicator along every line parallel to the axis,
 * via FFT (JTransforms, Wiener–Khinchin), averaged over all lines.
 */
public final class TwoPointCorrelation {
	/** How a line's ends are treated. */
	public enum Boundary {
		/** Lines wrap around: every voxel has a partner at every r; divisor L per line. */
		PERIODIC,
		/** Lines zero-padded to 2L: only pairs inside the line count; divisor L − r per line. */
		NON_PERIODIC;

		public String label() {
			return this == PERIODIC ? "periodic" : "non-periodic (zero-padded)";
		}
	}

	private TwoPointCorrelation() {
	}

	/** S₂(r) for r = 0..maxR along the axis, with all available processors. */
	public static double[] along(LabelVolume v, int phase, Axis axis, int maxR, Boundary boundary) {
		return along(v, phase, axis, maxR, boundary, Parallel.defaultThreads());
	}

	public static double[] along(LabelVolume v, int phase, Axis axis, int maxR, Boundary boundary, int threads) {
		if (axis == Axis.Z && v.is2D()) throw new IllegalArgumentException("a 2D image has no z axis");
		int len = v.size(axis);
		if (maxR < 0 || maxR >= len) throw new IllegalArgumentException("maxR must be in [0, " + (len - 1) + "]");
		int lines = (int) (v.voxelCount() / len);
		int nfft = boundary == Boundary.PERIODIC ? len : 2 * len;
		double[] sums;
		try (Parallel par = new Parallel(threads)) {
			int chunks = Math.min(par.threads(), lines);
			double[][] partial = new double[chunks][];
			par.sum(chunks, (c0, c1) -> {
				for (int c = c0; c < c1; c++) {
					int from = (int) ((long) lines * c / chunks);
					int to = (int) ((long) lines * (c + 1) / chunks);
					partial[c] = autocorrelate(v, phase, axis, from, to, nfft, maxR);
				}
				return 0;
			});
			sums = new double[maxR + 1];
			for (double[] p : partial) {
				for (int r = 0; r <= maxR; r++)
					sums[r] += p[r];
			}
		}
		double[] s2 = new double[maxR + 1];
		for (int r = 0; r <= maxR; r++) {
			double pairs = (double) lines * (boundary == Boundary.PERIODIC ? len : len - r);
			s2[r] = sums[r] / pairs;
		}
		return s2;
	}

	/** Sum over lines [from, to) of Σ_x I(x) I(x + r), r = 0..maxR. */
	private static double[] autocorrelate(LabelVolume v, int phase, Axis axis, int from, int to, int nfft, int maxR) {
		DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
		double[] a = new double[nfft];
		double[] sums = new double[maxR + 1];
		int len = v.size(axis);
		byte label = (byte) phase;
		for (int line = from; line < to; line++) {
			java.util.Arrays.fill(a, 0);
			boolean any = extract(v, axis, line, label, a);
			if (!any) continue;
			fft.realForward(a);
			powerSpectrumPacked(a, nfft);
			fft.realInverse(a, true);
			for (int r = 0; r <= maxR && r < len; r++)
				sums[r] += a[r];
		}
		return sums;
	}

	/** Writes the indicator of line {@code line} into a[0..L); returns whether the phase occurs. */
	private static boolean extract(LabelVolume v, Axis axis, int line, byte label, double[] a) {
		int w = v.width;
		int h = v.height;
		boolean any = false;
		switch (axis) {
			case X: {
				byte[] p = v.planes[line / h];
				int start = (line % h) * w;
				for (int x = 0; x < w; x++) {
					if (p[start + x] == label) {
						a[x] = 1;
						any = true;
					}
				}
				break;
			}
			case Y: {
				byte[] p = v.planes[line / w];
				int x = line % w;
				for (int y = 0; y < h; y++) {
					if (p[x + y * w] == label) {
						a[y] = 1;
						any = true;
					}
				}
				break;
			}
			default: {
				for (int z = 0; z < v.depth; z++) {
					if (v.planes[z][line] == label) {
						a[z] = 1;
						any = true;
					}
				}
			}
		}
		return any;
	}

	/** Replaces JTransforms' packed real-FFT output by |F_k|² in the same packing. */
	static void powerSpectrumPacked(double[] a, int n) {
		a[0] = a[0] * a[0];
		if (n % 2 == 0) {
			if (n > 1) {
				a[1] = a[1] * a[1]; // Re[n/2]
			}
			for (int k = 1; k < n / 2; k++) {
				double re = a[2 * k];
				double im = a[2 * k + 1];
				a[2 * k] = re * re + im * im;
				a[2 * k + 1] = 0;
			}
		}
		else {
			int m = (n - 1) / 2;
			for (int k = 1; k < m; k++) {
				double re = a[2 * k];
				double im = a[2 * k + 1];
				a[2 * k] = re * re + im * im;
				a[2 * k + 1] = 0;
			}
			if (m >= 1) {
				double re = a[n - 1]; // Re[(n-1)/2]
				double im = a[1]; // Im[(n-1)/2]
				a[n - 1] = re * re + im * im;
				a[1] = 0;
			}
		}
	}
}
