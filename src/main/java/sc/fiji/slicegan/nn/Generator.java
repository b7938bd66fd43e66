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
 * SliceGAN's 3D generator: transposed convolutions, each but the last followed by batch normalisation and a
 * ReLU, then the head (softmax over phases, or (tanh + 1)/2). No biases. Forward and backward over the backend.
 */
public final class Generator implements AutoCloseable {

	public static final double BN_EPS = 1e-5;
	public static final double BN_MOMENTUM = 0.1;

	private final Backend backend;
	private final NetSpec spec;
	private final List<Param> weights = new ArrayList<>();
	private final List<Param> gammas = new ArrayList<>();
	private final List<Param> betas = new ArrayList<>();
	private final List<Tensor> runMeans = new ArrayList<>();
	private final List<Tensor> runVars = new ArrayList<>();
	/** Activation buffers per (batch, latent edge): allocated once, reused by every step. */
	private final Map<String, Activations> workspaces = new HashMap<>();
	private Activations last;
	/** The output of the last evaluation-mode {@link #forward}. */
	private Tensor evalOut;

	public Generator(Backend backend, NetSpec spec) {
		this.backend = backend;
		this.spec = spec;
		int in = spec.latentChannels;
		for (int i = 0; i < spec.generator.size(); i++) {
			LayerSpec l = spec.generator.get(i);
			weights.add(new Param(backend, "G.w" + i, in, l.out, l.k, l.k, l.k));
			if (i < spec.generator.size() - 1) {
				gammas.add(new Param(backend, "G.bn" + i + ".gamma", l.out));
				betas.add(new Param(backend, "G.bn" + i + ".beta", l.out));
				runMeans.add(backend.allocate(l.out));
				Tensor rv = backend.allocate(l.out);
				backend.fill(rv, 1.0);
				runVars.add(rv);
			}
			in = l.out;
		}
	}

	public NetSpec spec() {
		return spec;
	}

	/** SliceGAN's initialisation: weights N(0, 0.02), batch-norm scales N(1, 0.02), shifts 0. */
	public void initialise(Random rng) {
		for (Param w : weights)
			Weights.normal(backend, w.value, rng, 0, 0.02);
		for (Param g : gammas)
			Weights.normal(backend, g.value, rng, 1, 0.02);
	}

	/** The trainable parameters, in a fixed order. */
	public List<Param> params() {
		List<Param> all = new ArrayList<>();
		for (int i = 0; i < weights.size(); i++) {
			all.add(weights.get(i));
			if (i < gammas.size()) {
				all.add(gammas.get(i));
				all.add(betas.get(i));
			}
		}
		return all;
	}

	/** Every tensor a model file must hold: the parameters and the batch-norm running statistics, by name. */
	public Map<String, Tensor> state() {
		Map<String, Tensor> s = new LinkedHashMap<>();
		for (Param p : params())
			s.put(p.name, p.value);
		for (int i = 0; i < runMeans.size(); i++) {
			s.put("G.bn" + i + ".runMean", runMeans.get(i));
			s.put("G.bn" + i + ".runVar", runVars.get(i));
		}
		return Collections.unmodifiableMap(s);
	}

	/** Shape of the latent input for a batch and a latent edge. */
	public int[] latentShape(int batch, int latentEdge) {
		return latentShape(batch, latentEdge, latentEdge, latentEdge);
	}

	/** Shape of a latent grid with different extents along z, y and x (periodic generation extends some). */
	public int[] latentShape(int batch, int depth, int height, int width) {
		return new int[] { batch, spec.latentChannels, depth, height, width };
	}

	/**
	 * Runs the generator. In training mode batch normalisation uses the batch's statistics and updates the
	 * running ones (as PyTorch does); in evaluation mode it uses the running statistics.
	 *
	 * @return the output volumes {@code [B, C, L, L, L]}, owned by the generator and overwritten by the next call
	 *         with the same shape
	 */
	public Tensor forward(Tensor z, boolean training) {
		if (!training) {
			if (evalOut != null) evalOut.close();
			evalOut = evaluate(z);
			return evalOut;
		}
		int[] zs = z.shape();
		Activations ws = workspace(zs[0], new int[] { zs[2], zs[3], zs[4] });
		last = ws;
		ws.z = z;
		Tensor in = z;
		int n = spec.generator.size();
		for (int i = 0; i < n; i++) {
			LayerSpec l = spec.generator.get(i);
			backend.convTranspose3d(in, weights.get(i).value, l.s, l.p, ws.y[i]);
			if (i < n - 1) {
				Tensor a = ws.a[i + 1];
				backend.batchNormTrain(ws.y[i], gammas.get(i).value, betas.get(i).value, BN_EPS, a, ws.mean[i], ws.var[i]);
				updateRunningStats(i, ws);
				backend.relu(a, a);
				in = a;
			}
		}
		if (spec.head == Head.SOFTMAX) backend.softmaxChannels(ws.y[n - 1], ws.out);
		else backend.tanhUnit(ws.y[n - 1], ws.out);
		return ws.out;
	}

	/**
	 * Evaluation mode for generation: running statistics, batch norm and ReLU in place, and each layer's input
	 * freed as soon as the next layer has been computed, so that at most two layers' outputs exist at once. (Labels
	 * come from {@link #evaluateLabels}, which needs no softmax.)
	 *
	 * @return a new tensor the caller closes
	 */
	public Tensor evaluate(Tensor z) {
		int n = spec.generator.size();
		Tensor y = layer(n - 1, hidden(z), z);
		if (spec.head == Head.TANH) backend.tanhUnit(y, y);
		else backend.softmaxChannels(y, y);
		return y;
	}

	/**
	 * Evaluation mode, straight to labels: the phase labels {@code lut[argmax]} of the output window of {@code size}
	 * voxels (z, y, x) from {@code origin}, as new planes {@code planes[firstPlane + z]} (see
	 * {@link Backend#convTranspose3dLabels}, which on a GPU can go without storing the last layer's output).
	 */
	public void evaluateLabels(Tensor z, int[] origin, int[] size, byte[] lut, byte[][] planes, int firstPlane) {
		int last = spec.generator.size() - 1;
		LayerSpec l = spec.generator.get(last);
		Tensor h = hidden(z);
		try {
			backend.convTranspose3dLabels(h, weights.get(last).value, l.s, l.p, origin, size, lut, planes, firstPlane);
		}
		finally {
			if (h != z) h.close();
		}
	}

	/** The input of the last layer in evaluation mode (z itself for a one-layer generator). */
	private Tensor hidden(Tensor z) {
		Tensor in = z;
		for (int i = 0; i < spec.generator.size() - 1; i++) {
			Tensor y = layer(i, in, z);
			backend.batchNormInference(y, gammas.get(i).value, betas.get(i).value, runMeans.get(i), runVars.get(i),
				BN_EPS, y);
			backend.relu(y, y);
			in = y;
		}
		return in;
	}

	/** Layer i's transposed convolution of {@code in} into a new tensor, freeing {@code in} unless it is z. */
	private Tensor layer(int i, Tensor in, Tensor z) {
		LayerSpec l = spec.generator.get(i);
		Tensor y = backend.allocate(in.dim(0), l.out, l.transposedOutput(in.dim(2)), l.transposedOutput(in.dim(3)), l
			.transposedOutput(in.dim(4)));
		backend.convTranspose3d(in, weights.get(i).value, l.s, l.p, y);
		if (in != z) in.close();
		return y;
	}

	/** Bytes of tensor memory an evaluation of one latent grid needs at its peak (a layer's input and output). */
	public long peakBytes(int depth, int height, int width) {
		int[] e = { depth, height, width };
		long in = 4L * spec.latentChannels * e[0] * e[1] * e[2], peak = 0;
		for (int i = 0; i < spec.generator.size(); i++) {
			LayerSpec l = spec.generator.get(i);
			for (int d = 0; d < 3; d++)
				e[d] = l.transposedOutput(e[d]);
			long out = 4L * l.out * e[0] * e[1] * e[2];
			peak = Math.max(peak, in + out);
			in = out;
		}
		return peak;
	}

	private void updateRunningStats(int i, Activations ws) {
		int[] shape = ws.y[i].shape();
		long count = ws.y[i].size() / shape[1];
		backend.scale(runMeans.get(i), 1 - BN_MOMENTUM);
		backend.axpy(BN_MOMENTUM, ws.mean[i], runMeans.get(i));
		backend.scale(runVars.get(i), 1 - BN_MOMENTUM);
		// PyTorch keeps the unbiased variance
		backend.axpy(BN_MOMENTUM * count / Math.max(1, count - 1), ws.var[i], runVars.get(i));
	}

	/**
	 * Back-propagates {@code dOut} (the loss gradient with respect to the last {@link #forward} output, which must
	 * have been a training-mode call) and writes every parameter's gradient.
	 */
	public void backward(Tensor dOut) {
		Activations ws = last;
		if (ws == null) throw new IllegalStateException("backward needs a training-mode forward");
		ws.allocateGradients();
		int n = spec.generator.size();
		if (spec.head == Head.SOFTMAX) backend.softmaxChannelsBackward(ws.out, dOut, ws.dy[n - 1]);
		else backend.tanhUnitBackward(ws.out, dOut, ws.dy[n - 1]);
		for (int i = n - 1; i >= 0; i--) {
			LayerSpec l = spec.generator.get(i);
			Param w = weights.get(i);
			if (i == 0) {
				backend.convTranspose3dBackwardFilter(ws.z, ws.dy[0], l.s, l.p, w.grad, false);
			}
			else {
				backend.convTranspose3dBackward(ws.a[i], w.value, ws.dy[i], l.s, l.p, ws.da[i], w.grad, false);
				backend.reluMask(ws.a[i], ws.da[i], ws.da[i]);
				backend.batchNormBackward(ws.y[i - 1], ws.da[i], gammas.get(i - 1).value, ws.mean[i - 1], ws.var[i - 1],
					BN_EPS, ws.dy[i - 1], gammas.get(i - 1).grad, betas.get(i - 1).grad);
			}
		}
	}

	/** Frees the buffers of every batch shape used so far (they come back on the next call). */
	public void releaseWorkspaces() {
		for (Activations ws : workspaces.values())
			ws.close();
		workspaces.clear();
		last = null;
		if (evalOut != null) evalOut.close();
		evalOut = null;
	}

	private Activations workspace(int batch, int[] latent) {
		return workspaces.computeIfAbsent(batch + "x" + java.util.Arrays.toString(latent), k -> new Activations(batch,
			latent));
	}

	@Override
	public void close() {
		releaseWorkspaces();
		for (Param p : params())
			p.close();
		runMeans.forEach(Tensor::close);
		runVars.forEach(Tensor::close);
	}

	/** The buffers of one training batch shape: conv outputs y, post-ReLU inputs a, their gradients, batch statistics. */
	private final class Activations implements AutoCloseable {

		final Tensor[] y, a, dy, da, mean, var;
		final Tensor out;
		Tensor z;

		Activations(int batch, int[] latent) {
			int n = spec.generator.size();
			y = new Tensor[n];
			a = new Tensor[n];
			dy = new Tensor[n];
			da = new Tensor[n];
			mean = new Tensor[n];
			var = new Tensor[n];
			int[] edge = latent.clone();
			for (int i = 0; i < n; i++) {
				LayerSpec l = spec.generator.get(i);
				for (int d = 0; d < 3; d++)
					edge[d] = l.transposedOutput(edge[d]);
				int[] shape = { batch, l.out, edge[0], edge[1], edge[2] };
				y[i] = backend.allocate(shape);
				if (i < n - 1) {
					a[i + 1] = backend.allocate(shape);
					mean[i] = backend.allocate(l.out);
					var[i] = backend.allocate(l.out);
				}
			}
			out = backend.allocate(y[n - 1].shape());
		}

		/** Gradient buffers, allocated on the first backward pass: generation never needs them. */
		void allocateGradients() {
			if (dy[0] != null) return;
			for (int i = 0; i < y.length; i++) {
				dy[i] = backend.allocate(y[i].shape());
				if (a[i] != null) da[i] = backend.allocate(a[i].shape());
			}
		}

		@Override
		public void close() {
			for (Tensor[] ts : new Tensor[][] { y, a, dy, da, mean, var })
				for (Tensor t : ts)
					if (t != null) t.close();
			out.close();
		}
	}
}
