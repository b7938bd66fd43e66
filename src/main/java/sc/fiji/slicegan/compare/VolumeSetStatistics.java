package sc.fiji.slicegan.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.DiffusionResult;
import sc.fiji.slicegan.metrics.DiffusionSolver;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.metrics.PhaseFractions;
import sc.fiji.slicegan.metrics.SurfaceArea;
import sc.fiji.slicegan.metrics.TriplePhaseBoundary;
import sc.fiji.slicegan.metrics.TwoPointCorrelation;
import sc.fiji.slicegan.progress.Progress;

/**
 * The microstructure statistics of a set of 3D label volumes of one size (crops of a real volume, or generated
 * volumes), kept per volume: phase fractions, specific surface area per phase, triple-phase-boundary density
 * (three phases or more), S₂(r) per phase along each axis, and relative diffusivity and tortuosity factor per phase
 * along each axis. Two sets compare 3D with 3D ({@link VolumeSetComparison}), where {@link CompareReport} compares
 * 2D sections with volumes.
 */
public final class VolumeSetStatistics {

	/** One scalar statistic: a metric (the {@link CompareReport} names), of one phase label (or all), along an axis. */
	public static final class Statistic {
		public final String metric;
		/** The label, or {@link CompareReport#ALL_PHASES}. */
		public final int phase;
		/** "x", "y", "z" or "all". */
		public final String axis;

		public Statistic(String metric, int phase, String axis) {
			this.metric = metric;
			this.phase = phase;
			this.axis = axis;
		}

		@Override
		public boolean equals(Object o) {
			if (!(o instanceof Statistic)) return false;
			Statistic s = (Statistic) o;
			return metric.equals(s.metric) && phase == s.phase && axis.equals(s.axis);
		}

		@Override
		public int hashCode() {
			return Objects.hash(metric, phase, axis);
		}

		@Override
		public String toString() {
			return metric + (phase == CompareReport.ALL_PHASES ? "" : " phase " + phase) + (axis.equals("all") ? ""
				: " " + axis);
		}
	}

	/** What to compute. */
	public static final class Options {
		/** Largest S₂ distance; ≤ 0: half the shortest edge. */
		public int maxR = 0;
		/** The volumes are crops, not periodic cells: zero-padded by default. */
		public TwoPointCorrelation.Boundary boundary = TwoPointCorrelation.Boundary.NON_PERIODIC;
		/** Whether to solve for diffusivity and tortuosity (the slowest part). */
		public boolean diffusion = true;
		public DiffusionSolver solver = new DiffusionSolver();
		public Progress progress = Progress.NONE;
	}

	/** The labels the statistics are about. */
	public final int[] phases;
	public final int count;
	/** S₂ is known for r = 0..maxR. */
	public final int maxR;
	private final Map<Statistic, double[]> values;
	private final Map<Statistic, double[][]> s2;

	private VolumeSetStatistics(int[] phases, int count, int maxR, Map<Statistic, double[]> values,
		Map<Statistic, double[][]> s2)
	{
		this.phases = phases;
		this.count = count;
		this.maxR = maxR;
		this.values = values;
		this.s2 = s2;
	}

	/** The statistics of {@code volumes} (3D, one size) for the given labels. */
	public static VolumeSetStatistics of(List<LabelVolume> volumes, int[] phases, Options opt) {
		if (volumes.isEmpty()) throw new IllegalArgumentException("no volumes");
		LabelVolume first = volumes.get(0);
		for (LabelVolume v : volumes)
			if (v.is2D() || v.width != first.width || v.height != first.height || v.depth != first.depth)
				throw new IllegalArgumentException("the volumes must be 3D and of one size: " + v + " vs " + first);
		int n = volumes.size();
		int maxR = opt.maxR > 0 ? opt.maxR : Math.min(first.width, Math.min(first.height, first.depth)) / 2;
		Map<Statistic, double[]> values = new LinkedHashMap<>();
		Map<Statistic, double[][]> s2 = new LinkedHashMap<>();
		Progress progress = opt.progress;
		int steps = n * (1 + (opt.diffusion ? phases.length * 3 : 0)), step = 0;
		for (int k = 0; k < n; k++) {
			progress.checkCancelled();
			progress.status("volume " + (k + 1) + "/" + n + ": fractions, surfaces and correlations");
			progress.progress(step++ / (double) steps);
			LabelVolume v = volumes.get(k);
			double[] f = PhaseFractions.of(v);
			SurfaceArea.Result sa = SurfaceArea.of(v);
			for (int p : phases) {
				put(values, new Statistic(CompareReport.PHASE_FRACTION, p, "all"), n, k, f[p]);
				put(values, new Statistic(CompareReport.SURFACE_AREA, p, "all"), n, k, sa.specificSurfaceArea(p));
			}
			if (phases.length >= 3) put(values, new Statistic(CompareReport.TPB, CompareReport.ALL_PHASES, "all"), n, k,
				TriplePhaseBoundary.lengthDensityEstimate(v));
			for (int p : phases)
				for (Axis a : Axis.values())
					s2.computeIfAbsent(new Statistic("S2", p, a.label()), key -> new double[n][])[k] =
						TwoPointCorrelation
							.along(v, p, a, maxR, opt.boundary);
		}
		if (opt.diffusion) for (int p : phases)
			for (Axis a : Axis.values())
				for (int k = 0; k < n; k++) {
					progress.status("volume " + (k + 1) + "/" + n + ": diffusion in phase " + p + " along " +
						a.label());
					double from = step++ / (double) steps;
					DiffusionResult r = opt.solver.progress(progress.range(from, step / (double) steps)).solve(volumes
						.get(k),
						p, a);
					put(values, new Statistic(CompareReport.DIFFUSIVITY, p, a.label()), n, k, r.relativeDiffusivity);
					put(values, new Statistic(CompareReport.TORTUOSITY, p, a.label()), n, k, r.tortuosity);
				}
		progress.progress(1);
		return new VolumeSetStatistics(phases.clone(), n, maxR, Collections.unmodifiableMap(values), Collections
			.unmodifiableMap(s2));
	}

	private static void put(Map<Statistic, double[]> values, Statistic s, int n, int k, double v) {
		values.computeIfAbsent(s, key -> new double[n])[k] = v;
	}

	/** The scalar statistics, in a fixed order (fractions, surfaces, TPB, diffusivity and tortuosity). */
	public List<Statistic> statistics() {
		List<Statistic> order = new ArrayList<>();
		for (String metric : new String[] { CompareReport.PHASE_FRACTION, CompareReport.SURFACE_AREA, CompareReport.TPB,
			CompareReport.DIFFUSIVITY, CompareReport.TORTUOSITY })
			for (Statistic s : values.keySet())
				if (s.metric.equals(metric)) order.add(s);
		return order;
	}

	/** Per-volume values of a statistic (null when not computed). */
	public double[] values(Statistic s) {
		double[] v = values.get(s);
		return v == null ? null : v.clone();
	}

	/** Mean over the volumes with a finite value (a tortuosity is infinite where the phase does not percolate). */
	public double mean(Statistic s) {
		return Stats.mean(finite(values.get(s)));
	}

	/** Sample sd over the volumes with a finite value. */
	public double sd(Statistic s) {
		return Stats.sd(finite(values.get(s)));
	}

	/** How many volumes have a finite value. */
	public int finiteCount(Statistic s) {
		return finite(values.get(s)).length;
	}

	/** S₂(r), r = 0..maxR, of one label along one axis, averaged over the volumes. */
	public double[] s2Mean(int phase, Axis axis) {
		double[][] curves = s2.get(new Statistic("S2", phase, axis.label()));
		if (curves == null) throw new IllegalArgumentException("no S2 for phase " + phase);
		double[] mean = new double[maxR + 1];
		for (double[] c : curves)
			for (int r = 0; r <= maxR; r++)
				mean[r] += c[r] / curves.length;
		return mean;
	}

	private static double[] finite(double[] v) {
		if (v == null) throw new IllegalArgumentException("statistic not computed");
		return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
	}
}
