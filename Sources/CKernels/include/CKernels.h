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

/// out[r·cols + j] = tanh(z[r·cols + j] + bias[j]) for r < rows, j < cols (z and out may be the same buffer).
void migsim_shap_tanh_bias(const double *z, long rows, long cols, const double *bias, double *out, int avx2fma);

/// sums[g·cols + j] = Σ_{r < segmentRows} tanh(z[(g·segmentRows + r)·cols + j] + bias[j]) for g < segments,
/// j < cols, summed in order of r.
void migsim_shap_tanh_segment_sums(const double *z, long segments, long segmentRows, long cols,
                                   const double *bias, double *sums, int avx2fma);

/// out[t] = 1 − 2/(p + 1) with p = ((base[t]·factors[0][t])·factors[1][t])⋯factors[count−1][t], for
/// t < length: plain multiplies in this order and no FMA, so the AVX2 build (`avx2` nonzero only when
/// `migsim_cpu_has_avx2()`) and the portable one give the same bits (exp_product_activations.c).
void migsim_exp_product_activations(const double *base, const double *const *factors, long count, long length,
                                    double *out, int avx2);

#endif
