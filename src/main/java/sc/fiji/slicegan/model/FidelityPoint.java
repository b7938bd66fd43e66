package sc.fiji.slicegan.model;

import java.util.Locale;

/**
 * How close the generator's structure was to the training image's at one point of training: the statistics the
 * critic's loss does not show. Errors of generated volumes' slices against the training image(s).
 */
public final class FidelityPoint {

	/** The generator step, and the seconds of training, when it was measured. */
	public long iteration;
	public double seconds;
	/** Largest absolute difference of a phase's volume fraction. */
	public double phaseFraction;
	/** Largest relative difference of a phase's specific surface area. */
	public double surfaceArea;
	/** Root mean square difference of the two-point correlations, over phases, axes and distances. */
	public double s2;

	/** For reading model files. */
	private FidelityPoint() {}

	public FidelityPoint(long iteration, double seconds, double phaseFraction, double surfaceArea, double s2) {
		this.iteration = iteration;
		this.seconds = seconds;
		this.phaseFraction = phaseFraction;
		this.surfaceArea = surfaceArea;
		this.s2 = s2;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
			"fidelity at iteration %d: phase fraction off by %.4f, surface area by %.1f %%, " +
				"S2 RMSE %.4f", iteration, phaseFraction, 100 * surfaceArea, s2);
	}
}
