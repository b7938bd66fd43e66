#include "common.cuh"

// one block per row: the norm, the penalty weight*(norm - target)^2 and the row scaled into its gradient
extern "C" __global__ void norm_penalty(float* g, float* norms, float* acc, int slot, float target, float weight,
  long long row) {
  float* p = g + (long long) blockIdx.x * row;
  double s = 0.0;
  for (long long k = threadIdx.x; k < row; k += blockDim.x) { double v = p[k]; s += v * v; }
  double norm = sqrt(block_sum(s));
  float f = norm > 0.0 ? (float) (2.0 * weight * (norm - target) / norm) : 0.f;
  for (long long k = threadIdx.x; k < row; k += blockDim.x) p[k] *= f;
  if (threadIdx.x == 0) {
    if (norms) norms[blockIdx.x] = (float) norm;
    atomicAdd(acc + slot, (float) (weight * (norm - target) * (norm - target)));
  }
}
