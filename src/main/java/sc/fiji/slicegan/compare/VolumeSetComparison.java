package sc.fiji.slicegan.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

import sc.fiji.slicegan.compare.VolumeSetStatistics.Statistic;
import sc.fiji.slicegan.metrics.Axis;

/**
 * Two sets of volumes compared statistic by statistic (3D against 3D): for each scalar statistic the real and
 * generated mean ± sd, the relative error of the generated mean and the difference in units of the real set's sd;
 * for S₂ the root-mean-square difference of the mean curves over r = 0..maxR, per phase and axis.
 */
public final class VolumeSetComparison {

	/** One scalar statistic of both sets. */
	public static final class Row {
		public final Statistic statistic;
		public final double realMean, realSd, generatedMean, generatedSd;
		/** Volumes with a finite value in each set (tortuosity is infinite where a phase does not percolate). */
		public final int realFinite, generatedFinite, realCount, generatedCount;

		Row(Statistic s, VolumeSetStatistics real, VolumeSetStatistics generated) {
			statistic = s;
			realMean = real.mean(s);
			realSd = real.sd(s);
			generatedMean = generated.mean(s);
			generatedSd = generated.sd(s);
			realFinite = real.finiteCount(s);
			generatedFinite = generated.finiteCount(s);
			realCount = real.count;
			generatedCount = generated.count;
		}

		/** (generated − real) / real, of the means. */
		public double relativeError() {
			return (generatedMean - realMean) / realMean;
		}

		/** (generated − real) / real sd, of the means: within ±2 is within the real crops' own spread. */
		public double standardised() {
			return (generatedMean - realMean) / realSd;
		}
	}

	/** S₂ of one phase along one axis. */
	public static final class S2Row {
		public final int phase;
		public final Axis axis;
		/** √(mean over r of (generated mean S₂(r) − real mean S₂(r))²), r = 0..maxR. */
		public final double rmse;

		S2Row(int phase, Axis axis, double rmse) {
			this.phase = phase;
			this.axis = axis;
			this.rmse = rmse;
		}
	}

	public final List<Row> rows;
	public final List<S2Row> s2;
	public final int maxR;

	private VolumeSetComparison(List<Row> rows, List<S2Row> s2, int maxR) {
		this.rows = Collections.unmodifiableList(rows);
		this.s2 = Collections.unmodifiableList(s2);
		this.maxR = maxR;
	}

	public static VolumeSetComparison of(VolumeSetStatistics real, VolumeSetStatistics generated) {
		List<Row> rows = new ArrayList<>();
		List<Statistic> have = generated.statistics();
		for (Statistic s : real.statistics())
			if (have.contains(s)) rows.add(new Row(s, real, generated));
		int maxR = Math.min(real.maxR, generated.maxR);
		List<S2Row> s2 = new ArrayList<>();
		for (int p : real.phases) {
			boolean inBoth = false;
			for (int q : generated.phases)
				inBoth |= p == q;
			if (!inBoth) continue;
			for (Axis a : Axis.values())
				s2.add(new S2Row(p, a, rmse(real.s2Mean(p, a), generated.s2Mean(p, a), maxR)));
		}
		return new VolumeSetComparison(rows, s2, maxR);
	}

	/** The root mean square difference of two curves over r = 0..maxR. */
	public static double rmse(double[] a, double[] b, int maxR) {
		double s = 0;
		for (int r = 0; r <= maxR; r++)
			s += (a[r] - b[r]) * (a[r] - b[r]);
		return Math.sqrt(s / (maxR + 1));
	}

	/** Short names of the metrics for a text table. */
	public static String shortName(String metric) {
		switch (metric) {
			case CompareReport.PHASE_FRACTION:
				return "phase fraction";
			case CompareReport.SURFACE_AREA:
				return "surface area S_V";
			case CompareReport.TPB:
				return "TPB density L_V";
			case CompareReport.DIFFUSIVITY:
				return "D_eff/D0";
			case CompareReport.TORTUOSITY:
				return "tortuosity tau";
			default:
				return metric;
		}
	}

	/** The row of a statistic, or null. */
	public Row row(Statistic s) {
		for (Row r : rows)
			if (r.statistic.equals(s)) return r;
		return null;
	}

	/**
	 * A fixed-width text table: statistic, real mean ± sd, generated mean ± sd, relative error, difference in real
	 * sds; then S₂ RMSE per phase and axis. {@code value} turns a label into the phase value shown.
	 */
	public String table(IntUnaryOperator value) {
		StringBuilder b = new StringBuilder();
		b.append(String.format(Locale.ROOT, "%-26s %-22s %-22s %9s %8s%n", "statistic", "real mean ± sd",
			"generated mean ± sd", "rel.err", "Δ/sd"));
		for (Row r : rows) {
			Statistic s = r.statistic;
			String name = shortName(s.metric) + (s.phase == CompareReport.ALL_PHASES ? "" : " [" + value.applyAsInt(
				s.phase) + "]") + (s.axis.equals("all") ? "" : " " + s.axis);
			String note = (r.realFinite < r.realCount ? " real " + (r.realCount - r.realFinite) + "/" + r.realCount +
				" not percolating" : "") + (r.generatedFinite < r.generatedCount ? " generated " + (r.generatedCount -
					r.generatedFinite) + "/" + r.generatedCount + " not percolating" : "");
			b.append(String.format(Locale.ROOT, "%-26s %-22s %-22s %8.1f%% %8.2f%s%n", name, pm(r.realMean, r.realSd),
				pm(
					r.generatedMean, r.generatedSd), 100 * r.relativeError(), r.standardised(), note));
		}
		for (S2Row r : s2)
			b.append(String.format(Locale.ROOT, "%-26s %-22s%n", "S2 RMSE [" + value.applyAsInt(r.phase) + "] " + r.axis
				.label(), String.format(Locale.ROOT, "%.4f (r = 0..%d)", r.rmse, maxR)));
		return b.toString();
	}

	private static String pm(double mean, double sd) {
		return String.format(Locale.ROOT, "%.4g ± %.2g", mean, sd);
	}
}
