#include "common.cuh"

// the grayscale / colour head (tanh(x) + 1) / 2 and its backward
extern "C" __global__ void tanh_unit(const float* x, float* y, long long n) { LOOP(i, n) y[i] = 0.5f * (tanhf(x[i]) + 1.f); }

extern "C" __global__ void tanh_unit_bwd(const float* y, const float* dy, float* dx, long long n) {
  LOOP(i, n) dx[i] = dy[i] * 2.f * y[i] * (1.f - y[i]);
}
