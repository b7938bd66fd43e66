/* The processors' FP32 peak as a loop of independent fused multiply-adds reaches it: the widest vectors the
 * compiler's -march=native allows (AVX-512, else AVX2 + FMA), 12 chains per thread to cover the FMA latency.
 * Used by scripts/bench-cpu.sh to say which share of the peak a training iteration reaches. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define SUM _mm512_reduce_add_ps
#elif defined(__FMA__)
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
static float SUM(__m256 v) {
	float f[8];
	_mm256_storeu_ps(f, v);
	return f[0] + f[1] + f[2] + f[3] + f[4] + f[5] + f[6] + f[7];
}
#else
#error "needs AVX2 with FMA, or AVX-512"
#endif

int main(void) {
	const long rounds = 100000000L;
	float sink = 0;
	double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : sink)
	{
		vec a[12], b = SET1(1.0000001f), c = SET1(1e-7f);
		for (int i = 0; i < 12; i++) a[i] = SET1((float) i);
		for (long n = 0; n < rounds; n++)
#pragma GCC unroll 12
			for (int i = 0; i < 12; i++) a[i] = FMA(a[i], b, c);
		for (int i = 0; i < 12; i++) sink += SUM(a[i]);
	}
	double t = omp_get_wtime() - t0;
	int threads = omp_get_max_threads();
	printf("%.0f GFLOP/s FP32 peak on %d threads (%d-lane FMA; checksum %g)\n",
		threads * (double) rounds * 12 * LANES * 2 / t / 1e9, threads, LANES, sink);
	return 0;
}
