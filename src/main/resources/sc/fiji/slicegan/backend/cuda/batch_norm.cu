#include "common.cuh"

// batch norm statistics: `chunks` blocks per channel add their partial sums in double to acc[2C]; without dy, the sums
// of x and x^2; with dy, the sums of dy x^ and dy
extern "C" __global__ void bn_partial(const float* x, const float* dy, const float* mean, const float* var, float eps,
  double* acc, int C, long long S, long long n, int chunks, int nhwc) {
  int c = blockIdx.x / chunks, chunk = blockIdx.x % chunks;
  long long per = (n + chunks - 1) / chunks, from = chunk * per, to = min(n, from + per);
  double a = 0.0, b = 0.0;
  float mu = mean ? mean[c] : 0.f, inv = mean ? rsqrtf(var[c] + eps) : 0.f;
  for (long long k = from + threadIdx.x; k < to; k += blockDim.x) {
    long long i = nhwc ? k * C + c : ((k / S) * C + c) * S + k % S;
    if (dy) { a += dy[i] * (x[i] - mu) * inv; b += dy[i]; }
    else { double v = x[i]; a += v; b += v * v; }
  }
  a = block_sum(a);
  b = block_sum(b);
  if (threadIdx.x == 0) { atomicAdd(acc + c, a); atomicAdd(acc + C + c, b); }
}

// forward (moments = 1): mean and biased variance from the sums; backward: dgamma and dbeta
extern "C" __global__ void bn_finish(const double* acc, float* first, float* second, int C, double n, int moments) {
  LOOP(c, C) {
    if (moments) {
      double m = acc[c] / n;
      first[c] = (float) m;
      second[c] = (float) fmax(acc[C + c] / n - m * m, 0.0);
    } else {
      first[c] = (float) acc[c];
      second[c] = (float) acc[C + c];
    }
  }
}

extern "C" __global__ void bn_apply(const float* x, const float* mean, const float* var, const float* g, const float* b,
  float eps, float* y, int C, long long S, int nhwc, long long n) {
  LOOP(i, n) {
    int c = (int) (nhwc ? i % C : (i / S) % C);
    y[i] = g[c] * (x[i] - mean[c]) * rsqrtf(var[c] + eps) + b[c];
  }
}

extern "C" __global__ void bn_bwd_apply(const float* x, const float* dy, const float* mean, const float* var,
  const float* g, const float* dg, const float* db, float eps, float* dx, int C, long long S, float count, int nhwc, long long n) {
  LOOP(i, n) {
    int c = (int) (nhwc ? i % C : (i / S) % C);
    float inv = rsqrtf(var[c] + eps);
    float xh = (x[i] - mean[c]) * inv;
    dx[i] = g[c] * inv / count * (count * dy[i] - db[c] - xh * dg[c]);
  }
}
