package sc.fiji.slicegan.backend;

/**
 * The tensor operations SliceGAN needs, and nothing else. The networks' forward and backward passes (and the
 * gradient penalty's double backprop) are written once over this interface, so a backend only supplies
 * kernels. Every operation writes into tensors the caller allocated: a training loop allocates its buffers
 * once and reuses them, which is what a GPU implementation needs.
 * <p>
 * Layouts: images NCHW, volumes NCDHW. Convolution weights use PyTorch's layouts: a 2D convolution
 * {@code [out, in, k, k]}, a 3D transposed convolution {@code [in, out, k, k, k]}. Kernels are square/cubic with
 * the same stride and zero padding along every axis; a transposed convolution's padding crops {@code p} voxels
 * per side, as in PyTorch's {@code ConvTranspose3d}.
 */
public interface Backend extends AutoCloseable {

	/** A one-line description for logs, e.g. which native library runs the convolutions. */
	String name();

	Precision precision();

	/** A new zero-filled tensor. */
	Tensor allocate(int... shape);

	/**
	 * A view of rows {@code [from, from + count)} along the first axis of {@code t}: it shares t's memory (writes go
	 * to t), and closing it frees nothing.
	 */
	Tensor rows(Tensor t, int from, int count);

	void upload(float[] src, Tensor dst);

	void upload(double[] src, Tensor dst);

	void download(Tensor src, float[] dst);

	void download(Tensor src, double[] dst);

	void fill(Tensor t, double value);

	void copy(Tensor src, Tensor dst);

	// --- convolutions -------------------------------------------------------------------------------

	/** y = conv2d(x, w). */
	void conv2d(Tensor x, Tensor w, int stride, int pad, Tensor y);

	/** dx = conv2dᵀ(dy, w): the gradient of conv2d with respect to its input (a transposed convolution). */
	void conv2dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx);

	/** dw (+)= the gradient of ⟨conv2d(x, w), dy⟩ with respect to w. */
	void conv2dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate);

	/** Both gradients of conv2d at once (a backend may share work between them). */
	void conv2dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate);

	/** y = convTranspose3d(x, w). */
	void convTranspose3d(Tensor x, Tensor w, int stride, int pad, Tensor y);

	/** dw (+)= the gradient of ⟨convTranspose3d(x, w), dy⟩ with respect to w. */
	void convTranspose3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate);

	/** Both gradients of convTranspose3d at once; {@code dx} may be null when the input needs no gradient. */
	void convTranspose3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate);

	// --- the resize-convolution generator's last stage ------------------------------------------------

	/** y = conv3d(x, w) with weights {@code [out, in, k, k, k]}. */
	void conv3d(Tensor x, Tensor w, int stride, int pad, Tensor y);

	/** dx = conv3dᵀ(dy, w): the gradient of conv3d with respect to its input. */
	void conv3dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx);

	/** dw (+)= the gradient of ⟨conv3d(x, w), dy⟩ with respect to w. */
	void conv3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate);

	/** Both gradients of conv3d at once; {@code dx} may be null when the input needs no gradient. */
	void conv3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw, boolean accumulate);

	/**
	 * Trilinear upsampling of x {@code [B, C, D, H, W]} into y {@code [B, C, OD, OH, OW]} at the samples {@code at}
	 * says (for whole tensors {@link Upsampling#whole(Tensor, Tensor)}: PyTorch's, align_corners=False).
	 */
	void upsampleTrilinear(Tensor x, Upsampling at, Tensor y);

	/** dx = the adjoint of {@link #upsampleTrilinear}: each dy voxel spread back onto the inputs it sampled. */
	void upsampleTrilinearBackward(Tensor dy, Upsampling at, Tensor dx);

	/** y = x + b[c] over the channels (axis 1); y may be x. */
	void addChannelBias(Tensor x, Tensor b, Tensor y);

	/** db = Σ dy over the batch and the spatial axes, per channel: the gradient of {@link #addChannelBias}. */
	void channelBiasBackward(Tensor dy, Tensor db);

	// --- batch normalisation over N and the spatial axes, per channel (axis 1) -----------------------

	/** Training mode: y = γ (x − μ) / √(σ² + eps) + β with the batch's μ and biased σ², which are returned. */
	void batchNormTrain(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var);

	/** Gradients of {@link #batchNormTrain} (batch statistics included in the derivative). */
	void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps, Tensor dx,
		Tensor dGamma, Tensor dBeta);

	/** Evaluation mode with running statistics. */
	void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar, double eps,
		Tensor y);

	// --- activations -------------------------------------------------------------------------------------

	/** y = max(x, 0); y may be x. */
	void relu(Tensor x, Tensor y);

	/** dx = dy ⊙ [a &gt; 0] where a is the ReLU's input or output; dx may be dy. */
	void reluMask(Tensor a, Tensor dy, Tensor dx);

	/** Softmax over axis 1 (the channels). */
	void softmaxChannels(Tensor x, Tensor y);

	/** dx = y ⊙ (dy − Σ_c y ⊙ dy) for y = softmax(x). */
	void softmaxChannelsBackward(Tensor y, Tensor dy, Tensor dx);

	/** y = (tanh(x) + 1) / 2: the grayscale / colour head. */
	void tanhUnit(Tensor x, Tensor y);

	/** dx = dy ⊙ 2y(1 − y) for y = (tanh(x) + 1) / 2. */
	void tanhUnitBackward(Tensor y, Tensor dy, Tensor dx);

	// --- slicing and sampling ----------------------------------------------------------------------------

	/**
	 * Cuts a volume batch {@code [B, C, L, L, L]} into its 2D slices {@code [B·L, C, L, L]} normal to one axis,
	 * slice {@code b·L + j} being plane j of volume b: axis 0 fixes the first spatial index (planes
	 * {@code [C, H, W]}), axis 1 the second ({@code [C, D, W]}), axis 2 the third ({@code [C, D, H]}).
	 */
	void sliceVolumes(Tensor volumes, int axis, Tensor slices);

	/** The adjoint of {@link #sliceVolumes}: scatters slices back into the volume batch, adding if asked. */
	void unsliceVolumes(Tensor slices, int axis, Tensor volumes, boolean accumulate);

	/**
	 * Copies {@code size × size} crops out of a stack of images {@code [S, C, H, W]} into {@code out [N, C,
	 * size, size]}; crop i starts at image {@code picks[3i]}, row {@code picks[3i+1]}, column {@code picks[3i+2]}.
	 */
	void gatherCrops(Tensor stack, int[] picks, int size, Tensor out);

	/** out[i] = eps[i]·a[ai[i]] + (1 − eps[i])·b[bi[i]] over the first axis. */
	void interpolateRows(Tensor a, int[] ai, Tensor b, int[] bi, double[] eps, Tensor out);

	// --- arithmetic and reductions -------------------------------------------------------------------

	/** y += a·x. */
	void axpy(double a, Tensor x, Tensor y);

	/** x *= a. */
	void scale(Tensor x, double a);

	/** Σ x, read back to the host (a GPU backend waits for the queued work). */
	double sum(Tensor x);

	/** acc[slot] += scale·Σ x, on the backend: a training step reads its losses back once, at its end. */
	void accumulateSum(Tensor x, double scale, Tensor acc, int slot);

	/**
	 * The penalty P = weight·Σ_i (‖g_i‖₂ − target)² over the rows g_i of g (the first axis), with its gradient: adds
	 * P to acc[slot], writes ‖g_i‖₂ into norms[i] (norms may be null) and replaces each row g_i by ∂P/∂g_i =
	 * 2·weight·(‖g_i‖ − target)·g_i/‖g_i‖ (0 where ‖g_i‖ = 0). This is the scalar end of the gradient penalty; the
	 * double backprop around it is the critic's.
	 */
	void normPenalty(Tensor g, double target, double weight, Tensor norms, Tensor acc, int slot);

	/**
	 * One Adam step (PyTorch's formulation): m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g²,
	 * p −= lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + eps).
	 */
	void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
		long step);

	/** Label of each voxel of sample {@code b} of {@code x [B, C, ...]}: the channel index of the largest value. */
	void argmaxChannels(Tensor x, int b, byte[] labels);

	/**
	 * Generation's last step: the labels of {@code y = convTranspose3d(x, w)} for {@code x [1, C_in, D, H, W]}, i.e.
	 * {@code lut[argmax_c y[0, c, z, y, x]]}, over the window of {@code size} voxels (z, y, x) from {@code origin},
	 * written as new planes {@code planes[firstPlane + z] = byte[size[1]·size[2]]} (row-major y, x). The
	 * argmax of the logits is that of the softmax, so no softmax is needed. A GPU backend may compute the labels in
	 * one pass without storing y.
	 */
	default void convTranspose3dLabels(Tensor x, Tensor w, int stride, int pad, int[] origin, int[] size, byte[] lut,
		byte[][] planes, int firstPlane)
	{
		try (Tensor y = allocate(transposedShape(x, w, stride, pad))) {
			convTranspose3d(x, w, stride, pad, y);
			argmaxLabels(y, origin, size, lut, planes, firstPlane);
		}
	}

	/**
	 * Labels of computed logits {@code y [1, C, D, H, W]}: {@code lut[argmax_c y[0, c, z, y, x]]} over the window of
	 * {@code size} voxels (z, y, x) from {@code origin}, written as new planes {@code planes[firstPlane + z]} (row-major
	 * y, x).
	 */
	default void argmaxLabels(Tensor y, int[] origin, int[] size, byte[] lut, byte[][] planes, int firstPlane) {
		int[] full = y.shape();
		byte[] labels = new byte[full[2] * full[3] * full[4]];
		argmaxChannels(y, 0, labels);
		int h = size[1], wd = size[2];
		java.util.stream.IntStream.range(0, size[0]).parallel().forEach(z -> {
			byte[] plane = new byte[h * wd];
			for (int r = 0; r < h; r++)
				System.arraycopy(labels, ((z + origin[0]) * full[3] + r + origin[1]) * full[4] + origin[2], plane, r *
					wd,
					wd);
			for (int i = 0; i < plane.length; i++)
				plane[i] = lut[plane[i]];
			planes[firstPlane + z] = plane;
		});
	}

	/** The shape of {@code convTranspose3d(x, w)}: {@code [B, C_out, (n − 1)·stride − 2·pad + k, …]}. */
	static int[] transposedShape(Tensor x, Tensor w, int stride, int pad) {
		int[] shape = { x.dim(0), w.dim(1), 0, 0, 0 };
		for (int a = 2; a < 5; a++)
			shape[a] = (x.dim(a) - 1) * stride - 2 * pad + w.dim(2);
		return shape;
	}

	/**
	 * Bytes this backend can still allocate for tensors: main memory outside the Java heap on the CPU, free device
	 * memory on a GPU. Work that would need more is refused before it starts.
	 */
	default long availableMemory() {
		return Memory.offHeap();
	}

	/** "the CPU's memory", "GPU memory": where {@link #availableMemory} is, for messages. */
	default String memoryName() {
		return "main memory (outside the Java heap)";
	}

	/** Waits until every queued operation has finished (GPU backends queue work; for timing). */
	default void synchronize() {}

	@Override
	void close();
}
