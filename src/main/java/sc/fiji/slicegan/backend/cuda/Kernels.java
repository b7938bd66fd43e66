package sc.fiji.slicegan.backend.cuda;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Pointer;

/**
 * One typed launcher per kernel of the .cu sources (see {@link KernelSource}): its parameters are the kernel's, in
 * order, with their C types' Java counterparts (pointers as tensors or device addresses), so every argument is
 * packed with its own width; each launcher chooses its own grid. KernelSignatureTest checks the parameters against
 * the sources.
 */
final class Kernels {

	static final int THREADS = 256;

	/** Runs a kernel by name on a grid of grid × gridY blocks of {@code block} threads. */
	interface Launcher {
		void launch(String kernel, int grid, int gridY, int block, KernelArgs args);
	}

	private final Launcher launcher;
	private final KernelArgs args = new KernelArgs();

	Kernels(Launcher launcher) {
		this.launcher = launcher;
	}

	/** Every kernel some launcher launches. */
	static List<String> names() {
		List<String> names = new ArrayList<>();
		for (Method m : Kernels.class.getDeclaredMethods()) {
			Kernel k = m.getAnnotation(Kernel.class);
			if (k != null) for (String n : k.value())
				names.add(n);
		}
		return names;
	}

	/** Grid size for n elements with a grid-stride loop. */
	static int blocks(long n) {
		return (int) Math.max(1, Math.min((n + THREADS - 1) / THREADS, 65535L * 8));
	}

	private KernelArgs args() {
		return args.clear();
	}

	/** A grid-stride kernel over n items. */
	private void loop(String kernel, long n, KernelArgs a) {
		launcher.launch(kernel, blocks(n), 1, THREADS, a);
	}

	// --- elementwise --------------------------------------------------------------------------------------

	@Kernel("fill")
	void fill(CudaTensor x, float v, long n) {
		loop("fill", n, args().arg(x).arg(v).arg(n));
	}

	@Kernel("relu")
	void relu(CudaTensor x, CudaTensor y, long n) {
		loop("relu", n, args().arg(x).arg(y).arg(n));
	}

	@Kernel("relu_mask")
	void reluMask(CudaTensor a, CudaTensor dy, CudaTensor dx, long n) {
		loop("relu_mask", n, args().arg(a).arg(dy).arg(dx).arg(n));
	}

	/** {@link #relu} four floats at a time: n4 = n / 4, 16-byte aligned tensors. */
	@Kernel("relu4")
	void relu4(CudaTensor x, CudaTensor y, long n4) {
		loop("relu4", n4, args().arg(x).arg(y).arg(n4));
	}

	@Kernel("relu_mask4")
	void reluMask4(CudaTensor a, CudaTensor dy, CudaTensor dx, long n4) {
		loop("relu_mask4", n4, args().arg(a).arg(dy).arg(dx).arg(n4));
	}

	@Kernel("tanh_unit")
	void tanhUnit(CudaTensor x, CudaTensor y, long n) {
		loop("tanh_unit", n, args().arg(x).arg(y).arg(n));
	}

	@Kernel("tanh_unit_bwd")
	void tanhUnitBackward(CudaTensor y, CudaTensor dy, CudaTensor dx, long n) {
		loop("tanh_unit_bwd", n, args().arg(y).arg(dy).arg(dx).arg(n));
	}

	/** Softmax over C channels V apart (adjacent when nhwc), for n = samples·V voxels. */
	@Kernel("softmax")
	void softmax(CudaTensor x, CudaTensor y, int C, long V, int nhwc, long n) {
		loop("softmax", n, args().arg(x).arg(y).arg(C).arg(V).arg(nhwc).arg(n));
	}

	@Kernel("softmax_bwd")
	void softmaxBackward(CudaTensor y, CudaTensor dy, CudaTensor dx, int C, long V, int nhwc, long n) {
		loop("softmax_bwd", n, args().arg(y).arg(dy).arg(dx).arg(C).arg(V).arg(nhwc).arg(n));
	}

	@Kernel("axpy")
	void axpy(float a, CudaTensor x, CudaTensor y, long n) {
		loop("axpy", n, args().arg(a).arg(x).arg(y).arg(n));
	}

	@Kernel("scale")
	void scale(CudaTensor x, float a, long n) {
		loop("scale", n, args().arg(x).arg(a).arg(n));
	}

	@Kernel("adam")
	void adam(CudaTensor p, CudaTensor g, CudaTensor m, CudaTensor v, float lr, float b1, float b2, float eps,
		float bc1,
		float bc2, long n)
	{
		loop("adam", n, args().arg(p).arg(g).arg(m).arg(v).arg(lr).arg(b1).arg(b2).arg(eps).arg(bc1).arg(bc2).arg(n));
	}

	// --- slicing and sampling -----------------------------------------------------------------------------

	@Kernel("slices")
	void slices(CudaTensor vol, CudaTensor sl, int C, int L, int axis, int toSlices, int accumulate, int nhwc, long n) {
		loop("slices", n, args().arg(vol).arg(sl).arg(C).arg(L).arg(axis).arg(toSlices).arg(accumulate).arg(nhwc).arg(
			n));
	}

	@Kernel("crops")
	void crops(CudaTensor stack, CudaTensor out, CudaTensor picks, int C, int H, int W, int S, int nhwc, long n) {
		loop("crops", n, args().arg(stack).arg(out).arg(picks).arg(C).arg(H).arg(W).arg(S).arg(nhwc).arg(n));
	}

	@Kernel("interpolate")
	void interpolate(CudaTensor a, CudaTensor b, CudaTensor out, CudaTensor ai, CudaTensor bi, CudaTensor eps, long row,
		long n)
	{
		loop("interpolate", n, args().arg(a).arg(b).arg(out).arg(ai).arg(bi).arg(eps).arg(row).arg(n));
	}

	// --- reductions ---------------------------------------------------------------------------------------

	/** out[0] = Σ x in double, by one block. */
	@Kernel("sum_all")
	void sumAll(CudaTensor x, CudaTensor out, long n) {
		launcher.launch("sum_all", 1, 1, THREADS, args().arg(x).arg(out).arg(n));
	}

	/** acc[slot] += scale·Σ x, by one block. */
	@Kernel("acc_sum")
	void accSum(CudaTensor x, CudaTensor acc, int slot, float scale, long n) {
		launcher.launch("acc_sum", 1, 1, THREADS, args().arg(x).arg(acc).arg(slot).arg(scale).arg(n));
	}

	/** One block per row of g (row elements each); norms may be null. */
	@Kernel("norm_penalty")
	void normPenalty(CudaTensor g, CudaTensor norms, CudaTensor acc, int slot, float target, float weight, long row) {
		launcher.launch("norm_penalty", (int) (g.size / row), 1, THREADS, args().arg(g).arg(norms).arg(acc).arg(slot)
			.arg(
				target).arg(weight).arg(row));
	}

	// --- the critic's last layer as dot products ---------------------------------------------------------

	/** One block per row of x (J elements each), one score each in y. */
	@Kernel("dense_fwd")
	void denseForward(CudaTensor x, CudaTensor w, CudaTensor y, long J) {
		launcher.launch("dense_fwd", (int) y.size, 1, THREADS, args().arg(x).arg(w).arg(y).arg(J));
	}

	@Kernel("dense_bwd_data")
	void denseBackwardData(CudaTensor dy, CudaTensor w, CudaTensor dx, long J, long n) {
		loop("dense_bwd_data", n, args().arg(dy).arg(w).arg(dx).arg(J).arg(n));
	}

	/** dw += xᵀdy over N rows, in chunks of {@code per} rows (one grid row each). */
	@Kernel("dense_bwd_filter")
	void denseBackwardFilter(CudaTensor x, CudaTensor dy, CudaTensor dw, long J, int N, int per) {
		launcher.launch("dense_bwd_filter", blocks(J), (N + per - 1) / per, THREADS, args().arg(x).arg(dy).arg(dw).arg(
			J)
			.arg(N).arg(per));
	}

	// --- labels -------------------------------------------------------------------------------------------

	/** labels[v] = argmax over C channels of one sample of V voxels starting at x. */
	@Kernel("argmax")
	void argmax(Pointer x, Pointer labels, int C, long V, int nhwc) {
		loop("argmax", V, args().arg(x).arg(labels).arg(C).arg(V).arg(nhwc));
	}

	/** Labels (bytes of lut) of a window of logits [C, OD, OH, OW]. */
	@Kernel("argmax_window")
	void argmaxWindow(CudaTensor lg, Pointer labels, long lut, int C, int OD, int OH, int OW, int oz0, int oy0, int ox0,
		int SZ, int SY, int SX)
	{
		loop("argmax_window", (long) SZ * SY * SX, args().arg(lg).arg(labels).arg(lut).arg(C).arg(OD).arg(OH).arg(OW)
			.arg(
				oz0).arg(oy0).arg(ox0).arg(SZ).arg(SY).arg(SX));
	}

	/**
	 * The direct transposed convolution (kernel 4, stride 2) of one sample into a window, as logits or labels; the
	 * kernel is the one for w's output channel count (1 to 8).
	 */
	@Kernel({ "convt_k4s2_1", "convt_k4s2_2", "convt_k4s2_3", "convt_k4s2_4", "convt_k4s2_5", "convt_k4s2_6",
		"convt_k4s2_7", "convt_k4s2_8" })
	void convtK4s2(Pointer x, CudaTensor w, Pointer labels, Pointer logits, long lut, int Cin, int D, int H, int W,
		int p,
		int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0, int QZ, int QY, int QX)
	{
		long n = (long) QZ * QY * ((QX + 1) / 2);
		launcher.launch("convt_k4s2_" + w.dim(1), (int) Math.min((n + 127) / 128, 1L << 20), 1, 128, args().arg(x).arg(
			w)
			.arg(labels).arg(logits).arg(lut).arg(Cin).arg(D).arg(H).arg(W).arg(p).arg(oz0).arg(oy0).arg(ox0).arg(SZ)
			.arg(
				SY).arg(SX).arg(qz0).arg(qy0).arg(qx0).arg(QZ).arg(QY).arg(QX));
	}

	// --- the resize-convolution generator -----------------------------------------------------------------

	/**
	 * Trilinear upsampling of [NC, D, H, W] to [NC, OD, OH, OW] with the host's taps (z, y, x: two input indices per
	 * output) and weights (the second input's, per output); n = NC·OD·OH·OW.
	 */
	@Kernel("upsample3")
	void upsample3(CudaTensor x, CudaTensor y, CudaTensor taps, CudaTensor w, int D, int H, int W, int OD, int OH,
		int OW,
		long n)
	{
		loop("upsample3", n, args().arg(x).arg(y).arg(taps).arg(w).arg(D).arg(H).arg(W).arg(OD).arg(OH).arg(OW).arg(n));
	}

	/** The adjoint of {@link #upsample3}, added into dx (zero it first) with atomics; n = NC·OD·OH·OW. */
	@Kernel("upsample3_bwd")
	void upsample3Backward(CudaTensor dy, CudaTensor dx, CudaTensor taps, CudaTensor w, int D, int H, int W, int OD,
		int OH, int OW, long n)
	{
		loop("upsample3_bwd", n, args().arg(dy).arg(dx).arg(taps).arg(w).arg(D).arg(H).arg(W).arg(OD).arg(OH).arg(OW)
			.arg(
				n));
	}

	@Kernel("bias_add")
	void biasAdd(CudaTensor x, CudaTensor b, CudaTensor y, int C, long S, int nhwc, long n) {
		loop("bias_add", n, args().arg(x).arg(b).arg(y).arg(C).arg(S).arg(nhwc).arg(n));
	}

	/** Per-channel sums of the n elements of each channel into acc (double[C]), {@code chunks} blocks per channel. */
	@Kernel("channel_sum")
	void channelSum(CudaTensor x, CudaTensor acc, int C, long S, long n, int chunks, int nhwc) {
		launcher.launch("channel_sum", C * chunks, 1, THREADS, args().arg(x).arg(acc).arg(C).arg(S).arg(n).arg(chunks)
			.arg(
				nhwc));
	}

	/** y = x (double) as float. */
	@Kernel("to_float")
	void toFloat(CudaTensor x, CudaTensor y, long n) {
		loop("to_float", n, args().arg(x).arg(y).arg(n));
	}

	// --- batch normalisation ------------------------------------------------------------------------------

	/** Per-channel partial sums into acc (double[2C]), {@code chunks} blocks per channel. */
	@Kernel("bn_partial")
	void bnPartial(CudaTensor x, CudaTensor dy, CudaTensor mean, CudaTensor var, float eps, CudaTensor acc, int C,
		long S,
		long n, int chunks, int nhwc)
	{
		launcher.launch("bn_partial", C * chunks, 1, THREADS, args().arg(x).arg(dy).arg(mean).arg(var).arg(eps).arg(acc)
			.arg(C).arg(S).arg(n).arg(chunks).arg(nhwc));
	}

	@Kernel("bn_finish")
	void bnFinish(CudaTensor acc, CudaTensor first, CudaTensor second, int C, double n, int moments) {
		loop("bn_finish", C, args().arg(acc).arg(first).arg(second).arg(C).arg(n).arg(moments));
	}

	@Kernel("bn_apply")
	void bnApply(CudaTensor x, CudaTensor mean, CudaTensor var, CudaTensor g, CudaTensor b, float eps, CudaTensor y,
		int C,
		long S, int nhwc, long n)
	{
		loop("bn_apply", n, args().arg(x).arg(mean).arg(var).arg(g).arg(b).arg(eps).arg(y).arg(C).arg(S).arg(nhwc).arg(
			n));
	}

	@Kernel("bn_bwd_apply")
	void bnBackwardApply(CudaTensor x, CudaTensor dy, CudaTensor mean, CudaTensor var, CudaTensor g, CudaTensor dg,
		CudaTensor db, float eps, CudaTensor dx, int C, long S, float count, int nhwc, long n)
	{
		loop("bn_bwd_apply", n, args().arg(x).arg(dy).arg(mean).arg(var).arg(g).arg(dg).arg(db).arg(eps).arg(dx).arg(C)
			.arg(S).arg(count).arg(nhwc).arg(n));
	}
}
