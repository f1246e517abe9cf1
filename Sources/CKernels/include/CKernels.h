#ifndef MIGSIM_CKERNELS_H
#define MIGSIM_CKERNELS_H

/// Whether this CPU runs the AVX2 kernels (`__builtin_cpu_supports`).
int migsim_cpu_has_avx2(void);

/// y[i] = tanh(x[i]) for i < n, compiled for AVX2 (four lanes), with the same operations in the
/// same order as Autodiff's `Kernels.tanhPolynomial` and no fused multiply-add, so the results are
/// bit for bit those of the Swift kernel. x and y may be the same buffer. Call only when
/// `migsim_cpu_has_avx2()` is nonzero.
void migsim_tanh_avx2(const double *x, double *y, long n);

/// Whether this CPU runs the AVX2 + FMA kernels (`__builtin_cpu_supports`).
int migsim_cpu_has_avx2_fma(void);

/// Kernel SHAP's tanh (shap_tanh.c, where the method and its accuracy are documented): a table-driven
/// kernel with fused multiply-adds, within 1 ulp, not bit-identical to `migsim_tanh_avx2`. The
/// `avx2fma` builds (nonzero only when `migsim_cpu_has_avx2_fma()`) and the portable ones give the
/// same bits. y[i] = tanh x[i] for i < n (x and y may be the same buffer).
void migsim_shap_tanh(const double *x, double *y, long n, int avx2fma);

/// sums[g·cols + j] = Σ_{r < segmentRows} tanh z[(g·segmentRows + r)·cols + j] for g < segments,
/// j < cols, summed in order of r.
void migsim_shap_tanh_segment_sums(const double *z, long segments, long segmentRows, long cols, double *sums, int avx2fma);

/// The first hidden layer of Kernel SHAP's coalition values (exp_product_activations.c): for coalition
/// c < coalitions, row b < rows and unit i < h, out[(c·rows + b)·h + i] = 1 − 2/(p + 1) with
/// p = ((base[i]·F₀[i])·F₁[i])⋯, F_k = T + features[offsets[c] + k]·featureStride + b·rowStride, where
/// T is minus and base xBase when complement[c] is nonzero, otherwise T is plus and base
/// rowBase + b·baseStride. Plain multiplies in this order and no FMA, so the AVX2 build (`avx2` nonzero
/// only when `migsim_cpu_has_avx2()`) and the portable one give the same bits.
void migsim_exp_product_activations(const double *plus, const double *minus, long featureStride, long rowStride,
                                    const double *rowBase, long baseStride, const double *xBase, const long *features,
                                    const long *offsets, const unsigned char *complement, long coalitions,
                                    long rows, long h, double *out, int avx2);

/// RAS passes over the free part A (row-major m×n) for FlowBalancing's `RASBalancer` (ras_passes.c,
/// where the order of every sum is stated). The `avx2fma` builds (nonzero only when
/// `migsim_cpu_has_avx2_fma()`) and the portable ones give the same bits.
///
/// The validating pass: rows[i] = Σ_j a_ij, cols[j] += Σ_i a_ij, *least = min(*least, every cell; NaN passed
/// over), product[j] += Σ_i r_i·a_ij with r_i = rowTargets[i]/rows[i] (1 where rows[i] ≤ 0). Returns whether
/// every row sum is finite.
int migsim_ras_validating_pass(const double *a, long m, long n, const double *rowTargets, double *rows,
                               double *cols, double *product, double *least, int avx2fma);

/// A sweep's pass: u_i = (A·s)_i; returns max_i |r_i·u_i + rowFixed_i − rowTargets_i| / rowTargets_i (the
/// absolute value where the target is 0); rNext[i] = rowNeed[i]/u_i (r[i] where u_i ≤ 0); with vNext (not
/// NULL), vNext = Aᵀ·rNext; with out (not NULL), out = diag(r)·A·diag(s), rows and cols its row and column sums.
double migsim_ras_sweep_pass(const double *a, long m, long n, const double *s, const double *r,
                             const double *rowNeed, const double *rowFixed, const double *rowTargets,
                             double *rNext, double *vNext, double *out, double *rows, double *cols, int avx2fma);

/// out = diag(r)·A·diag(s), x_ij = (r_i·a_ij)·s_j, with its row sums in rows and column sums in cols (the
/// same bits as `migsim_ras_sweep_pass` forms).
void migsim_ras_form(const double *a, long m, long n, const double *r, const double *s, double *out,
                     double *rows, double *cols, int avx2fma);

/// y1 += K·x1 and y2 += K·x2 for a symmetric K (row-major n×n, only its upper triangle read), in one pass
/// over K (symmetric_product_pair.c, where the order of every sum is stated). The `avx2fma` build (nonzero
/// only when `migsim_cpu_has_avx2_fma()`) and the portable one give the same bits.
void migsim_symmetric_product_pair(const double *a, long n, const double *x1, const double *x2,
                                   double *y1, double *y2, int avx2fma);

#endif
