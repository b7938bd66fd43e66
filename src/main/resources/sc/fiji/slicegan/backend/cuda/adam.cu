#include "common.cuh"

// PyTorch's Adam; bc1, bc2 are the bias corrections 1 - beta^t
extern "C" __global__ void adam(float* p, const float* g, float* m, float* v, float lr, float b1, float b2, float eps,
  float bc1, float bc2, long long n) {
  LOOP(i, n) {
    float gi = g[i];
    float mi = b1 * m[i] + (1.f - b1) * gi;
    float vi = b2 * v[i] + (1.f - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= lr * (mi / bc1) / (sqrtf(vi / bc2) + eps);
  }
}
