#include "common.cuh"

extern "C" __global__ void relu(const float* x, float* y, long long n) { LOOP(i, n) y[i] = x[i] > 0.f ? x[i] : 0.f; }

extern "C" __global__ void relu_mask(const float* a, const float* dy, float* dx, long long n) {
  LOOP(i, n) dx[i] = a[i] > 0.f ? dy[i] : 0.f;
}

// the same four floats at a time (n4 = n / 4, 16-byte aligned arrays)
extern "C" __global__ void relu4(const float4* x, float4* y, long long n4) {
  LOOP(i, n4) {
    float4 v = x[i];
    y[i] = make_float4(fmaxf(v.x, 0.f), fmaxf(v.y, 0.f), fmaxf(v.z, 0.f), fmaxf(v.w, 0.f));
  }
}

extern "C" __global__ void relu_mask4(const float4* a, const float4* dy, float4* dx, long long n4) {
  LOOP(i, n4) {
    float4 m = a[i], d = dy[i];
    dx[i] = make_float4(m.x > 0.f ? d.x : 0.f, m.y > 0.f ? d.y : 0.f, m.z > 0.f ? d.z : 0.f, m.w > 0.f ? d.w : 0.f);
  }
}
