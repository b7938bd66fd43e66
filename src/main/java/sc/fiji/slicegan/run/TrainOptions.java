package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.run.Option.Kind;
import sc.fiji.slicegan.run.Option.Scope;

/** The training options (Algorithm 1's settings, the images, the model file, resume), defined once. */
public final class TrainOptions {

	private TrainOptions() {}

	private static final TrainingConfig DEFAULTS = new TrainingConfig();

	public static final Option IMAGE = Option.path("image", Kind.IMAGE,
		"the training image: the plane normal to z (alone, every plane; a Z-stack trains each axis on its own slices)")
		.required();
	public static final Option IMAGE_Y = Option.path("image_y", Kind.IMAGE,
		"the plane normal to y (anisotropic material only; one image may serve y and x)");
	public static final Option IMAGE_X = Option.path("image_x", Kind.IMAGE,
		"the plane normal to x (anisotropic material only)");
	public static final Option DATA_TYPE = Option.choice("data_type", "auto", Arrays.asList("auto", "n-phase",
		"grayscale", "colour"), "auto: RGB is colour, up to 10 grey values n-phase, else grayscale").alias("type");
	public static final Option NETWORK = Option.choice("network", "table1", NetSpec.PRESETS,
		"table1: the paper's networks, 64³ volumes; small: 32³, for quick CPU runs; small-rc: 32³ with the " +
			"resize-convolution generator; small-rc-wide: small-rc at twice the width, the CPU preset; rc: the published code's resize-convolution generator, 64³")
		.alias("net").givenWhenShown();
	public static final Option ITERATIONS = Option.integer("iterations", DEFAULTS.iterations, 1, 100_000_000,
		"generator steps (with resume: how many more)");
	public static final Option CRITIC_BATCH = Option.integer("critic_batch", DEFAULTS.criticBatch, 1, 1_000_000,
		"m_D: volumes generated per critic step");
	public static final Option GENERATOR_BATCH = Option.integer("generator_batch", DEFAULTS.generatorBatch, 1,
		1_000_000,
		"m_G: volumes generated per generator step (schedule paper: 2·m_D unless given)");
	public static final Option CRITIC_STEPS = Option.integer("critic_steps", DEFAULTS.criticSteps, 1, 1000,
		"n_D: critic steps per generator step");
	public static final Option REAL_CROPS = Option.integer("real_crops", DEFAULTS.realPerAxis, 0, 1_000_000_000,
		"real crops per axis and critic step (0: the schedule's, m_D for reference, m_D·l for paper)").alias(
			"real-per-axis");
	public static final Option LEARNING_RATE = Option.number("learning_rate", DEFAULTS.learningRate, 1e-12, 0.999999,
		"Adam's learning rate").alias("lr");
	public static final Option SEED = Option.longInteger("seed", DEFAULTS.seed, "seed of every random number of " +
		"the run (weights, noise, crops)");
	public static final Option BACKEND = CommonOptions.BACKEND;
	public static final Option MODEL_FILE = Option.path("model_file", Kind.SAVE_FILE, "where to save the model " +
		"(.zip)").required().alias("model");
	public static final Option SCHEDULE = Option.choice("schedule", DEFAULTS.schedule, Arrays.asList(
		TrainingConfig.PAPER, TrainingConfig.REFERENCE), "paper: Algorithm 1 as printed (one critic step on the sum " +
			"over the axes, m_D·l real crops, random penalty samples, m_G 2·m_D unless given); reference: the published code " +
			"(a critic step per axis, m_D real crops, the penalty on the first slices)").advanced();
	public static final Option INIT = Option.choice("init", DEFAULTS.init, Arrays.asList("normal", "pytorch"),
		"initial weights: normal (N(0, 0.02), SliceGAN's weights_init) or pytorch (PyTorch's defaults, which the " +
			"published code trains from)").advanced();
	public static final Option LAMBDA = Option.number("lambda", DEFAULTS.lambda, 0, 1e6, "λ: gradient-penalty weight")
		.advanced();
	public static final Option BETA1 = Option.number("beta1", DEFAULTS.beta1, 0, 0.999999, "Adam's β₁").advanced();
	public static final Option BETA2 = Option.number("beta2", DEFAULTS.beta2, 0, 0.999999, "Adam's β₂").advanced();
	public static final Option PENALTY_SAMPLES = Option.integer("penalty_samples", DEFAULTS.penaltyPerAxis, 0,
		1_000_000, "gradient-penalty samples per axis, drawn at random across volumes and depths (0: m_D)")
		.advanced().alias("penalty-per-axis");
	public static final Option CHECKPOINT_EVERY = Option.integer("checkpoint_every", DEFAULTS.checkpointEvery, 0,
		100_000_000, "save the model every this many iterations (0: only at the end)").advanced();
	public static final Option RESUME = Option.path("resume", Kind.FILE, "a model to continue (its iteration count " +
		"and optimiser state) for the given iterations more; empty: a new model").advanced();
	public static final Option VOLUME_EDGE = Option.integer("volume_edge", 64, 1, 4096,
		"edge of the volume generated when training ends").only(Scope.FIJI);
	public static final Option FIDELITY_EVERY = Option.integer("fidelity_every", 30, 0, 1_000_000, "seconds of " +
		"training between two measurements of the structure's statistics (phase fractions, surface areas, S2 of a few " +
		"generated volumes against the image; 0: none)").advanced();
	public static final Option STOP_WHEN_CONVERGED = Option.flag("stop_when_converged", "stop when the structure's " +
		"statistics have not improved for the patience").advanced();
	public static final Option PATIENCE = Option.number("patience", 10, 0.1, 1e6, "minutes of training without " +
		"improvement after which stop_when_converged stops").advanced();
	public static final Option OVERWRITE = CommonOptions.OVERWRITE;
	public static final Option LOG_EVERY = Option.integer("log_every", 1, 1, 100_000_000,
		"print a progress line every this many iterations").only(Scope.COMMAND_LINE);

	public static final List<Option> ALL = Collections.unmodifiableList(Arrays.asList(IMAGE, IMAGE_Y, IMAGE_X,
		DATA_TYPE, NETWORK, ITERATIONS, CRITIC_BATCH, GENERATOR_BATCH, CRITIC_STEPS, REAL_CROPS, LEARNING_RATE, SEED,
		BACKEND, MODEL_FILE, VOLUME_EDGE, SCHEDULE, INIT, LAMBDA, BETA1, BETA2, PENALTY_SAMPLES, CHECKPOINT_EVERY,
		RESUME,
		FIDELITY_EVERY, STOP_WHEN_CONVERGED, PATIENCE, OVERWRITE, LOG_EVERY));

	/** How an option sets a field of Algorithm 1's settings, and reads it back. */
	private static final class ConfigField {
		final Option option;
		final Function<TrainingConfig, Object> get;
		final BiConsumer<TrainingConfig, OptionValues> set;
		/** Whether a resumed run must keep the model's value. */
		final boolean fixedByModel;

		ConfigField(Option option, Function<TrainingConfig, Object> get, BiConsumer<TrainingConfig, OptionValues> set,
			boolean fixedByModel)
		{
			this.option = option;
			this.get = get;
			this.set = set;
			this.fixedByModel = fixedByModel;
		}
	}

	private static final List<ConfigField> CONFIG = Arrays.asList( //
		new ConfigField(ITERATIONS, c -> c.iterations, (c, v) -> c.iterations = v.integer(ITERATIONS), false),
		new ConfigField(CRITIC_BATCH, c -> c.criticBatch, (c, v) -> c.criticBatch = v.integer(CRITIC_BATCH), true),
		new ConfigField(GENERATOR_BATCH, c -> c.generatorBatch, (c, v) -> c.generatorBatch = v.integer(GENERATOR_BATCH),
			true), //
		new ConfigField(CRITIC_STEPS, c -> c.criticSteps, (c, v) -> c.criticSteps = v.integer(CRITIC_STEPS), true),
		new ConfigField(REAL_CROPS, c -> c.realPerAxis, (c, v) -> c.realPerAxis = v.integer(REAL_CROPS), true),
		new ConfigField(LEARNING_RATE, c -> c.learningRate, (c, v) -> c.learningRate = v.number(LEARNING_RATE), true),
		new ConfigField(SEED, c -> c.seed, (c, v) -> c.seed = v.longValue(SEED), true), //
		new ConfigField(SCHEDULE, c -> c.schedule, (c, v) -> c.schedule = v.text(SCHEDULE), true), //
		new ConfigField(INIT, c -> c.init, (c, v) -> c.init = v.text(INIT), true), //
		new ConfigField(LAMBDA, c -> c.lambda, (c, v) -> c.lambda = v.number(LAMBDA), true), //
		new ConfigField(BETA1, c -> c.beta1, (c, v) -> c.beta1 = v.number(BETA1), true), //
		new ConfigField(BETA2, c -> c.beta2, (c, v) -> c.beta2 = v.number(BETA2), true), //
		new ConfigField(PENALTY_SAMPLES, c -> c.penaltyPerAxis, (c, v) -> c.penaltyPerAxis = v.integer(PENALTY_SAMPLES),
			true), //
		new ConfigField(CHECKPOINT_EVERY, c -> c.checkpointEvery, (c, v) -> c.checkpointEvery = v.integer(
			CHECKPOINT_EVERY), false));

	/**
	 * The quick settings (the small resize-convolution network and {@link TrainingConfig#quick()}): a model a CPU
	 * trains in minutes. The demo, the CPU mode of the fidelity benchmark and Fiji's dialogs on a machine without a
	 * usable GPU use them.
	 */
	public static Map<Option, Object> quickSettings() {
		Map<Option, Object> m = new LinkedHashMap<>();
		m.put(NETWORK, QUICK_NETWORK);
		TrainingConfig quick = TrainingConfig.quick();
		for (ConfigField f : CONFIG)
			if (f.option != CHECKPOINT_EVERY) m.put(f.option, f.get.apply(quick));
		return m;
	}

	/**
	 * What a dialog proposes on this machine: without a usable GPU, the quick settings (a model a CPU trains in
	 * minutes); with one, the table's defaults (nothing to change).
	 */
	public static Map<Option, Object> proposals() {
		return Backends.gpuLikely() ? new LinkedHashMap<>() : quickSettings();
	}

	/**
	 * The CPU preset's network: on real materials the small resize-convolution generator matches the surface area
	 * that the small transposed one overshoots by 8–9 %, and at twice small-rc's width it halves the minority
	 * phase's diffusivity excess on the NMC cathode (README, "Fidelity on real materials").
	 */
	public static final String QUICK_NETWORK = "small-rc-wide";

	/** Whether a network preset trains in minutes on a CPU (the ones with 32³ training volumes). */
	public static boolean quickOnCpu(String network) {
		return NetSpec.preset(network, 2, Head.SOFTMAX).trainingEdge() <= 32;
	}

	/** Whether these options will train on the CPU (chosen, or auto without a usable GPU). */
	public static boolean onCpu(OptionValues v) {
		String b = v.text(BACKEND);
		return b.equals("cpu") || b.equals("auto") && !Backends.gpuLikely();
	}

	/** Sets the quick settings (see {@link #quickSettings}). */
	public static OptionValues quick(OptionValues v) {
		quickSettings().forEach(v::set);
		return v;
	}

	/** Algorithm 1's settings from the values and the defaults. */
	static TrainingConfig config(OptionValues v) {
		TrainingConfig c = new TrainingConfig();
		for (ConfigField f : CONFIG)
			f.set.accept(c, v);
		if (!v.given(GENERATOR_BATCH)) c.generatorBatch = c.scheduleGeneratorBatch();
		return c.validate();
	}

	/**
	 * A resumed model's settings, with the iterations (more) and checkpoint interval from the values. Options given
	 * that would change what the model keeps are named, with the model's value.
	 */
	static TrainingConfig resumed(TrainingConfig model, OptionValues v, List<String> conflicts) {
		TrainingConfig c = model.copy();
		for (ConfigField f : CONFIG) {
			if (!f.fixedByModel) f.set.accept(c, v);
			else if (v.given(f.option)) {
				TrainingConfig asked = new TrainingConfig();
				f.set.accept(asked, v);
				Object want = f.get.apply(asked), have = f.get.apply(model);
				if (!want.equals(have)) conflicts.add(v.name(f.option) + " " + want + " (the model has " + have + ")");
			}
		}
		return c.validate();
	}
}
