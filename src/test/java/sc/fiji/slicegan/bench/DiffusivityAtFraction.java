package sc.fiji.slicegan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.Stats;
import sc.fiji.slicegan.compare.VolumeSetStatistics;
import sc.fiji.slicegan.compare.VolumeSetStatistics.Statistic;
import sc.fiji.slicegan.metrics.Axis;

/**
 * The generated volumes' relative diffusivity split in two against the real crops' least-squares line of D_eff/D0 on
 * the phase's fraction: the part the generated phase fraction explains (moving along the line) and the part beyond
 * it (how far the volumes lie off the line), both in real sds; they add up to the table's Δ/sd. A generator whose
 * fraction is off moves along the line; one whose phase is connected differently in 3D moves off it. Needs 3 real
 * crops at least ("n/a" otherwise).
 */
final class DiffusivityAtFraction {

	private DiffusivityAtFraction() {}

	/**
	 * {from the fraction, beyond it} in units of the real D's sd: the line d = a + b·f fitted to the real pairs, then
	 * b·(mean generated f − mean real f) and the generated volumes' mean distance above the line. Pairs with a value
	 * that is not finite are left out.
	 */
	static double[] split(double[] realF, double[] realD, double[] genF, double[] genD) {
		double[][] r = finitePairs(realF, realD), g = finitePairs(genF, genD);
		if (r[0].length < 3 || g[0].length < 1) return new double[] { Double.NaN, Double.NaN };
		double mf = Stats.mean(r[0]), md = Stats.mean(r[1]), sd = Stats.sd(r[1]), sff = 0, sfd = 0;
		for (int i = 0; i < r[0].length; i++) {
			sff += (r[0][i] - mf) * (r[0][i] - mf);
			sfd += (r[0][i] - mf) * (r[1][i] - md);
		}
		if (sff == 0 || sd == 0) return new double[] { Double.NaN, Double.NaN };
		double slope = sfd / sff, alongLine = slope * (Stats.mean(g[0]) - mf);
		double offLine = Stats.mean(g[1]) - md - alongLine;
		return new double[] { alongLine / sd, offLine / sd };
	}

	/** One line for every phase and axis, or null when the statistics hold no diffusivity. */
	static String line(VolumeSetStatistics real, VolumeSetStatistics generated, int[] phases, int[] values) {
		List<String> parts = new ArrayList<>();
		for (int p : phases) {
			Statistic fraction = new Statistic(CompareReport.PHASE_FRACTION, p, "all");
			List<String> axes = new ArrayList<>();
			for (Axis a : Axis.values()) {
				String axis = a.label();
				Statistic d = new Statistic(CompareReport.DIFFUSIVITY, p, axis);
				double[] rd = real.values(d), gd = generated.values(d);
				if (rd == null || gd == null) return null;
				double[] s = split(real.values(fraction), rd, generated.values(fraction), gd);
				axes.add(Double.isNaN(s[0]) ? axis + " n/a" : String.format(Locale.ROOT, "%s %+.1f %+.1f", axis, s[0],
					s[1]));
			}
			parts.add("[" + values[p] + "] " + String.join(", ", axes));
		}
		return "D_eff/D0 Δ/sd against the real crops' line of D on phase fraction (from the generated fraction, " +
			"beyond it): " + String.join("; ", parts);
	}

	private static double[][] finitePairs(double[] a, double[] b) {
		int n = 0;
		for (int i = 0; i < a.length; i++)
			if (Double.isFinite(a[i]) && Double.isFinite(b[i])) n++;
		double[][] out = new double[2][n];
		for (int i = 0, k = 0; i < a.length; i++)
			if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
				out[0][k] = a[i];
				out[1][k++] = b[i];
			}
		return out;
	}
}
