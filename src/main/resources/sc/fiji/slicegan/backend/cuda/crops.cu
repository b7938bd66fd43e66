#include "common.cuh"

// S x S crops of a stack of images [N, C, H, W]: crop k starts at image picks[3k], row picks[3k+1], column picks[3k+2]
extern "C" __global__ void crops(const float* stack, float* out, const int* picks, int C, int H, int W, int S, int nhwc,
  long long n) {
  LOOP(i, n) {
    long long x, y, c, k, t;
    if (nhwc) { c = i % C; t = i / C; x = t % S; t /= S; y = t % S; k = t / S; }
    else { x = i % S; t = i / S; y = t % S; t /= S; c = t % C; k = t / C; }
    const int* pk = picks + 3 * k;
    long long row = pk[1] + y, col = pk[2] + x;
    out[i] = stack[nhwc ? (((long long) pk[0] * H + row) * W + col) * C + c : (((long long) pk[0] * C + c) * H + row) * W + col];
  }
}
