import Foundation

/// The age function a(x) of the age term V_A = ½ Σᵢ δ·(1 − Aᵢ)·qᵢ², Aᵢ = Σ_g wᵢ,g·a(x_g).
///
/// a(x) near 1 means "this age moves freely", near 0 "this age is held near zero balance".
public struct AgeFunction: Sendable, Equatable {
    public let choice: AgeFunctionChoice
    /// max of the Rogers–Castro schedule over ages 0…100 (1 for the smooth step).
    private let peak: Double

    public init(_ choice: AgeFunctionChoice) {
        self.choice = choice
        switch choice {
        case .smoothStep: peak = 1
        case .rogersCastro(let p): peak = AgeFunction.rogersCastroPeak(p)
        }
    }

    /// a(x) for an age x in years.
    public func callAsFunction(_ x: Double) -> Double {
        switch choice {
        case .smoothStep(let young, let old):
            return AgeFunction.smoothStep((x - young) / (old - young))
        case .rogersCastro(let p):
            return AgeFunction.rogersCastro(p, x) / peak
        }
    }

    /// Aᵢ = Σ_g w_g·a(x_g): the mobility of a population with age shares `shares` at `ages`.
    public func mobility(shares: [Double], ages: [Double]) -> Double {
        precondition(shares.count == ages.count, "mobility: \(shares.count) shares for \(ages.count) ages")
        var s = 0.0
        for g in shares.indices { s += shares[g] * self(ages[g]) }
        return s
    }

    /// The C^∞ smooth step 1 − S(s): equal to 1 for s ≤ 0 and 0 for s ≥ 1, with every derivative
    /// continuous, built from ψ(t) = exp(−1/t) (t > 0), ψ(t) = 0 (t ≤ 0):
    ///     a = ψ(1 − s) / (ψ(1 − s) + ψ(s)).
    public static func smoothStep(_ s: Double) -> Double {
        if s <= 0 { return 1 }
        if s >= 1 { return 0 }
        let up = exp(-1 / (1 - s))
        let down = exp(-1 / s)
        return up / (up + down)
    }

    /// The Rogers–Castro model migration schedule
    /// m(x) = a₁·e^(−α₁x) + a₂·exp(−α₂(x−μ₂) − e^(−λ₂(x−μ₂))) + c.
    public static func rogersCastro(_ p: RogersCastroParameters, _ x: Double) -> Double {
        let u = x - p.mu2
        return p.a1 * exp(-p.alpha1 * x) + p.a2 * exp(-p.alpha2 * u - exp(-p.lambda2 * u)) + p.c
    }

    /// The schedule's maximum over ages 0…100: a 0.25-year grid scan, then golden-section refinement
    /// around the best grid point (the labour peak is unimodal near μ₂; the childhood term peaks at 0).
    static func rogersCastroPeak(_ p: RogersCastroParameters) -> Double {
        var bestX = 0.0, best = rogersCastro(p, 0)
        var x = 0.25
        while x <= 100 {
            let v = rogersCastro(p, x)
            if v > best { best = v; bestX = x }
            x += 0.25
        }
        var lo = max(0, bestX - 0.25), hi = min(100, bestX + 0.25)
        let g = (sqrt(5.0) - 1) / 2
        for _ in 0..<80 {
            let a = hi - g * (hi - lo), b = lo + g * (hi - lo)
            if rogersCastro(p, a) > rogersCastro(p, b) { hi = b } else { lo = a }
        }
        return max(best, rogersCastro(p, (lo + hi) / 2))
    }
}
