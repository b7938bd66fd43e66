package sc.fiji.slicegan.train;

import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.model.TrainingConfig;

/**
 * Training produced non-finite losses. The message names the likely cause, read from the losses before and at the
 * failure and from the settings, and what to change.
 */
public final class TrainingDiverged extends BadInputException {

	private static final long serialVersionUID = 1L;

	public final long iteration;

	TrainingDiverged(TrainingProgress bad, TrainingProgress before, TrainingConfig c) {
		super("Training diverged at iteration " + bad.iteration + " (" + bad + "): " + cause(bad, before, c) + ".");
		this.iteration = bad.iteration;
	}

	static String cause(TrainingProgress bad, TrainingProgress before, TrainingConfig c) {
		double scores = before == null ? 0 : Math.max(Math.abs(before.criticReal), Math.abs(before.criticFake));
		boolean penaltyFirst = !Double.isFinite(bad.penalty) && Double.isFinite(bad.criticReal) && Double.isFinite(
			bad.criticFake);
		if (c.lambda > 1000 || penaltyFirst && before != null && before.penalty > 1e4) return String.format(Locale.ROOT,
			"the gradient penalty overflowed (λ = %s); use λ near 10, as in the paper", num(c.lambda));
		if (c.learningRate > 1e-2) return String.format(Locale.ROOT,
			"the learning rate %s is too high for Adam here; " +
				"try 1e-4 (the paper's) to 1e-3", num(c.learningRate));
		if (scores > 1e4) return String.format(Locale.ROOT, "the critic's scores had grown to %.3g before it; lower " +
			"the learning rate (%s), or raise λ (%s), which keeps the critic's slope near 1", scores, num(
				c.learningRate), num(c.lambda));
		if (c.lambda < 0.1) return String.format(Locale.ROOT,
			"with λ = %s the critic is barely held to a slope of 1; " +
				"use λ near 10", num(c.lambda));
		if (c.beta2 < 0.9) return String.format(Locale.ROOT, "Adam's β₂ = %s makes its steps erratic; use 0.99",
			num(c.beta2));
		return String.format(Locale.ROOT, "lower the learning rate (%s)", num(c.learningRate));
	}

	private static String num(double v) {
		return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+($|e)", "$1");
	}
}
