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

/**
 * The resize-convolution generator in float32 against an independent PyTorch implementation (the golden file
 * torch-golden-rc.json.gz, made by scripts/pytorch/make_golden.py): a non-cubic latent, so that every axis is
 * upsampled to its own 2(n − 1); the training-mode output, the batch-norm running statistics after that step (from
 * given ones), the evaluation-mode output with them, and every parameter's gradient for a fixed upstream gradient.
 */
class TorchGoldenRcTest {

	static final double TOLERANCE = 1e-4;

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
		try (InputStream in = new GZIPInputStream(TorchGoldenRcTest.class.getResourceAsStream(
			"/golden/torch-golden-rc.json.gz")))
		{
			golden = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		spec = new NetSpec(golden.get("phases").getAsInt(), Head.SOFTMAX, golden.get("nz").getAsInt(), golden.get("lz")
			.getAsInt(), GeneratorKind.of(golden.get("kind").getAsString()), layers("generator"), layers("critic"))
			.validate();
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

	static Tensor tensor(String name) {
		JsonArray s = entry(name).getAsJsonArray("shape");
		int[] shape = new int[s.size()];
		for (int i = 0; i < shape.length; i++)
			shape[i] = s.get(i).getAsInt();
		Tensor t = be.allocate(shape);
		be.upload(values(name), t);
		return t;
	}

	static void assertClose(String name, Tensor t) {
		double[] expected = values(name), actual = FiniteDifferences.download(be, t);
		assertEquals(expected.length, actual.length, name + " length");
		double d2 = 0, n2 = 0;
		for (int i = 0; i < expected.length; i++) {
			d2 += (actual[i] - expected[i]) * (actual[i] - expected[i]);
			n2 += expected[i] * expected[i];
		}
		double err = Math.sqrt(d2 / n2);
		assertTrue(err < TOLERANCE, name + ": relative error " + err);
	}

	@Test
	void trainingStepGradientsAndEvaluation() {
		try (Generator g = new Generator(be, spec)) {
			Map<String, Tensor> state = g.state();
			for (Map.Entry<String, Tensor> e : state.entrySet())
				be.upload(values(e.getKey().contains(".run") ? e.getKey() + ".initial" : e.getKey()), e.getValue());
			Tensor z = tensor("z");
			assertClose("G.out", g.forward(z, true));
			g.backward(tensor("R"));
			for (Param p : g.params())
				assertClose("grad." + p.name, p.grad);
			for (int i = 0; i < spec.transposed().size(); i++) {
				assertClose("G.bn" + i + ".runMean", state.get("G.bn" + i + ".runMean"));
				assertClose("G.bn" + i + ".runVar", state.get("G.bn" + i + ".runVar"));
			}
			assertClose("G.evalOut", g.forward(z, false));
			// generation's path to labels agrees with the softmax's argmax
			Tensor out = g.forward(z, false);
			int[] cells = { z.dim(2), z.dim(3), z.dim(4) };
			OutputWindow whole = OutputWindow.whole(spec, cells);
			try (Tensor one = be.allocate(1, z.dim(1), cells[0], cells[1], cells[2])) {
				float[] all = new float[(int) z.size()];
				be.download(z, all);
				be.upload(java.util.Arrays.copyOf(all, (int) one.size()), one);
				byte[][] planes = new byte[whole.size[0]][];
				g.evaluateLabels(one, whole, new byte[] { 10, 20, 30 }, planes, 0);
				double[] p = FiniteDifferences.download(be, out);
				int v = whole.size[0] * whole.size[1] * whole.size[2];
				for (int i = 0; i < v; i++) {
					int best = 0;
					for (int c = 1; c < 3; c++)
						if (p[c * v + i] > p[best * v + i]) best = c;
					assertEquals(10 * (best + 1), planes[i / (whole.size[1] * whole.size[2])][i % (whole.size[1] *
						whole.size[2])]);
				}
			}
		}
	}
}
