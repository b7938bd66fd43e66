package sc.fiji.slicegan.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Adam;
import sc.fiji.slicegan.nn.Critic;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.Init;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.Param;

/** A generator, its critics (one per distinct training image) and their optimisers, on one backend. */
public final class Networks implements AutoCloseable {

	final Backend backend;
	final NetSpec spec;
	final Generator generator;
	final Critic[] critics;
	final int[] criticOfAxis;
	final AxisGroups groups;
	final Adam generatorOptimizer;
	final Adam[] criticOptimizers;
	/** How {@link #initialise(long)} draws the parameters (the training settings' choice). */
	private final Init init;

	public Networks(Backend backend, NetSpec spec, int[] criticOfAxis, TrainingConfig config) {
		this.backend = backend;
		this.spec = spec;
		this.criticOfAxis = criticOfAxis.clone();
		this.groups = new AxisGroups(criticOfAxis);
		int count = 0;
		for (int c : criticOfAxis)
			count = Math.max(count, c + 1);
		generator = new Generator(backend, spec);
		critics = new Critic[count];
		criticOptimizers = new Adam[count];
		for (int i = 0; i < count; i++) {
			critics[i] = new Critic(backend, spec, count == 1 ? "D" : "D" + i);
			criticOptimizers[i] = new Adam(backend, config.learningRate, config.beta1, config.beta2);
		}
		generatorOptimizer = new Adam(backend, config.learningRate, config.beta1, config.beta2);
		init = Init.of(config.init);
	}

	/** New parameters drawn from the seed, as the training settings' {@code init} says. */
	public void initialise(long seed) {
		initialise(seed, init);
	}

	/** New parameters drawn from the seed: the generator's, then each critic's. */
	public void initialise(long seed, Init init) {
		Random rng = new Random(seed);
		generator.initialise(rng, init);
		for (Critic d : critics)
			d.initialise(rng, init);
	}

	public Generator generator() {
		return generator;
	}

	private String optimizerName(int critic) {
		return critics.length == 1 ? "D" : "D" + critic;
	}

	/** Copies the networks and optimiser state into {@code m}. */
	public void saveTo(ModelState m) {
		m.spec = spec;
		m.criticOfAxis = criticOfAxis.clone();
		m.tensors.clear();
		m.shapes.clear();
		put(m, generator.state());
		for (Critic d : critics)
			put(m, d.state());
		for (Param p : allParams()) {
			put(m, "adam.m/" + p.name, p.firstMoment(backend));
			put(m, "adam.v/" + p.name, p.secondMoment(backend));
		}
		m.optimizerSteps.put("G", generatorOptimizer.steps());
		for (int i = 0; i < critics.length; i++)
			m.optimizerSteps.put(optimizerName(i), criticOptimizers[i].steps());
	}

	/** Restores networks (and, where present, optimiser state) from a model. */
	public void loadFrom(ModelState m, boolean withOptimizer) {
		get(m, generator.state());
		for (Critic d : critics)
			get(m, d.state());
		if (!withOptimizer) return;
		for (Param p : allParams()) {
			get(m, "adam.m/" + p.name, p.firstMoment(backend));
			get(m, "adam.v/" + p.name, p.secondMoment(backend));
		}
		generatorOptimizer.setSteps(m.optimizerSteps.getOrDefault("G", 0L));
		for (int i = 0; i < critics.length; i++)
			criticOptimizers[i].setSteps(m.optimizerSteps.getOrDefault(optimizerName(i), 0L));
	}

	private List<Param> allParams() {
		List<Param> all = new ArrayList<>(generator.params());
		for (Critic d : critics)
			all.addAll(d.params());
		return all;
	}

	private void put(ModelState m, Map<String, Tensor> state) {
		for (Map.Entry<String, Tensor> e : state.entrySet())
			put(m, e.getKey(), e.getValue());
	}

	private void put(ModelState m, String name, Tensor t) {
		float[] v = new float[(int) t.size()];
		backend.download(t, v);
		m.put(name, t.shape(), v);
	}

	private void get(ModelState m, Map<String, Tensor> state) {
		for (Map.Entry<String, Tensor> e : state.entrySet())
			get(m, e.getKey(), e.getValue());
	}

	private void get(ModelState m, String name, Tensor t) {
		float[] v = m.tensors.get(name);
		if (v == null || !java.util.Arrays.equals(m.shapes.get(name), t.shape())) throw new BadInputException(
			"The model file has no tensor '" + name + "' of shape " + Tensor.describe(t.shape()) + ": it does not " +
				"match its own network description (damaged file?).");
		backend.upload(v, t);
	}

	@Override
	public void close() {
		generator.close();
		for (Critic d : critics)
			d.close();
	}
}
