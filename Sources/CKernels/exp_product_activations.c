// The first hidden layer of Kernel SHAP's coalition values for a tanh network (Explanation's
// `MLPCoalitionValues`): for coalition c, background row b and unit i, the product of a base
// exponential and the exponentials of the coalition's factor features, then tanh from it,
//
//     p = ((base_b[i] · f₀[b][i]) · f₁[b][i]) ⋯ f_{k−1}[b][i],    out[(c·rows + b)·h + i] = 1 − 2 / (p + 1),
//
// (= tanh u for p = e^{2u}), with f_j[b] = table + j·featureStride + b·rowStride (table = plus, or minus
// for a coalition taken by its complement, whose base is the row-independent xBase instead of
// rowBase + b·baseStride). Background rows outside, coalitions inside: one row's factors of every feature
// (2·M·h values, 10 kB for M = 20, h = 32; with featureStride = h they are two contiguous blocks, which
// a stride of whole rows of features would map onto a few cache sets) stay in the level-1 cache while
// every coalition of the block reads them, and the product stays in a register. Plain IEEE multiplies, one add, one divide and one
// subtract in this order, no fused multiply-add (`fp contract(off)`), so the AVX2 build and the portable
// one give the same bits, and the bits of the Swift loop they replace.
#include "CKernels.h"

#pragma clang fp contract(off)

static void block_portable(const double *plus, const double *minus, long featureStride, long rowStride,
                           const double *rowBase, long baseStride, const double *xBase, const long *features, const long *offsets,
                           const unsigned char *complement, long coalitions, long rows, long h, double *out) {
    for (long b = 0; b < rows; b++) {
        for (long c = 0; c < coalitions; c++) {
            const double *table = (complement[c] ? minus : plus) + b * rowStride;
            const double *base = complement[c] ? xBase : rowBase + b * baseStride;
            double *o = out + (c * rows + b) * h;
            for (long i = 0; i < h; i++) {
                double p = base[i];
                for (long f = offsets[c]; f < offsets[c + 1]; f++) p *= table[features[f] * featureStride + i];
                o[i] = 1 - 2 / (p + 1);
            }
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/// Units [from, h) of row b, coalition c: four lanes, then one.
__attribute__((target("avx2")))
static inline void row_avx2(const double *table, const double *base, long featureStride, const long *first,
                            const long *last, long from, long h, double *o) {
    const __m256d one = _mm256_set1_pd(1), two = _mm256_set1_pd(2);
    long i = from;
    for (; i + 4 <= h; i += 4) {
        __m256d p = _mm256_loadu_pd(base + i);
        for (const long *f = first; f < last; f++) p = _mm256_mul_pd(p, _mm256_loadu_pd(table + *f * featureStride + i));
        _mm256_storeu_pd(o + i, _mm256_sub_pd(one, _mm256_div_pd(two, _mm256_add_pd(p, one))));
    }
    for (; i < h; i++) {
        double p = base[i];
        for (const long *f = first; f < last; f++) p *= table[*f * featureStride + i];
        o[i] = 1 - 2 / (p + 1);
    }
}

/// Two background rows at a time, 32 units (eight vectors a row): sixteen independent product chains,
/// enough to hide the multiplies' latency (four chains left this loop latency-bound, measured alone:
/// about 0.6 ns a value for five factors against 0.36 ns with none).
__attribute__((target("avx2")))
static void block_avx2(const double *plus, const double *minus, long featureStride, long rowStride,
                       const double *rowBase, long baseStride, const double *xBase, const long *features, const long *offsets,
                       const unsigned char *complement, long coalitions, long rows, long h, double *out) {
    const __m256d one = _mm256_set1_pd(1), two = _mm256_set1_pd(2);
    const long wide = h - h % 32;
    long b = 0;
    for (; b + 2 <= rows; b += 2) {
        for (long c = 0; c < coalitions; c++) {
            const double *table = (complement[c] ? minus : plus) + b * rowStride;
            const double *base = complement[c] ? xBase : rowBase + b * baseStride;
            const double *base2 = complement[c] ? xBase : rowBase + (b + 1) * baseStride;
            const long *first = features + offsets[c], *last = features + offsets[c + 1];
            double *o = out + (c * rows + b) * h;
            for (long i = 0; i < wide; i += 32) {
                __m256d p[8], q[8];
                for (int v = 0; v < 8; v++) {
                    p[v] = _mm256_loadu_pd(base + i + 4 * v);
                    q[v] = _mm256_loadu_pd(base2 + i + 4 * v);
                }
                for (const long *f = first; f < last; f++) {
                    const double *t = table + *f * featureStride + i, *t2 = t + rowStride;
                    for (int v = 0; v < 8; v++) {
                        p[v] = _mm256_mul_pd(p[v], _mm256_loadu_pd(t + 4 * v));
                        q[v] = _mm256_mul_pd(q[v], _mm256_loadu_pd(t2 + 4 * v));
                    }
                }
                for (int v = 0; v < 8; v++) {
                    _mm256_storeu_pd(o + i + 4 * v, _mm256_sub_pd(one, _mm256_div_pd(two, _mm256_add_pd(p[v], one))));
                    _mm256_storeu_pd(o + h + i + 4 * v, _mm256_sub_pd(one, _mm256_div_pd(two, _mm256_add_pd(q[v], one))));
                }
            }
            row_avx2(table, base, featureStride, first, last, wide, h, o);
            row_avx2(table + rowStride, base2, featureStride, first, last, wide, h, o + h);
        }
    }
    for (; b < rows; b++) {
        for (long c = 0; c < coalitions; c++) {
            row_avx2((complement[c] ? minus : plus) + b * rowStride, complement[c] ? xBase : rowBase + b * baseStride,
                     featureStride, features + offsets[c], features + offsets[c + 1], 0, h, out + (c * rows + b) * h);
        }
    }
}
#endif

void migsim_exp_product_activations(const double *plus, const double *minus, long featureStride, long rowStride,
                                    const double *rowBase, long baseStride, const double *xBase, const long *features,
                                    const long *offsets, const unsigned char *complement, long coalitions,
                                    long rows, long h, double *out, int avx2) {
#if defined(__x86_64__) || defined(__i386__)
    if (avx2) {
        block_avx2(plus, minus, featureStride, rowStride, rowBase, baseStride, xBase, features, offsets, complement, coalitions, rows, h, out);
        return;
    }
#endif
    (void)avx2;
    block_portable(plus, minus, featureStride, rowStride, rowBase, baseStride, xBase, features, offsets, complement, coalitions, rows, h, out);
}
