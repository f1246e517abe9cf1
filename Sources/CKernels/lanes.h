// Four-lane sums shared by the C kernels that state their order of summation (ras_passes.c,
// symmetric_product_pair.c): four lanes are always summed (l0 + l1) + (l2 + l3), so a kernel's AVX2
// build (one __m256d) and its portable build (an array of four) give the same bits.
#ifndef MIGSIM_CKERNELS_LANES_H
#define MIGSIM_CKERNELS_LANES_H

/// (l0 + l1) + (l2 + l3).
static inline double lanes_sum(const double *l) { return (l[0] + l[1]) + (l[2] + l[3]); }

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
/// Compiles a function for AVX2 + FMA; call it only when `migsim_cpu_has_avx2_fma()` says so.
#define AVX2FMA __attribute__((target("avx2,fma")))

/// The four lanes of v summed as `lanes_sum`.
AVX2FMA static inline double lanes_sum4(__m256d v) {
    double l[4];
    _mm256_storeu_pd(l, v);
    return lanes_sum(l);
}
#endif

#endif
