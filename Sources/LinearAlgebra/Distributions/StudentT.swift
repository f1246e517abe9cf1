/// The Student t distribution with ν > 0 degrees of freedom (ν may be fractional).
///   P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½)  for t ≥ 0, symmetric about 0.
public struct StudentT: Sendable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "Student t needs ν > 0, got \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t), accurate in the far tail (no 1 − cdf cancellation).
    public func survival(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? tail : 1 - tail
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double { survival(-t) }

    /// Two-sided p value P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½).
    public func twoSidedPValue(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        return SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// The quantile t_p with P(T ≤ t_p) = p, 0 < p < 1 (bisection on the survival function).
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs 0 < p < 1, got \(p)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        let upper = 1 - p
        // survival is decreasing in t: find t ≥ 0 with survival(t) = 1 − p.
        return SpecialFunctions.invertIncreasing(-upper, lo: 0, hi: 1) { -survival($0) }
    }
}
