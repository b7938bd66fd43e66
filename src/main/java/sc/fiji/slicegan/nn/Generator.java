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
import sc.fiji.slicegan.backend.Upsampling;

/**
 * SliceGAN's 3D generator: transposed convolutions, each followed by batch normalisation and a ReLU, then the output
 * layer and the head (softmax over phases, or (tanh + 1)/2). The output layer is one more transposed convolution
 * (Table 1) or, for the resize-convolution kind, trilinear upsampling of n voxels to 2(n − 1) per axis and a 3D
 * convolution with bias (the published code's default). No other biases. Forward and backward over the backend, for
 * both kinds.
 */
public final class Generator implements AutoCloseable {

	public static final double BN_EPS = 1e-5;
	public static final double BN_MOMENTUM = 0.1;

	private final Backend backend;
	private final NetSpec spec;
	/** The transposed convolutions' weights, [in, out, k, k, k]. */
	private final List<Param> weights = new ArrayList<>();
	private final List<Param> gammas = new ArrayList<>();
	private final List<Param> betas = new ArrayList<>();
	private final List<Tensor> runMeans = new ArrayList<>();
	private final List<Tensor> runVars = new ArrayList<>();
	/** The resize convolution's weights [out, in, k, k, k] and bias (resize-convolution kind), else null. */
	private final Param rcWeight, rcBias;
	/** Activation buffers per (batch, latent edge): allocated once, reused by every step. */
	private final Map<String, Activations> workspaces = new HashMap<>();
	private Activations last;
	/** The output of the last evaluation-mode {@link #forward}. */
	private Tensor evalOut;

	public Generator(Backend backend, NetSpec spec) {
		this.backend = backend;
		this.spec = spec;
		int in = spec.latentChannels, n = spec.generator.size();
		Param rcw = null, rcb = null;
		for (int i = 0; i < n; i++) {
			LayerSpec l = spec.generator.get(i);
			if (i == n - 1 && spec.kind == GeneratorKind.RESIZE_CONV) {
				rcw = new Param(backend, "G.rc.w", l.out, in, l.k, l.k, l.k);
				rcb = new Param(backend, "G.rc.b", l.out);
			}
			else weights.add(new Param(backend, "G.w" + i, in, l.out, l.k, l.k, l.k));
			if (i < n - 1) {
				gammas.add(new Param(backend, "G.bn" + i + ".gamma", l.out));
				betas.add(new Param(backend, "G.bn" + i + ".beta", l.out));
				runMeans.add(backend.allocate(l.out));
				Tensor rv = backend.allocate(l.out);
				backend.fill(rv, 1.0);
				runVars.add(rv);
			}
			in = l.out;
		}
		rcWeight = rcw;
		rcBias = rcb;
	}

	public NetSpec spec() {
		return spec;
	}

	/** SliceGAN's initialisation ({@link Init#NORMAL}). */
	public void initialise(Random rng) {
		initialise(rng, Init.NORMAL);
	}

	/** Draws the convolutions' parameters in layer order, then the batch norms'. */
	public void initialise(Random rng, Init init) {
		for (Param w : weights)
			Weights.convolution(backend, w, null, rng, init);
		if (rcWeight != null) Weights.convolution(backend, rcWeight, rcBias, rng, init);
		for (int i = 0; i < gammas.size(); i++)
			Weights.batchNorm(backend, gammas.get(i), betas.get(i), rng, init);
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
		if (rcWeight != null) {
			all.add(rcWeight);
			all.add(rcBias);
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

	private int layers() {
		return spec.generator.size();
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
		int n = layers();
		for (int i = 0; i < n - 1; i++) {
			LayerSpec l = spec.generator.get(i);
			backend.convTranspose3d(in, weights.get(i).value, l.s, l.p, ws.y[i]);
			Tensor a = ws.a[i + 1];
			backend.batchNormTrain(ws.y[i], gammas.get(i).value, betas.get(i).value, BN_EPS, a, ws.mean[i], ws.var[i]);
			updateRunningStats(i, ws);
			backend.relu(a, a);
			in = a;
		}
		LayerSpec l = spec.generator.get(n - 1);
		if (rcWeight == null) backend.convTranspose3d(in, weights.get(n - 1).value, l.s, l.p, ws.y[n - 1]);
		else {
			backend.upsampleTrilinear(in, Upsampling.whole(in, ws.u), ws.u);
			backend.conv3d(ws.u, rcWeight.value, l.s, l.p, ws.y[n - 1]);
			backend.addChannelBias(ws.y[n - 1], rcBias.value, ws.y[n - 1]);
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
	 * @return the whole output, a new tensor the caller closes
	 */
	public Tensor evaluate(Tensor z) {
		Tensor y = logits(z, OutputWindow.whole(spec, new int[] { z.dim(2), z.dim(3), z.dim(4) }));
		head(y);
		return y;
	}

	private void head(Tensor y) {
		if (spec.head == Head.TANH) backend.tanhUnit(y, y);
		else backend.softmaxChannels(y, y);
	}

	/**
	 * Evaluation mode, the voxels of a window (see {@link OutputWindow}; z holds its slab of latent cells), on the host:
	 * {@code [C, size z, size y, size x]}, row-major.
	 */
	public float[] evaluateWindow(Tensor z, OutputWindow w) {
		int[] at = at(w), s = w.size;
		try (Tensor y = logits(z, w)) {
			head(y);
			int[] full = { y.dim(2), y.dim(3), y.dim(4) };
			int c = y.dim(1), v = full[0] * full[1] * full[2];
			float[] all = new float[c * v], out = new float[c * s[0] * s[1] * s[2]];
			backend.download(y, all);
			for (int ch = 0, i = 0; ch < c; ch++)
				for (int zz = 0; zz < s[0]; zz++)
					for (int yy = 0; yy < s[1]; yy++, i += s[2])
						System.arraycopy(all, ch * v + ((zz + at[0]) * full[1] + yy + at[1]) * full[2] + at[2], out, i,
							s[2]);
			return out;
		}
	}

	/**
	 * Evaluation mode, straight to labels: the phase labels {@code lut[argmax]} of a window (see {@link OutputWindow};
	 * z holds its slab of latent cells), as new planes {@code planes[firstPlane + z]} (see
	 * {@link Backend#convTranspose3dLabels}, which on a GPU can go without storing the last layer's output).
	 */
	public void evaluateLabels(Tensor z, OutputWindow w, byte[] lut, byte[][] planes, int firstPlane) {
		if (rcWeight != null) {
			try (Tensor y = logits(z, w)) {
				backend.argmaxLabels(y, new int[3], w.size, lut, planes, firstPlane);
			}
			return;
		}
		int n = layers();
		LayerSpec l = spec.generator.get(n - 1);
		Tensor h = hidden(z);
		try {
			backend.convTranspose3dLabels(h, weights.get(n - 1).value, l.s, l.p, at(w), w.size, lut, planes,
				firstPlane);
		}
		finally {
			if (h != z) h.close();
		}
	}

	/**
	 * Where the window's first voxel lies in the output of {@link #logits}: for transposed convolutions, which compute
	 * the whole output of their slab, its place in the slab (a shift by whole cells); the resize convolution computes
	 * the window alone.
	 */
	private int[] at(OutputWindow w) {
		int[] at = new int[3];
		if (rcWeight == null) for (int a = 0; a < 3; a++)
			at[a] = w.origin[a] - spec.transposedStride() * w.first[a];
		return at;
	}

	/**
	 * The output layer's values (before the head) in evaluation mode: the whole output of z's slab (transposed
	 * convolutions), or exactly the window (resize convolution: the upsampling samples the window's part of the whole
	 * volume's upsampling, see {@link NetSpec#upsampleScale}).
	 *
	 * @return a new tensor the caller closes
	 */
	private Tensor logits(Tensor z, OutputWindow w) {
		int n = layers();
		Tensor h = hidden(z);
		if (rcWeight == null) return layer(n - 1, h, z);
		LayerSpec l = spec.generator.get(n - 1);
		double[] scale = new double[3];
		int[] hidden = new int[3], from = new int[3], upsampled = new int[3];
		for (int a = 0; a < 3; a++) {
			hidden[a] = spec.hiddenEdge(w.cells[a]);
			scale[a] = NetSpec.upsampleScale(hidden[a], w.endless[a]);
			from[a] = spec.transposedStride() * w.first[a];
			upsampled[a] = w.size[a] + l.k - 1;
		}
		Tensor y;
		try (Tensor u = backend.allocate(h.dim(0), h.dim(1), upsampled[0], upsampled[1], upsampled[2])) {
			try {
				backend.upsampleTrilinear(h, new Upsampling(scale, hidden, from, w.origin), u);
			}
			finally {
				if (h != z) h.close();
			}
			y = backend.allocate(h.dim(0), l.out, w.size[0], w.size[1], w.size[2]);
			backend.conv3d(u, rcWeight.value, l.s, l.p, y);
		}
		backend.addChannelBias(y, rcBias.value, y);
		return y;
	}

	/** The input of the output layer in evaluation mode (z itself when there is no hidden layer). */
	private Tensor hidden(Tensor z) {
		Tensor in = z;
		for (int i = 0; i < layers() - 1; i++) {
			Tensor y = layer(i, in, z);
			backend.batchNormInference(y, gammas.get(i).value, betas.get(i).value, runMeans.get(i), runVars.get(i),
				BN_EPS, y);
			backend.relu(y, y);
			in = y;
		}
		return in;
	}

	/** Transposed convolution i of {@code in} into a new tensor, freeing {@code in} unless it is z. */
	private Tensor layer(int i, Tensor in, Tensor z) {
		LayerSpec l = spec.generator.get(i);
		Tensor y = backend.allocate(in.dim(0), l.out, l.transposedOutput(in.dim(2)), l.transposedOutput(in.dim(3)), l
			.transposedOutput(in.dim(4)));
		backend.convTranspose3d(in, weights.get(i).value, l.s, l.p, y);
		if (in != z) in.close();
		return y;
	}

	/**
	 * Bytes of tensor memory an evaluation of a window needs at its peak (a layer's input and output; for the resize
	 * convolution also the upsampled window).
	 */
	public long peakBytes(OutputWindow w) {
		int[] e = w.count.clone();
		long in = 4L * spec.latentChannels * e[0] * e[1] * e[2], peak = 0;
		for (LayerSpec l : spec.transposed()) {
			for (int d = 0; d < 3; d++)
				e[d] = l.transposedOutput(e[d]);
			long out = 4L * l.out * e[0] * e[1] * e[2];
			peak = Math.max(peak, in + out);
			in = out;
		}
		LayerSpec rc = spec.resizeConv();
		if (rc != null) {
			long u = 4L * spec.generator.get(layers() - 2).out, y = 4L * rc.out;
			for (int d = 0; d < 3; d++) {
				u *= w.size[d] + rc.k - 1;
				y *= w.size[d];
			}
			peak = Math.max(peak, Math.max(in + u, u + y));
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
		int n = layers();
		if (spec.head == Head.SOFTMAX) backend.softmaxChannelsBackward(ws.out, dOut, ws.dy[n - 1]);
		else backend.tanhUnitBackward(ws.out, dOut, ws.dy[n - 1]);
		for (int i = n - 1; i >= 0; i--) {
			LayerSpec l = spec.generator.get(i);
			Tensor in = i == 0 ? ws.z : ws.a[i], dIn = i == 0 ? null : ws.da[i];
			if (i == n - 1 && rcWeight != null) {
				// validate() puts a transposed convolution before the resize convolution, so i ≥ 1 here
				backend.conv3dBackward(ws.u, rcWeight.value, ws.dy[i], l.s, l.p, ws.du, rcWeight.grad, false);
				backend.channelBiasBackward(ws.dy[i], rcBias.grad);
				backend.upsampleTrilinearBackward(ws.du, Upsampling.whole(in, ws.u), dIn);
			}
			else if (dIn == null) backend.convTranspose3dBackwardFilter(in, ws.dy[i], l.s, l.p, weights.get(i).grad,
				false);
			else backend.convTranspose3dBackward(in, weights.get(i).value, ws.dy[i], l.s, l.p, dIn, weights.get(i).grad,
				false);
			if (i > 0) {
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

	/**
	 * The buffers of one training batch shape: layer outputs y, post-ReLU inputs a, their gradients, batch statistics,
	 * and for the resize convolution the upsampled volume u and its gradient.
	 */
	private final class Activations implements AutoCloseable {

		final Tensor[] y, a, dy, da, mean, var;
		final Tensor out, u;
		Tensor z, du;

		Activations(int batch, int[] latent) {
			int n = layers();
			y = new Tensor[n];
			a = new Tensor[n];
			dy = new Tensor[n];
			da = new Tensor[n];
			mean = new Tensor[n];
			var = new Tensor[n];
			int[] edge = latent.clone();
			Tensor up = null;
			for (int i = 0; i < n; i++) {
				LayerSpec l = spec.generator.get(i);
				if (i == n - 1 && rcWeight != null) up = backend.allocate(batch, spec.generator.get(i - 1).out, NetSpec
					.upsampledEdge(edge[0]), NetSpec.upsampledEdge(edge[1]), NetSpec.upsampledEdge(edge[2]));
				for (int d = 0; d < 3; d++)
					edge[d] = spec.layerOutput(i, edge[d]);
				int[] shape = { batch, l.out, edge[0], edge[1], edge[2] };
				y[i] = backend.allocate(shape);
				if (i < n - 1) {
					a[i + 1] = backend.allocate(shape);
					mean[i] = backend.allocate(l.out);
					var[i] = backend.allocate(l.out);
				}
			}
			u = up;
			out = backend.allocate(y[n - 1].shape());
		}

		/** Gradient buffers, allocated on the first backward pass: generation never needs them. */
		void allocateGradients() {
			if (dy[0] != null) return;
			for (int i = 0; i < y.length; i++) {
				dy[i] = backend.allocate(y[i].shape());
				if (a[i] != null) da[i] = backend.allocate(a[i].shape());
			}
			if (u != null) du = backend.allocate(u.shape());
		}

		@Override
		public void close() {
			for (Tensor[] ts : new Tensor[][] { y, a, dy, da, mean, var })
				for (Tensor t : ts)
					if (t != null) t.close();
			out.close();
			if (u != null) u.close();
			if (du != null) du.close();
		}
	}
}
