#include "common.cuh"

// a convolution whose kernel covers its whole input (one output pixel, one channel) is a dot product per row of J
// elements: one block per row
extern "C" __global__ void dense_fwd(const float* x, const float* w, float* y, long long J) {
  const float* p = x + (long long) blockIdx.x * J;
  float s = 0.f;
  for (long long k = threadIdx.x; k < J; k += blockDim.x) s += p[k] * w[k];
  s = block_sum(s);
  if (threadIdx.x == 0) y[blockIdx.x] = s;
}

extern "C" __global__ void dense_bwd_data(const float* dy, const float* w, float* dx, long long J, long long n) {
  LOOP(i, n) dx[i] = dy[i / J] * w[i % J];
}

// dw[j] += sum over a chunk of `per` rows of dy[r] x[r, j]; blockIdx.y picks the chunk
extern "C" __global__ void dense_bwd_filter(const float* x, const float* dy, float* dw, long long J, int N, int per) {
  long long j = (long long) blockIdx.x * blockDim.x + threadIdx.x;
  if (j >= J) return;
  int r0 = blockIdx.y * per, r1 = min(N, r0 + per);
  float s = 0.f;
  for (int r = r0; r < r1; r++) s += dy[r] * x[(long long) r * J + j];
  atomicAdd(dw + j, s);
}
