/// The F distribution with d₁, d₂ > 0 degrees of freedom (fractional allowed):
///   P(X ≤ x) = I_{d₁x/(d₁x+d₂)}(d₁/2, d₂/2),  P(X > x) = I_{d₂/(d₂+d₁x)}(d₂/2, d₁/2).
public struct FisherF: Sendable, Equatable {
    public let numeratorDegrees: Double
    public let denominatorDegrees: Double

    public init(numeratorDegrees d1: Double, denominatorDegrees d2: Double) {
        precondition(d1 > 0 && d2 > 0, "F needs d₁, d₂ > 0, got \(d1), \(d2)")
        numeratorDegrees = d1; denominatorDegrees = d2
    }

    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let d1 = numeratorDegrees, d2 = denominatorDegrees
        return SpecialFunctions.regularizedIncompleteBeta(d1 * x / (d1 * x + d2), a: d1 / 2, b: d2 / 2)
    }

    /// P(X > x), computed directly (the p value of an F test).
    public func survival(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let d1 = numeratorDegrees, d2 = denominatorDegrees
        return SpecialFunctions.regularizedIncompleteBeta(d2 / (d2 + d1 * x), a: d2 / 2, b: d1 / 2)
    }

    /// The quantile x_p with P(X ≤ x_p) = p, 0 < p < 1 (bisection; the critical value of a test at
    /// level α is `quantile(1 − α)`).
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs 0 < p < 1, got \(p)")
        return SpecialFunctions.invertIncreasing(-(1 - p), lo: 0, hi: 1) { -survival($0) }
    }
}
