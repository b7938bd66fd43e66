#include "common.cuh"

// slices [B*L, C, L, L] <-> volumes [B, C, L, L, L]; the mapping is a bijection, so no races
extern "C" __global__ void slices(float* vol, float* sl, int C, int L, int axis, int toSlices, int accumulate, int nhwc,
  long long n) {
  LOOP(i, n) {
    long long q, p, c, t;
    if (nhwc) { c = i % C; t = i / C; q = t % L; t /= L; p = t % L; t /= L; }
    else { q = i % L; t = i / L; p = t % L; t /= L; c = t % C; t /= C; }
    long long j = t % L, b = t / L, z, y, x;
    if (axis == 0) { z = j; y = p; x = q; } else if (axis == 1) { z = p; y = j; x = q; } else { z = p; y = q; x = j; }
    long long v = (((b * C + c) * L + z) * L + y) * L + x;
    if (toSlices) sl[i] = vol[v];
    else vol[v] = accumulate ? vol[v] + sl[i] : sl[i];
  }
}
