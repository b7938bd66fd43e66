#include "common.cuh"

// out[0] = sum(x): one block, the sum in double
extern "C" __global__ void sum_all(const float* x, double* out, long long n) {
  double s = 0.0;
  for (long long k = threadIdx.x; k < n; k += blockDim.x) s += x[k];
  s = block_sum(s);
  if (threadIdx.x == 0) out[0] = s;
}

// acc[slot] += scale * sum(x): one block, the sum in double
extern "C" __global__ void acc_sum(const float* x, float* acc, int slot, float scale, long long n) {
  double s = 0.0;
  for (long long k = threadIdx.x; k < n; k += blockDim.x) s += x[k];
  s = block_sum(s);
  if (threadIdx.x == 0) acc[slot] += (float) (scale * s);
}
