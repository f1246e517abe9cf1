import Foundation

/// Log-gamma and the regularized incomplete beta function, the ground of the Student t and F
/// distributions (no dependency on a statistics library).
public enum SpecialFunctions {
    /// ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error ≈ 1e-15):
    ///   Γ(x+1) = √(2π) (x + g + ½)^(x+½) e^−(x+g+½) · A_g(x),  A_g(x) = c₀ + Σₖ cₖ/(x+k),
    /// with the reflection Γ(x)Γ(1−x) = π / sin(πx) below ½. Exact zeros at x = 1 and x = 2.
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma needs x > 0, got \(x)")
        if x == 1 || x == 2 { return 0 }
        if x < 0.5 { return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x) }
        let c: [Double] = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                           -176.61502916214059, 12.507343278686905, -0.13857109526572012,
                           9.9843695780195716e-6, 1.5056327351493116e-7]
        let z = x - 1
        var a = c[0]
        for k in 1..<9 { a += c[k] / (z + Double(k)) }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(a)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) for 0 ≤ x ≤ 1,
    /// a, b > 0, by its continued fraction (modified Lentz):
    ///   I_x(a,b) = x^a (1−x)^b / (a B(a,b)) · 1/(1+ d₁/(1+ d₂/(1+ …))),
    ///   d₂ₘ₊₁ = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),  d₂ₘ = m(b−m) x / ((a+2m−1)(a+2m)),
    /// evaluated directly for x < (a+1)/(a+b+2) and through I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0, got a = \(a), b = \(b)")
        precondition(x >= 0 && x <= 1, "incomplete beta needs 0 ≤ x ≤ 1, got \(x)")
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        if x < (a + 1) / (a + b + 2) { return front(x, a, b) * continuedFraction(x, a, b) / a }
        return 1 - front(1 - x, b, a) * continuedFraction(1 - x, b, a) / b
    }

    /// 1 − I_x(a, b) without cancellation: I_{1−x}(b, a).
    public static func complementedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        regularizedIncompleteBeta(1 - x, a: b, b: a)
    }

    static func front(_ x: Double, _ a: Double, _ b: Double) -> Double {
        exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
    }

    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + md) * (a + b + md) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < eps { break }
        }
        return h
    }

    /// The x in [lo, hi] where the increasing function `f` crosses `target`, by bisection to the
    /// last representable digit (used for the distributions' quantiles).
    static func invertIncreasing(_ target: Double, lo: Double, hi: Double, _ f: (Double) -> Double) -> Double {
        var lo = lo, hi = hi
        while f(hi) < target { lo = hi; hi *= 2 }
        for _ in 0..<2000 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if f(mid) < target { lo = mid } else { hi = mid }
            if hi - lo <= 1e-15 * hi { break }
        }
        return 0.5 * (lo + hi)
    }
}
