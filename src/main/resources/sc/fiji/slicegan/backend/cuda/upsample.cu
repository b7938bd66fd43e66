#include "common.cuh"

// Trilinear upsampling of [NC, D, H, W] to [NC, OD, OH, OW] by taps computed on the host (one rule for every backend):
// output o along an axis of O outputs reads inputs taps[o] and taps[O + o] with weights 1 - w[o] and w[o]. taps holds
// the z taps (2 OD), then y (2 OH), then x (2 OW); w the z weights (OD), then y (OH), then x (OW).
extern "C" __global__ void upsample3(const float* x, float* y, const int* taps, const float* w, int D, int H, int W,
  int OD, int OH, int OW, long long n) {
  const int* ty = taps + 2 * OD;
  const int* tx = ty + 2 * OH;
  LOOP(i, n) {
    int ox = (int) (i % OW);
    long long t = i / OW;
    int oy = (int) (t % OH);
    t /= OH;
    int oz = (int) (t % OD);
    long long nc = t / OD;
    const float* p = x + nc * D * H * W;
    long long z0 = (long long) taps[oz] * H * W, z1 = (long long) taps[OD + oz] * H * W;
    long long y0 = (long long) ty[oy] * W, y1 = (long long) ty[OH + oy] * W;
    int x0 = tx[ox], x1 = tx[OW + ox];
    float bz = w[oz], by = w[OD + oy], bx = w[OD + OH + ox];
    float az = 1.f - bz, ay = 1.f - by, ax = 1.f - bx;
    y[i] = az * (ay * (ax * p[z0 + y0 + x0] + bx * p[z0 + y0 + x1]) + by * (ax * p[z0 + y1 + x0] + bx * p[z0 + y1 + x1]))
      + bz * (ay * (ax * p[z1 + y0 + x0] + bx * p[z1 + y0 + x1]) + by * (ax * p[z1 + y1 + x0] + bx * p[z1 + y1 + x1]));
  }
}

// its adjoint: every output's gradient added onto the 8 inputs it read (dx must be zero before)
extern "C" __global__ void upsample3_bwd(const float* dy, float* dx, const int* taps, const float* w, int D, int H, int W,
  int OD, int OH, int OW, long long n) {
  const int* ty = taps + 2 * OD;
  const int* tx = ty + 2 * OH;
  LOOP(i, n) {
    int ox = (int) (i % OW);
    long long t = i / OW;
    int oy = (int) (t % OH);
    t /= OH;
    int oz = (int) (t % OD);
    long long nc = t / OD;
    float* p = dx + nc * D * H * W;
    long long z[2] = { (long long) taps[oz] * H * W, (long long) taps[OD + oz] * H * W };
    long long r[2] = { (long long) ty[oy] * W, (long long) ty[OH + oy] * W };
    int c[2] = { tx[ox], tx[OW + ox] };
    float bz = w[oz], by = w[OD + oy], bx = w[OD + OH + ox], g = dy[i];
    float wz[2] = { 1.f - bz, bz }, wy[2] = { 1.f - by, by }, wx[2] = { 1.f - bx, bx };
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++)
        for (int e = 0; e < 2; e++) atomicAdd(p + z[a] + r[b] + c[e], wz[a] * wy[b] * wx[e] * g);
  }
}
