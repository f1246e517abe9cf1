#ifndef MIGSIM_CKERNELS_H
#define MIGSIM_CKERNELS_H

/// Whether this CPU runs the AVX2 kernels (`__builtin_cpu_supports`).
int migsim_cpu_has_avx2(void);

/// y[i] = tanh(x[i]) for i < n, compiled for AVX2 (four lanes), with the same operations in the
/// same order as Autodiff's `Kernels.tanhPolynomial` and no fused multiply-add, so the results are
/// bit for bit those of the Swift kernel. x and y may be the same buffer. Call only when
/// `migsim_cpu_has_avx2()` is nonzero.
void migsim_tanh_avx2(const double *x, double *y, long n);

#endif
