package sc.fiji.slicegan.run;

import sc.fiji.slicegan.model.FidelityPoint;

/**
 * Whether the structure's statistics stopped improving: none of them has come within 3 % of a new best for a set
 * training time. (Two volumes are a noisy sample: smaller changes are not improvements.)
 */
final class Convergence {

	private static final double IMPROVEMENT = 0.97;

	private final double patienceSeconds;
	private double bestFraction = Double.POSITIVE_INFINITY, bestSurface = Double.POSITIVE_INFINITY,
		bestS2 = Double.POSITIVE_INFINITY;
	private double lastImprovement;

	Convergence(double patienceSeconds) {
		this.patienceSeconds = patienceSeconds;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%.1f minutes of training", patienceSeconds / 60);
	}

	/** Takes a measurement; true when the statistics have not improved for the patience. */
	boolean converged(FidelityPoint p) {
		boolean better = false;
		if (p.phaseFraction < bestFraction * IMPROVEMENT) {
			bestFraction = p.phaseFraction;
			better = true;
		}
		if (p.surfaceArea < bestSurface * IMPROVEMENT) {
			bestSurface = p.surfaceArea;
			better = true;
		}
		if (p.s2 < bestS2 * IMPROVEMENT) {
			bestS2 = p.s2;
			better = true;
		}
		if (better) lastImprovement = p.seconds;
		return p.seconds - lastImprovement >= patienceSeconds;
	}
}
