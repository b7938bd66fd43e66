package sc.fiji.slicegan.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.nn.Adam;
import sc.fiji.slicegan.nn.Critic;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.Param;
import sc.fiji.slicegan.train.AxisGroups;
import sc.fiji.slicegan.train.CriticObjective;
import sc.fiji.slicegan.train.GeneratorObjective;
import sc.fiji.slicegan.train.ObjectiveValues;

/**
 * Critic and generator steps through networks whose channels fill oneDNN's 16-channel blocks, so that activations
 * stay blocked from one primitive to the next and weights are read from cached copies, which Adam's updates must
 * refresh: the float32 direct path, and ND4J's float32 ops (the fallback), agree with ND4J's float64 ops on the
 * losses before and after Adam steps and on every gradient.
 */
class BlockedTrainingStepTest {

	static final double TOLERANCE = 1e-4;

	/** 16³ volumes from a 4³ latent grid; critic 16 → 32 → 1 channels. */
	static final NetSpec SPEC = new NetSpec(2, Head.SOFTMAX, 4, 4, Arrays.asList(new LayerSpec(32, 4, 2, 2),
		new LayerSpec(16, 4, 2, 2), new LayerSpec(2, 4, 2, 3)), Arrays.asList(new LayerSpec(16, 4, 2, 1), new LayerSpec(
			32, 4, 2, 1), new LayerSpec(1, 4, 2, 0))).validate();

	@Test
	void directFloatPathAgreesWithNd4jDouble() {
		List<double[]> reference = run(new Nd4jBackend(Precision.DOUBLE));
		assertAgree("direct float32 path", run(new Nd4jBackend(Precision.FLOAT)), reference);
		assertAgree("ND4J's float32 ops (the fallback)", run(new Nd4jBackend(Precision.FLOAT, false)), reference);
	}

	private static void assertAgree(String what, List<double[]> single, List<double[]> reference) {
		for (int i = 0; i < single.size(); i++) {
			double[] a = single.get(i), b = reference.get(i);
			double diff = 0, norm = 0;
			for (int j = 0; j < a.length; j++) {
				diff += (a[j] - b[j]) * (a[j] - b[j]);
				norm += b[j] * b[j];
			}
			double err = Math.sqrt(diff / Math.max(norm, 1e-300));
			assertTrue(err < TOLERANCE, what + ", quantity " + i + ": relative error " + err + " (" + Arrays.toString(
				Arrays.copyOf(a, Math.min(4, a.length))) + " vs " + Arrays.toString(Arrays.copyOf(b, Math.min(4,
					b.length))) + ")");
		}
	}

	/** Losses, gradients and losses after Adam steps, in a fixed order. */
	private static List<double[]> run(Backend backend) {
		Random rng = new Random(5);
		List<double[]> out = new ArrayList<>();
		AxisGroups groups = new AxisGroups(new int[] { 0, 0, 0 });
		try (Backend be = backend; Generator g = new Generator(be, SPEC); Critic d = new Critic(be,
			SPEC, "D"); CriticObjective lossD = new CriticObjective(be, new Critic[] { d }, groups);
			GeneratorObjective lossG = new GeneratorObjective(be, g, new Critic[] { d }, groups))
		{
			g.initialise(new Random(2));
			for (Param p : g.params())
				upload(be, p.value, rng, p.name.endsWith("gamma") ? 1 : 0, 0.2);
			for (Param p : d.params())
				upload(be, p.value, rng, 0, 0.2);
			Tensor z = be.allocate(g.latentShape(2, 4)), fake = be.allocate(2, 2, 16, 16, 16);
			upload(be, z, rng, 0, 1);
			Tensor[] real = new Tensor[3];
			int[][] idx = new int[3][];
			double[][] eps = new double[3][];
			for (int a = 0; a < 3; a++) {
				real[a] = be.allocate(20, 2, 16, 16);
				upload(be, real[a], rng, 0.5, 0.5);
				idx[a] = new int[] { rng.nextInt(32), rng.nextInt(32) };
				eps[a] = new double[] { rng.nextDouble(), rng.nextDouble() };
			}
			be.copy(g.forward(z, true), fake);
			Adam adamD = new Adam(be, 1e-2, 0.5, 0.99), adamG = new Adam(be, 1e-2, 0.5, 0.99);
			// gradients are read after each Adam step, which is then the first to see them (in their blocked layout)
			for (int step = 0; step < 3; step++) {
				CriticObjective.Result r = ObjectiveValues.critic(be, lossD, groups, fake, real, idx, eps, 10);
				out.add(new double[] { r.meanFake, r.meanReal, r.penalty });
				adamD.step(d.params());
				for (Param p : d.params())
					out.add(download(be, p.grad));
			}
			for (int step = 0; step < 3; step++) {
				out.add(new double[] { ObjectiveValues.generator(be, lossG, z) });
				adamG.step(g.params());
				for (Param p : g.params())
					out.add(download(be, p.grad));
			}
			out.add(download(be, g.forward(z, true)));
			for (Tensor t : real)
				t.close();
			z.close();
			fake.close();
		}
		return out;
	}

	private static void upload(Backend be, Tensor t, Random rng, double mean, double sd) {
		double[] v = new double[(int) t.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = mean + sd * rng.nextGaussian();
		be.upload(v, t);
	}

	private static double[] download(Backend be, Tensor t) {
		double[] v = new double[(int) t.size()];
		be.download(t, v);
		return v;
	}
}
