// y₁ += K·x₁ and y₂ += K·x₂ for a symmetric K (row-major n×n, only its upper triangle read), in ONE
// pass over K: MigrationModel's coupling products for two Runge–Kutta stages at once. A dense
// right-hand side at n = 2,000 is bound by reading K (16 MB of upper triangle, from the last-level
// cache); two vectors a pass cost 0.60–0.73 ms where two dsymv calls cost 0.86–0.98 ms (a standalone
// C test, three rounds, this machine's AMD EPYC, one thread, 2026-12-04), so BLAS's dsymv twice is not
// the best way to do it, and dsymm with two columns packs K first.
//
// Blocks of four rows i … i+3 (the last block may be shorter, `count` rows). For each vector x, with
// t zero on entry and y += t at the end:
//   diagonal block:  e_k = K_{i+k,i}·x_i, then e_k = fma(K_{i+k,i+q}, x_{i+q}, e_k) for q = 1 … count−1;
//   row part:        d_k over the columns j ≥ i + count: four lanes (lane l takes j = i + count + 4p + l,
//                    fma in order of p) summed (l0 + l1) + (l2 + l3), then the last columns by fma in order;
//   column part:     for each column j ≥ i + count, c = K_{i,j}·x_i, c = fma(K_{i+k,j}, x_{i+k}, c) for
//                    k = 1 … count−1, then t_j = t_j + c;
//   t_{i+k} = t_{i+k} + (e_k + d_k).
// Every operation is an IEEE multiply, add or fused multiply-add, so the AVX2 + FMA build and the
// portable one (scalar C with `fma`) give the same bits.
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "CKernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

/// K_{r,c} from the upper triangle.
static inline double upper(const double *a, long n, long r, long c) { return r <= c ? a[r * n + c] : a[c * n + r]; }

/// The diagonal block's e_k for one vector.
static inline void diagonal_block(const double *a, long n, long i, long count, const double *x, double *e) {
    for (long k = 0; k < count; k++) {
        double s = upper(a, n, i + k, i) * x[i];
        for (long q = 1; q < count; q++) s = fma(upper(a, n, i + k, i + q), x[i + q], s);
        e[k] = s;
    }
}

/// Row and column parts of rows i … i+count−1 for one vector, portable.
static void block_portable(const double *a, long n, long i, long count, const double *x, double *t, double *d) {
    const long from = i + count;
    double lanes[4][4] = {{0}};
    long j = from;
    for (; j + 4 <= n; j += 4) {
        for (int l = 0; l < 4; l++) {
            const long c = j + l;
            double column = a[i * n + c] * x[i];
            for (long k = 0; k < count; k++) {
                if (k > 0) column = fma(a[(i + k) * n + c], x[i + k], column);
                lanes[k][l] = fma(a[(i + k) * n + c], x[c], lanes[k][l]);
            }
            t[c] = t[c] + column;
        }
    }
    for (long k = 0; k < count; k++) d[k] = lanes_sum(lanes[k]);
    for (; j < n; j++) {
        double column = a[i * n + j] * x[i];
        for (long k = 0; k < count; k++) {
            if (k > 0) column = fma(a[(i + k) * n + j], x[i + k], column);
            d[k] = fma(a[(i + k) * n + j], x[j], d[k]);
        }
        t[j] = t[j] + column;
    }
}

#if defined(__x86_64__) || defined(__i386__)
/// Four rows, both vectors: the row parts in registers, the column parts into t1 and t2; the last
/// columns as `block_portable`.
AVX2FMA static void block4_pair_avx2(const double *a, long n, long i, const double *x1, const double *x2,
                                     double *t1, double *t2, double *d1, double *d2) {
    const double *a0 = a + i * n, *a1 = a0 + n, *a2 = a1 + n, *a3 = a2 + n;
    const __m256d x10 = _mm256_set1_pd(x1[i]), x11 = _mm256_set1_pd(x1[i + 1]);
    const __m256d x12 = _mm256_set1_pd(x1[i + 2]), x13 = _mm256_set1_pd(x1[i + 3]);
    __m256d p0 = _mm256_setzero_pd(), p1 = p0, p2 = p0, p3 = p0, q0 = p0, q1 = p0, q2 = p0, q3 = p0;
    long j = i + 4;
    for (; j + 4 <= n; j += 4) {
        const __m256d b0 = _mm256_loadu_pd(a0 + j), b1 = _mm256_loadu_pd(a1 + j);
        const __m256d b2 = _mm256_loadu_pd(a2 + j), b3 = _mm256_loadu_pd(a3 + j);
        const __m256d v1 = _mm256_loadu_pd(x1 + j), v2 = _mm256_loadu_pd(x2 + j);
        p0 = _mm256_fmadd_pd(b0, v1, p0); p1 = _mm256_fmadd_pd(b1, v1, p1);
        p2 = _mm256_fmadd_pd(b2, v1, p2); p3 = _mm256_fmadd_pd(b3, v1, p3);
        q0 = _mm256_fmadd_pd(b0, v2, q0); q1 = _mm256_fmadd_pd(b1, v2, q1);
        q2 = _mm256_fmadd_pd(b2, v2, q2); q3 = _mm256_fmadd_pd(b3, v2, q3);
        __m256d c = _mm256_mul_pd(b0, x10);
        c = _mm256_fmadd_pd(b1, x11, c); c = _mm256_fmadd_pd(b2, x12, c); c = _mm256_fmadd_pd(b3, x13, c);
        _mm256_storeu_pd(t1 + j, _mm256_add_pd(_mm256_loadu_pd(t1 + j), c));
        __m256d e = _mm256_mul_pd(b0, _mm256_broadcast_sd(x2 + i));
        e = _mm256_fmadd_pd(b1, _mm256_broadcast_sd(x2 + i + 1), e);
        e = _mm256_fmadd_pd(b2, _mm256_broadcast_sd(x2 + i + 2), e);
        e = _mm256_fmadd_pd(b3, _mm256_broadcast_sd(x2 + i + 3), e);
        _mm256_storeu_pd(t2 + j, _mm256_add_pd(_mm256_loadu_pd(t2 + j), e));
    }
    d1[0] = lanes_sum4(p0); d1[1] = lanes_sum4(p1); d1[2] = lanes_sum4(p2); d1[3] = lanes_sum4(p3);
    d2[0] = lanes_sum4(q0); d2[1] = lanes_sum4(q1); d2[2] = lanes_sum4(q2); d2[3] = lanes_sum4(q3);
    for (; j < n; j++) {
        const double *x[2] = {x1, x2};
        double *t[2] = {t1, t2}, *d[2] = {d1, d2};
        for (int v = 0; v < 2; v++) {
            double column = a0[j] * x[v][i];
            column = fma(a1[j], x[v][i + 1], column);
            column = fma(a2[j], x[v][i + 2], column);
            column = fma(a3[j], x[v][i + 3], column);
            d[v][0] = fma(a0[j], x[v][j], d[v][0]); d[v][1] = fma(a1[j], x[v][j], d[v][1]);
            d[v][2] = fma(a2[j], x[v][j], d[v][2]); d[v][3] = fma(a3[j], x[v][j], d[v][3]);
            t[v][j] = t[v][j] + column;
        }
    }
}
#endif

void migsim_symmetric_product_pair(const double *a, long n, const double *x1, const double *x2,
                                   double *y1, double *y2, int avx2fma) {
    double *t1 = calloc((size_t)(2 * n > 0 ? 2 * n : 1), sizeof(double));
    double *t2 = t1 + n;
    for (long i = 0; i < n; i += 4) {
        const long count = n - i < 4 ? n - i : 4;
        double d1[4], d2[4], e1[4], e2[4];
#if defined(__x86_64__) || defined(__i386__)
        if (avx2fma && count == 4) block4_pair_avx2(a, n, i, x1, x2, t1, t2, d1, d2);
        else
#endif
        {
            block_portable(a, n, i, count, x1, t1, d1);
            block_portable(a, n, i, count, x2, t2, d2);
        }
        diagonal_block(a, n, i, count, x1, e1);
        diagonal_block(a, n, i, count, x2, e2);
        for (long k = 0; k < count; k++) {
            t1[i + k] = t1[i + k] + (e1[k] + d1[k]);
            t2[i + k] = t2[i + k] + (e2[k] + d2[k]);
        }
    }
    for (long j = 0; j < n; j++) { y1[j] = y1[j] + t1[j]; y2[j] = y2[j] + t2[j]; }
    free(t1);
}
