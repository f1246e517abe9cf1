import Foundation

/// Hairer's initial step (Hairer, Nørsett & Wanner I, §II.4; SciPy's `select_initial_step`), one
/// extra evaluation of f. With sc = atol + rtol·|y₀| and the RMS norm ‖·‖:
///
///     d₀ = ‖y₀/sc‖, d₁ = ‖f₀/sc‖, h₀ = 0.01·d₀/d₁ (10⁻⁶ if d₀ or d₁ < 10⁻⁵),
///     d₂ = ‖(f(t₀ + h₀, y₀ + h₀f₀) − f₀)/sc‖ / h₀,
///     h₁ = (0.01 / max(d₁, d₂))^(1/(p+1))  (max(10⁻⁶, 10⁻³h₀) if both ≤ 10⁻¹⁵),
///     h = min(100·h₀, h₁, t₁ − t₀, maxStep),   p = order of the error estimator.
func selectInitialStep<F: RightHandSideEvaluator>(_ f: inout F, t0: Double, t1: Double,
                       y0: UnsafePointer<Double>, f0: UnsafePointer<Double>, atol: UnsafePointer<Double>,
                       rtol: Double, maxStep: Double, errorOrder: Int, n: Int,
                       probeState: UnsafeMutablePointer<Double>, probeDerivative: UnsafeMutablePointer<Double>) -> Double {
    let interval = t1 - t0
    var sumY = 0.0, sumF = 0.0
    for i in 0..<n {
        let scale = atol[i] + rtol * abs(y0[i])
        sumY += (y0[i] / scale) * (y0[i] / scale)
        sumF += (f0[i] / scale) * (f0[i] / scale)
    }
    let d0 = (sumY / Double(n)).squareRoot(), d1 = (sumF / Double(n)).squareRoot()
    var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
    h0 = min(h0, interval, maxStep)
    for i in 0..<n { probeState[i] = y0[i] + h0 * f0[i] }
    f(t0 + h0, probeState, into: probeDerivative)
    var sumD = 0.0
    for i in 0..<n {
        let scale = atol[i] + rtol * abs(y0[i])
        let d = (probeDerivative[i] - f0[i]) / scale
        sumD += d * d
    }
    let d2 = (sumD / Double(n)).squareRoot() / h0
    let h1: Double
    if !d2.isFinite {
        h1 = h0
    } else if d1 <= 1e-15 && d2 <= 1e-15 {
        h1 = max(1e-6, h0 * 1e-3)
    } else {
        h1 = pow(0.01 / max(d1, d2), 1.0 / Double(errorOrder + 1))
    }
    return min(100 * h0, h1, interval, maxStep)
}
