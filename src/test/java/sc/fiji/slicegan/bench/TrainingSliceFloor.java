package sc.fiji.slicegan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.VolumeSetComparison;
import sc.fiji.slicegan.compare.VolumeSetStatistics;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.metrics.PhaseFractions;
import sc.fiji.slicegan.metrics.TwoPointCorrelation;

/**
 * What one training slice can teach: its own phase fractions and S₂ along x and y against the real crops'. A
 * generator that reproduced the slice's statistics exactly would still miss the volume by this much, so the real
 * crops' targets are read against it; and the generated volumes' S₂ along x and y against the slice's own says how
 * well the generator learned what it was shown.
 */
final class TrainingSliceFloor {
	private static final Axis[] IN_PLANE = { Axis.X, Axis.Y };

	private final int[] phases, values;
	private final int maxR;
	private final double[] fraction;
	/** S₂ of the slice, [phase index][x, y][r]. */
	private final double[][][] s2;

	TrainingSliceFloor(LabelVolume slice, int[] phases, int[] values, int maxR) {
		if (!slice.is2D()) throw new IllegalArgumentException("the training slice must be 2D: " + slice);
		this.phases = phases.clone();
		this.values = values.clone();
		this.maxR = maxR;
		double[] f = PhaseFractions.of(slice);
		fraction = new double[phases.length];
		s2 = new double[phases.length][IN_PLANE.length][];
		for (int i = 0; i < phases.length; i++) {
			fraction[i] = f[phases[i]];
			for (int a = 0; a < IN_PLANE.length; a++)
				s2[i][a] = TwoPointCorrelation.along(slice, phases[i], IN_PLANE[a], maxR,
					TwoPointCorrelation.Boundary.NON_PERIODIC);
		}
	}

	/** The slice against the real crops: fractions (Δ, in real sd) and S₂ RMSE along x and y. */
	String table(VolumeSetStatistics real) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < phases.length; i++) {
			VolumeSetStatistics.Statistic f = new VolumeSetStatistics.Statistic(CompareReport.PHASE_FRACTION,
				phases[i], "all");
			double d = fraction[i] - real.mean(f);
			b.append(String.format(Locale.ROOT, "phase %-4d fraction %.4f vs %.4f ± %.4f (%+.4f, %+.2f sd); " +
				"S2 RMSE x %.4f, y %.4f%n", values[phases[i]], fraction[i], real.mean(f), real.sd(f), d, d / real.sd(
					f), rmse(i, 0, real), rmse(i, 1, real)));
		}
		return b.toString();
	}

	/** The generated volumes' S₂ along x and y against the slice's own, one line. */
	String generatedAgainstSlice(VolumeSetStatistics generated) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < phases.length; i++)
			parts.add(String.format(Locale.ROOT, "[%d] x %.4f, y %.4f", values[phases[i]], rmse(i, 0, generated), rmse(
				i, 1, generated)));
		return "S2 RMSE against the training slice (what the generator was shown): " + String.join("; ", parts);
	}

	/** The mean S₂ RMSE of the slice against the real crops over the phases and in-plane axes. */
	double meanRmse(VolumeSetStatistics real) {
		double s = 0;
		for (int i = 0; i < phases.length; i++)
			for (int a = 0; a < IN_PLANE.length; a++)
				s += rmse(i, a, real);
		return s / (phases.length * IN_PLANE.length);
	}

	private double rmse(int phase, int axis, VolumeSetStatistics other) {
		return VolumeSetComparison.rmse(s2[phase][axis], other.s2Mean(phases[phase], IN_PLANE[axis]), Math.min(maxR,
			other.maxR));
	}
}
