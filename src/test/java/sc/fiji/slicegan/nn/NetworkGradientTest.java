package sc.fiji.slicegan.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static sc.fiji.slicegan.nn.FiniteDifferences.download;
import static sc.fiji.slicegan.nn.FiniteDifferences.random;
import static sc.fiji.slicegan.nn.FiniteDifferences.relativeError;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.train.AxisGroups;
import sc.fiji.slicegan.train.CriticObjective;
import sc.fiji.slicegan.train.GeneratorObjective;
import sc.fiji.slicegan.train.ObjectiveValues;

/** The generator, the critic, the gradient penalty and both full losses against central differences (float64). */
class NetworkGradientTest {

	static final double TOLERANCE = 1e-5;
	/** Entries probed per parameter tensor: enough to catch a wrong formula, few enough for a quick suite. */
	static final int SAMPLES = 6;
	static Backend be;
	final Random rng = new Random(11);

	@BeforeAll
	static void open() {
		be = new Nd4jBackend(Precision.DOUBLE);
	}

	@AfterAll
	static void close() {
		be.close();
	}

	/** The gradients are read before any probe, since probing may add to them. */
	private void checkParams(String what, java.util.List<Param> params, DoubleSupplier loss) {
		java.util.List<double[]> analytic = new java.util.ArrayList<>();
		for (Param p : params)
			analytic.add(download(be, p.grad));
		for (int k = 0; k < params.size(); k++) {
			Param p = params.get(k);
			double err = relativeError(be, p.value, analytic.get(k), loss, SAMPLES, rng);
			assertTrue(err < TOLERANCE, what + " " + p.name + ": relative error " + err);
		}
	}

	@Test
	void generatorSoftmaxAndTanhHeads() {
		generatorWithBothHeads(false);
	}

	@Test
	void resizeConvolutionGeneratorSoftmaxAndTanhHeads() {
		generatorWithBothHeads(true);
	}

	private void generatorWithBothHeads(boolean rc) {
		for (Head head : Head.values()) {
			int channels = head == Head.SOFTMAX ? 3 : 1;
			NetSpec spec = rc ? TestNets.tinyRc(channels, head) : TestNets.tiny(channels, head);
			try (Generator g = new Generator(be, spec)) {
				g.initialise(new Random(1));
				randomiseBatchNorm(g);
				Tensor z = random(be, rng, g.latentShape(2, 4));
				Tensor r = random(be, rng, 2, spec.channels, 16, 16, 16);
				g.forward(z, true);
				g.backward(r);
				checkParams("G(" + spec.kind + ", " + head + ")", g.params(), () -> FiniteDifferences.dot(be, r, g
					.forward(
						z, true)));
			}
		}
	}

	/** Weights of 0.02 make a near-linear network; larger ones exercise the nonlinearities. */
	private void randomiseBatchNorm(Generator g) {
		for (Param p : g.params()) {
			double[] v = download(be, p.value);
			for (int i = 0; i < v.length; i++)
				v[i] = p.name.endsWith("gamma") ? 1 + 0.3 * rng.nextGaussian() : p.name.endsWith("beta") || p.name
					.endsWith(
						".b") ? 0.3 * rng.nextGaussian() : 0.2 * rng.nextGaussian();
			be.upload(v, p.value);
		}
	}

	private Critic critic(NetSpec spec, String name) {
		Critic d = new Critic(be, spec, name);
		for (Param p : d.params()) {
			double[] v = new double[(int) p.value.size()];
			for (int i = 0; i < v.length; i++)
				v[i] = 0.3 * rng.nextGaussian();
			be.upload(v, p.value);
		}
		return d;
	}

	@Test
	void criticWeightsAndInput() {
		NetSpec spec = TestNets.tiny(3, Head.SOFTMAX);
		try (Critic d = critic(spec, "D")) {
			Tensor x = random(be, rng, 5, 3, 16, 16), r = random(be, rng, 5, 1, 1, 1), dx = be.allocate(x.shape());
			d.zeroGradients();
			d.forward(x);
			d.backward(x, r, true, dx);
			DoubleSupplier f = () -> FiniteDifferences.dot(be, r, d.forward(x));
			checkParams("D", d.params(), f);
			double err = relativeError(be, x, download(be, dx), f, 40, rng);
			assertTrue(err < TOLERANCE, "D input: relative error " + err);
		}
	}

	@Test
	void gradientPenaltyDoubleBackprop() {
		NetSpec spec = TestNets.tiny(2, Head.SOFTMAX);
		try (Critic d = critic(spec, "D")) {
			Tensor x = random(be, rng, 3, 2, 16, 16);
			d.zeroGradients();
			d.gradientPenalty(x, 10, null);
			checkParams("GP", d.params(), () -> d.gradientPenalty(x, 10, null));
		}
	}

	@Test
	void fullCriticLossWithPenaltyAndGeneratorLoss() {
		NetSpec spec = TestNets.tiny(3, Head.SOFTMAX);
		// two critics: axes 0 and 1 share one, as with an anisotropic pair of images
		AxisGroups groups = new AxisGroups(new int[] { 0, 0, 1 });
		Critic[] critics = { critic(spec, "D0"), critic(spec, "D1") };
		try (Generator g = new Generator(be, spec); CriticObjective lossD = new CriticObjective(be, critics,
			groups); GeneratorObjective lossG = new GeneratorObjective(be, g, critics, groups))
		{
			g.initialise(new Random(2));
			randomiseBatchNorm(g);
			Tensor z = random(be, rng, g.latentShape(2, 4));
			Tensor fake = be.allocate(2, 3, 16, 16, 16);
			be.copy(g.forward(z, true), fake);
			Tensor[] real = new Tensor[3];
			int[][] idx = new int[3][];
			double[][] eps = new double[3][];
			for (int a = 0; a < 3; a++) {
				real[a] = random(be, rng, 6, 3, 16, 16);
				idx[a] = new int[] { rng.nextInt(32), rng.nextInt(32) };
				eps[a] = new double[] { rng.nextDouble(), rng.nextDouble() };
			}
			DoubleSupplier critic = () -> ObjectiveValues.critic(be, lossD, groups, fake, real, idx, eps, 10).loss();
			critic.getAsDouble();
			for (Critic d : critics)
				checkParams("L_D", d.params(), critic);
			DoubleSupplier gen = () -> ObjectiveValues.generator(be, lossG, z);
			gen.getAsDouble();
			checkParams("L_G", g.params(), gen);
		}
		finally {
			for (Critic d : critics)
				d.close();
		}
	}
}
