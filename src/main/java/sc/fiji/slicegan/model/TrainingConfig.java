package sc.fiji.slicegan.model;

import sc.fiji.slicegan.BadInputException;

/**
 * Algorithm 1's settings. Defaults: the paper's networks and Adam settings, with the published code's loop (schedule
 * "reference", m_G 8), which gave volumes closer to real materials than the loop as printed (README, "Fidelity on real
 * materials").
 */
public final class TrainingConfig {

	/** Generator steps. */
	public int iterations = 1000;
	/** m_D: volumes generated per critic step. */
	public int criticBatch = 8;
	/** m_G: volumes generated per generator step (the published code's 8; the paper schedule's 2·m_D when not given). */
	public int generatorBatch = REFERENCE_GENERATOR_BATCH;
	/** n_D: critic steps per generator step. */
	public int criticSteps = 5;
	/** λ: gradient-penalty weight. */
	public double lambda = 10;
	public double learningRate = 1e-4;
	public double beta1 = 0.9;
	public double beta2 = 0.99;
	public long seed = 42;
	/** Real crops per axis and critic step; 0: the schedule's (m_D for reference, m_D·l, one per fake slice, for paper). */
	public int realPerAxis = 0;
	/** Gradient-penalty samples per axis and critic step, drawn at random across volumes and depths; 0 = m_D. */
	public int penaltyPerAxis = 0;
	/** Save the model every this many iterations (0: only at the end). */
	public int checkpointEvery = 100;
	/**
	 * How new networks are initialised: "normal" (SliceGAN's weights_init: N(0, 0.02) weights) or "pytorch" (PyTorch's
	 * default initialisation, from which the published code trains); see {@link sc.fiji.slicegan.nn.Init}.
	 */
	public String init = "normal";
	/**
	 * The order of the steps: "paper" (Algorithm 1 as printed: one critic step on the sum over the axes; m_D·l real
	 * crops per axis by default; penalty samples drawn across volumes and depths) or "reference" (the published code:
	 * a critic step after each axis, on that axis's loss; m_D real crops per axis; the penalty on the first slices of
	 * the first volume). Null in models saved before the choice existed: "paper".
	 */
	public String schedule = REFERENCE;

	public static final String PAPER = "paper", REFERENCE = "reference";
	/** m_G of the published code. */
	static final int REFERENCE_GENERATOR_BATCH = 8;

	/**
	 * The CPU preset, for the small networks (the demo, and Fiji's dialogs without a GPU): small batches and a faster
	 * Adam (lr 1e-3, β₁ 0.5) than the paper's, with the default loop. On real materials its statistics stop improving
	 * after 1000–2000 iterations and drift after that (README, "Fidelity on real materials"): 2000 take about 10
	 * minutes on 2 cores with the CPU preset's network.
	 */
	public static TrainingConfig quick() {
		TrainingConfig c = new TrainingConfig();
		c.iterations = 2000;
		c.criticBatch = 2;
		c.generatorBatch = 4;
		c.learningRate = 1e-3;
		c.beta1 = 0.5;
		return c;
	}

	/** Real crops per axis and critic step: as set, else one per fake slice (paper) or m_D (reference). */
	public int realPerAxis(int edge) {
		return realPerAxis > 0 ? realPerAxis : referenceSchedule() ? criticBatch : criticBatch * edge;
	}

	/** m_G when none is asked for: the published code's 8 (reference), the paper's 2·m_D (paper). */
	public int scheduleGeneratorBatch() {
		return referenceSchedule() ? REFERENCE_GENERATOR_BATCH : 2 * criticBatch;
	}

	public boolean referenceSchedule() {
		return REFERENCE.equals(schedule);
	}

	public int penaltyPerAxis() {
		return penaltyPerAxis > 0 ? penaltyPerAxis : criticBatch;
	}

	public TrainingConfig validate() {
		check(iterations >= 1, "iterations must be at least 1");
		check(criticBatch >= 1 && generatorBatch >= 1, "batch sizes must be at least 1");
		check(criticSteps >= 1, "critic steps per generator step must be at least 1");
		check(schedule == null || PAPER.equals(schedule) || REFERENCE.equals(schedule), "the schedule is " + PAPER +
			" or " + REFERENCE + ", not " + schedule);
		check(lambda >= 0, "the gradient-penalty weight must not be negative");
		check(learningRate > 0 && learningRate < 1, "the learning rate must be in (0, 1)");
		check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam's betas must be in [0, 1)");
		check(realPerAxis >= 0 && penaltyPerAxis >= 0 && checkpointEvery >= 0, "counts must not be negative");
		check("normal".equals(init) || "pytorch".equals(init),
			"the initialisation must be 'normal' or 'pytorch', not '" +
				init + "'");
		return this;
	}

	private static void check(boolean ok, String what) {
		if (!ok) throw new BadInputException("Training settings: " + what + ".");
	}

	public TrainingConfig copy() {
		TrainingConfig c = new TrainingConfig();
		c.iterations = iterations;
		c.criticBatch = criticBatch;
		c.generatorBatch = generatorBatch;
		c.criticSteps = criticSteps;
		c.lambda = lambda;
		c.learningRate = learningRate;
		c.beta1 = beta1;
		c.beta2 = beta2;
		c.seed = seed;
		c.realPerAxis = realPerAxis;
		c.penaltyPerAxis = penaltyPerAxis;
		c.checkpointEvery = checkpointEvery;
		c.init = init;
		c.schedule = schedule;
		return c;
	}
}
