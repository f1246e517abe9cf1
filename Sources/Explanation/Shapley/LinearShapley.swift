import LinearAlgebra

/// Closed-form interventional Shapley values of an affine model f(x) = β₀ + Σⱼ βⱼ xⱼ:
///
///     φⱼ(x) = βⱼ (xⱼ − x̄ⱼ),   x̄ⱼ = (1/N) Σ_b bⱼ  (mean of feature j over the background).
///
/// With v(S) = β₀ + Σ_{j∈S} βⱼ xⱼ + Σ_{j∉S} βⱼ x̄ⱼ every marginal contribution of j is βⱼ(xⱼ − x̄ⱼ),
/// whatever the coalition, so this is the exact Shapley value; Σⱼ φⱼ = f(x) − E_bg f.
struct LinearShapley: Sendable {
    let coefficients: [Double]
    /// x̄, the background column means.
    let backgroundMean: [Double]

    init(coefficients: [Double], background: Matrix) {
        self.coefficients = coefficients
        var mean = [Double](repeating: 0, count: background.columns)
        let averaging = [Double](repeating: 1 / Double(background.rows), count: background.rows)
        BLAS.gemv(background, averaging, into: &mean, transpose: true)   // x̄ = Bᵀ·(1/N)
        backgroundMean = mean
    }

    func values(at x: [Double]) -> [Double] {
        (0..<coefficients.count).map { coefficients[$0] * (x[$0] - backgroundMean[$0]) }
    }
}
