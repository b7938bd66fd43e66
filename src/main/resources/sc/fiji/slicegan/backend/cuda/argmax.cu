#include "common.cuh"

// the channel index of the largest value, per voxel of one sample [C, V]
extern "C" __global__ void argmax(const float* x, unsigned char* labels, int C, long long V, int nhwc) {
  LOOP(v, V) {
    long long base = nhwc ? v * C : v, cs = nhwc ? 1 : V;
    int best = 0;
    float m = x[base];
    for (int c = 1; c < C; c++) { float e = x[base + c * cs]; if (e > m) { m = e; best = c; } }
    labels[v] = (unsigned char) best;
  }
}

// logits [C, OD, OH, OW] -> labels of the window of SZ x SY x SX voxels from (oz0, oy0, ox0): byte best of lut
// (8 bytes packed in a long long) for the channel with the largest value, one byte per voxel
extern "C" __global__ void argmax_window(const float* lg, unsigned char* labels, long long lut, int C, int OD, int OH, int OW,
  int oz0, int oy0, int ox0, int SZ, int SY, int SX) {
  long long n = (long long) SZ * SY * SX, V = (long long) OD * OH * OW;
  LOOP(i, n) {
    long long x = i % SX, t = i / SX;
    long long y = t % SY, z = t / SY;
    const float* p = lg + ((z + oz0) * OH + y + oy0) * OW + x + ox0;
    int best = 0;
    float m = p[0];
    for (int c = 1; c < C; c++) if (p[c * V] > m) { m = p[c * V]; best = c; }
    labels[i] = (unsigned char) ((lut >> (8 * best)) & 255);
  }
}
