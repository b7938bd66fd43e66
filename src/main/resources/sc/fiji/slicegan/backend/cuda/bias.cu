#include "common.cuh"

// y = x + b[c] over the channels of [N, C, S] (channels last: [N, S, C]); y may be x
extern "C" __global__ void bias_add(const float* x, const float* b, float* y, int C, long long S, int nhwc, long long n) {
  LOOP(i, n) y[i] = x[i] + b[nhwc ? i % C : (i / S) % C];
}

// per-channel sums over the batch and space of the n = N S elements of each channel: `chunks` blocks per channel add
// their partial sums in double to acc[C]
extern "C" __global__ void channel_sum(const float* x, double* acc, int C, long long S, long long n, int chunks, int nhwc) {
  int c = blockIdx.x / chunks, chunk = blockIdx.x % chunks;
  long long per = (n + chunks - 1) / chunks, from = chunk * per, to = min(n, from + per);
  double s = 0.0;
  for (long long k = from + threadIdx.x; k < to; k += blockDim.x) s += x[nhwc ? k * C + c : ((k / S) * C + c) * S + k % S];
  s = block_sum(s);
  if (threadIdx.x == 0) atomicAdd(acc + c, s);
}

extern "C" __global__ void to_float(const double* x, float* y, long long n) { LOOP(i, n) y[i] = (float) x[i]; }
