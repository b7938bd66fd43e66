package sc.fiji.slicegan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.train.AxisGroups;
import sc.fiji.slicegan.train.CriticObjective;
import sc.fiji.slicegan.train.GeneratorObjective;
import sc.fiji.slicegan.train.ObjectiveValues;

/**
 * The Java networks and losses in float32 against an independent PyTorch implementation (float64 values in
 * src/test/resources/golden, made by scripts/pytorch/make_golden.py): outputs, batch-norm running statistics,
 * the critic loss with its gradient penalty, the generator loss, and every weight gradient.
 */
class TorchGoldenTest {

	/** Norm-wise relative error allowed in float32. */
	static final double TOLERANCE = 1e-4;
	private static final AxisGroups ISOTROPIC = new AxisGroups(new int[] { 0, 0, 0 });

	static JsonObject golden;
	static Backend be;
	static NetSpec spec;

	@BeforeAll
	static void load() throws IOException {
		loadGolden();
		be = new Nd4jBackend(Precision.FLOAT);
	}

	/** Reads the golden file; {@link #be} is set by the caller (the CPU here, the GPU in the GPU check). */
	static void loadGolden() throws IOException {
		try (InputStream in = new GZIPInputStream(TorchGoldenTest.class.getResourceAsStream(
			"/golden/torch-golden.json.gz")))
		{
			golden = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		spec = new NetSpec(golden.get("phases").getAsInt(), Head.SOFTMAX, golden.get("nz").getAsInt(), golden.get(
			"lz").getAsInt(), layers("generator"), layers("critic")).validate();
	}

	@AfterAll
	static void close() {
		be.close();
	}

	private static List<LayerSpec> layers(String key) {
		List<LayerSpec> l = new ArrayList<>();
		for (JsonElement e : golden.getAsJsonArray(key)) {
			JsonObject o = e.getAsJsonObject();
			l.add(new LayerSpec(o.get("out").getAsInt(), o.get("k").getAsInt(), o.get("s").getAsInt(), o.get("p")
				.getAsInt()));
		}
		return l;
	}

	private static JsonObject entry(String name) {
		JsonObject t = golden.getAsJsonObject("tensors").getAsJsonObject(name);
		if (t == null) throw new IllegalStateException("golden file lacks " + name);
		return t;
	}

	static double[] values(String name) {
		JsonArray a = entry(name).getAsJsonArray("data");
		double[] d = new double[a.size()];
		for (int i = 0; i < d.length; i++)
			d[i] = a.get(i).getAsDouble();
		return d;
	}

	static int[] ints(String name) {
		double[] d = values(name);
		int[] r = new int[d.length];
		for (int i = 0; i < d.length; i++)
			r[i] = (int) d[i];
		return r;
	}

	static Tensor tensor(String name) {
		JsonArray s = entry(name).getAsJsonArray("shape");
		int[] shape = new int[s.size()];
		for (int i = 0; i < shape.length; i++)
			shape[i] = s.get(i).getAsInt();
		Tensor t = be.allocate(shape);
		be.upload(values(name), t);
		return t;
	}

	static void load(Map<String, Tensor> state) {
		for (Map.Entry<String, Tensor> e : state.entrySet())
			if (golden.getAsJsonObject("tensors").has(e.getKey()) && !e.getKey().contains(".run"))
				be.upload(values(e.getKey()), e.getValue());
	}

	static void assertClose(String name, double[] actual) {
		double[] expected = values(name);
		assertEquals(expected.length, actual.length, name + " length");
		double d2 = 0, n2 = 0;
		for (int i = 0; i < expected.length; i++) {
			d2 += (actual[i] - expected[i]) * (actual[i] - expected[i]);
			n2 += expected[i] * expected[i];
		}
		double err = Math.sqrt(d2 / n2);
		assertTrue(err < TOLERANCE, name + ": relative error " + err);
	}

	static void assertClose(String name, Tensor t) {
		assertClose(name, FiniteDifferences.download(be, t));
	}

	@Test
	void generatorForwardRunningStatisticsAndEvaluationMode() {
		try (Generator g = new Generator(be, spec)) {
			load(g.state());
			Tensor z = tensor("z");
			assertClose("G.out", g.forward(z, true));
			for (int i = 0; i < 2; i++) {
				assertClose("G.bn" + i + ".runMean", g.state().get("G.bn" + i + ".runMean"));
				assertClose("G.bn" + i + ".runVar", g.state().get("G.bn" + i + ".runVar"));
			}
			assertClose("G.evalOut", g.forward(z, false));
		}
	}

	@Test
	void criticScoresPenaltyLossAndGradients() {
		try (Critic d = new Critic(be, spec, "D"); CriticObjective objective = new CriticObjective(be, new Critic[] {
			d },
			ISOTROPIC))
		{
			load(d.state());
			Tensor fake = tensor("G.out");
			Tensor[] real = new Tensor[3];
			int[][] idx = new int[3][];
			double[][] eps = new double[3][];
			Tensor slices = be.allocate(32, 3, 16, 16);
			for (int a = 0; a < 3; a++) {
				real[a] = tensor("real" + a);
				idx[a] = ints("gpidx" + a);
				eps[a] = values("eps" + a);
				be.sliceVolumes(fake, a, slices);
				assertClose("D.fake" + a, d.forward(slices));
				assertClose("D.real" + a, d.forward(real[a]));
				Tensor mixed = be.allocate(3, 3, 16, 16);
				int[] rows = { 0, 1, 2 };
				be.interpolateRows(real[a], rows, slices, idx[a], eps[a], mixed);
				double[] norms = new double[3];
				d.gradientPenalty(mixed, 10, norms);
				assertClose("gp.norm" + a, norms);
			}
			double loss = ObjectiveValues.critic(be, objective, ISOTROPIC, fake, real, idx, eps, golden.get("lambda")
				.getAsDouble()).loss();
			assertClose("loss.D", new double[] { loss });
			for (Param p : d.params())
				assertClose("grad." + p.name, p.grad);
		}
	}

	@Test
	void generatorLossAndGradients() {
		try (Generator g = new Generator(be, spec); Critic d = new Critic(be, spec, "D");
			GeneratorObjective objective = new GeneratorObjective(be, g, new Critic[] { d }, ISOTROPIC))
		{
			load(g.state());
			load(d.state());
			double loss = ObjectiveValues.generator(be, objective, tensor("z"));
			assertClose("loss.G", new double[] { loss });
			for (Param p : g.params())
				assertClose("grad." + p.name, p.grad);
		}
	}
}
