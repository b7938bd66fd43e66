package sc.fiji.slicegan.pytorch;

/**
 * The published generators' state-dict keys and the names the model file gives the same tensors (those of
 * {@code nn.Generator}). Transposed convolution weights have PyTorch's layout {@code [in, out, k, k, k]} in both, the
 * resize convolution's {@code [out, in, k, k, k]}.
 */
final class TensorNames {

	private TensorNames() {}

	/** The published keys of batch norm i's tensors, and ours, in the same order. */
	static final String[] BN_KEYS = { "weight", "bias", "running_mean", "running_var" }, BN_NAMES = { "gamma", "beta",
		"runMean", "runVar" };
	static final String TRACKED = "num_batches_tracked";

	static String convKey(int i) {
		return "convs." + i + ".weight";
	}

	static String bnKey(int i, String part) {
		return "bns." + i + "." + part;
	}

	static final String RC_WEIGHT_KEY = "rcconv.weight", RC_BIAS_KEY = "rcconv.bias";

	static String weightName(int i) {
		return "G.w" + i;
	}

	static String bnName(int i, String part) {
		return "G.bn" + i + "." + part;
	}

	static final String RC_WEIGHT_NAME = "G.rc.w", RC_BIAS_NAME = "G.rc.b";
}
