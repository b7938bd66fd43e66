// Helpers shared by the kernel files. NVRTC compiles them without the host's headers: include nothing here.
#ifndef SLICEGAN_COMMON_CUH
#define SLICEGAN_COMMON_CUH

// a grid-stride loop over i in [0, n)
#define LOOP(i, n) for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long long) blockDim.x * gridDim.x)

// the sum of every thread's s over a block of 256 threads, returned to all of them (and callable again)
template <typename T> __device__ T block_sum(T s) {
  __shared__ T part[256];
  part[threadIdx.x] = s;
  __syncthreads();
  for (int h = blockDim.x / 2; h > 0; h >>= 1) {
    if (threadIdx.x < h) part[threadIdx.x] += part[threadIdx.x + h];
    __syncthreads();
  }
  T total = part[0];
  __syncthreads();
  return total;
}

// the first element of element i's channel vector (sample i / V, voxel i % V) and the distance between its channels:
// V apart, or adjacent when the tensor is stored channels last
#define CHANNELS(i) long long base = nhwc ? (i) * C : ((i) / V) * C * V + (i) % V; long long cs = nhwc ? 1 : V;

#endif
