package sc.fiji.slicegan.compare;

/** Mean and sample standard deviation. */
public final class Stats {
	private Stats() {
	}

	public static double mean(double[] v) {
		if (v.length == 0) return Double.NaN;
		double s = 0;
		for (double x : v)
			s += x;
		return s / v.length;
	}

	/** Sample sd (n−1); 0 for a single value. */
	public static double sd(double[] v) {
		if (v.length < 2) return v.length == 1 ? 0 : Double.NaN;
		double m = mean(v);
		double s = 0;
		for (double x : v)
			s += (x - m) * (x - m);
		return Math.sqrt(s / (v.length - 1));
	}
}
