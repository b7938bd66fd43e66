package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemset;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionBackwardData;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionBackwardFilter;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionForward;
import static org.bytedeco.cuda.global.cudnn.cudnnCreate;
import static org.bytedeco.cuda.global.cudnn.cudnnGetVersion;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.Upsampling;

/**
 * The GPU backend: cuDNN for the convolutions (algorithms chosen once per shape, one reused workspace),
 * NVRTC-compiled kernels for everything else, all on the default stream. float32 only. TF32 tensor cores are
 * allowed unless the system property {@code slicegan.tf32=false} says otherwise. Images (4D tensors) are kept
 * channels last in GPU memory, where cuDNN's tensor-core convolutions are fastest, unless
 * {@code slicegan.nhwc=false}; uploads and downloads convert, so callers always see the interface's NCHW.
 */
public final class CudaBackend implements Backend {

	private final cudnnContext dnn = new cudnnContext();
	private final Kernels kernels;
	private final ConvPlans plans;
	private final String description;
	private final boolean tf32;
	/** Whether 4D tensors are stored channels last. */
	private final boolean nhwc;
	private Pointer workspace = new Pointer();
	private long workspaceBytes;
	private final Map<String, Tensor> scratch = new HashMap<>();
	private final FloatPointer one = new FloatPointer(1f), zero = new FloatPointer(0f);

	/**
	 * Whether a CUDA device can be used, found cheaply (the driver, the runtime and a device; no context, no kernels):
	 * for choosing defaults before a run. Throws what loading or asking fails with.
	 */
	public static boolean deviceAvailable() {
		int[] count = new int[1];
		return cudaGetDeviceCount(count) == 0 && count[0] > 0;
	}

	public CudaBackend(Precision precision) {
		if (precision != Precision.FLOAT) throw new BadInputException("The GPU backend computes in float32 only.");
		int[] count = new int[1];
		Cuda.check(cudaGetDeviceCount(count), "cudaGetDeviceCount");
		if (count[0] < 1) throw new IllegalStateException("no CUDA device");
		Cuda.check(cudaSetDevice(0), "cudaSetDevice");
		Cuda.check(cudaFree(null), "cudaFree (context creation)");
		cudaDeviceProp prop = new cudaDeviceProp();
		Cuda.check(cudaGetDeviceProperties(prop, 0), "cudaGetDeviceProperties");
		int[] runtime = new int[1];
		cudaRuntimeGetVersion(runtime);
		Cuda.checkDnn(cudnnCreate(dnn), "cudnnCreate");
		tf32 = !"false".equalsIgnoreCase(System.getProperty("slicegan.tf32", "true"));
		nhwc = !"false".equalsIgnoreCase(System.getProperty("slicegan.nhwc", "true"));
		try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
			Cuda.check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
			plans = new ConvPlans(dnn, tf32, nhwc, free.get());
		}
		NvrtcModule module = new NvrtcModule();
		kernels = new Kernels(module);
		description = "gpu (" + prop.name().getString() + ", " + module.architecture + ", CUDA " + runtime[0] / 1000 +
			"." + runtime[0] % 1000 / 10 + ", cuDNN " + cudnnGetVersion() + (tf32 ? ", TF32" : ", FP32") + ")";
	}

	@Override
	public String name() {
		return description;
	}

	@Override
	public long availableMemory() {
		try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
			Cuda.check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
			return free.get();
		}
	}

	@Override
	public String memoryName() {
		return "free GPU memory";
	}

	@Override
	public Precision precision() {
		return Precision.FLOAT;
	}

	@Override
	public Tensor allocate(int... shape) {
		long n = 1;
		for (int d : shape) {
			if (d <= 0) throw new IllegalArgumentException("Bad tensor shape " + java.util.Arrays.toString(shape));
			n *= d;
		}
		Pointer p = new Pointer();
		Cuda.check(cudaMalloc(p, n * 4), "cudaMalloc of " + n * 4 + " bytes");
		Cuda.check(cudaMemset(p, 0, n * 4), "cudaMemset");
		return new CudaTensor(p, shape, true, nhwc && shape.length == 4);
	}

	@Override
	public Tensor rows(Tensor t, int from, int count) {
		int[] shape = t.shape();
		if (from < 0 || count < 1 || from + count > shape[0]) throw new IllegalArgumentException("rows " + from + "+" +
			count + " of " + java.util.Arrays.toString(shape));
		long row = t(t).size / shape[0];
		shape[0] = count;
		return new CudaTensor(offset(t(t).data, 4L * from * row), shape, false, t(t).nhwc);
	}

	private static CudaTensor t(Tensor t) {
		return (CudaTensor) t;
	}

	private Tensor scratch(String role, int... shape) {
		return scratch.computeIfAbsent(role + java.util.Arrays.toString(shape), k -> allocate(shape));
	}

	private static void checkLength(long expected, int actual) {
		if (expected != actual)
			throw new IllegalArgumentException("Length mismatch: tensor has " + expected + ", array " + actual);
	}

	/** [N, C, H, W] ↔ [N, H, W, C]: the host's order to a channels-last tensor's, or back. */
	private static float[] channels(float[] v, int[] shape, boolean toLast) {
		int n = shape[0], c = shape[1], hw = shape[2] * shape[3];
		float[] out = new float[v.length];
		for (int b = 0; b < n; b++)
			for (int ch = 0; ch < c; ch++)
				for (int i = 0; i < hw; i++) {
					int first = (b * c + ch) * hw + i, last = (b * hw + i) * c + ch;
					if (toLast) out[last] = v[first];
					else out[first] = v[last];
				}
		return out;
	}

	@Override
	public void upload(float[] src, Tensor dst) {
		checkLength(t(dst).size, src.length);
		if (t(dst).nhwc) src = channels(src, dst.shape(), true);
		uploads.put(src, t(dst).data);
	}

	private final UploadRing uploads = new UploadRing();

	@Override
	public void upload(double[] src, Tensor dst) {
		float[] f = new float[src.length];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) src[i];
		upload(f, dst);
	}

	@Override
	public void download(Tensor src, float[] dst) {
		checkLength(t(src).size, dst.length);
		try (FloatPointer host = new FloatPointer(dst.length)) {
			Cuda.check(cudaMemcpy(host, t(src).data, 4L * dst.length, cudaMemcpyDeviceToHost), "cudaMemcpy D2H");
			host.get(dst);
			if (t(src).nhwc) System.arraycopy(channels(dst, src.shape(), false), 0, dst, 0, dst.length);
		}
	}

	@Override
	public void download(Tensor src, double[] dst) {
		float[] f = new float[dst.length];
		download(src, f);
		for (int i = 0; i < f.length; i++)
			dst[i] = f[i];
	}

	@Override
	public void fill(Tensor x, double value) {
		kernels.fill(t(x), (float) value, t(x).size);
	}

	@Override
	public void copy(Tensor src, Tensor dst) {
		Cuda.check(cudaMemcpy(t(dst).data, t(src).data, 4 * t(src).size, cudaMemcpyDeviceToDevice), "cudaMemcpy D2D");
	}

	// --- convolutions through cuDNN -----------------------------------------------------------------------

	private Pointer workspace(long bytes) {
		if (bytes > workspaceBytes) {
			if (workspaceBytes > 0) cudaFree(workspace);
			workspace = new Pointer();
			Cuda.check(cudaMalloc(workspace, bytes), "cudaMalloc (cuDNN workspace of " + bytes + " bytes)");
			workspaceBytes = bytes;
		}
		return workspace;
	}

	/**
	 * A 2D convolution without padding whose kernel covers its whole input and that has one output channel (the
	 * critic's last layer) is a dot product per row; cuDNN is slow at it, so it gets its own kernels.
	 */
	private static boolean dense(Tensor x, Tensor w, int pad, Tensor y) {
		return x.shape().length == 4 && pad == 0 && w.dim(0) == 1 && x.dim(2) == w.dim(2) && x.dim(3) == w.dim(3) && y
			.dim(2) == 1 && y.dim(3) == 1;
	}

	/** y = conv(x) for the convolution x → y with filter w [K=y channels, C=x channels, k...]. */
	private void forward(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		if (dense(x, w, pad, y)) {
			kernels.denseForward(t(x), t(w), t(y), t(w).size);
			return;
		}
		ConvPlans.Plan p = plans.get(x.shape(), w.shape(), y.shape(), stride, pad);
		Cuda.checkDnn(cudnnConvolutionForward(dnn, one, p.in, t(x).data, p.filter, t(w).data, p.conv, p.forwardAlgo,
			workspace(p.forwardBytes), p.forwardBytes, zero, p.out, t(y).data), "cudnnConvolutionForward");
	}

	/** dx = convᵀ(dy) for the convolution x → y. */
	private void backwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx) {
		if (dense(dx, w, pad, dy)) {
			kernels.denseBackwardData(t(dy), t(w), t(dx), t(w).size, t(dx).size);
			return;
		}
		ConvPlans.Plan p = plans.get(dx.shape(), w.shape(), dy.shape(), stride, pad);
		Cuda.checkDnn(cudnnConvolutionBackwardData(dnn, one, p.filter, t(w).data, p.out, t(dy).data, p.conv, p.dataAlgo,
			workspace(p.dataBytes), p.dataBytes, zero, p.in, t(dx).data), "cudnnConvolutionBackwardData");
	}

	/** dw (+)= filter gradient of ⟨conv(x), dy⟩ for the convolution x → y. */
	private void backwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate) {
		if (dense(x, dw, pad, dy)) {
			if (!accumulate) fill(dw, 0);
			int rows = x.dim(0), chunks = Math.max(1, Math.min(64, rows / 16));
			kernels.denseBackwardFilter(t(x), t(dy), t(dw), t(dw).size, rows, (rows + chunks - 1) / chunks);
			return;
		}
		ConvPlans.Plan p = plans.get(x.shape(), dw.shape(), dy.shape(), stride, pad);
		Cuda.checkDnn(cudnnConvolutionBackwardFilter(dnn, one, p.in, t(x).data, p.out, t(dy).data, p.conv,
			p.filterAlgo, workspace(p.filterBytes), p.filterBytes, accumulate ? one : zero, p.filter, t(dw).data),
			"cudnnConvolutionBackwardFilter");
	}

	@Override
	public void conv2d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		forward(x, w, stride, pad, y);
	}

	@Override
	public void conv2dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx) {
		backwardData(dy, w, stride, pad, dx);
	}

	@Override
	public void conv2dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate) {
		backwardFilter(x, dy, stride, pad, dw, accumulate);
	}

	@Override
	public void conv2dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		backwardFilter(x, dy, stride, pad, dw, accumulate);
		backwardData(dy, w, stride, pad, dx);
	}

	// A transposed convolution x → y with weights [in, out, k...] is the data gradient of the convolution y → x
	// whose filter [K = in, C = out, k...] is the same array.

	/** The geometry of {@code convt_k4s2}: kernel 4, stride 2, at most 8 output channels. */
	private static boolean k4s2(Tensor w, int stride) {
		return stride == 2 && w.dim(2) == 4 && w.dim(1) <= 8;
	}

	@Override
	public void convTranspose3d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		if (!k4s2(w, stride)) {
			backwardData(x, w, stride, pad, y);
			return;
		}
		// few output channels: cuDNN's tensor-core kernels waste most of their tile and a direct kernel may do better
		int[] out = { y.dim(2), y.dim(3), y.dim(4) };
		long in = t(x).size / x.dim(0), o = t(y).size / y.dim(0);
		tuner.run("convTranspose3d " + x + " → " + y, () -> {
			for (int b = 0; b < x.dim(0); b++)
				convtK4s2(offset(t(x).data, 4L * b * in), x, w, pad, new int[3], out, null, offset(t(y).data, 4L * b *
					o),
					0);
		}, () -> backwardData(x, w, stride, pad, y));
	}

	/** One sample of {@code convt_k4s2} over an output window: labels (bytes through lut) or logits. */
	private void convtK4s2(Pointer x, Tensor xt, Tensor w, int pad, int[] origin, int[] size, Pointer labels,
		Pointer logits, long lut)
	{
		int[] q0 = new int[3], qn = new int[3];
		for (int a = 0; a < 3; a++) {
			q0[a] = (origin[a] + pad) >> 1;
			qn[a] = ((origin[a] + size[a] - 1 + pad) >> 1) - q0[a] + 1;
		}
		kernels.convtK4s2(x, t(w), labels, logits, lut, xt.dim(1), xt.dim(2), xt.dim(3), xt.dim(4), pad, origin[0],
			origin[1], origin[2], size[0], size[1], size[2], q0[0], q0[1], q0[2], qn[0], qn[1], qn[2]);
	}

	private final Tuner tuner = new Tuner(this::synchronize);

	/** What was timed to choose between implementations, and the cuDNN algorithms chosen, one line each. */
	public String tuningReport() {
		return tuner.report() + "\n" + plans.report();
	}

	private final LabelBuffers labels = new LabelBuffers();

	@Override
	public void convTranspose3dLabels(Tensor x, Tensor w, int stride, int pad, int[] origin, int[] size, byte[] lut,
		byte[][] planes, int firstPlane)
	{
		if (!k4s2(w, stride) || x.dim(0) != 1 || lut.length != w.dim(1)) {
			Backend.super.convTranspose3dLabels(x, w, stride, pad, origin, size, lut, planes, firstPlane);
			return;
		}
		long bytes = (long) size[0] * size[1] * size[2];
		Pointer device = labels.device(bytes);
		long lutBits = packed(lut);
		tuner.run("labels of convTranspose3d " + x + " window " + java.util.Arrays.toString(size), () -> convtK4s2(t(
			x).data,
			x, w, pad, origin, size, device, null, lutBits), () -> {
				try (Tensor y = allocate(Backend.transposedShape(x, w, stride, pad))) {
					backwardData(x, w, stride, pad, y);
					kernels.argmaxWindow(t(y), device, lutBits, w.dim(1), y.dim(2), y.dim(3), y.dim(4), origin[0],
						origin[1],
						origin[2], size[0], size[1], size[2]);
				}
			});
		labels.toPlanes(size[0], size[1] * size[2], planes, firstPlane);
	}

	/** Up to 8 label bytes in one long, byte i for channel i. */
	private static long packed(byte[] lut) {
		long packed = 0;
		for (int i = 0; i < lut.length; i++)
			packed |= (lut[i] & 255L) << (8 * i);
		return packed;
	}

	@Override
	public void argmaxLabels(Tensor y, int[] origin, int[] size, byte[] lut, byte[][] planes, int firstPlane) {
		if (y.dim(0) != 1 || lut.length != y.dim(1) || lut.length > 8 || t(y).nhwc) {
			Backend.super.argmaxLabels(y, origin, size, lut, planes, firstPlane);
			return;
		}
		Pointer device = labels.device((long) size[0] * size[1] * size[2]);
		kernels.argmaxWindow(t(y), device, packed(lut), y.dim(1), y.dim(2), y.dim(3), y.dim(4), origin[0], origin[1],
			origin[2], size[0], size[1], size[2]);
		labels.toPlanes(size[0], size[1] * size[2], planes, firstPlane);
	}

	@Override
	public void convTranspose3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw,
		boolean accumulate)
	{
		backwardFilter(dy, x, stride, pad, dw, accumulate);
	}

	@Override
	public void convTranspose3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		backwardFilter(dy, x, stride, pad, dw, accumulate);
		if (dx != null) forward(dy, w, stride, pad, dx);
	}

	// --- the resize-convolution generator's last stage -----------------------------------------------------

	@Override
	public void conv3d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		forward(x, w, stride, pad, y);
	}

	@Override
	public void conv3dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx) {
		backwardData(dy, w, stride, pad, dx);
	}

	@Override
	public void conv3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate) {
		backwardFilter(x, dy, stride, pad, dw, accumulate);
	}

	@Override
	public void conv3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		backwardFilter(x, dy, stride, pad, dw, accumulate);
		if (dx != null) backwardData(dy, w, stride, pad, dx);
	}

	/** The taps of an upsampling to {@code out}'s extents, uploaded: {indices (z, y, x; two per output), weights}. */
	private Tensor[] taps(Upsampling at, Tensor out) {
		int[] n = { out.dim(2), out.dim(3), out.dim(4) };
		int[] index = new int[2 * (n[0] + n[1] + n[2])];
		float[] weight = new float[n[0] + n[1] + n[2]];
		for (int a = 0, i = 0, w = 0; a < 3; a++) {
			Upsampling.Taps t = at.taps(a, n[a]);
			for (int o = 0; o < n[a]; o++) {
				index[i + o] = t.first[o];
				index[i + n[a] + o] = t.second[o];
				weight[w + o] = (float) t.weight[o];
			}
			i += 2 * n[a];
			w += n[a];
		}
		Tensor weights = scratch("upWeights", weight.length);
		upload(weight, weights);
		return new Tensor[] { ints("upTaps", index), weights };
	}

	@Override
	public void upsampleTrilinear(Tensor x, Upsampling at, Tensor y) {
		at.check(x, y);
		Tensor[] taps = taps(at, y);
		kernels.upsample3(t(x), t(y), t(taps[0]), t(taps[1]), x.dim(2), x.dim(3), x.dim(4), y.dim(2), y.dim(3), y.dim(
			4),
			t(y).size);
	}

	@Override
	public void upsampleTrilinearBackward(Tensor dy, Upsampling at, Tensor dx) {
		at.check(dx, dy);
		Tensor[] taps = taps(at, dy);
		fill(dx, 0);
		kernels.upsample3Backward(t(dy), t(dx), t(taps[0]), t(taps[1]), dx.dim(2), dx.dim(3), dx.dim(4), dy.dim(2), dy
			.dim(3), dy.dim(4), t(dy).size);
	}

	@Override
	public void addChannelBias(Tensor x, Tensor b, Tensor y) {
		kernels.biasAdd(t(x), t(b), t(y), x.dim(1), spatial(x), layout(x), t(x).size);
	}

	@Override
	public void channelBiasBackward(Tensor dy, Tensor db) {
		int c = dy.dim(1);
		long sp = spatial(dy), n = dy.dim(0) * sp;
		int chunks = (int) Math.max(1, Math.min(256, n / (16L * Kernels.THREADS)));
		Tensor acc = scratch("biasAcc", 2 * c);
		fill(acc, 0);
		kernels.channelSum(t(dy), t(acc), c, sp, n, chunks, layout(dy));
		kernels.toFloat(t(acc), t(db), c);
	}

	// --- batch normalisation -------------------------------------------------------------------------------

	private static long spatial(Tensor x) {
		int[] s = x.shape();
		long n = 1;
		for (int i = 2; i < s.length; i++)
			n *= s[i];
		return n;
	}

	/**
	 * Per-channel sums over N and space, spread over many blocks per channel: with dy null, Σx and Σx² into
	 * (first, second) as mean and biased variance; else Σ dy·x̂ and Σ dy into (first, second).
	 */
	private void channelSums(Tensor x, Tensor dy, Tensor mean, Tensor var, double eps, Tensor first, Tensor second) {
		int[] s = x.shape();
		long sp = spatial(x), n = s[0] * sp;
		int chunks = (int) Math.max(1, Math.min(256, n / (16L * Kernels.THREADS)));
		Tensor acc = scratch("bnAcc", 4 * s[1]);
		fill(acc, 0);
		kernels.bnPartial(t(x), t(dy), t(mean), t(var), (float) eps, t(acc), s[1], sp, n, chunks, layout(x));
		kernels.bnFinish(t(acc), t(first), t(second), s[1], (double) n, dy == null ? 1 : 0);
	}

	@Override
	public void batchNormTrain(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var) {
		int[] s = x.shape();
		channelSums(x, null, null, null, eps, mean, var);
		kernels.bnApply(t(x), t(mean), t(var), t(gamma), t(beta), (float) eps, t(y), s[1], spatial(x), layout(x), t(
			x).size);
	}

	@Override
	public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps, Tensor dx,
		Tensor dGamma, Tensor dBeta)
	{
		int[] s = x.shape();
		long sp = spatial(x);
		channelSums(x, dy, mean, var, eps, dGamma, dBeta);
		kernels.bnBackwardApply(t(x), t(dy), t(mean), t(var), t(gamma), t(dGamma), t(dBeta), (float) eps, t(dx), s[1],
			sp,
			(float) (s[0] * sp), layout(x), t(x).size);
	}

	@Override
	public void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar, double eps,
		Tensor y)
	{
		int[] s = x.shape();
		kernels.bnApply(t(x), t(runMean), t(runVar), t(gamma), t(beta), (float) eps, t(y), s[1], spatial(x), layout(x),
			t(x).size);
	}

	// --- activations ---------------------------------------------------------------------------------------

	/** Whether float4 kernels can run over these tensors: a multiple of 4 elements, 16-byte aligned. */
	private static boolean quads(Tensor... ts) {
		for (Tensor x : ts)
			if (t(x).size % 4 != 0 || t(x).data.address() % 16 != 0) return false;
		return true;
	}

	@Override
	public void relu(Tensor x, Tensor y) {
		if (quads(x, y)) kernels.relu4(t(x), t(y), t(x).size / 4);
		else kernels.relu(t(x), t(y), t(x).size);
	}

	@Override
	public void reluMask(Tensor a, Tensor dy, Tensor dx) {
		if (quads(a, dy, dx)) kernels.reluMask4(t(a), t(dy), t(dx), t(a).size / 4);
		else kernels.reluMask(t(a), t(dy), t(dx), t(a).size);
	}

	/** The layout argument of the kernels that index channels: 1 for channels last. */
	private static int layout(Tensor x) {
		return t(x).nhwc ? 1 : 0;
	}

	@Override
	public void softmaxChannels(Tensor x, Tensor y) {
		int[] s = x.shape();
		long v = spatial(x), n = s[0] * v;
		kernels.softmax(t(x), t(y), s[1], v, layout(x), n);
	}

	@Override
	public void softmaxChannelsBackward(Tensor y, Tensor dy, Tensor dx) {
		int[] s = y.shape();
		long v = spatial(y), n = s[0] * v;
		kernels.softmaxBackward(t(y), t(dy), t(dx), s[1], v, layout(y), n);
	}

	@Override
	public void tanhUnit(Tensor x, Tensor y) {
		kernels.tanhUnit(t(x), t(y), t(x).size);
	}

	@Override
	public void tanhUnitBackward(Tensor y, Tensor dy, Tensor dx) {
		kernels.tanhUnitBackward(t(y), t(dy), t(dx), t(y).size);
	}

	// --- slicing and sampling ------------------------------------------------------------------------------

	@Override
	public void sliceVolumes(Tensor volumes, int axis, Tensor slices) {
		int[] v = volumes.shape();
		kernels.slices(t(volumes), t(slices), v[1], v[2], axis, 1, 0, layout(slices), t(slices).size);
	}

	@Override
	public void unsliceVolumes(Tensor slices, int axis, Tensor volumes, boolean accumulate) {
		int[] v = volumes.shape();
		kernels.slices(t(volumes), t(slices), v[1], v[2], axis, 0, accumulate ? 1 : 0, layout(slices), t(slices).size);
	}

	private Tensor ints(String role, int[] values) {
		Tensor d = scratch(role, values.length);
		uploads.put(values, t(d).data);
		return d;
	}

	@Override
	public void gatherCrops(Tensor stack, int[] picks, int size, Tensor out) {
		int[] s = stack.shape();
		if (picks.length / 3 != out.dim(0)) throw new IllegalArgumentException("gatherCrops: " + picks.length / 3 +
			" picks for " + out.dim(0));
		if (t(stack).nhwc != t(out).nhwc) throw new IllegalArgumentException("gatherCrops: layouts differ");
		kernels.crops(t(stack), t(out), t(ints("picks", picks)), s[1], s[2], s[3], size, layout(out), t(out).size);
	}

	@Override
	public void interpolateRows(Tensor a, int[] ai, Tensor b, int[] bi, double[] eps, Tensor out) {
		long row = t(out).size / out.dim(0);
		float[] e = new float[eps.length];
		for (int i = 0; i < e.length; i++)
			e[i] = (float) eps[i];
		Tensor et = scratch("eps", e.length);
		upload(e, et);
		long n = row * eps.length;
		kernels.interpolate(t(a), t(b), t(out), t(ints("ai", ai)), t(ints("bi", bi)), t(et), row, n);
	}

	// --- arithmetic and reductions -------------------------------------------------------------------------

	@Override
	public void axpy(double a, Tensor x, Tensor y) {
		kernels.axpy((float) a, t(x), t(y), t(x).size);
	}

	@Override
	public void scale(Tensor x, double a) {
		kernels.scale(t(x), (float) a, t(x).size);
	}

	@Override
	public double sum(Tensor x) {
		// a reused buffer: cudaMalloc/cudaFree here would synchronise the device
		Tensor out = scratch("sum", 2);
		try (DoublePointer host = new DoublePointer(1)) {
			kernels.sumAll(t(x), t(out), t(x).size);
			Cuda.check(cudaMemcpy(host, t(out).data, 8, cudaMemcpyDeviceToHost), "cudaMemcpy D2H");
			return host.get();
		}
	}

	@Override
	public void accumulateSum(Tensor x, double scale, Tensor acc, int slot) {
		kernels.accSum(t(x), t(acc), slot, (float) scale, t(x).size);
	}

	@Override
	public void normPenalty(Tensor g, double target, double weight, Tensor norms, Tensor acc, int slot) {
		int rows = g.dim(0);
		kernels.normPenalty(t(g), t(norms), t(acc), slot, (float) target, (float) weight, t(g).size / rows);
	}

	@Override
	public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
		double eps, long step)
	{
		float bc1 = (float) (1 - Math.pow(beta1, step)), bc2 = (float) (1 - Math.pow(beta2, step));
		kernels.adam(t(param), t(grad), t(m), t(v), (float) lr, (float) beta1, (float) beta2, (float) eps, bc1, bc2, t(
			param).size);
	}

	@Override
	public void argmaxChannels(Tensor x, int b, byte[] labels) {
		int[] s = x.shape();
		long v = spatial(x);
		checkLength(v, labels.length);
		Pointer out = new Pointer();
		Cuda.check(cudaMalloc(out, v), "cudaMalloc");
		try (BytePointer host = new BytePointer(v)) {
			Pointer base = offset(t(x).data, 4L * b * s[1] * v);
			kernels.argmax(base, out, s[1], v, layout(x));
			Cuda.check(cudaMemcpy(host, out, v, cudaMemcpyDeviceToHost), "cudaMemcpy D2H");
			host.get(labels);
		}
		finally {
			cudaFree(out);
		}
	}

	/** A device address {@code bytes} past {@code p}. */
	private static Pointer offset(Pointer p, long bytes) {
		return new Pointer(p) {
			{
				address += bytes;
			}
		};
	}

	@Override
	public void synchronize() {
		Cuda.check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
	}

	@Override
	public void close() {
		for (Tensor s : scratch.values())
			s.close();
		scratch.clear();
		if (workspaceBytes > 0) cudaFree(workspace);
		workspaceBytes = 0;
		labels.close();
		uploads.close();
	}
}
