package sc.fiji.slicegan.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * The model file: one zip holding {@code model.json} (what the model is: data type, phases, networks, training
 * settings, iteration, tensor index) and {@code tensors.bin} (every tensor as little-endian float32, in the
 * index's order). Written to a temporary file beside the target and then renamed, so that a killed run leaves
 * either the old file or the new one, never half of one.
 */
public final class ModelFile {

	public static final String FORMAT = "slicegan-fiji-model";
	public static final int VERSION = 1;
	private static final String JSON = "model.json", BIN = "tensors.bin";
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private ModelFile() {}

	public static void save(ModelState m, Path path) throws IOException {
		AtomicFiles.write(path, os -> {
			ZipOutputStream zip = new ZipOutputStream(os);
			zip.putNextEntry(new ZipEntry(JSON));
			zip.write(GSON.toJson(describe(m)).getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(BIN));
			DataOutputStream out = new DataOutputStream(zip);
			ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
			for (float[] t : m.tensors.values())
				for (float v : t) {
					if (!buf.hasRemaining()) flush(buf, out);
					buf.putFloat(v);
				}
			flush(buf, out);
			out.flush();
			zip.closeEntry();
			zip.finish();
		});
	}

	private static void flush(ByteBuffer buf, DataOutputStream out) throws IOException {
		out.write(buf.array(), 0, buf.position());
		buf.clear();
	}

	public static ModelState load(Path path) {
		byte[] json = null, bin = null;
		try (InputStream is = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(is)) {
			for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
				if (e.getName().equals(JSON)) json = readAll(zip);
				else if (e.getName().equals(BIN)) bin = readAll(zip);
			}
		}
		catch (NoSuchFileException e) {
			throw new BadInputException("Model file " + path + " does not exist.");
		}
		catch (IOException e) {
			throw damaged(path, e.getMessage(), e);
		}
		if (json == null || bin == null) throw damaged(path, "it lacks " + (json == null ? JSON : BIN), null);
		try {
			return parse(JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject(), bin, path);
		}
		catch (BadInputException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw damaged(path, e.toString(), e);
		}
	}

	private static BadInputException damaged(Path path, String why, Throwable cause) {
		return new BadInputException("'" + path + "' is not a SliceGAN model file or is damaged (" + why + "). " +
			"Choose another model file, or train a new model.", cause);
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] b = new byte[1 << 16];
		for (int n; (n = in.read(b)) > 0;)
			bytes.write(b, 0, n);
		return bytes.toByteArray();
	}

	private static JsonObject describe(ModelState m) {
		JsonObject o = new JsonObject();
		o.addProperty("format", FORMAT);
		o.addProperty("version", VERSION);
		o.addProperty("dataType", m.kind.name());
		if (m.phaseValues != null) o.add("phaseValues", GSON.toJsonTree(m.phaseValues));
		o.add("criticOfAxis", GSON.toJsonTree(m.criticOfAxis));
		o.addProperty("iteration", m.iteration);
		o.addProperty("pixelSize", m.pixelSize);
		o.addProperty("unit", m.unit);
		o.addProperty("source", m.source);
		if (m.importedFrom != null) o.addProperty("importedFrom", m.importedFrom);
		JsonObject net = new JsonObject();
		net.addProperty("channels", m.spec.channels);
		net.addProperty("head", m.spec.head.name());
		net.addProperty("latentChannels", m.spec.latentChannels);
		net.addProperty("latentSize", m.spec.latentSize);
		net.addProperty("generatorKind", m.spec.kind.id);
		net.add("generator", layers(m.spec.generator));
		net.add("critic", layers(m.spec.critic));
		o.add("network", net);
		if (m.config != null) o.add("training", GSON.toJsonTree(m.config));
		o.add("optimizerSteps", GSON.toJsonTree(m.optimizerSteps));
		o.add("fidelity", GSON.toJsonTree(m.fidelity));
		JsonArray index = new JsonArray();
		for (Map.Entry<String, int[]> e : m.shapes.entrySet()) {
			JsonObject t = new JsonObject();
			t.addProperty("name", e.getKey());
			t.add("shape", GSON.toJsonTree(e.getValue()));
			index.add(t);
		}
		o.add("tensors", index);
		return o;
	}

	private static JsonArray layers(List<LayerSpec> layers) {
		JsonArray a = new JsonArray();
		for (LayerSpec l : layers) {
			JsonObject o = new JsonObject();
			o.addProperty("out", l.out);
			o.addProperty("k", l.k);
			o.addProperty("s", l.s);
			o.addProperty("p", l.p);
			a.add(o);
		}
		return a;
	}

	private static List<LayerSpec> layers(JsonArray a) {
		List<LayerSpec> l = new ArrayList<>();
		for (JsonElement e : a) {
			JsonObject o = e.getAsJsonObject();
			l.add(new LayerSpec(o.get("out").getAsInt(), o.get("k").getAsInt(), o.get("s").getAsInt(), o.get("p")
				.getAsInt()));
		}
		return l;
	}

	private static ModelState parse(JsonObject o, byte[] bin, Path path) {
		if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) throw damaged(path,
			"it is not marked " + FORMAT, null);
		int version = o.get("version").getAsInt();
		if (version > VERSION) throw new BadInputException("Model file " + path + " was written by a newer version " +
			"of SliceGAN (format " + version + "); update the plugin to read it.");
		ModelState m = new ModelState();
		m.kind = ImageKind.valueOf(o.get("dataType").getAsString());
		if (o.has("phaseValues")) m.phaseValues = GSON.fromJson(o.get("phaseValues"), int[].class);
		m.criticOfAxis = GSON.fromJson(o.get("criticOfAxis"), int[].class);
		m.iteration = o.get("iteration").getAsLong();
		m.pixelSize = o.get("pixelSize").getAsDouble();
		m.unit = o.get("unit").getAsString();
		m.source = o.get("source").getAsString();
		if (o.has("importedFrom")) m.importedFrom = o.get("importedFrom").getAsString();
		JsonObject net = o.getAsJsonObject("network");
		// files from before the resize-convolution generator have no kind: theirs is the transposed one
		GeneratorKind kind = net.has("generatorKind") ? GeneratorKind.of(net.get("generatorKind").getAsString())
			: GeneratorKind.TRANSPOSED;
		m.spec = new NetSpec(net.get("channels").getAsInt(), Head.valueOf(net.get("head").getAsString()), net.get(
			"latentChannels").getAsInt(), net.get("latentSize").getAsInt(), kind, layers(net.getAsJsonArray(
				"generator")),
			layers(net.getAsJsonArray("critic")));
		// an imported generator comes with the critic its files describe, which it never runs
		if (m.importedFrom == null) m.spec.validate();
		else m.spec.validateGenerator();
		if (o.has("training")) m.config = GSON.fromJson(o.get("training"), TrainingConfig.class);
		if (o.has("fidelity")) for (JsonElement e : o.getAsJsonArray("fidelity"))
			m.fidelity.add(GSON.fromJson(e, FidelityPoint.class));
		JsonObject steps = o.getAsJsonObject("optimizerSteps");
		for (String k : steps.keySet())
			m.optimizerSteps.put(k, steps.get(k).getAsLong());
		ByteBuffer buf = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
		for (JsonElement e : o.getAsJsonArray("tensors")) {
			JsonObject t = e.getAsJsonObject();
			int[] shape = GSON.fromJson(t.get("shape"), int[].class);
			long n = 1;
			for (int d : shape)
				n *= d;
			if (n * 4 > buf.remaining()) throw damaged(path, "its tensors are truncated", null);
			float[] v = new float[(int) n];
			buf.asFloatBuffer().get(v);
			buf.position(buf.position() + v.length * 4);
			m.put(t.get("name").getAsString(), shape, v);
		}
		if (buf.hasRemaining()) throw damaged(path, "its tensor data is longer than its index", null);
		checkConsistent(m, path);
		return m;
	}

	/** Fields that agree with each other and finite weights: a model a generator or a resumed run can use. */
	private static void checkConsistent(ModelState m, Path path) {
		NetSpec spec = m.spec;
		if ((m.kind == ImageKind.N_PHASE) != (spec.head == Head.SOFTMAX)) throw damaged(path, "its data type " + m.kind
			.label() + " does not fit its network's " + spec.head + " output", null);
		if (m.kind == ImageKind.N_PHASE) {
			if (m.phaseValues == null || m.phaseValues.length != spec.channels) throw damaged(path, "it lists " +
				(m.phaseValues == null ? "no" : String.valueOf(m.phaseValues.length)) +
				" phase values for a network of " +
				spec.channels + " phases", null);
			for (int i = 1; i < m.phaseValues.length; i++)
				if (m.phaseValues[i] <= m.phaseValues[i - 1]) throw damaged(path, "its phase values are not distinct " +
					"and increasing", null);
		}
		else if (spec.channels != (m.kind == ImageKind.GRAYSCALE ? 1 : 3)) throw damaged(path, "a " + m.kind.label() +
			" model cannot have " + spec.channels + " channels", null);
		if (m.criticOfAxis == null || m.criticOfAxis.length != 3) throw damaged(path, "it does not say which critic " +
			"each axis used", null);
		for (int a = 0; a < 3; a++)
			if (m.criticOfAxis[a] < 0 || m.criticOfAxis[a] > a) throw damaged(path, "its critics per axis " + Arrays
				.toString(m.criticOfAxis) + " are not valid", null);
		if (m.config == null && m.importedFrom == null) throw damaged(path, "it lacks its training settings", null);
		if (m.config != null) m.config.validate();
		if (m.iteration < 0 || !(m.pixelSize > 0) || Double.isInfinite(m.pixelSize)) throw damaged(path, "its " +
			"iteration or pixel size is not valid", null);
		for (Map.Entry<String, float[]> e : m.tensors.entrySet())
			for (float v : e.getValue())
				if (!Float.isFinite(v)) throw new BadInputException("The model " + path + " holds non-finite values " +
					"(NaN or infinity) in " + e.getKey() +
					": its training diverged. Use an earlier model file, or train " +
					"again with a lower learning rate.");
	}
}
