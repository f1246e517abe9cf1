import CKernels

/// The tanh of Kernel SHAP's network evaluation (`MLPCoalitionValues`, the hidden layers after the
/// first): a table-driven kernel with fused multiply-adds in C (`CKernels/shap_tanh.c`), about 1.25 ns a
/// value on this machine's AMD EPYC (one core; alone and inside the bench alike) against 5.9 ns for the
/// networks' `Kernels.tanh`.
///
/// For a = |x|: a0 is the midpoint of a's subinterval (each binade [2ᵉ, 2ᵉ⁺¹), e = −7 … 4, cut into 64
/// equal parts; below 2⁻⁷, a0 = 0), d = a − a0 (exact, |d| ≤ a/128), tanh a0 = hi + lo from a table
/// (40-digit mpmath values, `scripts/make_tanh_table.py`), s = tanh d by its Taylor polynomial
/// d − d³/3 + 2d⁵/15 − 17d⁷/315, and by the addition theorem
///
///     tanh a = tanh a0 + (1 − tanh² a0) s / (1 + s tanh a0),   summed as hi + (lo + c);
///
/// the correction c is at most about 1/64 of the result, so its rounding barely shows and the last
/// addition's dominates. a is capped at 22 (tanh rounds to 1 from 19.06 on); the sign of x is copied
/// back. Within 1 ulp of the correctly rounded tanh (80-bit `tanhl` on 4.9 million points, `ShapleyTanhTests`)
/// and correctly rounded more often than `Kernels.tanh`; NaN gives NaN, ±∞ ±1, ±0 ±0.
///
/// It is NOT the networks' kernel: `Kernels.tanh` (which the PINN fit and `MLP.evaluate` use, and whose
/// bits this leaves alone) differs from it in the last bit for some arguments, so a network output
/// inside Kernel SHAP's coalition values may differ from `MLP.evaluate`'s in the last bits (relative
/// differences of order 10⁻¹⁶; `ShapleyTests` checks the coalition values against `MLP.evaluate` on the
/// hybrid rows). The AVX2 + FMA build runs when the CPU has both (decided once); the portable build
/// (scalar C with `fma`) gives the same bits elsewhere.
enum ShapleyTanh {
    /// Whether the AVX2 + FMA build runs.
    static let runsAVX2FMA = migsim_cpu_has_avx2_fma() != 0
    /// Whether the AVX2 build of `expProductActivations` runs.
    static let runsAVX2 = migsim_cpu_has_avx2() != 0

    /// y[i] = tanh x[i] for i < count (x and y may be the same buffer); `portable` forces the scalar build.
    static func tanh(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int, portable: Bool = false) {
        migsim_shap_tanh(x, y, count, runsAVX2FMA && !portable ? 1 : 0)
    }

    /// sums[g, j] = Σ_{r < segmentRows} tanh z[g·segmentRows + r, j] for g < segments (a row-major block
    /// of segments·segmentRows rows × columns), summed in order of r; the values are never stored.
    static func segmentSums(_ z: UnsafePointer<Double>, segments: Int, segmentRows: Int, columns: Int,
                            into sums: UnsafeMutablePointer<Double>, portable: Bool = false) {
        migsim_shap_tanh_segment_sums(z, segments, segmentRows, columns, sums, runsAVX2FMA && !portable ? 1 : 0)
    }

    /// The first hidden layer of a block of coalitions (`MLPCoalitionValues`): for coalition c < coalitions,
    /// background row b < rows and unit i < units, out[(c·rows + b)·units + i] = 1 − 2/(p + 1) (tanh u for
    /// p = e^{2u}) with p the product, in this order, of the base and of the factors
    /// table + f·featureStride + b·rowStride for f in features[offsets[c] ..< offsets[c + 1]]: the table is
    /// `minus` and the base `xBase` when complement[c] is nonzero, otherwise `plus` and rowBase + b·baseStride.
    /// Plain IEEE operations, the same bits in the AVX2 and the portable build.
    static func expProductActivations(plus: UnsafePointer<Double>, minus: UnsafePointer<Double>, featureStride: Int,
                                      rowStride: Int, rowBase: UnsafePointer<Double>, baseStride: Int, xBase: UnsafePointer<Double>,
                                      features: UnsafePointer<Int>, offsets: UnsafePointer<Int>,
                                      complement: UnsafePointer<UInt8>, coalitions: Int, rows: Int, units: Int,
                                      into out: UnsafeMutablePointer<Double>, portable: Bool = false) {
        migsim_exp_product_activations(plus, minus, featureStride, rowStride, rowBase, baseStride, xBase, features, offsets, complement,
                                       coalitions, rows, units, out, runsAVX2 && !portable ? 1 : 0)
    }
}
