// The first hidden layer of Kernel SHAP's coalition values for a tanh network (Explanation's
// `MLPCoalitionValues`): for each of `length` values, the product of a base exponential and the
// exponentials of the coalition's features, then tanh from it,
//
//     p = ((base[t] · f₀[t]) · f₁[t]) ⋯ f_{count−1}[t],    out[t] = 1 − 2 / (p + 1)   (= tanh u for p = e^{2u}),
//
// in one pass (the product stays in a register instead of being stored once per factor). Plain IEEE
// multiplies, one add, one divide and one subtract in this order, no fused multiply-add
// (`fp contract(off)`), so the AVX2 build and the portable one give the same bits, and the same bits
// as the Swift loop they replace.
#include "CKernels.h"

#pragma clang fp contract(off)

static void activations_portable(const double *base, const double *const *factors, long count, long length, double *out) {
    for (long t = 0; t < length; t++) {
        double p = base[t];
        for (long f = 0; f < count; f++) p *= factors[f][t];
        out[t] = 1 - 2 / (p + 1);
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void activations_avx2(const double *base, const double *const *factors, long count, long length, double *out) {
    const __m256d one = _mm256_set1_pd(1), two = _mm256_set1_pd(2);
    long t = 0;
    for (; t + 8 <= length; t += 8) {
        __m256d p = _mm256_loadu_pd(base + t), q = _mm256_loadu_pd(base + t + 4);
        for (long f = 0; f < count; f++) {
            p = _mm256_mul_pd(p, _mm256_loadu_pd(factors[f] + t));
            q = _mm256_mul_pd(q, _mm256_loadu_pd(factors[f] + t + 4));
        }
        _mm256_storeu_pd(out + t, _mm256_sub_pd(one, _mm256_div_pd(two, _mm256_add_pd(p, one))));
        _mm256_storeu_pd(out + t + 4, _mm256_sub_pd(one, _mm256_div_pd(two, _mm256_add_pd(q, one))));
    }
    for (; t < length; t++) {
        double p = base[t];
        for (long f = 0; f < count; f++) p *= factors[f][t];
        out[t] = 1 - 2 / (p + 1);
    }
}
#endif

void migsim_exp_product_activations(const double *base, const double *const *factors, long count, long length,
                                    double *out, int avx2) {
#if defined(__x86_64__) || defined(__i386__)
    if (avx2) { activations_avx2(base, factors, count, length, out); return; }
#endif
    (void)avx2;
    activations_portable(base, factors, count, length, out);
}
