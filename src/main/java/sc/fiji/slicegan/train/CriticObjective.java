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
 * the sum over the axes, as in Algorithm 1). The axes that share a critic are scored as one batch (the sum of
 * their means is the batch's sum over one axis's count), and the loss terms stay on the backend until read.
 */
public final class CriticObjective implements AutoCloseable {

	/** Slots of the loss terms in the accumulator tensor, summed over the axes. */
	public static final int MEAN_FAKE = 0, MEAN_REAL = 1, PENALTY = 2, TERMS = 3;

	private final Backend backend;
	private final Critic[] critics;
	private final AxisGroups groups;
	private final Map<String, Tensor> buffers = new HashMap<>();

	/** The loss terms of one evaluation, summed over the axes. */
	public static final class Result {
		public double meanFake, meanReal, penalty;

		/** The terms from an accumulator's slots {@code from}… */
		public static Result of(double[] acc, int from) {
			Result r = new Result();
			r.meanFake = acc[from + MEAN_FAKE];
			r.meanReal = acc[from + MEAN_REAL];
			r.penalty = acc[from + PENALTY];
			return r;
		}

		public double loss() {
			return meanFake - meanReal + penalty;
		}

		/** The critics' estimate of the Wasserstein distance. */
		public double wasserstein() {
			return meanReal - meanFake;
		}
	}

	public CriticObjective(Backend backend, Critic[] critics, AxisGroups groups) {
		this.backend = backend;
		this.critics = critics;
		this.groups = groups;
	}

	private Tensor buffer(String role, int... shape) {
		return buffers.computeIfAbsent(role + java.util.Arrays.toString(shape), k -> backend.allocate(shape));
	}

	/**
	 * Adds the loss terms to {@code acc[from + MEAN_FAKE…PENALTY]} (the caller zeroes them) and writes the critics'
	 * gradients.
	 *
	 * @param fake generated volumes {@code [B, C, l, l, l]} (treated as constants)
	 * @param real per critic, real crops {@code [axes · N_r, C, l, l]}: N_r rows per axis of the critic's group, in
	 *          the group's order
	 * @param penaltyFake per axis, the fake slice index (into that axis's B·l slices) of each gradient-penalty sample
	 * @param penaltyEps per axis, ε of each sample (sample i pairs with real crop i of the axis)
	 */
	public void evaluate(Tensor fake, Tensor[] real, int[][] penaltyFake, double[][] penaltyEps, double lambda,
		Tensor acc, int from)
	{
		for (int c = 0; c < critics.length; c++)
			evaluate(c, fake, real, penaltyFake, penaltyEps, lambda, acc, from);
	}

	/**
	 * The loss terms of critic c's axes only (added to {@code acc}), and that critic's gradients, which are zeroed
	 * first: for schedules that step a critic after each of its axes.
	 */
	public void evaluate(int c, Tensor fake, Tensor[] real, int[][] penaltyFake, double[][] penaltyEps, double lambda,
		Tensor acc, int from)
	{
		int[] v = fake.shape();
		int perAxis = v[0] * v[2];
		int[] axes = groups.axes(c);
		int k = axes.length;
		Critic d = critics[c];
		d.zeroGradients();
		Tensor slices = buffer("slices", k * perAxis, v[1], v[3], v[4]);
		groups.slice(backend, fake, c, slices);
		scoreAndBackward(d, slices, perAxis, 1.0, acc, from + MEAN_FAKE);
		int realN = real[c].dim(0) / k;
		scoreAndBackward(d, real[c], realN, -1.0, acc, from + MEAN_REAL);
		int n = penaltyEps[axes[0]].length;
		int[] realRows = new int[k * n], fakeRows = new int[k * n];
		double[] eps = new double[k * n];
		for (int g = 0; g < k; g++)
			for (int i = 0; i < n; i++) {
				realRows[g * n + i] = g * realN + i;
				fakeRows[g * n + i] = g * perAxis + penaltyFake[axes[g]][i];
				eps[g * n + i] = penaltyEps[axes[g]][i];
			}
		Tensor mixed = buffer("mixed", k * n, v[1], v[3], v[4]);
		backend.interpolateRows(real[c], realRows, slices, fakeRows, eps, mixed);
		d.gradientPenalty(mixed, lambda, n, acc, from + PENALTY, null);
	}

	/** Adds sign·Σ D(x) / perMean to acc[slot] and its gradient to the critic's weight gradients. */
	private void scoreAndBackward(Critic d, Tensor x, int perMean, double sign, Tensor acc, int slot) {
		int n = x.dim(0);
		backend.accumulateSum(d.forward(x), 1.0 / perMean, acc, slot);
		Tensor dOut = buffer("dOut", n, 1, 1, 1);
		backend.fill(dOut, sign / perMean);
		d.backward(x, dOut, true, null);
	}

	@Override
	public void close() {
		buffers.values().forEach(Tensor::close);
		buffers.clear();
	}
}
