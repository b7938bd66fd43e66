package sc.fiji.slicegan.metrics;

import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.slicegan.progress.RecordingProgress;

/**
 * Benchmark (not a test): diffusion solve on a seeded random two-phase volume.
 * Usage: DiffusionBenchmark [size=256] [structure=voxels|blobs] [poreFraction=0.5] [axis=x] [seed=42] [threads=all]
 *        [preconditioner=multigrid|jacobi] [overCorrection]
 */
public final class DiffusionBenchmark {
	public static void main(String[] args) {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 256;
		String structure = args.length > 1 ? args[1] : "voxels";
		double phi = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
		Axis axis = args.length > 3 ? Axis.valueOf(args[3].toUpperCase(Locale.ROOT)) : Axis.X;
		long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;

		DiffusionSolver.Preconditioner pc = args.length > 6
			? DiffusionSolver.Preconditioner.valueOf(args[6].toUpperCase(Locale.ROOT))
			: DiffusionSolver.Preconditioner.MULTIGRID;
		double over = args.length > 7 ? Double.parseDouble(args[7]) : Double.NaN;
		long tg = System.nanoTime();
		LabelVolume v = "blobs".equals(structure) ? blobs(size, phi, seed) : randomVoxels(size, phi, seed);
		double genS = (System.nanoTime() - tg) * 1e-9;
		int threads = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
		double eps = PhaseFractions.of(v, 1);
		System.out.printf(Locale.ROOT, "# %s %d^3, pore fraction %.4f, seed %d, generated in %.1f s%n",
			structure, size, eps, seed, genS);
		long t0 = System.nanoTime();
		DiffusionSolver solver = new DiffusionSolver().threads(threads).preconditioner(pc)
			.progress(new RecordingProgress() {
				private long last;

				@Override
				public void status(String text) {
					// one line a second: the iteration and its residual
					if (System.nanoTime() - last < 1_000_000_000L) return;
					last = System.nanoTime();
					System.err.printf(Locale.ROOT, "  %.1f s: %s%n", (System.nanoTime() - t0) * 1e-9, text);
				}
			});
		if (!Double.isNaN(over)) solver.overCorrection(over);
		DiffusionResult r = solver.solve(v, 1, axis);
		System.out.println(
			"| size | structure | preconditioner | threads | axis | iterations | residual | seconds | D_eff/D0 | eps | tau |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
		System.out.printf(Locale.ROOT, "| %d^3 | %s | %s | %d | %s | %d | %.2e | %.1f | %.5f | %.4f | %.4f |%n",
			size, structure, pc.name().toLowerCase(Locale.ROOT), threads, axis.label(), r.iterations, r.residual,
			r.seconds,
			r.relativeDiffusivity, r.volumeFraction, r.tortuosity);
		System.out.printf(Locale.ROOT, "# converged %b, percolating fraction %.4f, inlet/outlet flux %.6g / %.6g%n",
			r.converged, r.percolatingFraction, r.inletFlux, r.outletFlux);
	}

	/** Independent voxels: pore (label 1) with probability phi. */
	static LabelVolume randomVoxels(int n, double phi, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		LabelVolume v = LabelVolume.zeros(n, n, n);
		for (byte[] p : v.planes) {
			for (int i = 0; i < p.length; i++)
				p[i] = (byte) (rnd.nextDouble() < phi ? 1 : 0);
		}
		return v;
	}

	/** Blobs: white noise box-blurred three times (≈ Gaussian, radius 4), thresholded at the phi quantile. */
	static LabelVolume blobs(int n, double phi, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		float[] f = new float[n * n * n];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) rnd.nextDouble();
		int radius = 4;
		for (int pass = 0; pass < 3; pass++) {
			for (int stride : new int[] { 1, n, n * n })
				boxBlur(f, n, stride, radius);
		}
		float[] sorted = f.clone();
		java.util.Arrays.sort(sorted);
		float thr = sorted[(int) ((1 - phi) * (sorted.length - 1))];
		LabelVolume v = LabelVolume.zeros(n, n, n);
		for (int z = 0; z < n; z++) {
			for (int i = 0; i < n * n; i++)
				v.planes[z][i] = (byte) (f[z * n * n + i] > thr ? 1 : 0);
		}
		return v;
	}

	/** Running-mean blur along lines of the given stride (periodic). */
	private static void boxBlur(float[] f, int n, int stride, int r) {
		float[] line = new float[n];
		int lines = f.length / n;
		for (int l = 0; l < lines; l++) {
			int start;
			if (stride == 1) start = l * n;
			else if (stride == n) start = (l / n) * n * n + (l % n);
			else start = l;
			for (int k = 0; k < n; k++)
				line[k] = f[start + k * stride];
			double acc = 0;
			for (int k = -r; k <= r; k++)
				acc += line[Math.floorMod(k, n)];
			for (int k = 0; k < n; k++) {
				f[start + k * stride] = (float) (acc / (2 * r + 1));
				acc += line[Math.floorMod(k + r + 1, n)] - line[Math.floorMod(k - r, n)];
			}
		}
	}
}
