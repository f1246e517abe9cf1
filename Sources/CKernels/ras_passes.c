// The passes of FlowBalancing's `RASBalancer` over the free part A (row-major m×n), the only places it
// touches all n² cells. Each pass reads A once from memory, a block of rows at a time, and does while
// the block is in cache what the sweep needs of it:
//
//   validating pass:  row sums q_i = Σ_j a_ij, column sums c_j += Σ_i a_ij, the least cell, and the
//                     first column product v = Aᵀ·r with r_i = R_i / q_i (1 where q_i ≤ 0);
//   sweep pass:       u_i = (A·s)_i, the relative row error of r_i·u_i + F_i, the next factor
//                     r'_i = (R_i − F_i)/u_i (r_i where u_i ≤ 0), and either v' = Aᵀ·r' or the
//                     balanced X = diag(r)·A·diag(s) with its margins;
//   forming pass:     X and its margins alone.
//
// The order of every sum is fixed, whatever the block and the build:
//   a dot product u_i or a row sum: four lanes l = j mod 4 over j < 4⌊n/4⌋ (lane l fused multiply-adds
//     or adds its terms in order of j), then (l0 + l1) + (l2 + l3), then the last n mod 4 terms in order;
//   the column product: per column, t = r_{i0}·a_{i0 j}, then t = fma(r_i, a_ij, t) for the other rows of
//     the block in order, then v_j + t (blocks of eight rows, the last block shorter);
//   a cell of X: (r_i·a_ij)·s_j, two plain multiplies; its row sum as a dot product above; its column
//     sum c_j + ((x0 + x1) + (x2 + x3)) per block of four rows (a shorter last block adds its rows in order);
//   the validating pass's column sums: c_j + (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))) per
//     block of eight rows (a shorter last block adds its rows in order).
// Every operation is an IEEE add, multiply, divide, fused multiply-add or comparison, so the AVX2 + FMA
// build (four lanes; the caller picks it when `migsim_cpu_has_avx2_fma()` says so) and the portable
// one (scalar C with `fma`) give the same bits.
#include <math.h>
#include "CKernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

/// relativeError of FlowBalancing: |x − t| / t, or |x| where the target is 0.
static inline double relative_error(double x, double t) { return t > 0 ? fabs(x - t) / t : fabs(x); }

/// The row step for rows [i, i + count): the error (max with `error`), and r'.
static inline double row_step(const double *u, long i, long count, const double *r, const double *rowNeed,
                              const double *rowFixed, const double *rowTargets, double *rNext, double error) {
    for (long k = 0; k < count; k++) {
        const double e = relative_error(r[i + k] * u[k] + rowFixed[i + k], rowTargets[i + k]);
        if (e > error) error = e;
        rNext[i + k] = u[k] > 0 ? rowNeed[i + k] / u[k] : r[i + k];
    }
    return error;
}

// MARK: portable

static double dot_portable(const double *a, const double *s, long n) {
    double l[4] = {0, 0, 0, 0};
    long j = 0;
    for (; j + 4 <= n; j += 4)
        for (int k = 0; k < 4; k++) l[k] = fma(a[j + k], s[j + k], l[k]);
    double u = lanes_sum(l);
    for (; j < n; j++) u = fma(a[j], s[j], u);
    return u;
}

static void column_product_portable(const double *a, long n, const double *r, long count, double *v) {
    for (long j = 0; j < n; j++) {
        double t = r[0] * a[j];
        for (long k = 1; k < count; k++) t = fma(r[k], a[k * n + j], t);
        v[j] = v[j] + t;
    }
}

/// Column j of rows [0, count) (count ≤ 4) of X: w_k = (r_k·a_kj)·s_j into out, each added to
/// acc[k·stride] (a lane of the row sums, or the row sums themselves), and their sum to cols[j].
static inline void form_column(const double *a, long n, const double *r, long count, const double *s, long j,
                               double *out, double *acc, long stride, double *cols) {
    double w[4];
    for (long k = 0; k < count; k++) {
        w[k] = (r[k] * a[k * n + j]) * s[j];
        out[k * n + j] = w[k];
        acc[k * stride] = acc[k * stride] + w[k];
    }
    if (count == 4) cols[j] = cols[j] + ((w[0] + w[1]) + (w[2] + w[3]));
    else for (long k = 0; k < count; k++) cols[j] = cols[j] + w[k];
}

/// Rows [0, count) (count ≤ 4) of X from the rows at a: out, their sums in rows, added to cols.
static void form_portable(const double *a, long n, const double *r, long count, const double *s,
                          double *out, double *rows, double *cols) {
    double l[4][4] = {{0}};
    long j = 0;
    for (; j + 4 <= n; j += 4)
        for (int q = 0; q < 4; q++) form_column(a, n, r, count, s, j + q, out, &l[0][q], 4, cols);
    for (long k = 0; k < count; k++) rows[k] = lanes_sum(l[k]);
    for (; j < n; j++) form_column(a, n, r, count, s, j, out, rows, 1, cols);
}

/// Column j of rows [0, count) (count ≤ 8): each cell added to acc[k·stride], the least cell (a NaN
/// is passed over), the column's sum added to cols[j]; returns the new least.
static inline double sums_column(const double *a, long n, long count, long j, double *acc, long stride,
                                 double *cols, double least) {
    double w[8];
    for (long k = 0; k < count; k++) {
        w[k] = a[k * n + j];
        acc[k * stride] = acc[k * stride] + w[k];
        if (w[k] < least) least = w[k];
    }
    if (count == 8) cols[j] = cols[j] + (((w[0] + w[1]) + (w[2] + w[3])) + ((w[4] + w[5]) + (w[6] + w[7])));
    else for (long k = 0; k < count; k++) cols[j] = cols[j] + w[k];
    return least;
}

/// Rows [0, count) (count ≤ 8): their sums, the least cell (a NaN is passed over), added to cols.
static double sums_portable(const double *a, long n, long count, double *rows, double *cols, double least) {
    double l[8][4] = {{0}};
    long j = 0;
    for (; j + 4 <= n; j += 4)
        for (int q = 0; q < 4; q++) least = sums_column(a, n, count, j + q, &l[0][q], 4, cols, least);
    for (long k = 0; k < count; k++) rows[k] = lanes_sum(l[k]);
    for (; j < n; j++) least = sums_column(a, n, count, j, rows, 1, cols, least);
    return least;
}

// MARK: AVX2 + FMA

#if defined(__x86_64__) || defined(__i386__)
/// u[k] = (a_k · s) for the eight rows a + k·n: eight streams from memory at once.
AVX2FMA static void dot8_avx2(const double *a, long n, const double *s, double *u) {
    __m256d p0 = _mm256_setzero_pd(), p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0, p6 = p0, p7 = p0;
    long j = 0;
    for (; j + 4 <= n; j += 4) {
        const __m256d sv = _mm256_loadu_pd(s + j);
        p0 = _mm256_fmadd_pd(_mm256_loadu_pd(a + j), sv, p0);
        p1 = _mm256_fmadd_pd(_mm256_loadu_pd(a + n + j), sv, p1);
        p2 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 2 * n + j), sv, p2);
        p3 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 3 * n + j), sv, p3);
        p4 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 4 * n + j), sv, p4);
        p5 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 5 * n + j), sv, p5);
        p6 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 6 * n + j), sv, p6);
        p7 = _mm256_fmadd_pd(_mm256_loadu_pd(a + 7 * n + j), sv, p7);
    }
    u[0] = lanes_sum4(p0); u[1] = lanes_sum4(p1); u[2] = lanes_sum4(p2); u[3] = lanes_sum4(p3);
    u[4] = lanes_sum4(p4); u[5] = lanes_sum4(p5); u[6] = lanes_sum4(p6); u[7] = lanes_sum4(p7);
    for (; j < n; j++)
        for (int k = 0; k < 8; k++) u[k] = fma(a[k * n + j], s[j], u[k]);
}

AVX2FMA static double dot_avx2(const double *a, const double *s, long n) {
    __m256d p = _mm256_setzero_pd();
    long j = 0;
    for (; j + 4 <= n; j += 4) p = _mm256_fmadd_pd(_mm256_loadu_pd(a + j), _mm256_loadu_pd(s + j), p);
    double u = lanes_sum4(p);
    for (; j < n; j++) u = fma(a[j], s[j], u);
    return u;
}

/// v_j += Σ_k r_k·a_kj over `count` rows (count ≤ 8), the rows read from cache.
AVX2FMA static void column_product_avx2(const double *a, long n, const double *r, long count, double *v) {
    long j = 0;
    if (count == 8) {
        const __m256d r0 = _mm256_set1_pd(r[0]), r1 = _mm256_set1_pd(r[1]), r2 = _mm256_set1_pd(r[2]), r3 = _mm256_set1_pd(r[3]);
        const __m256d r4 = _mm256_set1_pd(r[4]), r5 = _mm256_set1_pd(r[5]), r6 = _mm256_set1_pd(r[6]), r7 = _mm256_set1_pd(r[7]);
        for (; j + 4 <= n; j += 4) {
            __m256d t = _mm256_mul_pd(r0, _mm256_loadu_pd(a + j));
            t = _mm256_fmadd_pd(r1, _mm256_loadu_pd(a + n + j), t);
            t = _mm256_fmadd_pd(r2, _mm256_loadu_pd(a + 2 * n + j), t);
            t = _mm256_fmadd_pd(r3, _mm256_loadu_pd(a + 3 * n + j), t);
            t = _mm256_fmadd_pd(r4, _mm256_loadu_pd(a + 4 * n + j), t);
            t = _mm256_fmadd_pd(r5, _mm256_loadu_pd(a + 5 * n + j), t);
            t = _mm256_fmadd_pd(r6, _mm256_loadu_pd(a + 6 * n + j), t);
            t = _mm256_fmadd_pd(r7, _mm256_loadu_pd(a + 7 * n + j), t);
            _mm256_storeu_pd(v + j, _mm256_add_pd(_mm256_loadu_pd(v + j), t));
        }
    } else {
        for (; j + 4 <= n; j += 4) {
            __m256d t = _mm256_mul_pd(_mm256_set1_pd(r[0]), _mm256_loadu_pd(a + j));
            for (long k = 1; k < count; k++) t = _mm256_fmadd_pd(_mm256_set1_pd(r[k]), _mm256_loadu_pd(a + k * n + j), t);
            _mm256_storeu_pd(v + j, _mm256_add_pd(_mm256_loadu_pd(v + j), t));
        }
    }
    for (; j < n; j++) {
        double t = r[0] * a[j];
        for (long k = 1; k < count; k++) t = fma(r[k], a[k * n + j], t);
        v[j] = v[j] + t;
    }
}

/// Rows [0, count) (count ≤ 4) of X, as `form_portable`; with `u`, also their dot products with s
/// (as `dot_portable`), from the same loads.
AVX2FMA static void form_avx2(const double *a, long n, const double *r, long count, const double *s,
                              double *out, double *rows, double *cols, double *u) {
    long j = 0;
    if (count == 4) {
        const __m256d r0 = _mm256_set1_pd(r[0]), r1 = _mm256_set1_pd(r[1]), r2 = _mm256_set1_pd(r[2]), r3 = _mm256_set1_pd(r[3]);
        __m256d q0 = _mm256_setzero_pd(), q1 = q0, q2 = q0, q3 = q0, p0 = q0, p1 = q0, p2 = q0, p3 = q0;
        for (; j + 4 <= n; j += 4) {
            const __m256d sv = _mm256_loadu_pd(s + j);
            const __m256d a0 = _mm256_loadu_pd(a + j), a1 = _mm256_loadu_pd(a + n + j);
            const __m256d a2 = _mm256_loadu_pd(a + 2 * n + j), a3 = _mm256_loadu_pd(a + 3 * n + j);
            const __m256d w0 = _mm256_mul_pd(_mm256_mul_pd(r0, a0), sv), w1 = _mm256_mul_pd(_mm256_mul_pd(r1, a1), sv);
            const __m256d w2 = _mm256_mul_pd(_mm256_mul_pd(r2, a2), sv), w3 = _mm256_mul_pd(_mm256_mul_pd(r3, a3), sv);
            _mm256_storeu_pd(out + j, w0); _mm256_storeu_pd(out + n + j, w1);
            _mm256_storeu_pd(out + 2 * n + j, w2); _mm256_storeu_pd(out + 3 * n + j, w3);
            q0 = _mm256_add_pd(q0, w0); q1 = _mm256_add_pd(q1, w1); q2 = _mm256_add_pd(q2, w2); q3 = _mm256_add_pd(q3, w3);
            _mm256_storeu_pd(cols + j, _mm256_add_pd(_mm256_loadu_pd(cols + j),
                                                     _mm256_add_pd(_mm256_add_pd(w0, w1), _mm256_add_pd(w2, w3))));
            if (u) {
                p0 = _mm256_fmadd_pd(a0, sv, p0); p1 = _mm256_fmadd_pd(a1, sv, p1);
                p2 = _mm256_fmadd_pd(a2, sv, p2); p3 = _mm256_fmadd_pd(a3, sv, p3);
            }
        }
        rows[0] = lanes_sum4(q0); rows[1] = lanes_sum4(q1); rows[2] = lanes_sum4(q2); rows[3] = lanes_sum4(q3);
        if (u) { u[0] = lanes_sum4(p0); u[1] = lanes_sum4(p1); u[2] = lanes_sum4(p2); u[3] = lanes_sum4(p3); }
        for (; j < n; j++) {
            double w[4];
            for (int k = 0; k < 4; k++) {
                w[k] = (r[k] * a[k * n + j]) * s[j];
                out[k * n + j] = w[k];
                rows[k] = rows[k] + w[k];
                if (u) u[k] = fma(a[k * n + j], s[j], u[k]);
            }
            cols[j] = cols[j] + ((w[0] + w[1]) + (w[2] + w[3]));
        }
    } else {
        for (long k = 0; k < count; k++) {
            const double *row = a + k * n;
            double *o = out + k * n;
            const __m256d rk = _mm256_set1_pd(r[k]);
            __m256d q = _mm256_setzero_pd();
            long jj = 0;
            for (; jj + 4 <= n; jj += 4) {
                const __m256d w = _mm256_mul_pd(_mm256_mul_pd(rk, _mm256_loadu_pd(row + jj)), _mm256_loadu_pd(s + jj));
                _mm256_storeu_pd(o + jj, w);
                q = _mm256_add_pd(q, w);
                _mm256_storeu_pd(cols + jj, _mm256_add_pd(_mm256_loadu_pd(cols + jj), w));
            }
            rows[k] = lanes_sum4(q);
            for (; jj < n; jj++) {
                const double w = (r[k] * row[jj]) * s[jj];
                o[jj] = w;
                rows[k] = rows[k] + w;
                cols[jj] = cols[jj] + w;
            }
            if (u) u[k] = dot_avx2(row, s, n);
        }
    }
}

AVX2FMA static inline __m256d lesser(__m256d least, __m256d w) {
    return _mm256_min_pd(w, least);   // vminpd returns the second operand when either is NaN
}

/// Rows [0, count) (count ≤ 8): as `sums_portable`.
AVX2FMA static double sums_avx2(const double *a, long n, long count, double *rows, double *cols, double least) {
    long j = 0;
    if (count == 8) {
        __m256d q0 = _mm256_setzero_pd(), q1 = q0, q2 = q0, q3 = q0, q4 = q0, q5 = q0, q6 = q0, q7 = q0;
        __m256d lo = _mm256_set1_pd(least);
        for (; j + 4 <= n; j += 4) {
            const __m256d a0 = _mm256_loadu_pd(a + j), a1 = _mm256_loadu_pd(a + n + j);
            const __m256d a2 = _mm256_loadu_pd(a + 2 * n + j), a3 = _mm256_loadu_pd(a + 3 * n + j);
            const __m256d a4 = _mm256_loadu_pd(a + 4 * n + j), a5 = _mm256_loadu_pd(a + 5 * n + j);
            const __m256d a6 = _mm256_loadu_pd(a + 6 * n + j), a7 = _mm256_loadu_pd(a + 7 * n + j);
            q0 = _mm256_add_pd(q0, a0); q1 = _mm256_add_pd(q1, a1); q2 = _mm256_add_pd(q2, a2); q3 = _mm256_add_pd(q3, a3);
            q4 = _mm256_add_pd(q4, a4); q5 = _mm256_add_pd(q5, a5); q6 = _mm256_add_pd(q6, a6); q7 = _mm256_add_pd(q7, a7);
            lo = lesser(lesser(lesser(lesser(lo, a0), a1), lesser(lesser(lo, a2), a3)),
                        lesser(lesser(lesser(lo, a4), a5), lesser(lesser(lo, a6), a7)));
            const __m256d c = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3)),
                                            _mm256_add_pd(_mm256_add_pd(a4, a5), _mm256_add_pd(a6, a7)));
            _mm256_storeu_pd(cols + j, _mm256_add_pd(_mm256_loadu_pd(cols + j), c));
        }
        rows[0] = lanes_sum4(q0); rows[1] = lanes_sum4(q1); rows[2] = lanes_sum4(q2); rows[3] = lanes_sum4(q3);
        rows[4] = lanes_sum4(q4); rows[5] = lanes_sum4(q5); rows[6] = lanes_sum4(q6); rows[7] = lanes_sum4(q7);
        double l[4];
        _mm256_storeu_pd(l, lo);
        for (int k = 0; k < 4; k++) if (l[k] < least) least = l[k];
        for (; j < n; j++) {
            double w[8];
            for (int k = 0; k < 8; k++) {
                w[k] = a[k * n + j];
                rows[k] = rows[k] + w[k];
                if (w[k] < least) least = w[k];
            }
            cols[j] = cols[j] + (((w[0] + w[1]) + (w[2] + w[3])) + ((w[4] + w[5]) + (w[6] + w[7])));
        }
        return least;
    }
    return sums_portable(a, n, count, rows, cols, least);
}
#endif

// MARK: the passes

int migsim_ras_validating_pass(const double *a, long m, long n, const double *rowTargets, double *rows,
                               double *cols, double *product, double *least, int avx2fma) {
    double lo = *least;
    int finite = 1;
    for (long i = 0; i < m; i += 8) {
        const long count = m - i < 8 ? m - i : 8;
        const double *block = a + i * n;
#if defined(__x86_64__) || defined(__i386__)
        if (avx2fma) lo = sums_avx2(block, n, count, rows + i, cols, lo);
        else
#endif
        lo = sums_portable(block, n, count, rows + i, cols, lo);
        double r[8];
        for (long k = 0; k < count; k++) {
            finite = finite && isfinite(rows[i + k]);
            r[k] = rows[i + k] > 0 ? rowTargets[i + k] / rows[i + k] : 1;
        }
#if defined(__x86_64__) || defined(__i386__)
        if (avx2fma) column_product_avx2(block, n, r, count, product);
        else
#endif
        column_product_portable(block, n, r, count, product);
    }
    *least = lo;
    return finite;
}

double migsim_ras_sweep_pass(const double *a, long m, long n, const double *s, const double *r,
                             const double *rowNeed, const double *rowFixed, const double *rowTargets,
                             double *rNext, double *vNext, double *out, double *rows, double *cols, int avx2fma) {
    double error = 0;
    if (vNext) for (long j = 0; j < n; j++) vNext[j] = 0;
    if (out) for (long j = 0; j < n; j++) cols[j] = 0;
    // Blocks of eight rows (four when forming X): the dot products stream them from memory, the column
    // product reads them again from cache. (Interleaving a block's column product with the next block's
    // dot products was measured no faster: 2026-12-04, n = 3,000.)
    const long block = out ? 4 : 8;
    for (long i = 0; i < m; i += block) {
        const long count = m - i < block ? m - i : block;
        const double *rows_a = a + i * n;
        double u[8];
#if defined(__x86_64__) || defined(__i386__)
        if (avx2fma) {
            if (out) form_avx2(rows_a, n, r + i, count, s, out + i * n, rows + i, cols, u);
            else if (count == 8) dot8_avx2(rows_a, n, s, u);
            else for (long k = 0; k < count; k++) u[k] = dot_avx2(rows_a + k * n, s, n);
        } else
#endif
        {
            if (out) form_portable(rows_a, n, r + i, count, s, out + i * n, rows + i, cols);
            for (long k = 0; k < count; k++) u[k] = dot_portable(rows_a + k * n, s, n);
        }
        error = row_step(u, i, count, r, rowNeed, rowFixed, rowTargets, rNext, error);
        if (vNext) {
#if defined(__x86_64__) || defined(__i386__)
            if (avx2fma) column_product_avx2(rows_a, n, rNext + i, count, vNext);
            else
#endif
            column_product_portable(rows_a, n, rNext + i, count, vNext);
        }
    }
    return error;
}

void migsim_ras_form(const double *a, long m, long n, const double *r, const double *s, double *out,
                     double *rows, double *cols, int avx2fma) {
    for (long j = 0; j < n; j++) cols[j] = 0;
    for (long i = 0; i < m; i += 4) {
        const long count = m - i < 4 ? m - i : 4;
#if defined(__x86_64__) || defined(__i386__)
        if (avx2fma) { form_avx2(a + i * n, n, r + i, count, s, out + i * n, rows + i, cols, 0); continue; }
#endif
        form_portable(a + i * n, n, r + i, count, s, out + i * n, rows + i, cols);
    }
}
