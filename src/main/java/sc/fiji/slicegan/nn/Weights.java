package sc.fiji.slicegan.nn;

import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

/** Initial values, drawn on the host so that every backend starts from the same numbers for a seed. */
final class Weights {

	private Weights() {}

	/** N(mean, std²) values, as SliceGAN initialises convolution weights (0, 0.02) and batch-norm scales (1, 0.02). */
	static void normal(Backend backend, Tensor t, Random rng, double mean, double std) {
		float[] v = new float[(int) t.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (mean + std * rng.nextGaussian());
		backend.upload(v, t);
	}

	/** U(−bound, bound) values. */
	static void uniform(Backend backend, Tensor t, Random rng, double bound) {
		float[] v = new float[(int) t.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (bound * (2 * rng.nextDouble() - 1));
		backend.upload(v, t);
	}

	/**
	 * PyTorch's fan-in of convolution weights (torch.nn.init._calculate_fan_in_and_fan_out): shape[1] times the
	 * kernel's size, whether the weights are a convolution's [out, in, k…] or a transposed convolution's [in, out, k…].
	 */
	static int fanIn(int[] shape) {
		int n = shape[1];
		for (int i = 2; i < shape.length; i++)
			n *= shape[i];
		return n;
	}

	/** A convolution's weights (and bias, which may be null) as {@code init} says. */
	static void convolution(Backend backend, Param w, Param b, Random rng, Init init) {
		if (init == Init.NORMAL) {
			normal(backend, w.value, rng, 0, 0.02);
			if (b != null) backend.fill(b.value, 0);
			return;
		}
		double bound = 1 / Math.sqrt(fanIn(w.value.shape()));
		uniform(backend, w.value, rng, bound);
		if (b != null) uniform(backend, b.value, rng, bound);
	}

	/** Batch-norm scale and shift as {@code init} says. */
	static void batchNorm(Backend backend, Param gamma, Param beta, Random rng, Init init) {
		if (init == Init.NORMAL) normal(backend, gamma.value, rng, 1, 0.02);
		else backend.fill(gamma.value, 1);
		backend.fill(beta.value, 0);
	}
}
