#include "common.cuh"

extern "C" __global__ void axpy(float a, const float* x, float* y, long long n) { LOOP(i, n) y[i] += a * x[i]; }

extern "C" __global__ void scale(float* x, float a, long long n) { LOOP(i, n) x[i] *= a; }
