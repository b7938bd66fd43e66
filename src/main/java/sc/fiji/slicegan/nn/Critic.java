package sc.fiji.slicegan.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

/**
 * SliceGAN's 2D critic: convolutions with a ReLU between them, no normalisation, no biases, one score per
 * slice. Its backward pass and the gradient penalty's double backprop are written here, over the backend.
 */
public final class Critic implements AutoCloseable {

	private final Backend backend;
	private final NetSpec spec;
	private final String prefix;
	private final List<Param> weights = new ArrayList<>();
	private final Map<Integer, Activations> workspaces = new HashMap<>();

	/** @param prefix the name of the parameters in a model file, e.g. "D" or "D1" */
	public Critic(Backend backend, NetSpec spec, String prefix) {
		this.backend = backend;
		this.spec = spec;
		this.prefix = prefix;
		int in = spec.channels;
		for (int i = 0; i < spec.critic.size(); i++) {
			LayerSpec l = spec.critic.get(i);
			weights.add(new Param(backend, prefix + ".w" + i, l.out, in, l.k, l.k));
			in = l.out;
		}
	}

	/** SliceGAN's initialisation ({@link Init#NORMAL}). */
	public void initialise(Random rng) {
		initialise(rng, Init.NORMAL);
	}

	public void initialise(Random rng, Init init) {
		for (Param w : weights)
			Weights.convolution(backend, w, null, rng, init);
	}

	public List<Param> params() {
		return Collections.unmodifiableList(weights);
	}

	public Map<String, Tensor> state() {
		Map<String, Tensor> s = new LinkedHashMap<>();
		for (Param p : weights)
			s.put(p.name, p.value);
		return s;
	}

	public void zeroGradients() {
		for (Param p : weights)
			backend.fill(p.grad, 0);
	}

	/**
	 * Scores a batch of images {@code [N, C, l, l]}.
	 *
	 * @return the scores {@code [N, 1, 1, 1]}, owned by the critic until the next call with the same N
	 */
	public Tensor forward(Tensor x) {
		Activations ws = workspace(x.dim(0));
		Tensor in = x;
		int n = weights.size();
		for (int i = 0; i < n; i++) {
			LayerSpec l = spec.critic.get(i);
			Tensor out = i == n - 1 ? ws.out : ws.in[i + 1];
			backend.conv2d(in, weights.get(i).value, l.s, l.p, out);
			if (i < n - 1) backend.relu(out, out);
			in = out;
		}
		return ws.out;
	}

	/**
	 * Back-propagates {@code dOut [N, 1, 1, 1]} through the last {@link #forward} of {@code x}.
	 *
	 * @param accumulateParams add to the weight gradients (false: leave them alone, for the generator's step)
	 * @param dx where to write the gradient with respect to x, or null
	 */
	public void backward(Tensor x, Tensor dOut, boolean accumulateParams, Tensor dx) {
		Activations ws = workspace(x.dim(0));
		ws.allocateGradients();
		Tensor delta = dOut;
		for (int i = weights.size() - 1; i >= 0; i--) {
			LayerSpec l = spec.critic.get(i);
			Param w = weights.get(i);
			Tensor in = i == 0 ? x : ws.in[i];
			Tensor gradIn = i == 0 ? dx : ws.grad[i];
			if (gradIn != null && accumulateParams) backend.conv2dBackward(in, w.value, delta, l.s, l.p, gradIn, w.grad,
				true);
			else if (gradIn != null) backend.conv2dBackwardData(delta, w.value, l.s, l.p, gradIn);
			else if (accumulateParams) backend.conv2dBackwardFilter(in, delta, l.s, l.p, w.grad, true);
			if (i > 0) {
				backend.reluMask(ws.in[i], gradIn, gradIn);
				delta = gradIn;
			}
		}
	}

	/**
	 * The gradient penalty λ·mean_i (‖∇ₓD(x_i)‖₂ − 1)² of a batch, read back to the host (for tests and checks; training
	 * uses {@link #gradientPenalty(Tensor, double, int, Tensor, int, Tensor)}).
	 *
	 * @param norms receives ‖∇ₓD(x_i)‖₂ per sample (length N), or null
	 */
	public double gradientPenalty(Tensor x, double lambda, double[] norms) {
		int batch = x.dim(0);
		try (Tensor acc = backend.allocate(1); Tensor n = backend.allocate(batch)) {
			gradientPenalty(x, lambda, batch, acc, 0, n);
			double[] value = new double[1];
			backend.download(acc, value);
			if (norms != null) backend.download(n, norms);
			return value[0];
		}
	}

	/**
	 * Adds the gradient penalty (λ / perMean)·Σ_i (‖∇ₓD(x_i)‖₂ − 1)² of a batch to {@code acc[slot]} and its gradient
	 * with respect to the weights to theirs, all on the backend. With the ReLU masks m_j fixed,
	 * ∇ₓD = W₁ᵀ(m₁ ⊙ W₂ᵀ(m₂ ⊙ … W_Lᵀ·1)) is a chain of transposed convolutions; its derivative with respect to each W_j
	 * is back-propagated through that chain (a convolution forward and a filter gradient per layer). The masks carry
	 * no gradient.
	 *
	 * @param perMean the number of samples each mean runs over (a batch may hold several axes' samples)
	 * @param norms receives ‖∇ₓD(x_i)‖₂ per sample, or null
	 */
	public void gradientPenalty(Tensor x, double lambda, int perMean, Tensor acc, int slot, Tensor norms) {
		int batch = x.dim(0);
		Activations ws = workspace(batch);
		ws.allocateGradients();
		ws.allocatePenalty(x.shape());
		forward(x);
		int n = weights.size();
		// u_j = ∂D/∂(output of layer j), v_j = W_jᵀ u_j; grad[j] holds u_{j-1} = m_j ⊙ v_j after masking
		backend.fill(ws.ones, 1.0);
		for (int i = n - 1; i >= 0; i--) {
			LayerSpec l = spec.critic.get(i);
			Tensor u = i == n - 1 ? ws.ones : ws.grad[i + 1];
			Tensor v = i == 0 ? ws.adjoint[0] : ws.grad[i];
			backend.conv2dBackwardData(u, weights.get(i).value, l.s, l.p, v);
			if (i > 0) backend.reluMask(ws.in[i], v, v);
		}
		// the penalty, and in place of g its gradient: the adjoint pass starts from vbar_0 = ∂P/∂g ...
		backend.normPenalty(ws.adjoint[0], 1.0, lambda / perMean, norms, acc, slot);
		// ... and goes forward through the same layers
		for (int i = 0; i < n; i++) {
			LayerSpec l = spec.critic.get(i);
			Param w = weights.get(i);
			Tensor u = i == n - 1 ? ws.ones : ws.grad[i + 1];
			backend.conv2dBackwardFilter(ws.adjoint[i], u, l.s, l.p, w.grad, true);
			if (i < n - 1) {
				backend.conv2d(ws.adjoint[i], w.value, l.s, l.p, ws.adjoint[i + 1]);
				backend.reluMask(ws.in[i + 1], ws.adjoint[i + 1], ws.adjoint[i + 1]);
			}
		}
	}

	public void releaseWorkspaces() {
		for (Activations ws : workspaces.values())
			ws.close();
		workspaces.clear();
	}

	private Activations workspace(int batch) {
		return workspaces.computeIfAbsent(batch, Activations::new);
	}

	@Override
	public void close() {
		releaseWorkspaces();
		for (Param p : weights)
			p.close();
	}

	/** The buffers of one batch size; in[j] is layer j's input (a ReLU output) for j ≥ 1. */
	private final class Activations implements AutoCloseable {

		final int batch;
		final Tensor[] in, grad, adjoint;
		final Tensor out;
		Tensor ones;

		Activations(int batch) {
			this.batch = batch;
			int n = spec.critic.size();
			in = new Tensor[n];
			grad = new Tensor[n];
			adjoint = new Tensor[n];
			int edge = spec.trainingEdge();
			for (int i = 0; i < n - 1; i++) {
				LayerSpec l = spec.critic.get(i);
				edge = l.convOutput(edge);
				in[i + 1] = backend.allocate(batch, l.out, edge, edge);
			}
			out = backend.allocate(batch, 1, 1, 1);
		}

		void allocateGradients() {
			for (int i = 1; i < in.length; i++)
				if (grad[i] == null) grad[i] = backend.allocate(in[i].shape());
		}

		void allocatePenalty(int[] inputShape) {
			if (ones != null) return;
			ones = backend.allocate(batch, 1, 1, 1);
			adjoint[0] = backend.allocate(inputShape);
			for (int i = 1; i < in.length; i++)
				adjoint[i] = backend.allocate(in[i].shape());
		}

		@Override
		public void close() {
			for (Tensor[] ts : new Tensor[][] { in, grad, adjoint })
				for (Tensor t : ts)
					if (t != null) t.close();
			out.close();
			if (ones != null) ones.close();
		}
	}
}
