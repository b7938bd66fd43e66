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
		// the sum of every thread's s over a block of 256 threads, returned to all of them (and callable again)
		"template <typename T> __device__ T block_sum(T s) {", //
		"  __shared__ T part[256]; part[threadIdx.x] = s; __syncthreads();", //
		"  for (int h = blockDim.x / 2; h > 0; h >>= 1) { if (threadIdx.x < h) part[threadIdx.x] += part[threadIdx.x + h];", //
		"    __syncthreads(); }", //
		"  T total = part[0]; __syncthreads(); return total; }", //
		// transposed convolution, kernel 4, stride 2, C <= 8 output channels, one sample. Output o = 2q - p + r
		// (r in {0,1}) reads inputs q - d (d in {0,1}) with tap r + 2d, so the 2x2x2 outputs of one q share 8 inputs;
		// each thread makes those of two neighbouring q along x, so that every weight it loads serves two outputs.
		// Over the window [o0, o0 + S) it writes either the logits or lut[argmax] as bytes (generation's last step)
		"template <int C> __device__ __forceinline__ void convt_k4s2(const float* __restrict__ x,", //
		"  const float* __restrict__ w, unsigned char* labels, float* logits, long lut, int Cin, int D, int H, int W, int p,", //
		"  int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0, int QZ, int QY, int QX) {", //
		"  int PX = (QX + 1) / 2; long nq = (long) QZ * QY * PX, vol = (long) D * H * W;", //
		"  for (long t = (long) blockIdx.x * blockDim.x + threadIdx.x; t < nq; t += (long) blockDim.x * gridDim.x) {", //
		"    int qx = qx0 + 2 * (int) (t % PX); long u = t / PX; int qy = qy0 + (int) (u % QY); int qz = qz0 + (int) (u / QY);", //
		"    float acc[2][8][C];", //
		"    #pragma unroll", //
		"    for (int s = 0; s < 2; s++) {", //
		"      #pragma unroll", //
		"      for (int r = 0; r < 8; r++) {", //
		"        #pragma unroll", //
		"        for (int c = 0; c < C; c++) acc[s][r][c] = 0.f; } }", //
		"    bool in0 = qx - 1 >= 0 && qx - 1 < W, in1 = qx < W, in2 = qx + 1 < W;", //
		"    for (int dz = 0; dz < 2; dz++) { int iz = qz - dz; if (iz < 0 || iz >= D) continue;", //
		"    for (int dy = 0; dy < 2; dy++) { int iy = qy - dy; if (iy < 0 || iy >= H) continue;", //
		"      const float* xr = x + ((long) iz * H + iy) * W + qx; const float* wd = w + 32 * dz + 8 * dy;", //
		"      for (int ci = 0; ci < Cin; ci++, xr += vol, wd += C * 64) {", //
		"        float v[3] = { in0 ? xr[-1] : 0.f, in1 ? xr[0] : 0.f, in2 ? xr[1] : 0.f };", //
		"        #pragma unroll", //
		"        for (int dx = 0; dx < 2; dx++) {", //
		"          #pragma unroll", //
		"          for (int r = 0; r < 8; r++) {", //
		"            #pragma unroll", //
		"            for (int c = 0; c < C; c++) {", //
		"              float wv = wd[c * 64 + (r >> 2) * 16 + ((r >> 1) & 1) * 4 + (r & 1) + 2 * dx];", //
		"              acc[0][r][c] += v[1 - dx] * wv; acc[1][r][c] += v[2 - dx] * wv; } } } } } }", //
		"    #pragma unroll", //
		"    for (int s = 0; s < 2; s++) {", //
		"      #pragma unroll", //
		"      for (int r = 0; r < 8; r++) {", //
		"        int oz = 2 * qz - p + (r >> 2), oy = 2 * qy - p + ((r >> 1) & 1), ox = 2 * (qx + s) - p + (r & 1);", //
		"        if (oz < oz0 || oz >= oz0 + SZ || oy < oy0 || oy >= oy0 + SY || ox < ox0 || ox >= ox0 + SX) continue;", //
		"        long at = ((long) (oz - oz0) * SY + (oy - oy0)) * SX + (ox - ox0);", //
		"        if (labels) { int best = 0; float m = acc[s][r][0];", //
		"          #pragma unroll", //
		"          for (int c = 1; c < C; c++) if (acc[s][r][c] > m) { m = acc[s][r][c]; best = c; }", //
		"          labels[at] = (unsigned char) ((lut >> (8 * best)) & 255); }", //
		"        else {", //
		"          #pragma unroll", //
		"          for (int c = 0; c < C; c++) logits[c * (long) SZ * SY * SX + at] = acc[s][r][c]; } } } } }", //
		"#define CONVT(n) extern \"C\" __global__ void convt_k4s2_##n(const float* x, const float* w, unsigned char* labels, \\", //
		"  float* logits, long lut, int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, \\", //
		"  int qz0, int qy0, int qx0, int QZ, int QY, int QX) { convt_k4s2<n>(x, w, labels, logits, lut, Cin, D, H, W, p, \\", //
		"  oz0, oy0, ox0, SZ, SY, SX, qz0, qy0, qx0, QZ, QY, QX); }", //
		"CONVT(1) CONVT(2) CONVT(3) CONVT(4) CONVT(5) CONVT(6) CONVT(7) CONVT(8)", //
		"extern \"C\" {", //
		"__global__ void fill(float* x, float v, long n) { LOOP(i, n) x[i] = v; }", //
		"__global__ void relu(const float* x, float* y, long n) { LOOP(i, n) y[i] = x[i] > 0.f ? x[i] : 0.f; }", //
		"__global__ void relu_mask(const float* a, const float* dy, float* dx, long n) {", //
		"  LOOP(i, n) dx[i] = a[i] > 0.f ? dy[i] : 0.f; }", //
		// the same four floats at a time (n4 = n / 4, 16-byte aligned arrays)
		"__global__ void relu4(const float4* x, float4* y, long n4) { LOOP(i, n4) { float4 v = x[i];", //
		"  y[i] = make_float4(fmaxf(v.x, 0.f), fmaxf(v.y, 0.f), fmaxf(v.z, 0.f), fmaxf(v.w, 0.f)); } }", //
		"__global__ void relu_mask4(const float4* a, const float4* dy, float4* dx, long n4) { LOOP(i, n4) {", //
		"  float4 m = a[i], d = dy[i]; dx[i] = make_float4(m.x > 0.f ? d.x : 0.f, m.y > 0.f ? d.y : 0.f,", //
		"  m.z > 0.f ? d.z : 0.f, m.w > 0.f ? d.w : 0.f); } }", //
		"__global__ void tanh_unit(const float* x, float* y, long n) { LOOP(i, n) y[i] = 0.5f * (tanhf(x[i]) + 1.f); }", //
		"__global__ void tanh_unit_bwd(const float* y, const float* dy, float* dx, long n) {", //
		"  LOOP(i, n) dx[i] = dy[i] * 2.f * y[i] * (1.f - y[i]); }", //
		// one thread per (sample, voxel): softmax over the channels, which are V apart (channels last: adjacent)
		"#define CHANNELS(i) long base = nhwc ? (i) * C : ((i) / V) * C * V + (i) % V; long cs = nhwc ? 1 : V;", //
		"__global__ void softmax(const float* x, float* y, int C, long V, int nhwc, long n) {", //
		"  LOOP(i, n) { CHANNELS(i) const float* p = x + base; float* q = y + base;", //
		"    float m = p[0]; for (int c = 1; c < C; c++) m = fmaxf(m, p[c * cs]);", //
		"    float s = 0.f; for (int c = 0; c < C; c++) { float e = expf(p[c * cs] - m); q[c * cs] = e; s += e; }", //
		"    for (int c = 0; c < C; c++) q[c * cs] /= s; } }", //
		"__global__ void softmax_bwd(const float* y, const float* dy, float* dx, int C, long V, int nhwc, long n) {", //
		"  LOOP(i, n) { CHANNELS(i) float s = 0.f;", //
		"    for (int c = 0; c < C; c++) s += y[base + c * cs] * dy[base + c * cs];", //
		"    for (int c = 0; c < C; c++) dx[base + c * cs] = y[base + c * cs] * (dy[base + c * cs] - s); } }", //
		// slices [B*L, C, L, L] <-> volumes [B, C, L, L, L]; the mapping is a bijection, so no races
		"__global__ void slices(float* vol, float* sl, int C, int L, int axis, int toSlices, int accumulate, int nhwc,", //
		"  long n) {", //
		"  LOOP(i, n) { long q, p, c, t;", //
		"    if (nhwc) { c = i % C; t = i / C; q = t % L; t /= L; p = t % L; t /= L; }", //
		"    else { q = i % L; t = i / L; p = t % L; t /= L; c = t % C; t /= C; }", //
		"    long j = t % L, b = t / L, z, y, x;", //
		"    if (axis == 0) { z = j; y = p; x = q; } else if (axis == 1) { z = p; y = j; x = q; } else { z = p; y = q; x = j; }", //
		"    long v = (((b * C + c) * L + z) * L + y) * L + x;", //
		"    if (toSlices) sl[i] = vol[v]; else vol[v] = accumulate ? vol[v] + sl[i] : sl[i]; } }", //
		"__global__ void crops(const float* stack, float* out, const int* picks, int C, int H, int W, int S, int nhwc,", //
		"  long n) {", //
		"  LOOP(i, n) { long x, y, c, k, t;", //
		"    if (nhwc) { c = i % C; t = i / C; x = t % S; t /= S; y = t % S; k = t / S; }", //
		"    else { x = i % S; t = i / S; y = t % S; t /= S; c = t % C; k = t / C; }", //
		"    const int* pk = picks + 3 * k; long row = pk[1] + y, col = pk[2] + x;", //
		"    out[i] = stack[nhwc ? (((long) pk[0] * H + row) * W + col) * C + c : (((long) pk[0] * C + c) * H + row) * W + col];", //
		"  } }", //
		"__global__ void interpolate(const float* a, const float* b, float* out, const int* ai, const int* bi,", //
		"  const float* eps, long row, long n) {", //
		"  LOOP(i, n) { long r = i / row, k = i % row; float e = eps[r];", //
		"    out[i] = e * a[ai[r] * row + k] + (1.f - e) * b[bi[r] * row + k]; } }", //
		"__global__ void axpy(float a, const float* x, float* y, long n) { LOOP(i, n) y[i] += a * x[i]; }", //
		"__global__ void scale(float* x, float a, long n) { LOOP(i, n) x[i] *= a; }", //
		// out[0] = sum(x): one block, the sum in double
		"__global__ void sum_all(const float* x, double* out, long n) {", //
		"  double s = 0.0; for (long k = threadIdx.x; k < n; k += blockDim.x) s += x[k];", //
		"  s = block_sum(s); if (threadIdx.x == 0) out[0] = s; }", //
		// acc[slot] += scale * sum(x): one block, the sum in double
		"__global__ void acc_sum(const float* x, float* acc, int slot, float scale, long n) {", //
		"  double s = 0.0; for (long k = threadIdx.x; k < n; k += blockDim.x) s += x[k];", //
		"  s = block_sum(s); if (threadIdx.x == 0) acc[slot] += (float) (scale * s); }", //
		// one block per row: the norm, the penalty weight*(norm - target)^2 and the row scaled into its gradient
		"__global__ void norm_penalty(float* g, float* norms, float* acc, int slot, float target, float weight, long row) {", //
		"  float* p = g + (long) blockIdx.x * row; double s = 0.0;", //
		"  for (long k = threadIdx.x; k < row; k += blockDim.x) { double v = p[k]; s += v * v; }", //
		"  double norm = sqrt(block_sum(s)); float f = norm > 0.0 ? (float) (2.0 * weight * (norm - target) / norm) : 0.f;", //
		"  for (long k = threadIdx.x; k < row; k += blockDim.x) p[k] *= f;", //
		"  if (threadIdx.x == 0) { if (norms) norms[blockIdx.x] = (float) norm;", //
		"    atomicAdd(acc + slot, (float) (weight * (norm - target) * (norm - target))); } }", //
		// a convolution whose kernel covers its whole input (one output pixel, one channel) is a dot product per row
		"__global__ void dense_fwd(const float* x, const float* w, float* y, long J) {", //
		"  const float* p = x + (long) blockIdx.x * J; float s = 0.f;", //
		"  for (long k = threadIdx.x; k < J; k += blockDim.x) s += p[k] * w[k];", //
		"  s = block_sum(s); if (threadIdx.x == 0) y[blockIdx.x] = s; }", //
		"__global__ void dense_bwd_data(const float* dy, const float* w, float* dx, long J, long n) {", //
		"  LOOP(i, n) dx[i] = dy[i / J] * w[i % J]; }", //
		// dw[j] += sum over a chunk of rows of dy[r] x[r, j]; blockIdx.y picks the chunk
		"__global__ void dense_bwd_filter(const float* x, const float* dy, float* dw, long J, int N, int per) {", //
		"  long j = (long) blockIdx.x * blockDim.x + threadIdx.x; if (j >= J) return;", //
		"  int r0 = blockIdx.y * per, r1 = min(N, r0 + per); float s = 0.f;", //
		"  for (int r = r0; r < r1; r++) s += dy[r] * x[(long) r * J + j];", //
		"  atomicAdd(dw + j, s); }", //
		// cuDNN's logits → labels of a window: lut[argmax over the channels], one byte per voxel
		"__global__ void argmax_window(const float* lg, unsigned char* labels, long lut, int C, int OD, int OH, int OW,", //
		"  int oz0, int oy0, int ox0, int SZ, int SY, int SX) {", //
		"  long n = (long) SZ * SY * SX, V = (long) OD * OH * OW;", //
		"  LOOP(i, n) { long x = i % SX, t = i / SX; long y = t % SY, z = t / SY;", //
		"    const float* p = lg + ((z + oz0) * OH + y + oy0) * OW + x + ox0; int best = 0; float m = p[0];", //
		"    for (int c = 1; c < C; c++) if (p[c * V] > m) { m = p[c * V]; best = c; }", //
		"    labels[i] = (unsigned char) ((lut >> (8 * best)) & 255); } }", //
		"__global__ void adam(float* p, const float* g, float* m, float* v, float lr, float b1, float b2, float eps,", //
		"  float bc1, float bc2, long n) {", //
		"  LOOP(i, n) { float gi = g[i]; float mi = b1 * m[i] + (1.f - b1) * gi; float vi = b2 * v[i] + (1.f - b2) * gi * gi;", //
		"    m[i] = mi; v[i] = vi; p[i] -= lr * (mi / bc1) / (sqrtf(vi / bc2) + eps); } }", //
		"__global__ void argmax(const float* x, unsigned char* labels, int C, long V, int nhwc) {", //
		"  LOOP(v, V) { long base = nhwc ? v * C : v, cs = nhwc ? 1 : V; int best = 0; float m = x[base];", //
		"    for (int c = 1; c < C; c++) { float e = x[base + c * cs]; if (e > m) { m = e; best = c; } }", //
		"    labels[v] = (unsigned char) best; } }", //
		// batch norm statistics: many blocks per channel add their partial sums in double to acc[2C]
		"__global__ void bn_partial(const float* x, const float* dy, const float* mean, const float* var, float eps,", //
		"  double* acc, int C, long S, long n, int chunks, int nhwc) {", //
		"  int c = blockIdx.x / chunks, chunk = blockIdx.x % chunks;", //
		"  long per = (n + chunks - 1) / chunks, from = chunk * per, to = min(n, from + per); double a = 0.0, b = 0.0;", //
		"  float mu = mean ? mean[c] : 0.f, inv = mean ? rsqrtf(var[c] + eps) : 0.f;", //
		"  for (long k = from + threadIdx.x; k < to; k += blockDim.x) { long i = nhwc ? k * C + c : ((k / S) * C + c) * S + k % S;", //
		"    if (dy) { a += dy[i] * (x[i] - mu) * inv; b += dy[i]; } else { double v = x[i]; a += v; b += v * v; } }", //
		"  a = block_sum(a); b = block_sum(b);", //
		"  if (threadIdx.x == 0) { atomicAdd(acc + c, a); atomicAdd(acc + C + c, b); } }", //
		// forward: mean and biased variance from the sums; backward: dγ and dβ
		"__global__ void bn_finish(const double* acc, float* first, float* second, int C, double n, int moments) {", //
		"  LOOP(c, C) { if (moments) { double m = acc[c] / n; first[c] = (float) m;", //
		"    second[c] = (float) fmax(acc[C + c] / n - m * m, 0.0); } else { first[c] = (float) acc[c];", //
		"    second[c] = (float) acc[C + c]; } } }", //
		"__global__ void bn_apply(const float* x, const float* mean, const float* var, const float* g, const float* b,", //
		"  float eps, float* y, int C, long S, int nhwc, long n) {", //
		"  LOOP(i, n) { int c = (int) (nhwc ? i % C : (i / S) % C); y[i] = g[c] * (x[i] - mean[c]) * rsqrtf(var[c] + eps) + b[c]; } }", //
		"__global__ void bn_bwd_apply(const float* x, const float* dy, const float* mean, const float* var,", //
		"  const float* g, const float* dg, const float* db, float eps, float* dx, int C, long S, float count, int nhwc,", //
		"  long n) {", //
		"  LOOP(i, n) { int c = (int) (nhwc ? i % C : (i / S) % C); float inv = rsqrtf(var[c] + eps); float xh = (x[i] - mean[c]) * inv;", //
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
			for (String name : new String[] { "fill", "relu", "relu_mask", "relu4", "relu_mask4", "tanh_unit", "tanh_unit_bwd", "softmax",
				"softmax_bwd", "slices", "crops", "interpolate", "axpy", "scale", "sum_all", "acc_sum", "norm_penalty",
				"dense_fwd", "dense_bwd_data", "dense_bwd_filter", "argmax_window", "convt_k4s2_1", "convt_k4s2_2",
				"convt_k4s2_3", "convt_k4s2_4", "convt_k4s2_5", "convt_k4s2_6", "convt_k4s2_7", "convt_k4s2_8", "adam",
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
	private static final int MAX_ARGS = 32;
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
		launch3(name, grid, 1, block, args);
	}

	/** A launch on a two-dimensional grid. */
	void launch3(String name, int grid, int gridY, int block, Object... args) {
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
		Cuda.check(cuLaunchKernel(f, grid, gridY, 1, block, 1, 1, 0, null, argPointers, null), "cuLaunchKernel " + name);
	}
}
