package sc.fiji.slicegan.train;

import java.util.Random;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Critic;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * SliceGAN's training loop (Algorithm 1): per iteration, n_D critic steps on m_D generated volumes sliced along
 * x, y and z against as many random real crops, then one generator step on m_G volumes. Random numbers for
 * iteration i come from (seed, i) alone, so a resumed run continues exactly as an uninterrupted one would. The
 * trainer writes no files: whoever runs it saves {@link #snapshot}s (checkpoints) and the result.
 */
public final class Trainer implements AutoCloseable {

	private final Backend backend;
	private final TrainingData data;
	private final TrainingConfig config;
	private final Networks nets;
	private final ModelState model;
	private final int edge;

	/** A new model. */
	public Trainer(Backend backend, TrainingData data, NetSpec spec, TrainingConfig config) {
		this(backend, data, spec, config, null);
	}

	/** Continues the model in {@code resumeFrom} (networks, optimisers and iteration count) for more iterations. */
	public static Trainer resume(Backend backend, TrainingData data, ModelState resumeFrom, int moreIterations) {
		if (resumeFrom.kind != data.kind || (data.phases != null && !java.util.Arrays.equals(data.phases.values(),
			resumeFrom.phaseValues))) throw new BadInputException("The model was trained on " + describe(resumeFrom) +
				" data, but the image is " + data.describe() + ": resume with the image it was trained on.");
		TrainingConfig c = resumeFrom.config.copy();
		c.iterations = (int) resumeFrom.iteration + moreIterations;
		return new Trainer(backend, data, resumeFrom.spec, c, resumeFrom);
	}

	private static String describe(ModelState m) {
		return m.kind.label() + (m.phaseValues != null ? " " + java.util.Arrays
			.toString(m.phaseValues) : "");
	}

	private Trainer(Backend backend, TrainingData data, NetSpec spec, TrainingConfig config, ModelState resume) {
		spec.validate();
		config.validate();
		if (spec.channels != data.channels) throw new BadInputException("The network has " + spec.channels +
			" channels but the data has " + data.channels + " (" + data.describe() + ").");
		if ((spec.head == Head.SOFTMAX) != (data.kind == ImageKind.N_PHASE)) throw new BadInputException(
			"The network's output (" + spec.head + ") does not suit " + data.describe() + " data.");
		this.backend = backend;
		this.data = data;
		this.config = config;
		this.edge = spec.trainingEdge();
		int[] criticOfAxis = { data.sourceOfAxis(0), data.sourceOfAxis(1), data.sourceOfAxis(2) };
		if (resume != null && !java.util.Arrays.equals(criticOfAxis, resume.criticOfAxis)) throw new BadInputException(
			"The model has " + resume.criticCount() + " critic(s) for its axes; resume it with the same arrangement " +
				"of training images.");
		nets = new Networks(backend, spec, criticOfAxis, config);
		model = new ModelState();
		model.kind = data.kind;
		model.phaseValues = data.phases == null ? null : data.phases.values();
		model.config = config;
		if (resume != null) {
			nets.loadFrom(resume, true);
			model.iteration = resume.iteration;
			model.pixelSize = resume.pixelSize;
			model.unit = resume.unit;
			model.source = resume.source;
			model.fidelity.addAll(resume.fidelity);
		}
		else nets.initialise(config.seed);
	}

	/** Calibration and provenance of the training image, stored in the model for the generated stacks. */
	public Trainer describeSource(String source, double pixelSize, String unit) {
		model.source = source;
		model.pixelSize = pixelSize > 0 && Double.isFinite(pixelSize) ? pixelSize : 1;
		model.unit = unit == null || unit.isEmpty() ? "pixel" : unit;
		return this;
	}

	public long iteration() {
		return model.iteration;
	}

	/** The outcome of {@link #train}. */
	public static final class Result {
		public final ModelState model;
		public final boolean cancelled;
		public final TrainingProgress last;

		Result(ModelState model, boolean cancelled, TrainingProgress last) {
			this.model = model;
			this.cancelled = cancelled;
			this.last = last;
		}
	}

	/**
	 * Trains up to {@code config.iterations} (counting iterations done before a resume), or until the listener says
	 * it is cancelled (checked after every critic step).
	 */
	public Result train(TrainingListener listener) {
		NetSpec spec = nets.spec;
		int md = config.criticBatch, mg = config.generatorBatch;
		int fakeSlices = md * edge;
		int realN = config.realPerAxis(edge);
		int gpN = Math.min(config.penaltyPerAxis(), Math.min(realN, fakeSlices));
		listener.log("Training on " + backend.name() + ": " + data.describe() + "; " + spec + "; m_D " + md +
			", m_G " + mg + ", n_D " + config.criticSteps + ", " + realN + " real crops and " + gpN +
			" penalty samples per axis");
		TrainingProgress last = null;
		boolean cancelled = false;
		AxisGroups groups = nets.groups;
		boolean reference = config.referenceSchedule();
		try (RealSampler sampler = new RealSampler(backend, data, edge); CriticObjective lossD = new CriticObjective(
			backend, nets.critics, groups); CriticObjective lossByAxis = new CriticObjective(backend,
				criticOfEachAxis(),
				AxisGroups.eachAxis()); GeneratorObjective lossG = new GeneratorObjective(backend, nets.generator,
					nets.critics, groups); Tensor zD = backend.allocate(nets.generator.latentShape(md,
						spec.latentSize));
			Tensor zG = backend.allocate(nets.generator.latentShape(mg, spec.latentSize)); Tensor acc = backend
				.allocate(
					CriticObjective.TERMS + 1); Tensor criticTerms = backend.rows(acc, 0, CriticObjective.TERMS);
			Tensor generatorTerm = backend.rows(acc, CriticObjective.TERMS, 1))
		{
			Tensor[] real = new Tensor[groups.critics()], realOfAxis = new Tensor[3];
			double[] terms = new double[CriticObjective.TERMS + 1];
			try {
				for (int c = 0; c < real.length; c++)
					real[c] = backend.allocate(groups.axes(c).length * realN, spec.channels, edge, edge);
				for (int a = 0; a < 3; a++)
					realOfAxis[a] = backend.rows(real[groups.criticOf(a)], groups.positionOf(a) * realN, realN);
				long start = System.currentTimeMillis();
				long first = model.iteration;
				while (model.iteration < config.iterations && !cancelled) {
					Random rng = new Random(config.seed * 0x9E3779B97F4A7C15L + model.iteration);
					long t0 = System.nanoTime();
					// the steps queue their work and keep the losses on the backend; one read at the end of the iteration
					for (int t = 0; t < config.criticSteps && !cancelled; t++) {
						normal(zD, rng);
						int[][] idx = new int[3][gpN];
						double[][] eps = new double[3][gpN];
						for (int a = 0; a < 3; a++) {
							sampler.sample(a, rng, realOfAxis[a]);
							for (int i = 0; i < gpN; i++) {
								// the published loop mixes the first slices of the first volume; Algorithm 1, any
								idx[a][i] = reference ? i : rng.nextInt(fakeSlices);
								eps[a][i] = rng.nextDouble();
							}
						}
						backend.fill(criticTerms, 0);
						Tensor fake = nets.generator.forward(zD, true);
						if (reference) {
							// a critic step after each axis, on that axis's loss
							for (int a = 0; a < 3; a++) {
								lossByAxis.evaluate(a, fake, realOfAxis, idx, eps, config.lambda, acc, 0);
								nets.criticOptimizers[groups.criticOf(a)].step(nets.critics[groups.criticOf(a)]
									.params());
							}
						}
						else {
							lossD.evaluate(fake, real, idx, eps, config.lambda, acc, 0);
							for (int c = 0; c < nets.critics.length; c++)
								nets.criticOptimizers[c].step(nets.critics[c].params());
						}
						cancelled = listener.isCancelled();
					}
					if (cancelled) break;
					long t1 = System.nanoTime();
					normal(zG, rng);
					backend.fill(generatorTerm, 0);
					lossG.evaluate(zG, acc, CriticObjective.TERMS);
					nets.generatorOptimizer.step(nets.generator.params());
					backend.download(acc, terms);
					long t2 = System.nanoTime();
					CriticObjective.Result r = CriticObjective.Result.of(terms, 0);
					double g = terms[CriticObjective.TERMS];
					model.iteration++;
					long elapsed = System.currentTimeMillis() - start;
					long done = model.iteration - first;
					TrainingProgress progress = new TrainingProgress(model.iteration, config.iterations, r.meanReal,
						r.meanFake, r.penalty, g, elapsed, elapsed * (config.iterations - model.iteration) / done, (t1 -
							t0) /
							1e6, (t2 - t1) / 1e6);
					if (!progress.finite()) throw new TrainingDiverged(progress, last, config);
					last = progress;
					listener.iterationDone(last);
					cancelled = listener.isCancelled();
				}
			}
			finally {
				for (Tensor t : realOfAxis)
					if (t != null) t.close();
				for (Tensor t : real)
					if (t != null) t.close();
			}
		}
		if (cancelled) listener.log("Training stopped at iteration " + model.iteration + " on request.");
		nets.saveTo(model);
		return new Result(model, cancelled, last);
	}

	/** The critic of each axis, in axis order (one critic may judge several). */
	private Critic[] criticOfEachAxis() {
		return new Critic[] { nets.critics[nets.groups.criticOf(0)], nets.critics[nets.groups.criticOf(1)],
			nets.critics[nets.groups.criticOf(2)] };
	}

	/** The current state (networks and optimisers) as a model, without writing a file. */
	public ModelState snapshot() {
		nets.saveTo(model);
		return model;
	}

	private void normal(Tensor z, Random rng) {
		float[] v = new float[(int) z.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) rng.nextGaussian();
		backend.upload(v, z);
	}

	@Override
	public void close() {
		nets.close();
	}
}
