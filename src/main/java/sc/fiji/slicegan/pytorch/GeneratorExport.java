package sc.fiji.slicegan.pytorch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * One of our models as the published SliceGAN's files, for every generator the published code can build: the
 * transposed kind ({@code slicegan_nets}: any layers, softmax or tanh head, chosen there by the image type) and the
 * resize-convolution kind ({@code slicegan_rc_nets}, which always ends with a 3×3×3 convolution and a softmax, so
 * n-phase only). The published modules hold one layer more than their forward pass uses (the last batch norm of
 * slicegan_nets, the last transposed convolution and batch norm of slicegan_rc_nets); those get neutral values:
 * zero weights, PyTorch's initial batch norm.
 */
public final class GeneratorExport {

	/** The unused last transposed convolution of slicegan_rc_nets: {4,2,3}, as in the published run_slicegan.py. */
	static final LayerSpec UNUSED_RC_LAYER = new LayerSpec(0, 4, 2, 3);

	private GeneratorExport() {}

	/**
	 * @throws BadInputException when the published code cannot build this generator
	 */
	public static PublishedGenerator of(ModelState m) {
		NetSpec spec = m.spec;
		boolean rc = spec.kind == GeneratorKind.RESIZE_CONV;
		if (rc && spec.head != Head.SOFTMAX) throw new BadInputException("This model's resize-convolution generator " +
			"makes " + m.kind.label() +
			" output, which the published code cannot express: its slicegan_rc_nets always " +
			"ends with a softmax over phases (n-phase). Only the transposed-convolution networks (table1, small) " +
			"export as " + m.kind.label() + ".");
		if (rc && spec.resizeConv().k != 3) throw new BadInputException(
			"This model's resize convolution has a kernel " +
				"of " + spec.resizeConv().k +
				"; the published slicegan_rc_nets has 3 (Conv3d(…, 3, 1, 0)), so it cannot " +
				"express it.");
		List<LayerSpec> t = new ArrayList<>(spec.transposed());
		// the channel count of each layer's input, then of its output
		List<Integer> gf = new ArrayList<>();
		gf.add(spec.latentChannels);
		for (LayerSpec l : t)
			gf.add(l.out);
		if (rc) {
			gf.add(spec.channels);
			t.add(new LayerSpec(spec.channels, UNUSED_RC_LAYER.k, UNUSED_RC_LAYER.s, UNUSED_RC_LAYER.p));
		}
		int layers = t.size();
		int[] gk = new int[layers], gs = new int[layers], gp = new int[layers];
		for (int i = 0; i < layers; i++) {
			gk[i] = t.get(i).k;
			gs[i] = t.get(i).s;
			gp[i] = t.get(i).p;
		}
		List<LayerSpec> d = spec.critic;
		int[] dk = new int[d.size()], ds = new int[d.size()], dp = new int[d.size()], df = new int[d.size() + 1];
		df[0] = spec.channels;
		for (int i = 0; i < d.size(); i++) {
			dk[i] = d.get(i).k;
			ds[i] = d.get(i).s;
			dp[i] = d.get(i).p;
			df[i + 1] = d.get(i).out;
		}
		SliceGanParams params = new SliceGanParams(dk, ds, df, dp, gk, gs, ints(gf), gp);

		Map<String, TorchTensor> sd = new LinkedHashMap<>();
		int used = spec.transposed().size();
		for (int i = 0; i < layers; i++)
			sd.put(TensorNames.convKey(i), i < used ? tensor(m, TensorNames.weightName(i)) : TorchTensor.of(new int[] {
				gf.get(i), gf.get(i + 1), gk[i], gk[i], gk[i] }, new float[gf.get(i) * gf.get(i + 1) * gk[i] * gk[i] *
					gk[i]]));
		for (int i = 0; i < layers; i++) {
			boolean trained = rc ? i < used : i < used - 1;
			int n = gf.get(i + 1);
			for (int j = 0; j < TensorNames.BN_KEYS.length; j++)
				sd.put(TensorNames.bnKey(i, TensorNames.BN_KEYS[j]), trained ? tensor(m, TensorNames.bnName(i,
					TensorNames.BN_NAMES[j])) : TorchTensor.of(new int[] { n }, filled(n, j == 0 || j == 3 ? 1 : 0)));
			sd.put(TensorNames.bnKey(i, TensorNames.TRACKED), new TorchTensor(StorageType.LONG, new int[0],
				new float[1]));
		}
		if (rc) {
			sd.put(TensorNames.RC_WEIGHT_KEY, tensor(m, TensorNames.RC_WEIGHT_NAME));
			sd.put(TensorNames.RC_BIAS_KEY, tensor(m, TensorNames.RC_BIAS_NAME));
		}
		return new PublishedGenerator(sd, params, rc ? "slicegan_rc_nets" : "slicegan_nets", imageType(m.kind),
			spec.latentChannels);
	}

	private static TorchTensor tensor(ModelState m, String name) {
		float[] v = m.tensors.get(name);
		if (v == null) throw new BadInputException("The model has no generator tensor " + name + ": the file is " +
			"damaged.");
		return TorchTensor.of(m.shapes.get(name), v);
	}

	private static float[] filled(int n, float value) {
		float[] v = new float[n];
		java.util.Arrays.fill(v, value);
		return v;
	}

	private static int[] ints(List<Integer> l) {
		return l.stream().mapToInt(Integer::intValue).toArray();
	}

	static String imageType(ImageKind kind) {
		switch (kind) {
			case N_PHASE:
				return "nphase";
			case GRAYSCALE:
				return "grayscale";
			default:
				return "colour";
		}
	}
}
