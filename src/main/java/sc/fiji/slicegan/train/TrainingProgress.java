package sc.fiji.slicegan.train;

/** What a training listener learns after each generator step. Losses are those of the iteration's last steps. */
public final class TrainingProgress {

	public final long iteration, totalIterations;
	/** mean D(real) and mean D(fake), summed over the three axes. */
	public final double criticReal, criticFake;
	/** The gradient penalty (already times λ). */
	public final double penalty;
	/** The generator's loss −Σ mean D(G(z)). */
	public final double generatorLoss;
	public final long elapsedMillis, remainingMillis;
	/**
	 * Wall time of this iteration's critic steps (all n_D of them) and of its generator step. A GPU backend queues
	 * the work, so there the first is the time to issue the critic steps and the second includes waiting for the
	 * GPU to finish the iteration.
	 */
	public final double criticMillis, generatorMillis;

	public TrainingProgress(long iteration, long totalIterations, double criticReal, double criticFake,
		double penalty, double generatorLoss, long elapsedMillis, long remainingMillis, double criticMillis,
		double generatorMillis)
	{
		this.criticMillis = criticMillis;
		this.generatorMillis = generatorMillis;
		this.iteration = iteration;
		this.totalIterations = totalIterations;
		this.criticReal = criticReal;
		this.criticFake = criticFake;
		this.penalty = penalty;
		this.generatorLoss = generatorLoss;
		this.elapsedMillis = elapsedMillis;
		this.remainingMillis = remainingMillis;
	}

	/** The critics' estimate of the Wasserstein distance between real and generated slices. */
	public double wasserstein() {
		return criticReal - criticFake;
	}

	/** Iterations done out of the run's total, 0..1. */
	public double fraction() {
		return totalIterations <= 0 ? 1 : (double) iteration / totalIterations;
	}

	public boolean finite() {
		return Double.isFinite(criticReal) && Double.isFinite(criticFake) && Double.isFinite(penalty) && Double
			.isFinite(generatorLoss);
	}

	@Override
	public String toString() {
		return String.format("iteration %d/%d  D(real) %.4f  D(fake) %.4f  W %.4f  GP %.4f  G %.4f  elapsed %s  ETA %s",
			iteration, totalIterations, criticReal, criticFake, wasserstein(), penalty, generatorLoss, clock(
				elapsedMillis), clock(remainingMillis));
	}

	public static String clock(long ms) {
		long s = Math.max(0, ms) / 1000;
		return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s /
			60, s % 60);
	}
}
