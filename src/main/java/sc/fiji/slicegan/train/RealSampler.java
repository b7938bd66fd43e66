package sc.fiji.slicegan.train;

import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.data.AxisSource;
import sc.fiji.slicegan.data.TrainingData;

/**
 * Draws random real crops on the fly: the training images live on the backend once, and each batch is a
 * gather of random windows (no pre-cut crop sets).
 */
final class RealSampler implements AutoCloseable {

	private final Backend backend;
	private final TrainingData data;
	private final Tensor[] stacks;
	private final int edge;

	RealSampler(Backend backend, TrainingData data, int edge) {
		this.backend = backend;
		this.data = data;
		this.edge = edge;
		stacks = new Tensor[data.sourceCount()];
		for (int i = 0; i < stacks.length; i++) {
			AxisSource s = data.source(i);
			stacks[i] = backend.allocate(s.shape());
			backend.upload(s.data, stacks[i]);
		}
	}

	/** Fills {@code out [N, C, edge, edge]} with random crops for a slicing axis. */
	void sample(int axis, Random rng, Tensor out) {
		int source = data.sourceOfAxis(axis);
		AxisSource s = data.source(source);
		int n = out.dim(0);
		int[] picks = new int[3 * n];
		for (int i = 0; i < n; i++) {
			picks[3 * i] = rng.nextInt(s.images);
			picks[3 * i + 1] = rng.nextInt(s.height - edge + 1);
			picks[3 * i + 2] = rng.nextInt(s.width - edge + 1);
		}
		backend.gatherCrops(stacks[source], picks, edge, out);
	}

	@Override
	public void close() {
		for (Tensor t : stacks)
			t.close();
	}
}
