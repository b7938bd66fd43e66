package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * The files scripts/pytorch/make_pytorch_files.py wrote with PyTorch into src/test/resources/pytorch (see its
 * README), and models made here for the other direction.
 */
final class PyTorchFiles {

	private PyTorchFiles() {}

	static Path dir() {
		try {
			return Paths.get(PyTorchFiles.class.getResource("/pytorch/cases.json").toURI()).getParent();
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Path file(String name) {
		return dir().resolve(name);
	}

	static JsonObject cases() throws IOException {
		try (InputStream in = Files.newInputStream(file("cases.json"))) {
			return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
	}

	static int[] shape(JsonObject c, String key) {
		return new com.google.gson.Gson().fromJson(c.get(key), int[].class);
	}

	static float[] floats(Path f) throws IOException {
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		float[] v = new float[b.remaining() / 4];
		b.asFloatBuffer().get(v);
		return v;
	}

	static void writeFloats(Path f, float[] v) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(v);
		Files.write(f, b.array());
	}

	/** The generator of a model on a backend, its tensors uploaded. */
	static Generator generator(Backend be, ModelState m) {
		Generator g = new Generator(be, m.spec);
		g.state().forEach((name, t) -> be.upload(m.tensors.get(name), t));
		return g;
	}

	/** The generator's evaluation-mode output (head applied) for a noise, on the host. */
	static float[] evaluate(Backend be, ModelState m, int[] noiseShape, float[] noise) {
		try (Generator g = generator(be, m); Tensor z = be.allocate(noiseShape)) {
			be.upload(noise, z);
			try (Tensor y = g.evaluate(z)) {
				float[] out = new float[(int) y.size()];
				be.download(y, out);
				return out;
			}
		}
	}

	/**
	 * A model made here, as training would start it but with weights scaled up (×4) so that its volumes have
	 * structure: the given network, data type and phases.
	 */
	static ModelState model(Backend be, NetSpec spec, ImageKind kind, int[] phases, long seed) {
		ModelState m = new ModelState();
		m.spec = spec;
		m.kind = kind;
		m.phaseValues = phases;
		m.config = new TrainingConfig();
		try (Generator g = new Generator(be, spec)) {
			g.initialise(new Random(seed));
			g.state().forEach((name, t) -> {
				float[] v = new float[(int) t.size()];
				be.download(t, v);
				if (name.startsWith("G.w") || name.startsWith("G.rc.w")) for (int i = 0; i < v.length; i++)
					v[i] *= 4;
				if (name.endsWith("runVar")) for (int i = 0; i < v.length; i++)
					v[i] = 0.5f + i % 3 * 0.25f;
				m.put(name, t.shape(), v);
			});
		}
		return m;
	}
}
