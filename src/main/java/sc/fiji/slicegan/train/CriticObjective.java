package sc.fiji.slicegan.train;

import java.util.HashMap;
import java.util.Map;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.nn.Critic;

/**
 * The critics' WGAN-GP loss for one batch of generated volumes:
 * L_D = Σ_axes [ mean D(fake slices) − mean D(real crops) + λ·mean (‖∇D(x̂)‖ − 1)² ],
 * x̂_i = ε_i·real_i + (1 − ε_i)·fake_{k_i}. It writes every critic's weight gradient (one Adam step then uses
 * the sum over the axes, as in Algorithm 1).
 */
public final class CriticObjective implements AutoCloseable {

	private final Backend backend;
	private final Critic[] critics;
	private final int[] criticOfAxis;
	private final Map<String, Tensor> buffers = new HashMap<>();

	/** What one evaluation measured, summed over the axes. */
	public static final class Result {
		public double meanFake, meanReal, penalty;

		public double loss() {
			return meanFake - meanReal + penalty;
		}

		/** The critics' estimate of the Wasserstein distance. */
		public double wasserstein() {
			return meanReal - meanFake;
		}
	}

	public CriticObjective(Backend backend, Critic[] critics, int[] criticOfAxis) {
		this.backend = backend;
		this.critics = critics;
		this.criticOfAxis = criticOfAxis;
	}

	private Tensor buffer(String role, int... shape) {
		return buffers.computeIfAbsent(role + java.util.Arrays.toString(shape), k -> backend.allocate(shape));
	}

	/**
	 * @param fake generated volumes {@code [B, C, l, l, l]} (treated as constants)
	 * @param real per axis, real crops {@code [N_r, C, l, l]}
	 * @param penaltyFake per axis, the fake slice index (into the B·l slices) of each gradient-penalty sample
	 * @param penaltyEps per axis, ε of each sample (sample i pairs with real crop i)
	 */
	public Result evaluate(Tensor fake, Tensor[] real, int[][] penaltyFake, double[][] penaltyEps, double lambda) {
		for (Critic c : critics)
			c.zeroGradients();
		int[] v = fake.shape();
		int slices = v[0] * v[2];
		Tensor fakeSlices = buffer("slices", slices, v[1], v[3], v[4]);
		Result r = new Result();
		for (int axis = 0; axis < 3; axis++) {
			Critic d = critics[criticOfAxis[axis]];
			backend.sliceVolumes(fake, axis, fakeSlices);
			r.meanFake += scoreAndBackward(d, fakeSlices, 1.0);
			r.meanReal += scoreAndBackward(d, real[axis], -1.0);
			int n = penaltyEps[axis].length;
			int[] realRows = new int[n];
			for (int i = 0; i < n; i++)
				realRows[i] = i;
			Tensor mixed = buffer("mixed", n, v[1], v[3], v[4]);
			backend.interpolateRows(real[axis], realRows, fakeSlices, penaltyFake[axis], penaltyEps[axis], mixed);
			r.penalty += d.gradientPenalty(mixed, lambda, null);
		}
		return r;
	}

	/** mean D(x), adding sign·∇mean D(x) to the weight gradients. */
	private double scoreAndBackward(Critic d, Tensor x, double sign) {
		int n = x.dim(0);
		double mean = backend.sum(d.forward(x)) / n;
		Tensor dOut = buffer("dOut", n, 1, 1, 1);
		backend.fill(dOut, sign / n);
		d.backward(x, dOut, true, null);
		return mean;
	}

	@Override
	public void close() {
		buffers.values().forEach(Tensor::close);
		buffers.clear();
	}
}
