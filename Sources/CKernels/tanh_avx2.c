// tanh over arrays for AVX2 CPUs: the Swift kernel `Kernels.tanhPolynomial` (Sources/Autodiff/
// KernelTanh.swift, where the method and its error are documented) transcribed operation for
// operation, compiled for four lanes. The default x86-64 build of the Swift kernel runs two lanes
// (SSE2); Swift cannot compile one function for another CPU, C can (`target("avx2")`). No FMA is
// allowed (`fp contract(off)`, and the target has none): every product and sum rounds as in Swift,
// so the two kernels agree bit for bit (tested in Autodiff's TanhKernelTests).
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CKernels.h"

#pragma clang fp contract(off)

int migsim_cpu_has_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
    return 0;
#endif
}

#if defined(__x86_64__) || defined(__i386__)
/// The kernel on distinct buffers (restrict: without it the vectorized loop would guard against
/// overlap and fall back to one lane when the caller works in place).
__attribute__((target("avx2")))
static void tanh_distinct(const double *restrict x, double *restrict y, long n) {
    const double shift = 6755399441055744.0;                 // 1.5·2⁵²: adding it rounds to an integer
    uint64_t shiftBits;
    memcpy(&shiftBits, &shift, 8);
    for (long i = 0; i < n; i++) {
        const double xi = x[i];
        const double a = fabs(xi);
        const double z = a * a;
        double g = 6.485163482793113e-06;
        g = g * z - 3.12011014257974e-05;
        g = g * z + 9.257116129556769e-05;
        g = g * z - 0.0002375906496055562;
        g = g * z + 0.0005896606577757043;
        g = g * z - 0.0014557754120478055;
        g = g * z + 0.0035921217511549622;
        g = g * z - 0.008863235103240878;
        g = g * z + 0.021869488519008305;
        g = g * z - 0.05396825396789699;
        g = g * z + 0.13333333333333042;
        g = g * z - 0.3333333333333333;
        const double small = a + a * (z * g);

        const double t2 = 2 * (a < 22 ? a : 22);
        const double shifted = t2 * 1.4426950408889634 + shift;
        const double k = shifted - shift;
        const double r = (t2 - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
        double e = 1.0 / 6227020800;
        e = e * r + 1.0 / 479001600;
        e = e * r + 1.0 / 39916800;
        e = e * r + 1.0 / 3628800;
        e = e * r + 1.0 / 362880;
        e = e * r + 1.0 / 40320;
        e = e * r + 1.0 / 5040;
        e = e * r + 1.0 / 720;
        e = e * r + 1.0 / 120;
        e = e * r + 1.0 / 24;
        e = e * r + 1.0 / 6;
        e = e * r + 0.5;
        e = e * r + 1;
        e = e * r + 1;
        uint64_t shiftedBits;
        memcpy(&shiftedBits, &shifted, 8);
        const uint64_t twoToKBits = (shiftedBits - shiftBits + 1023) << 52;
        double twoToK;
        memcpy(&twoToK, &twoToKBits, 8);
        const double large = 1 - 2 / (e * twoToK + 1);

        const double t = a < 0.625 ? small : large;
        y[i] = xi != xi ? xi : copysign(t, xi);
    }
}

/// In chunks through a buffer on the stack, so that x and y may be the same array.
__attribute__((target("avx2")))
void migsim_tanh_avx2(const double *x, double *y, long n) {
    enum { chunk = 512 };
    double buffer[chunk];
    for (long start = 0; start < n; start += chunk) {
        const long count = n - start < chunk ? n - start : chunk;
        tanh_distinct(x + start, buffer, count);
        memcpy(y + start, buffer, (size_t)count * sizeof(double));
    }
}
#else
void migsim_tanh_avx2(const double *x, double *y, long n) { (void)x; (void)y; (void)n; }
#endif
