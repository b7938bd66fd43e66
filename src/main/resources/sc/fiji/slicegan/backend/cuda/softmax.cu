#include "common.cuh"

// one thread per (sample, voxel): softmax over the C channels
extern "C" __global__ void softmax(const float* x, float* y, int C, long long V, int nhwc, long long n) {
  LOOP(i, n) {
    CHANNELS(i)
    const float* p = x + base;
    float* q = y + base;
    float m = p[0];
    for (int c = 1; c < C; c++) m = fmaxf(m, p[c * cs]);
    float s = 0.f;
    for (int c = 0; c < C; c++) { float e = expf(p[c * cs] - m); q[c * cs] = e; s += e; }
    for (int c = 0; c < C; c++) q[c * cs] /= s;
  }
}

extern "C" __global__ void softmax_bwd(const float* y, const float* dy, float* dx, int C, long long V, int nhwc, long long n) {
  LOOP(i, n) {
    CHANNELS(i)
    float s = 0.f;
    for (int c = 0; c < C; c++) s += y[base + c * cs] * dy[base + c * cs];
    for (int c = 0; c < C; c++) dx[base + c * cs] = y[base + c * cs] * (dy[base + c * cs] - s);
  }
}
