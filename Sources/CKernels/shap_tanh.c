// tanh for Kernel SHAP's coalition values (Explanation's `MLPCoalitionValues`, through `ShapleyTanh`):
// a table-driven kernel with fused multiply-adds, separate from the networks' `Kernels.tanh` (whose
// bits the PINN fit depends on and which this file does not touch).
//
// Method, for a = |x| (the sign of x is copied back at the end):
//   a0 = the midpoint of a's subinterval: each binade [2^e, 2^(e+1)), e = -7 ... 4, is cut into 64
//        equal parts, so a0 is a's bits with the 46 low mantissa bits replaced by 1 << 45, and
//        d = a - a0 is exact with |d| <= 2^(e-7) <= a/128; below 2^-7, a0 = 0 and d = a.
//   t0 = tanh a0 from a table as hi + lo (shap_tanh_table.c, 40-digit mpmath values rounded twice).
//   s  = tanh d = d + d^3 (-1/3 + d^2 (2/15 - 17/315 d^2)) (Taylor; the first omitted term,
//        62/2835 d^9, is below 3e-19 s where it matters, |d| <= 2^-7).
//   tanh a = t0 + c with c = (1 - t0^2) s / (1 + t0 s) (the addition theorem), summed as
//        hi + (lo + c). Above 2^-7, |c| <= 1.01 |d| (1 - t0^2) is at most about 1/64 of the result,
//        so the rounding in c barely reaches it and the last addition's rounding dominates.
//   a is capped at 22 (tanh rounds to 1 from 19.06 on: the table's last entries give hi = 1, c = 0).
// Measured against 80-bit tanhl: at most 1 ulp on 12.6 million seeded points over 12 ranges from
// 1e-300 to 30, 0.47% of them off the correctly rounded value against 2.65% for `migsim_tanh_avx2`
// (a standalone check, 2026-12-04); ShapleyTanhTests (ExplanationTests) checks 4.9 million points,
// table edges included. NaN gives NaN, ±inf ±1, ±0 ±0, subnormals themselves.
//
// Every operation is an IEEE add, multiply, divide or fused multiply-add, a min, or bit
// manipulation, so the AVX2 + FMA build (four lanes) and the portable one (scalar C with `fma`)
// give the same bits; the caller picks the first when `migsim_cpu_has_avx2_fma()` says so.
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CKernels.h"
#include "shap_tanh_table.h"

#pragma clang fp contract(off)

enum {
    SUB_BITS = 6,                                       // 64 subintervals per binade
    INDEX_SHIFT = 52 - SUB_BITS,                        // bits(a) >> 46 = exponent·64 + subinterval
};
/// bits(a) >> 46 of 2^EMIN, minus 1: the index of a's entry is (bits(a) >> 46) − INDEX_BASE.
static const int64_t INDEX_BASE = ((int64_t)(1023 + MIGSIM_SHAP_TANH_EMIN) << SUB_BITS) - 1;
static const uint64_t MIDPOINT_MASK = ~((UINT64_C(1) << INDEX_SHIFT) - 1);
static const uint64_t MIDPOINT_BIT = UINT64_C(1) << (INDEX_SHIFT - 1);
static const double CAP = 22;
static const double TABLE_START = 0x1p-7;               // 2^EMIN
static const double C3 = -1.0 / 3, C5 = 2.0 / 15, C7 = -17.0 / 315;

int migsim_cpu_has_avx2_fma(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
#else
    return 0;
#endif
}

static inline uint64_t bits_of(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static inline double double_of(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }

/// The portable kernel: one value, the operations of `tanh4` below in the same order.
static inline double tanh1(double x) {
    const double a = fabs(x);
    const double ac = CAP < a ? CAP : a;                // vminpd(CAP, a): NaN stays NaN
    const double ai = a < CAP ? a : CAP;                // vminpd(a, CAP): NaN becomes CAP (a safe index)
    int64_t index = (int64_t)(bits_of(ai) >> INDEX_SHIFT) - INDEX_BASE;
    if (index < 0) index = 0;
    const double a0 = ai >= TABLE_START ? double_of((bits_of(ac) & MIDPOINT_MASK) | MIDPOINT_BIT) : 0;
    const double d = ac - a0;
    const double d2 = d * d;
    const double p = fma(fma(C7, d2, C5), d2, C3);
    const double s = fma(d * d2, p, d);
    const double hi = migsim_shap_tanh_table[2 * index], lo = migsim_shap_tanh_table[2 * index + 1];
    const double u = fma(-hi, hi, 1);
    const double c = (u * s) / fma(hi, s, 1);
    const double t = hi + (lo + c);
    return double_of(bits_of(t) | (bits_of(x) & ~(UINT64_MAX >> 1)));
}

static void tanh_portable(const double *x, double *y, long n) {
    for (long i = 0; i < n; i++) y[i] = tanh1(x[i]);
}

static void tanh_segment_sums_portable(const double *z, long segments, long segmentRows, long cols, double *sums) {
    for (long g = 0; g < segments; g++) {
        const double *zg = z + g * segmentRows * cols;
        for (long j = 0; j < cols; j++) {
            double acc = 0;
            for (long r = 0; r < segmentRows; r++) acc += tanh1(zg[r * cols + j]);
            sums[g * cols + j] = acc;
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AVX2_FMA __attribute__((target("avx2,fma")))

/// Four lanes of `tanh1`, in two stages so that loops can start the table lookup of the next four
/// values before finishing these (the lookup's latency chain is long: index, extract, load).
typedef struct { __m256d x, s, hi, lo; } Lookup;

AVX2_FMA static inline Lookup tanh4_lookup(__m256d x) {
    const __m256d absMask = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
    const __m256d cap = _mm256_set1_pd(CAP);
    const __m256d a = _mm256_and_pd(x, absMask);
    const __m256d ac = _mm256_min_pd(cap, a);
    const __m256d ai = _mm256_min_pd(a, cap);
    const __m256i raw = _mm256_sub_epi64(_mm256_srli_epi64(_mm256_castpd_si256(ai), INDEX_SHIFT),
                                         _mm256_set1_epi64x(INDEX_BASE));
    const __m256i index = _mm256_max_epi32(raw, _mm256_setzero_si256());
    const __m128i i01 = _mm256_castsi256_si128(index), i23 = _mm256_extracti128_si256(index, 1);
    const double *table = migsim_shap_tanh_table;
    const __m256d v02 = _mm256_loadu2_m128d(table + 2 * _mm_cvtsi128_si64(i23), table + 2 * _mm_cvtsi128_si64(i01));
    const __m256d v13 = _mm256_loadu2_m128d(table + 2 * _mm_extract_epi64(i23, 1), table + 2 * _mm_extract_epi64(i01, 1));
    const __m256d inTable = _mm256_cmp_pd(ai, _mm256_set1_pd(TABLE_START), _CMP_GE_OQ);
    const __m256i mid = _mm256_or_si256(_mm256_and_si256(_mm256_castpd_si256(ac), _mm256_set1_epi64x((int64_t)MIDPOINT_MASK)),
                                        _mm256_set1_epi64x((int64_t)MIDPOINT_BIT));
    const __m256d a0 = _mm256_and_pd(_mm256_castsi256_pd(mid), inTable);
    const __m256d d = _mm256_sub_pd(ac, a0);
    const __m256d d2 = _mm256_mul_pd(d, d);
    const __m256d p = _mm256_fmadd_pd(_mm256_fmadd_pd(_mm256_set1_pd(C7), d2, _mm256_set1_pd(C5)), d2, _mm256_set1_pd(C3));
    const __m256d s = _mm256_fmadd_pd(_mm256_mul_pd(d, d2), p, d);
    return (Lookup){ x, s, _mm256_unpacklo_pd(v02, v13), _mm256_unpackhi_pd(v02, v13) };
}

AVX2_FMA static inline __m256d tanh4_finish(Lookup l) {
    const __m256d absMask = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
    const __m256d one = _mm256_set1_pd(1);
    const __m256d u = _mm256_fnmadd_pd(l.hi, l.hi, one);
    const __m256d c = _mm256_div_pd(_mm256_mul_pd(u, l.s), _mm256_fmadd_pd(l.hi, l.s, one));
    const __m256d t = _mm256_add_pd(l.hi, _mm256_add_pd(l.lo, c));
    return _mm256_or_pd(t, _mm256_andnot_pd(absMask, l.x));
}

AVX2_FMA static inline __m256d tanh4(__m256d x) { return tanh4_finish(tanh4_lookup(x)); }

AVX2_FMA static void tanh_avx2(const double *x, double *y, long n) {
    long i = 0;
    // The lookup of the next four values starts before these are finished (x[i + 4 …] is read
    // before y[i …] is written, so x and y may be the same buffer).
    if (n >= 8) {
        Lookup next = tanh4_lookup(_mm256_loadu_pd(x));
        for (; i + 8 <= n; i += 4) {
            const Lookup current = next;
            next = tanh4_lookup(_mm256_loadu_pd(x + i + 4));
            _mm256_storeu_pd(y + i, tanh4_finish(current));
        }
        _mm256_storeu_pd(y + i, tanh4_finish(next));
        i += 4;
    }
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, tanh4(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = tanh1(x[i]);
}

AVX2_FMA static void tanh_segment_sums_avx2(const double *z, long segments, long segmentRows, long cols, double *sums) {
    if (segmentRows < 1) { tanh_segment_sums_portable(z, segments, segmentRows, cols, sums); return; }
    for (long g = 0; g < segments; g++) {
        const double *zg = z + g * segmentRows * cols;
        long j = 0;
        for (; j + 4 <= cols; j += 4) {
            // The lookups of rows r + 1 and r + 2 start before row r is finished; the sum still runs
            // in order of r.
            __m256d acc = _mm256_setzero_pd();
            if (segmentRows >= 2) {
                Lookup next = tanh4_lookup(_mm256_loadu_pd(zg + j)), after = tanh4_lookup(_mm256_loadu_pd(zg + cols + j));
                for (long r = 2; r < segmentRows; r++) {
                    const Lookup current = next;
                    next = after;
                    after = tanh4_lookup(_mm256_loadu_pd(zg + r * cols + j));
                    acc = _mm256_add_pd(acc, tanh4_finish(current));
                }
                acc = _mm256_add_pd(acc, tanh4_finish(next));
                acc = _mm256_add_pd(acc, tanh4_finish(after));
            } else {
                acc = _mm256_add_pd(acc, tanh4(_mm256_loadu_pd(zg + j)));
            }
            _mm256_storeu_pd(sums + g * cols + j, acc);
        }
        for (; j < cols; j++) {
            double acc = 0;
            for (long r = 0; r < segmentRows; r++) acc += tanh1(zg[r * cols + j]);
            sums[g * cols + j] = acc;
        }
    }
}
#endif

void migsim_shap_tanh(const double *x, double *y, long n, int avx2fma) {
#if defined(__x86_64__) || defined(__i386__)
    if (avx2fma) { tanh_avx2(x, y, n); return; }
#endif
    (void)avx2fma;
    tanh_portable(x, y, n);
}

void migsim_shap_tanh_segment_sums(const double *z, long segments, long segmentRows, long cols, double *sums, int avx2fma) {
#if defined(__x86_64__) || defined(__i386__)
    if (avx2fma) { tanh_segment_sums_avx2(z, segments, segmentRows, cols, sums); return; }
#endif
    (void)avx2fma;
    tanh_segment_sums_portable(z, segments, segmentRows, cols, sums);
}
