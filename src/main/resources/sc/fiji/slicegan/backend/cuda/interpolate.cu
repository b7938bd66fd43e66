#include "common.cuh"

// out[r] = eps[r] a[ai[r]] + (1 - eps[r]) b[bi[r]] over rows of `row` elements
extern "C" __global__ void interpolate(const float* a, const float* b, float* out, const int* ai, const int* bi,
  const float* eps, long long row, long long n) {
  LOOP(i, n) {
    long long r = i / row, k = i % row;
    float e = eps[r];
    out[i] = e * a[ai[r] * row + k] + (1.f - e) * b[bi[r] * row + k];
  }
}
