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
}
