import Foundation

/// The exact propagator over one step h of a unit-mass damped oscillator with affine forcing,
///
///     x″ + c x′ + λ x = g₀ + g₁ τ,   τ ∈ [0, h],   c ≥ 0,
///
/// written with the impulse response G (G(0) = 0, G′(0) = 1) and its integrals
/// r₁ = ∫₀ʰ G(s) ds, r₂ = ∫₀ʰ (h − s) G(s) ds (Duhamel's integral of the forcing):
///
///     x(h) = p₁₁ x + p₁₂ u + r₁ g₀ + r₂ g₁
///     u(h) = p₂₁ x + p₂₂ u + p₁₂ g₀ + r₁ g₁        (u = x′, p₁₂ = G(h), p₂₁ = −λ G(h))
///
/// With ν = c/2 and σ = ν² − λ (roots μ± = −ν ± √σ of μ² + c μ + λ = 0) the closed forms are, by
/// regime (chosen so that no formula divides by a quantity that can vanish or cancel badly):
///
/// - `series` (λh² ≤ 1 and ch ≤ 3, which covers λ = 0 and c = 0): Taylor series of the four
///   solutions from the recurrence (k+2)(k+1)a_{k+2} = g_k − c(k+1)a_{k+1} − λ a_k (entire functions;
///   at most e³-fold cancellation).
/// - `nearCritical` (|σ|h² ≤ 1): C = cosh(√σ h), S = sinh(√σ h)/√σ as even power series in σ
///   (so the critically damped σ = 0 needs no limit), E = e^{−νh}:
///   p₁₁ = E(C + νS), p₁₂ = E S, p₂₂ = E(C − νS), r₁ = (1 − p₁₁)/λ, r₂ = (h − p₁₂ − c r₁)/λ (λh² ≥ 1 here).
/// - `underdamped` (σh² < −1): the same with C = cos ωh, S = sin(ωh)/ω, ω = √(−σ).
/// - `overdamped` (σh² > 1): with s = √σ, μ₊ = −λ/(ν + s) (no cancellation), μ₋ = −ν − s, d = 2s:
///   p₁₁ = (−μ₋e^{μ₊h} + μ₊e^{μ₋h})/d, p₁₂ = (e^{μ₊h} − e^{μ₋h})/d, p₂₂ = (μ₊e^{μ₊h} − μ₋e^{μ₋h})/d,
///   and for λh² < 1 r₁ = h(φ₁(μ₊h) − φ₁(μ₋h))/d, r₂ = h²(φ₂(μ₊h) − φ₂(μ₋h))/d (φ₁(z) = (eᶻ − 1)/z,
///   φ₂(z) = (eᶻ − 1 − z)/z²; a zero eigenvalue gives μ₊ = 0 exactly), else the λ-division forms.
public struct DampedOscillatorStep: Sendable, Equatable {
    public enum Regime: String, Sendable, Equatable {
        case series, nearCritical, underdamped, overdamped
    }

    public let p11: Double, p12: Double, p21: Double, p22: Double
    /// r₁ = ∫₀ʰ G, the response of x to a unit constant force (and of u to a unit slope).
    public let r1: Double
    /// r₂ = ∫₀ʰ (h − s) G(s) ds, the response of x to a unit force slope.
    public let r2: Double
    public let regime: Regime

    /// - Parameters: λ the stiffness (per unit mass, ≥ 0 for the model's terms), c ≥ 0 the damping
    ///   (per unit mass), h > 0 the step.
    public init(stiffness lambda: Double, damping c: Double, step h: Double) {
        precondition(h > 0 && h.isFinite, "DampedOscillatorStep: the step must be a finite number > 0")
        let lh2 = lambda * h * h, ch = c * h
        let nu = 0.5 * c
        let sigma = nu * nu - lambda
        if abs(lh2) <= 1 && ch <= 3 {
            let s = Self.series(lambda: lambda, c: c, h: h)
            (p11, p12, p21, p22, r1, r2) = (s.p11, s.p12, s.p21, s.p22, s.r1, s.r2)
            regime = .series
            return
        }
        let sh2 = sigma * h * h
        if abs(sh2) <= 1 || sh2 < -1 {
            // C and S: power series in σ near critical damping, trigonometric when underdamped.
            let cC: Double, sS: Double
            if abs(sh2) <= 1 {
                var term = 1.0, sumC = 1.0, sumS = 1.0   // S = h·Σ σᵏh²ᵏ/(2k+1)!
                var termS = 1.0
                for k in 1...30 {
                    term *= sh2 / Double((2 * k - 1) * (2 * k))
                    termS *= sh2 / Double((2 * k) * (2 * k + 1))
                    sumC += term; sumS += termS
                    if abs(term) < 1e-18 && abs(termS) < 1e-18 { break }
                }
                cC = sumC; sS = h * sumS
                regime = .nearCritical
            } else {
                let omega = (-sigma).squareRoot()
                cC = cos(omega * h); sS = sin(omega * h) / omega
                regime = .underdamped
            }
            let e = exp(-nu * h)
            p11 = e * (cC + nu * sS)
            p12 = e * sS
            p22 = e * (cC - nu * sS)
            p21 = -lambda * p12
            r1 = (1 - p11) / lambda
            r2 = (h - p12 - c * r1) / lambda
            return
        }
        // Overdamped, σh² > 1.
        let s = sigma.squareRoot()
        let muPlus = -lambda / (nu + s), muMinus = -nu - s, d = 2 * s
        let ePlus = exp(muPlus * h), eMinus = exp(muMinus * h)
        p11 = (-muMinus * ePlus + muPlus * eMinus) / d
        p12 = (ePlus - eMinus) / d
        p22 = (muPlus * ePlus - muMinus * eMinus) / d
        p21 = -lambda * p12
        if lh2 < 1 {
            r1 = h * (Self.phi1(muPlus * h) - Self.phi1(muMinus * h)) / d
            r2 = h * h * (Self.phi2(muPlus * h) - Self.phi2(muMinus * h)) / d
        } else {
            let q1 = (1 - p11) / lambda
            r1 = q1
            r2 = (h - p12 - c * q1) / lambda
        }
        regime = .overdamped
    }

    /// Advances (x, u) over the step under the force g₀ + g₁τ.
    @inlinable
    public func advance(x: inout Double, u: inout Double, force g0: Double, slope g1: Double) {
        let x1 = p11 * x + p12 * u + r1 * g0 + r2 * g1
        let u1 = p21 * x + p22 * u + p12 * g0 + r1 * g1
        x = x1; u = u1
    }

    /// φ₁(z) = (eᶻ − 1)/z, 1 at z = 0.
    static func phi1(_ z: Double) -> Double { z == 0 ? 1 : expm1(z) / z }

    /// φ₂(z) = (eᶻ − 1 − z)/z² = Σ zʲ/(j+2)!, by its series for |z| < 1/2.
    static func phi2(_ z: Double) -> Double {
        if abs(z) >= 0.5 { return (expm1(z) - z) / (z * z) }
        var term = 0.5, sum = 0.5
        for j in 1...25 {
            term *= z / Double(j + 2)
            sum += term
            if abs(term) < 1e-18 { break }
        }
        return sum
    }

    /// Taylor series at τ = 0 of the four solutions, evaluated at τ = h with scaled coefficients
    /// b_k = a_k hᵏ: b_{k+2} = (γ_k − ch(k+1) b_{k+1} − λh² b_k)/((k+1)(k+2)), where γ_k is the
    /// scaled forcing coefficient (h² for g₀ = 1 at k = 0, h³ for g₁ = 1 at k = 1).
    static func series(lambda: Double, c: Double, h: Double)
        -> (p11: Double, p12: Double, p21: Double, p22: Double, r1: Double, r2: Double) {
        let ch = c * h, lh2 = lambda * h * h
        // Columns: x(0)=1; x′(0)=1; g₀=1; g₁=1.
        var bPrev = (1.0, 0.0, 0.0, 0.0)        // b_k
        var bCur = (0.0, h, 0.0, 0.0)           // b_{k+1}
        var value = (1.0, h, 0.0, 0.0)          // Σ b_k
        var slope = (0.0, h, 0.0, 0.0)          // Σ k b_k (x′(h) = slope/h)
        for k in 0..<80 {
            let f = Double((k + 1) * (k + 2))
            let g0: Double = k == 0 ? h * h : 0
            let g1: Double = k == 1 ? h * h * h : 0
            let next = ((-ch * Double(k + 1) * bCur.0 - lh2 * bPrev.0) / f,
                        (-ch * Double(k + 1) * bCur.1 - lh2 * bPrev.1) / f,
                        (g0 - ch * Double(k + 1) * bCur.2 - lh2 * bPrev.2) / f,
                        (g1 - ch * Double(k + 1) * bCur.3 - lh2 * bPrev.3) / f)
            let kk = Double(k + 2)
            value = (value.0 + next.0, value.1 + next.1, value.2 + next.2, value.3 + next.3)
            slope = (slope.0 + kk * next.0, slope.1 + kk * next.1, slope.2 + kk * next.2, slope.3 + kk * next.3)
            bPrev = bCur; bCur = next
            let size = max(abs(next.0), abs(next.1) / h, abs(next.2) / (h * h), abs(next.3) / (h * h * h),
                           abs(bPrev.0), abs(bPrev.1) / h, abs(bPrev.2) / (h * h), abs(bPrev.3) / (h * h * h))
            if k >= 2 && size < 1e-19 { break }
        }
        return (p11: value.0, p12: value.1, p21: slope.0 / h, p22: slope.1 / h, r1: value.2, r2: value.3)
    }
}
