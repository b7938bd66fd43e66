package sc.fiji.slicegan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.metrics.LabelVolume;

/**
 * A pattern fixed to the position in the volume: each plane's phase fraction averaged over a set of equally sized
 * volumes, and its spread (max − min) along each axis. Random crops of a real material give only sampling noise;
 * a generator whose output depends on the position within its latent grid gives a periodic pattern above it.
 */
final class PlanePattern {

	/** The mean fraction of {@code phase} in each plane normal to z, y and x, over the volumes: [axis][plane]. */
	static double[][] profiles(List<LabelVolume> volumes, int phase) {
		LabelVolume first = volumes.get(0);
		int w = first.width, h = first.height, d = first.depth;
		double[][] p = { new double[d], new double[h], new double[w] };
		for (LabelVolume v : volumes) {
			if (v.width != w || v.height != h || v.depth != d) throw new IllegalArgumentException(
				"the volumes must be of one size: " + v + " vs " + first);
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						if ((v.planes[z][x + y * w] & 0xff) == phase) {
							p[0][z]++;
							p[1][y]++;
							p[2][x]++;
						}
		}
		double n = volumes.size();
		for (int z = 0; z < d; z++)
			p[0][z] /= n * w * h;
		for (int y = 0; y < h; y++)
			p[1][y] /= n * w * d;
		for (int x = 0; x < w; x++)
			p[2][x] /= n * h * d;
		return p;
	}

	/** max − min of each axis's profile. */
	static double[] spreads(List<LabelVolume> volumes, int phase) {
		return spreads(profiles(volumes, phase));
	}

	private static double[] spreads(double[][] p) {
		double[] s = new double[3];
		for (int a = 0; a < 3; a++) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (double v : p[a]) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			s[a] = hi - lo;
		}
		return s;
	}

	private final int[] phases, values;
	/** The profiles of each phase, [phase index][axis][plane], of the generated volumes and of the real crops. */
	private final double[][][] generated, real;

	PlanePattern(List<LabelVolume> generated, List<LabelVolume> real, int[] phases, int[] values) {
		this.phases = phases.clone();
		this.values = values.clone();
		this.generated = new double[phases.length][][];
		this.real = new double[phases.length][][];
		for (int i = 0; i < phases.length; i++) {
			this.generated[i] = profiles(generated, phases[i]);
			this.real[i] = profiles(real, phases[i]);
		}
	}

	/** The profiles as CSV: axis, plane, then per phase the generated and the real crops' mean fraction. */
	List<String> csv() {
		List<String> lines = new ArrayList<>();
		StringBuilder header = new StringBuilder("axis,plane");
		for (int p : phases)
			header.append(",generated_").append(values[p]).append(",real_").append(values[p]);
		lines.add(header.toString());
		String[] axes = { "z", "y", "x" };
		for (int a = 0; a < 3; a++)
			for (int k = 0; k < Math.min(generated[0][a].length, real[0][a].length); k++) {
				StringBuilder l = new StringBuilder(axes[a] + "," + k);
				for (int i = 0; i < phases.length; i++)
					l.append(String.format(Locale.ROOT, ",%.5f,%.5f", generated[i][a][k], real[i][a][k]));
				lines.add(l.toString());
			}
		return lines;
	}

	/** One line: the spreads of each phase along z, y and x, generated against real crops. */
	String line() {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < phases.length; i++) {
			double[] g = spreads(generated[i]), r = spreads(real[i]);
			parts.add(String.format(Locale.ROOT, "[%d] %.3f/%.3f/%.3f (real crops %.3f/%.3f/%.3f)", values[phases[i]],
				g[0], g[1], g[2], r[0], r[1], r[2]));
		}
		return "per-plane phase fraction averaged over the volumes, max - min along z/y/x: " + String.join("; ",
			parts);
	}
}
