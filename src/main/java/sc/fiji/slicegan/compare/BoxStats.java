package sc.fiji.slicegan.compare;

import java.util.Arrays;

/** Tukey box-plot numbers: quartiles (linear interpolation), whiskers at the last values within 1.5 IQR. */
public final class BoxStats {
	public final double q1;
	public final double median;
	public final double q3;
	public final double whiskerLow;
	public final double whiskerHigh;
	public final double[] outliers;

	public BoxStats(double[] values) {
		double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
		if (v.length == 0) {
			q1 = median = q3 = whiskerLow = whiskerHigh = Double.NaN;
			outliers = new double[0];
			return;
		}
		q1 = quantile(v, 0.25);
		median = quantile(v, 0.5);
		q3 = quantile(v, 0.75);
		double lo = q1 - 1.5 * (q3 - q1);
		double hi = q3 + 1.5 * (q3 - q1);
		whiskerLow = Arrays.stream(v).filter(x -> x >= lo).min().orElse(q1);
		whiskerHigh = Arrays.stream(v).filter(x -> x <= hi).max().orElse(q3);
		outliers = Arrays.stream(v).filter(x -> x < lo || x > hi).toArray();
	}

	static double quantile(double[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}
}
