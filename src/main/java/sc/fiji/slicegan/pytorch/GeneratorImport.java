package sc.fiji.slicegan.pytorch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * A generator saved by the published PyTorch SliceGAN, as a model of ours: its kind recognised from the state dict's
 * keys ({@code rcconv.*}: the resize-convolution generator of {@code slicegan_rc_nets}, else the transposed one of
 * {@code slicegan_nets}), its layers from the weights' shapes and the params file (which alone has the strides and
 * paddings), checked against each other. The files say nothing of the data type or the phases' grey values: the
 * caller gives them, or they default to grayscale for one channel, else n-phase with values 0, 1, …, n − 1. The result
 * has a generator only (no critic weights, no training settings): it generates, it does not resume training.
 */
public final class GeneratorImport {

	/** The latent grid's edge the published code trains with (lz in model.py). */
	public static final int PUBLISHED_LATENT_SIZE = 4;

	private static final Pattern CONV = Pattern.compile("convs\\.(\\d+)\\.weight"), BN = Pattern.compile(
		"bns\\.(\\d+)\\.(weight|bias|running_mean|running_var|num_batches_tracked)");

	private final Map<String, TorchTensor> sd;
	private final SliceGanParams params;
	private final String gen, par;

	private GeneratorImport(Map<String, TorchTensor> sd, SliceGanParams params, String gen, String par) {
		this.sd = sd;
		this.params = params;
		this.gen = gen;
		this.par = par;
	}

	/**
	 * Reads {@code NAME_Gen.pt} and {@code NAME_params.data}.
	 *
	 * @param kind the data type, or null: grayscale for one channel, else n-phase
	 * @param phases the phases' grey values in increasing order (n-phase), or null: 0, 1, …, n − 1
	 */
	public static ModelState read(Path genFile, Path paramsFile, ImageKind kind, int[] phases) {
		Map<String, TorchTensor> sd = TorchFileReader.read(genFile);
		SliceGanParams params = SliceGanParams.read(paramsFile);
		ModelState m = convert(sd, params, kind, phases, "'" + genFile + "'", "'" + paramsFile + "'");
		m.importedFrom = "the PyTorch SliceGAN files " + genFile.getFileName() + " and " + paramsFile.getFileName();
		m.source = "PyTorch SliceGAN " + genFile.getFileName();
		return m;
	}

	/** The model of a state dict and its params; the names say which files they came from, for messages. */
	static ModelState convert(Map<String, TorchTensor> stateDict, SliceGanParams params, ImageKind kind, int[] phases,
		String genName, String paramsName)
	{
		return new GeneratorImport(withoutDataParallelPrefix(stateDict), params, genName, paramsName).convert(kind,
			phases);
	}

	/** nn.DataParallel (the published code with several GPUs) saves every key as module.KEY. */
	private static Map<String, TorchTensor> withoutDataParallelPrefix(Map<String, TorchTensor> sd) {
		if (sd.isEmpty() || !sd.keySet().stream().allMatch(k -> k.startsWith("module."))) return sd;
		Map<String, TorchTensor> out = new LinkedHashMap<>();
		sd.forEach((k, v) -> out.put(k.substring("module.".length()), v));
		return out;
	}

	private ModelState convert(ImageKind kind, int[] phases) {
		int layers = checkKeys();
		boolean rc = sd.containsKey(TensorNames.RC_WEIGHT_KEY);
		int[][] w = new int[layers][];
		for (int i = 0; i < layers; i++) {
			w[i] = shape(TensorNames.convKey(i), 5);
			if (w[i][2] != w[i][3] || w[i][2] != w[i][4]) throw notSliceGan(TensorNames.convKey(i) + " has a kernel " +
				"of " + w[i][2] + "×" + w[i][3] + "×" + w[i][4] + " voxels; SliceGAN's are cubes");
			if (i > 0 && w[i][0] != w[i - 1][1]) throw notSliceGan(TensorNames.convKey(i) + " takes " + w[i][0] +
				" channels, but layer " + (i - 1) + " makes " + w[i - 1][1]);
		}
		// the batch norm after each layer the forward pass uses (the last layer's exists in the file, unused)
		int used = rc ? layers - 1 : layers;
		if (rc && used < 1) throw notSliceGan("its resize convolution has no transposed convolution before it");
		for (int i = 0; i < layers - 1; i++)
			for (String part : TensorNames.BN_KEYS) {
				String key = TensorNames.bnKey(i, part);
				if (!sd.containsKey(key)) throw notSliceGan("it lacks " + key);
				int[] s = shape(key, 1);
				if (s[0] != w[i][1]) throw notSliceGan(key + " has " + s[0] + " values for the " + w[i][1] +
					" channels of " + TensorNames.convKey(i));
			}
		int channels = rc ? checkResizeConv(w[used - 1][1]) : w[layers - 1][1];
		checkParams(w, rc, channels);
		ImageKind type = type(kind, channels, rc);
		NetSpec spec = spec(w, rc, channels, type);
		ModelState m = new ModelState();
		m.spec = spec;
		m.kind = type;
		m.phaseValues = type == ImageKind.N_PHASE ? phaseValues(phases, channels) : null;
		if (type != ImageKind.N_PHASE && phases != null) throw new BadInputException("Phase values are for n-phase " +
			"generators; this one is imported as " + type.label() + ".");
		for (int i = 0; i < used; i++) {
			put(m, TensorNames.convKey(i), TensorNames.weightName(i));
			if (i < used - 1 || rc) for (int j = 0; j < TensorNames.BN_KEYS.length; j++)
				put(m, TensorNames.bnKey(i, TensorNames.BN_KEYS[j]), TensorNames.bnName(i, TensorNames.BN_NAMES[j]));
		}
		if (rc) {
			put(m, TensorNames.RC_WEIGHT_KEY, TensorNames.RC_WEIGHT_NAME);
			put(m, TensorNames.RC_BIAS_KEY, TensorNames.RC_BIAS_NAME);
		}
		return m;
	}

	/**
	 * The keys must be those of a published generator: convs.0 … convs.L−1, their batch norms, and for the resize
	 * convolution rcconv.weight and rcconv.bias.
	 *
	 * @return L
	 */
	private int checkKeys() {
		TreeSet<Integer> convs = new TreeSet<>();
		List<String> foreign = new ArrayList<>();
		for (String k : sd.keySet()) {
			Matcher c = CONV.matcher(k), b = BN.matcher(k);
			if (c.matches()) convs.add(Integer.parseInt(c.group(1)));
			else if (!b.matches() && !k.equals(TensorNames.RC_WEIGHT_KEY) && !k.equals(TensorNames.RC_BIAS_KEY))
				foreign.add(k);
		}
		if (convs.isEmpty() || !foreign.isEmpty()) {
			List<String> keys = new ArrayList<>(foreign.isEmpty() ? sd.keySet() : foreign);
			throw notSliceGan((sd.isEmpty() ? "it holds no tensors" : (foreign.isEmpty() ? "its keys are "
				: "it has keys that SliceGAN's generators do not have: ") + String.join(", ", keys.subList(0, Math.min(
					5, keys
						.size()))) + (keys.size() > 5 ? ", … (" + keys.size() + ")" : "")) +
				"; SliceGAN's are convs.N.weight, " +
				"bns.N.* and, for the resize-convolution generator, rcconv.*");
		}
		int layers = convs.last() + 1;
		if (convs.size() != layers) throw notSliceGan("its transposed convolutions are numbered " + convs +
			", with gaps");
		for (String k : sd.keySet()) {
			Matcher b = BN.matcher(k);
			if (b.matches() && Integer.parseInt(b.group(1)) >= layers) throw notSliceGan("it has " + k + " but no " +
				TensorNames.convKey(Integer.parseInt(b.group(1))));
		}
		if (sd.containsKey(TensorNames.RC_WEIGHT_KEY) != sd.containsKey(TensorNames.RC_BIAS_KEY)) throw notSliceGan(
			"it has only one of rcconv.weight and rcconv.bias");
		return layers;
	}

	/** rcconv: Conv3d(in, n, k) with bias; returns n. */
	private int checkResizeConv(int in) {
		int[] s = shape(TensorNames.RC_WEIGHT_KEY, 5);
		if (s[2] != s[3] || s[2] != s[4]) throw notSliceGan("rcconv.weight has a kernel of " + s[2] + "×" + s[3] +
			"×" + s[4] + " voxels; SliceGAN's are cubes");
		if (s[1] != in) throw notSliceGan("rcconv.weight takes " + s[1] + " channels, but the transposed convolution " +
			"before it makes " + in);
		int[] b = shape(TensorNames.RC_BIAS_KEY, 1);
		if (b[0] != s[0]) throw notSliceGan("rcconv.bias has " + b[0] + " values for " + s[0] + " channels");
		return s[0];
	}

	/** The params file must describe the network whose weights the state dict has. */
	private void checkParams(int[][] w, boolean rc, int channels) {
		int layers = w.length;
		if (params.generatorLayers() != layers) throw mismatch("the params file describes a generator of " + params
			.generatorLayers() + " transposed convolutions (gk, gs, gp), the weights have " + layers);
		if (params.gf.length < layers + 1) throw mismatch("the params file lists " + params.gf.length + " channel " +
			"counts (gf) for " + layers + " layers");
		for (int i = 0; i < layers; i++)
			if (params.gf[i] != w[i][0] || params.gf[i + 1] != w[i][1] || params.gk[i] != w[i][2]) throw mismatch(
				"generator layer " + i + " has " + w[i][0] + " → " + w[i][1] + " channels and kernel " + w[i][2] +
					" in the weights, but " + params.gf[i] + " → " + params.gf[i + 1] + " channels and kernel " +
					params.gk[i] + " in the params file");
		if (rc) {
			int[] s = shape(TensorNames.RC_WEIGHT_KEY, 5);
			int[] gf = params.gf;
			if (gf[gf.length - 2] != s[1] || gf[gf.length - 1] != s[0]) throw mismatch("the resize convolution has " +
				s[1] + " → " + s[0] + " channels in the weights, but " + gf[gf.length - 2] + " → " + gf[gf.length - 1] +
				" in the params file (its last two gf)");
		}
		if (params.df.length < 1 || params.df[0] != channels) throw mismatch("the generator makes " + channels +
			" channels, but the params file's critic takes " + (params.df.length < 1 ? "none" : String.valueOf(
				params.df[0])) + " (df[0])");
		if (params.df.length < params.criticLayers() + 1) throw mismatch("the params file lists " + params.df.length +
			" channel counts (df) for a critic of " + params.criticLayers() + " layers");
	}

	private ImageKind type(ImageKind kind, int channels, boolean rc) {
		ImageKind type = kind != null ? kind : channels == 1 ? ImageKind.GRAYSCALE : ImageKind.N_PHASE;
		if (rc && type != ImageKind.N_PHASE) throw new BadInputException("The published resize-convolution generator " +
			"(slicegan_rc_nets) always ends with a softmax over phases, so it is n-phase, not " + type.label() + ".");
		if (type == ImageKind.GRAYSCALE && channels != 1) throw new BadInputException("A grayscale generator makes " +
			"one channel; this one makes " + channels + ". Import it as " + (channels == 3 ? "colour or " : "") +
			"n-phase.");
		if (type == ImageKind.COLOUR && channels != 3) throw new BadInputException("A colour generator makes three " +
			"channels (RGB); this one makes " + channels + ". Import it as " + (channels == 1 ? "grayscale"
				: "n-phase") +
			".");
		if (type == ImageKind.N_PHASE && channels < 2) throw new BadInputException("An n-phase generator makes one " +
			"channel per phase, at least two; this one makes " + channels + ". Import it as grayscale.");
		return type;
	}

	private static int[] phaseValues(int[] given, int channels) {
		if (given == null) {
			int[] v = new int[channels];
			for (int i = 0; i < channels; i++)
				v[i] = i;
			return v;
		}
		if (given.length != channels) throw new BadInputException("The generator makes " + channels + " phases, but " +
			given.length + " phase values were given (" + Arrays.toString(given) + "): give one per phase.");
		for (int i = 0; i < given.length; i++) {
			if (given[i] < 0 || given[i] > 65535) throw new BadInputException("Phase value " + given[i] + " is not a " +
				"grey value from 0 to 65535.");
			if (i > 0 && given[i] <= given[i - 1]) throw new BadInputException("Give the phase values in increasing " +
				"order, one per phase (" + Arrays.toString(given) + " is not): the published code numbers the phases " +
				"by increasing grey value.");
		}
		return given.clone();
	}

	private NetSpec spec(int[][] w, boolean rc, int channels, ImageKind type) {
		List<LayerSpec> g = new ArrayList<>();
		int used = rc ? w.length - 1 : w.length;
		for (int i = 0; i < used; i++)
			g.add(new LayerSpec(w[i][1], w[i][2], params.gs[i], params.gp[i]));
		if (rc) g.add(new LayerSpec(channels, shape(TensorNames.RC_WEIGHT_KEY, 5)[2], 1, 0));
		NetSpec spec = new NetSpec(channels, type == ImageKind.N_PHASE ? Head.SOFTMAX : Head.TANH, w[0][0],
			PUBLISHED_LATENT_SIZE, rc ? GeneratorKind.RESIZE_CONV : GeneratorKind.TRANSPOSED, g, params.critic());
		try {
			return spec.validateGenerator();
		}
		catch (BadInputException e) {
			throw new BadInputException("The generator in " + gen + " cannot be used here: " + e.getMessage(), e);
		}
	}

	private int[] shape(String key, int rank) {
		int[] s = sd.get(key).shape;
		if (s.length != rank) throw notSliceGan(key + " has shape " + Arrays.toString(s) + ", not " + rank +
			" dimensions");
		return s;
	}

	private void put(ModelState m, String key, String name) {
		TorchTensor t = sd.get(key);
		for (float v : t.values)
			if (!Float.isFinite(v)) throw new BadInputException(gen + " holds non-finite values (NaN or infinity) in " +
				key + ": its training diverged. Use an earlier generator.");
		m.put(name, t.shape, t.values);
	}

	private BadInputException notSliceGan(String why) {
		return new BadInputException(gen + " is not a SliceGAN generator: " + why + ".");
	}

	private BadInputException mismatch(String why) {
		return new BadInputException(par + " does not match the weights in " + gen + ": " + why +
			". Choose the params " +
			"file saved with this generator (NAME_params.data beside NAME_Gen.pt).");
	}
}
