package sc.fiji.slicegan.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

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
 * Real 2D section(s) against N generated 3D volumes: a table of mean ± sd per metric (per axis where
 * it applies), S₂ curves of the real sections vs each axis of the volumes, and per-volume values
 * for box plots. Diffusion exists only in 3D, so its rows have no real value (NaN).
 */
public final class CompareReport {
	public static final String PHASE_FRACTION = "phase fraction";
	public static final String SURFACE_AREA = "specific surface area S_V (isotropic estimate, 1/voxel)";
	public static final String INTERCEPTS = "interface intercepts P_L (1/voxel)";
	public static final String TPB = "TPB length L_V (isotropic estimate, 1/voxel^2)";
	public static final String DIFFUSIVITY = "relative diffusivity D_eff/D0";
	public static final String TORTUOSITY = "tortuosity factor tau";
	/** Phase value in rows that are not about one phase. */
	public static final int ALL_PHASES = -1;

	/** One table row; {@code axis} is "x", "y", "z" or "all". */
	public static final class Row {
		public final String metric;
		public final int phase;
		public final String axis;
		public final double real;
		public final double generatedMean;
		public final double generatedSd;
		public final int n;

		Row(String metric, int phase, String axis, double real, double[] generated) {
			this.metric = metric;
			this.phase = phase;
			this.axis = axis;
			this.real = real;
			this.generatedMean = Stats.mean(generated);
			this.generatedSd = Stats.sd(generated);
			this.n = generated.length;
		}
	}

	/** S₂(r) of one phase along one volume axis: real sections vs generated volumes. */
	public static final class Curve {
		public final int phase;
		public final Axis axis;
		/** NaN where no real section has lines along the axis. */
		public final double[] real;
		public final double[] generatedMean;
		public final double[] generatedSd;

		Curve(int phase, Axis axis, double[] real, double[] mean, double[] sd) {
			this.phase = phase;
			this.axis = axis;
			this.real = real;
			this.generatedMean = mean;
			this.generatedSd = sd;
		}
	}

	/** One value of one generated volume (box-plot data). */
	public static final class VolumeValue {
		public final int volume;
		public final String metric;
		public final int phase;
		public final String axis;
		public final double value;

		VolumeValue(int volume, String metric, int phase, String axis, double value) {
			this.volume = volume;
			this.metric = metric;
			this.phase = phase;
			this.axis = axis;
			this.value = value;
		}
	}

	/** What to compute. */
	public static final class Options {
		public TwoPointCorrelation.Boundary boundary = TwoPointCorrelation.Boundary.NON_PERIODIC;
		/** Largest S₂ distance; ≤ 0: half the shortest length compared along each axis. */
		public int maxR = 0;
		/** Phases for the diffusion solve; null: every phase present; empty: none. */
		public int[] diffusionPhases = null;
		/**
		 * The value each label stands for, reported in the rows, curves and {@link #phases} (labels are bytes; phases
		 * of 16-bit or signed images have other values); null: the labels themselves.
		 */
		public int[] phaseValues = null;
		/** Configured by the caller (tolerance, threads); the comparison gives it its progress. */
		public DiffusionSolver solver = new DiffusionSolver();
		/** Stages ("volume 2/5: diffusion in phase 1 along z"), 0..1 and cancel. */
		public Progress progress = Progress.NONE;

		int value(int label) {
			return phaseValues == null ? label : phaseValues[label];
		}
	}

	public final List<Row> rows;
	public final List<Curve> curves;
	public final List<VolumeValue> perVolume;
	public final int[] phases;
	public final TwoPointCorrelation.Boundary boundary;
	public final int volumes;

	private CompareReport(List<Row> rows, List<Curve> curves, List<VolumeValue> perVolume, int[] phases,
		TwoPointCorrelation.Boundary boundary, int volumes)
	{
		this.rows = Collections.unmodifiableList(rows);
		this.curves = Collections.unmodifiableList(curves);
		this.perVolume = Collections.unmodifiableList(perVolume);
		this.phases = phases;
		this.boundary = boundary;
		this.volumes = volumes;
	}

	/** Per-volume values of one metric and phase (and axis, or null for any), in volume order. */
	public double[] values(String metric, int phase, String axis) {
		return perVolume.stream()
			.filter(v -> v.metric.equals(metric) && v.phase == phase && (axis == null || v.axis.equals(axis)))
			.mapToDouble(v -> v.value).toArray();
	}

	public static CompareReport compute(List<RealSection> real, List<LabelVolume> generated, Options opt) {
		if (real.isEmpty() || generated.isEmpty())
			throw new IllegalArgumentException("need at least one real section and one generated volume");
		for (LabelVolume v : generated) {
			if (v.is2D()) throw new IllegalArgumentException("generated volumes must be 3D");
		}
		int[] phases = phasesOf(real, generated);
		int nv = generated.size();
		List<Row> rows = new ArrayList<>();
		List<VolumeValue> per = new ArrayList<>();

		// phase fractions and surface area: real mean over sections, generated per volume
		List<SurfaceArea.Result> realSa = new ArrayList<>();
		for (RealSection s : real)
			realSa.add(SurfaceArea.of(s.image));
		List<SurfaceArea.Result> genSa = new ArrayList<>();
		double[][] genFrac = new double[nv][];
		Progress progress = opt.progress;
		for (int k = 0; k < nv; k++) {
			progress.checkCancelled();
			progress.status("volume " + (k + 1) + "/" + nv + ": fractions and surfaces");
			progress.progress(SURFACES_END * k / nv);
			genSa.add(SurfaceArea.of(generated.get(k)));
			genFrac[k] = PhaseFractions.of(generated.get(k));
		}
		for (int p : phases) {
			double realF = real.stream().mapToDouble(s -> PhaseFractions.of(s.image, p)).average().orElse(Double.NaN);
			double[] g = new double[nv];
			for (int k = 0; k < nv; k++) {
				g[k] = genFrac[k][p];
				per.add(new VolumeValue(k, PHASE_FRACTION, opt.value(p), "all", g[k]));
			}
			rows.add(new Row(PHASE_FRACTION, opt.value(p), "all", realF, g));
		}
		for (int p : phases) {
			double realS = realSa.stream().mapToDouble(r -> r.specificSurfaceArea(p)).average().orElse(Double.NaN);
			double[] g = genSa.stream().mapToDouble(r -> r.specificSurfaceArea(p)).toArray();
			rows.add(new Row(SURFACE_AREA, opt.value(p), "all", realS, g));
			for (Axis a : Axis.values()) {
				double realP = realAlong(real, a, (s, imageAxis) -> SurfaceArea.of(s.image).intercepts(p, imageAxis));
				double[] ga = genSa.stream().mapToDouble(r -> r.intercepts(p, a)).toArray();
				rows.add(new Row(INTERCEPTS, opt.value(p), a.label(), realP, ga));
			}
		}
		if (phases.length >= 3) {
			double realT = real.stream().mapToDouble(s -> TriplePhaseBoundary.lengthDensityEstimate(s.image))
				.average().orElse(Double.NaN);
			double[] g = generated.stream().mapToDouble(TriplePhaseBoundary::lengthDensityEstimate).toArray();
			rows.add(new Row(TPB, ALL_PHASES, "all", realT, g));
		}

		List<Curve> curves = correlations(real, generated, phases, opt, progress.range(SURFACES_END, CORRELATIONS_END));

		int[] dPhases = opt.diffusionPhases == null ? phases : opt.diffusionPhases;
		int solves = dPhases.length * 3 * nv, solve = 0;
		for (int p : dPhases) {
			for (Axis a : Axis.values()) {
				double[] rel = new double[nv];
				double[] tau = new double[nv];
				for (int k = 0; k < nv; k++) {
					progress.status("volume " + (k + 1) + "/" + nv + ": diffusion in phase " + opt.value(p) +
						" along " + a.label());
					double from = CORRELATIONS_END + (1 - CORRELATIONS_END) * solve / solves;
					double to = CORRELATIONS_END + (1 - CORRELATIONS_END) * ++solve / solves;
					DiffusionResult r = opt.solver.progress(progress.range(from, to)).solve(generated.get(k), p, a);
					rel[k] = r.relativeDiffusivity;
					tau[k] = r.tortuosity;
					per.add(new VolumeValue(k, DIFFUSIVITY, opt.value(p), a.label(), rel[k]));
					per.add(new VolumeValue(k, TORTUOSITY, opt.value(p), a.label(), tau[k]));
				}
				rows.add(new Row(DIFFUSIVITY, opt.value(p), a.label(), Double.NaN, rel));
				rows.add(new Row(TORTUOSITY, opt.value(p), a.label(), Double.NaN, tau));
			}
		}
		progress.progress(1);
		int[] reported = new int[phases.length];
		for (int i = 0; i < phases.length; i++)
			reported[i] = opt.value(phases[i]);
		return new CompareReport(rows, curves, per, reported, opt.boundary, nv);
	}

	/** Where each stage ends in the comparison's progress: the diffusion solves take the rest. */
	private static final double SURFACES_END = 0.05, CORRELATIONS_END = 0.2;

	private interface SectionMetric {
		double of(RealSection s, Axis imageAxis);
	}

	/** Mean over the real sections that have lines along the volume axis (both image axes if isotropic). */
	private static double realAlong(List<RealSection> real, Axis volumeAxis, SectionMetric m) {
		double sum = 0;
		int count = 0;
		for (RealSection s : real) {
			if (!s.contains(volumeAxis)) continue;
			Axis ia = s.imageAxisAlong(volumeAxis);
			if (ia == null) sum += 0.5 * (m.of(s, Axis.X) + m.of(s, Axis.Y));
			else sum += m.of(s, ia);
			count++;
		}
		return count == 0 ? Double.NaN : sum / count;
	}

	private static List<Curve> correlations(List<RealSection> real, List<LabelVolume> generated, int[] phases,
		Options opt, Progress progress)
	{
		int largestR = opt.maxR;
		TwoPointCorrelation.Boundary boundary = opt.boundary;
		List<Curve> curves = new ArrayList<>();
		for (Axis a : Axis.values()) {
			int maxR = largestR > 0 ? largestR : Integer.MAX_VALUE;
			for (LabelVolume v : generated)
				maxR = Math.min(maxR, largestR > 0 ? v.size(a) - 1 : v.size(a) / 2);
			for (RealSection s : real) {
				if (!s.contains(a)) continue;
				Axis ia = s.imageAxisAlong(a);
				int len = ia == null ? Math.min(s.image.width, s.image.height) : s.image.size(ia);
				maxR = Math.min(maxR, largestR > 0 ? len - 1 : len / 2);
			}
			int r = maxR;
			for (int p : phases) {
				progress.checkCancelled();
				progress.status("two-point correlation of phase " + opt.value(p) + " along " + a.label());
				progress.progress(curves.size() / (3.0 * phases.length));
				double[] realCurve = new double[r + 1];
				boolean any = false;
				double[] sum = new double[r + 1];
				int count = 0;
				for (RealSection s : real) {
					if (!s.contains(a)) continue;
					Axis ia = s.imageAxisAlong(a);
					Axis[] along = ia == null ? new Axis[] { Axis.X, Axis.Y } : new Axis[] { ia };
					for (Axis x : along) {
						double[] c = TwoPointCorrelation.along(s.image, p, x, r, boundary);
						for (int i = 0; i <= r; i++)
							sum[i] += c[i] / along.length;
					}
					count++;
					any = true;
				}
				for (int i = 0; i <= r; i++)
					realCurve[i] = any ? sum[i] / count : Double.NaN;
				double[][] g = new double[generated.size()][];
				for (int k = 0; k < g.length; k++)
					g[k] = TwoPointCorrelation.along(generated.get(k), p, a, r, boundary);
				double[] mean = new double[r + 1];
				double[] sd = new double[r + 1];
				for (int i = 0; i <= r; i++) {
					double[] col = new double[g.length];
					for (int k = 0; k < g.length; k++)
						col[k] = g[k][i];
					mean[i] = Stats.mean(col);
					sd[i] = Stats.sd(col);
				}
				curves.add(new Curve(opt.value(p), a, realCurve, mean, sd));
			}
		}
		return curves;
	}

	private static int[] phasesOf(List<RealSection> real, List<LabelVolume> generated) {
		TreeSet<Integer> set = new TreeSet<>();
		for (RealSection s : real) {
			for (int l : s.image.labels())
				set.add(l);
		}
		for (LabelVolume v : generated) {
			for (int l : v.labels())
				set.add(l);
		}
		return set.stream().mapToInt(Integer::intValue).toArray();
	}
}
