#include "common.cuh"

// Transposed convolution, kernel 4, stride 2, C <= 8 output channels, one sample. Output o = 2q - p + r (r in {0,1})
// reads inputs q - d (d in {0,1}) with tap r + 2d, so the 2x2x2 outputs of one q share 8 inputs; each thread makes
// those of two neighbouring q along x, so that every weight it loads serves two outputs. Over the window
// [o0, o0 + S) it writes either the logits or lut[argmax] as bytes (generation's last step).
template <int C> __device__ __forceinline__ void convt_k4s2_body(const float* __restrict__ x,
  const float* __restrict__ w, unsigned char* labels, float* logits, long long lut, int Cin, int D, int H, int W, int p,
  int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0, int QZ, int QY, int QX) {
  int PX = (QX + 1) / 2;
  long long nq = (long long) QZ * QY * PX, vol = (long long) D * H * W;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < nq; t += (long long) blockDim.x * gridDim.x) {
    int qx = qx0 + 2 * (int) (t % PX);
    long long u = t / PX;
    int qy = qy0 + (int) (u % QY), qz = qz0 + (int) (u / QY);
    float acc[2][8][C];
    #pragma unroll
    for (int s = 0; s < 2; s++) {
      #pragma unroll
      for (int r = 0; r < 8; r++) {
        #pragma unroll
        for (int c = 0; c < C; c++) acc[s][r][c] = 0.f;
      }
    }
    bool in0 = qx - 1 >= 0 && qx - 1 < W, in1 = qx < W, in2 = qx + 1 < W;
    for (int dz = 0; dz < 2; dz++) {
      int iz = qz - dz;
      if (iz < 0 || iz >= D) continue;
      for (int dy = 0; dy < 2; dy++) {
        int iy = qy - dy;
        if (iy < 0 || iy >= H) continue;
        const float* xr = x + ((long long) iz * H + iy) * W + qx;
        const float* wd = w + 32 * dz + 8 * dy;
        for (int ci = 0; ci < Cin; ci++, xr += vol, wd += C * 64) {
          float v[3] = { in0 ? xr[-1] : 0.f, in1 ? xr[0] : 0.f, in2 ? xr[1] : 0.f };
          #pragma unroll
          for (int dx = 0; dx < 2; dx++) {
            #pragma unroll
            for (int r = 0; r < 8; r++) {
              #pragma unroll
              for (int c = 0; c < C; c++) {
                float wv = wd[c * 64 + (r >> 2) * 16 + ((r >> 1) & 1) * 4 + (r & 1) + 2 * dx];
                acc[0][r][c] += v[1 - dx] * wv;
                acc[1][r][c] += v[2 - dx] * wv;
              }
            }
          }
        }
      }
    }
    #pragma unroll
    for (int s = 0; s < 2; s++) {
      #pragma unroll
      for (int r = 0; r < 8; r++) {
        int oz = 2 * qz - p + (r >> 2), oy = 2 * qy - p + ((r >> 1) & 1), ox = 2 * (qx + s) - p + (r & 1);
        if (oz < oz0 || oz >= oz0 + SZ || oy < oy0 || oy >= oy0 + SY || ox < ox0 || ox >= ox0 + SX) continue;
        long long at = ((long long) (oz - oz0) * SY + (oy - oy0)) * SX + (ox - ox0);
        if (labels) {
          int best = 0;
          float m = acc[s][r][0];
          #pragma unroll
          for (int c = 1; c < C; c++) if (acc[s][r][c] > m) { m = acc[s][r][c]; best = c; }
          labels[at] = (unsigned char) ((lut >> (8 * best)) & 255);
        } else {
          #pragma unroll
          for (int c = 0; c < C; c++) logits[c * (long long) SZ * SY * SX + at] = acc[s][r][c];
        }
      }
    }
  }
}

// one kernel per output channel count, all with the same parameters
#define CONVT_ARGS x, w, labels, logits, lut, Cin, D, H, W, p, oz0, oy0, ox0, SZ, SY, SX, qz0, qy0, qx0, QZ, QY, QX
extern "C" __global__ void convt_k4s2_1(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<1>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_2(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<2>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_3(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<3>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_4(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<4>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_5(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<5>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_6(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<6>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_7(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<7>(CONVT_ARGS); }
extern "C" __global__ void convt_k4s2_8(const float* x, const float* w, unsigned char* labels, float* logits, long long lut,
  int Cin, int D, int H, int W, int p, int oz0, int oy0, int ox0, int SZ, int SY, int SX, int qz0, int qy0, int qx0,
  int QZ, int QY, int QX) { convt_k4s2_body<8>(CONVT_ARGS); }
