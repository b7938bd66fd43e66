package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * SliceGAN's own small GPU kernels (everything but the convolutions), compiled once per process by NVRTC for the
 * GPU found, and a launcher that packs kernel arguments the way cuLaunchKernel wants them.
 */
final class Kernels {

	static final int THREADS = 256;

	private static final String SOURCE = String.join("\n", //
		"#define LOOP(i, n) for (long i = (long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); " +
			"i += (long) blockDim.x * gridDim.x)", //
		"extern \"C\" {", //
		"__global__ void fill(float* x, float v, long n) { LOOP(i, n) x[i] = v; }", //
		"__global__ void relu(const float* x, float* y, long n) { LOOP(i, n) y[i] = x[i] > 0.f ? x[i] : 0.f; }", //
		"__global__ void relu_mask(const float* a, const float* dy, float* dx, long n) {", //
		"  LOOP(i, n) dx[i] = a[i] > 0.f ? dy[i] : 0.f; }", //
		"__global__ void tanh_unit(const float* x, float* y, long n) { LOOP(i, n) y[i] = 0.5f * (tanhf(x[i]) + 1.f); }", //
		"__global__ void tanh_unit_bwd(const float* y, const float* dy, float* dx, long n) {", //
		"  LOOP(i, n) dx[i] = dy[i] * 2.f * y[i] * (1.f - y[i]); }", //
		// one thread per (sample, voxel): softmax over the channels, which are V apart
		"__global__ void softmax(const float* x, float* y, int C, long V, long n) {", //
		"  LOOP(i, n) { long b = i / V, v = i % V; const float* p = x + b * C * V + v; float* q = y + b * C * V + v;", //
		"    float m = p[0]; for (int c = 1; c < C; c++) m = fmaxf(m, p[c * V]);", //
		"    float s = 0.f; for (int c = 0; c < C; c++) { float e = expf(p[c * V] - m); q[c * V] = e; s += e; }", //
		"    for (int c = 0; c < C; c++) q[c * V] /= s; } }", //
		"__global__ void softmax_bwd(const float* y, const float* dy, float* dx, int C, long V, long n) {", //
		"  LOOP(i, n) { long base = (i / V) * C * V + i % V; float s = 0.f;", //
		"    for (int c = 0; c < C; c++) s += y[base + c * V] * dy[base + c * V];", //
		"    for (int c = 0; c < C; c++) dx[base + c * V] = y[base + c * V] * (dy[base + c * V] - s); } }", //
		// slices [B*L, C, L, L] <-> volumes [B, C, L, L, L]; the mapping is a bijection, so no races
		"__global__ void slices(float* vol, float* sl, int C, int L, int axis, int toSlices, int accumulate, long n) {", //
		"  LOOP(i, n) { long q = i % L, t = i / L; long p = t % L; t /= L; long c = t % C; t /= C; long j = t % L;", //
		"    long b = t / L; long z, y, x;", //
		"    if (axis == 0) { z = j; y = p; x = q; } else if (axis == 1) { z = p; y = j; x = q; } else { z = p; y = q; x = j; }", //
		"    long v = (((b * C + c) * L + z) * L + y) * L + x;", //
		"    if (toSlices) sl[i] = vol[v]; else vol[v] = accumulate ? vol[v] + sl[i] : sl[i]; } }", //
		"__global__ void crops(const float* stack, float* out, const int* picks, int C, int H, int W, int S, long n) {", //
		"  LOOP(i, n) { long x = i % S, t = i / S; long y = t % S; t /= S; long c = t % C; long k = t / C;", //
		"    const int* pk = picks + 3 * k;", //
		"    out[i] = stack[(((long) pk[0] * C + c) * H + pk[1] + y) * W + pk[2] + x]; } }", //
		"__global__ void interpolate(const float* a, const float* b, float* out, const int* ai, const int* bi,", //
		"  const float* eps, long row, long n) {", //
		"  LOOP(i, n) { long r = i / row, k = i % row; float e = eps[r];", //
		"    out[i] = e * a[ai[r] * row + k] + (1.f - e) * b[bi[r] * row + k]; } }", //
		"__global__ void axpy(float a, const float* x, float* y, long n) { LOOP(i, n) y[i] += a * x[i]; }", //
		"__global__ void scale(float* x, float a, long n) { LOOP(i, n) x[i] *= a; }", //
		"__global__ void scale_rows(float* x, const float* f, long row, long n) { LOOP(i, n) x[i] *= f[i / row]; }", //
		// one block per row: sums (power 1) or sums of squares (power 2) in double
		"__global__ void row_sums(const float* x, double* out, long row, int power) {", //
		"  __shared__ double part[256]; const float* p = x + (long) blockIdx.x * row; double s = 0.0;", //
		"  for (long k = threadIdx.x; k < row; k += blockDim.x) { double v = p[k]; s += power == 2 ? v * v : v; }", //
		"  part[threadIdx.x] = s; __syncthreads();", //
		"  for (int h = blockDim.x / 2; h > 0; h >>= 1) { if (threadIdx.x < h) part[threadIdx.x] += part[threadIdx.x + h];", //
		"    __syncthreads(); }", //
		"  if (threadIdx.x == 0) out[blockIdx.x] = part[0]; }", //
		"__global__ void adam(float* p, const float* g, float* m, float* v, float lr, float b1, float b2, float eps,", //
		"  float bc1, float bc2, long n) {", //
		"  LOOP(i, n) { float gi = g[i]; float mi = b1 * m[i] + (1.f - b1) * gi; float vi = b2 * v[i] + (1.f - b2) * gi * gi;", //
		"    m[i] = mi; v[i] = vi; p[i] -= lr * (mi / bc1) / (sqrtf(vi / bc2) + eps); } }", //
		"__global__ void argmax(const float* x, unsigned char* labels, int C, long V) {", //
		"  LOOP(v, V) { int best = 0; float m = x[v]; for (int c = 1; c < C; c++) { float e = x[c * V + v];", //
		"    if (e > m) { m = e; best = c; } } labels[v] = (unsigned char) best; } }", //
		// batch norm statistics: many blocks per channel add their partial sums in double to acc[2C]
		"__global__ void bn_partial(const float* x, const float* dy, const float* mean, const float* var, float eps,", //
		"  double* acc, int C, long S, long n, int chunks) {", //
		"  __shared__ double pa[256]; __shared__ double pb[256]; int c = blockIdx.x / chunks, chunk = blockIdx.x % chunks;", //
		"  long per = (n + chunks - 1) / chunks, from = chunk * per, to = min(n, from + per); double a = 0.0, b = 0.0;", //
		"  float mu = mean ? mean[c] : 0.f, inv = mean ? rsqrtf(var[c] + eps) : 0.f;", //
		"  for (long k = from + threadIdx.x; k < to; k += blockDim.x) { long i = ((k / S) * C + c) * S + k % S;", //
		"    if (dy) { a += dy[i] * (x[i] - mu) * inv; b += dy[i]; } else { double v = x[i]; a += v; b += v * v; } }", //
		"  pa[threadIdx.x] = a; pb[threadIdx.x] = b; __syncthreads();", //
		"  for (int h = blockDim.x / 2; h > 0; h >>= 1) { if (threadIdx.x < h) { pa[threadIdx.x] += pa[threadIdx.x + h];", //
		"    pb[threadIdx.x] += pb[threadIdx.x + h]; } __syncthreads(); }", //
		"  if (threadIdx.x == 0) { atomicAdd(acc + c, pa[0]); atomicAdd(acc + C + c, pb[0]); } }", //
		// forward: mean and biased variance from the sums; backward: dγ and dβ
		"__global__ void bn_finish(const double* acc, float* first, float* second, int C, double n, int moments) {", //
		"  LOOP(c, C) { if (moments) { double m = acc[c] / n; first[c] = (float) m;", //
		"    second[c] = (float) fmax(acc[C + c] / n - m * m, 0.0); } else { first[c] = (float) acc[c];", //
		"    second[c] = (float) acc[C + c]; } } }", //
		"__global__ void bn_apply(const float* x, const float* mean, const float* var, const float* g, const float* b,", //
		"  float eps, float* y, int C, long S, long n) {", //
		"  LOOP(i, n) { int c = (int) ((i / S) % C); y[i] = g[c] * (x[i] - mean[c]) * rsqrtf(var[c] + eps) + b[c]; } }", //
		"__global__ void bn_bwd_apply(const float* x, const float* dy, const float* mean, const float* var,", //
		"  const float* g, const float* dg, const float* db, float eps, float* dx, int C, long S, float count, long n) {", //
		"  LOOP(i, n) { int c = (int) ((i / S) % C); float inv = rsqrtf(var[c] + eps); float xh = (x[i] - mean[c]) * inv;", //
		"    dx[i] = g[c] * inv / count * (count * dy[i] - db[c] - xh * dg[c]); } }", //
		"}");

	private final Map<String, CUfunc_st> functions = new HashMap<>();
	final String architecture;

	Kernels() {
		int[] major = new int[1], minor = new int[1];
		Cuda.check(cudaDeviceGetAttribute(major, cudaDevAttrComputeCapabilityMajor, 0), "cudaDeviceGetAttribute");
		Cuda.check(cudaDeviceGetAttribute(minor, cudaDevAttrComputeCapabilityMinor, 0), "cudaDeviceGetAttribute");
		architecture = "sm_" + major[0] + minor[0];
		_nvrtcProgram program = new _nvrtcProgram();
		Cuda.checkRtc(nvrtcCreateProgram(program, new BytePointer(SOURCE), new BytePointer("slicegan.cu"), 0,
			(PointerPointer) null, (PointerPointer) null), "nvrtcCreateProgram");
		try {
			PointerPointer options = new PointerPointer("--gpu-architecture=" + architecture, "-default-device");
			int status = nvrtcCompileProgram(program, 2, options);
			if (status != 0) {
				SizeTPointer logSize = new SizeTPointer(1);
				nvrtcGetProgramLogSize(program, logSize);
				BytePointer log = new BytePointer(logSize.get());
				nvrtcGetProgramLog(program, log);
				throw new IllegalStateException("NVRTC could not compile the kernels for " + architecture + ":\n" + log
					.getString());
			}
			SizeTPointer size = new SizeTPointer(1);
			Cuda.checkRtc(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
			BytePointer cubin = new BytePointer(size.get());
			Cuda.checkRtc(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
			CUmod_st module = new CUmod_st();
			Cuda.check(cuModuleLoadData(module, cubin), "cuModuleLoadData");
			for (String name : new String[] { "fill", "relu", "relu_mask", "tanh_unit", "tanh_unit_bwd", "softmax",
				"softmax_bwd", "slices", "crops", "interpolate", "axpy", "scale", "scale_rows", "row_sums", "adam",
				"argmax", "bn_partial", "bn_finish", "bn_apply", "bn_bwd_apply" })
			{
				CUfunc_st f = new CUfunc_st();
				Cuda.check(cuModuleGetFunction(f, module, name), "cuModuleGetFunction " + name);
				functions.put(name, f);
			}
		}
		finally {
			nvrtcDestroyProgram(program);
		}
	}

	/** Grid size for n elements with a grid-stride loop. */
	static int blocks(long n) {
		return (int) Math.max(1, Math.min((n + THREADS - 1) / THREADS, 65535L * 8));
	}

	/** Elementwise launch over n items. */
	void run(String name, long n, Object... args) {
		launch(name, blocks(n), THREADS, args);
	}

	/** Kernel argument values (8 bytes each) and the array of pointers to them that cuLaunchKernel reads. */
	private static final int MAX_ARGS = 16;
	private final BytePointer argValues = new BytePointer(8L * MAX_ARGS);
	private final PointerPointer argPointers = new PointerPointer(MAX_ARGS);

	{
		for (int i = 0; i < MAX_ARGS; i++)
			argPointers.put(i, argValues.getPointer(8L * i));
	}

	/**
	 * Launches a kernel. Arguments: device tensors (passed as their pointers), Integer (int), Long (long), Float
	 * (float), Double (double). cuLaunchKernel takes an array of pointers to host copies of the arguments and copies
	 * them at launch, so one reused buffer serves every launch (no native allocation per launch).
	 */
	void launch(String name, int grid, int block, Object... args) {
		CUfunc_st f = functions.get(name);
		if (f == null) throw new IllegalArgumentException("no kernel " + name);
		if (args.length > MAX_ARGS) throw new IllegalArgumentException("too many kernel arguments: " + args.length);
		for (int i = 0; i < args.length; i++) {
			Object a = args[i];
			long at = 8L * i;
			if (a instanceof CudaTensor) argValues.putLong(at, ((CudaTensor) a).data.address());
			else if (a instanceof Pointer) argValues.putLong(at, ((Pointer) a).address());
			else if (a instanceof Integer) argValues.putInt(at, (Integer) a);
			else if (a instanceof Long) argValues.putLong(at, (Long) a);
			else if (a instanceof Float) argValues.putFloat(at, (Float) a);
			else if (a instanceof Double) argValues.putDouble(at, (Double) a);
			else throw new IllegalArgumentException("kernel argument " + a);
		}
		Cuda.check(cuLaunchKernel(f, grid, 1, 1, block, 1, 1, 0, null, argPointers, null), "cuLaunchKernel " + name);
	}
}
