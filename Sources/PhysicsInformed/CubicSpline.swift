/// A cubic interpolating spline through (t₀, y₀) … (t_K, y_K), t strictly increasing, with
/// not-a-knot end conditions (the third derivative is continuous across t₁ and t_{K−1}), the
/// default of SciPy's `CubicSpline` and MATLAB's `spline`. With 3 knots it is the interpolating
/// parabola, with 2 the line. Beyond the ends the end cubics are extended.
///
/// The second derivatives Mₖ solve the tridiagonal system
///     hₖ₋₁ Mₖ₋₁ + 2(hₖ₋₁ + hₖ) Mₖ + hₖ Mₖ₊₁ = 6 (δₖ − δₖ₋₁),   δₖ = (yₖ₊₁ − yₖ)/hₖ,
/// closed by the not-a-knot rows; the result reproduces every cubic polynomial exactly.
public struct CubicSpline: Sendable, Equatable, Codable {
    public let knots: [Double]
    public let values: [Double]
    /// Second derivative at each knot.
    public let curvatures: [Double]

    public init(knots t: [Double], values y: [Double]) throws {
        guard t.count == y.count, t.count >= 2 else {
            throw PhysicsInformedError.invalidData("a spline needs at least 2 knots with one value each (got \(t.count) knots, \(y.count) values)")
        }
        for k in 1..<t.count where !(t[k] > t[k - 1]) {
            throw PhysicsInformedError.invalidData("spline knots must increase strictly (knot \(k) at \(t[k]) after \(t[k - 1]))")
        }
        for (k, v) in y.enumerated() where !v.isFinite {
            throw PhysicsInformedError.invalidData("spline value \(k) at t = \(t[k]) is not finite")
        }
        knots = t
        values = y
        curvatures = CubicSpline.solveCurvatures(t, y)
    }

    static func solveCurvatures(_ t: [Double], _ y: [Double]) -> [Double] {
        let n = t.count
        if n == 2 { return [0, 0] }
        let h = (0..<n - 1).map { t[$0 + 1] - t[$0] }
        let d = (0..<n - 1).map { (y[$0 + 1] - y[$0]) / h[$0] }
        if n == 3 {
            // The parabola through three points: constant second derivative.
            let m = 2 * (d[1] - d[0]) / (h[0] + h[1])
            return [m, m, m]
        }
        // Dense banded system written as a general n×n tridiagonal-plus-corners system; the
        // not-a-knot rows have three entries, so eliminate them into rows 1 and n−2 first.
        // Unknowns M₀…M_{n−1}. Interior rows k = 1…n−2:
        //   h[k−1] M[k−1] + 2(h[k−1]+h[k]) M[k] + h[k] M[k+1] = 6(d[k] − d[k−1]).
        // Not-a-knot at the left: h[1] M₀ − (h[0]+h[1]) M₁ + h[0] M₂ = 0 ⇒
        //   M₀ = ((h[0]+h[1]) M₁ − h[0] M₂) / h[1]; similarly at the right.
        let m = n - 2   // unknowns M₁ … M_{n−2}
        var lower = [Double](repeating: 0, count: m), diag = [Double](repeating: 0, count: m)
        var upper = [Double](repeating: 0, count: m), rhs = [Double](repeating: 0, count: m)
        for r in 0..<m {
            let k = r + 1
            lower[r] = h[k - 1]; diag[r] = 2 * (h[k - 1] + h[k]); upper[r] = h[k]
            rhs[r] = 6 * (d[k] - d[k - 1])
        }
        // Substitute M₀ into row 0: h0·M0 = h0·((h0+h1) M1 − h0 M2)/h1.
        diag[0] += h[0] * (h[0] + h[1]) / h[1]
        upper[0] -= h[0] * h[0] / h[1]
        // Substitute M_{n−1} = ((h_{n−2}+h_{n−3}) M_{n−2} − h_{n−2} M_{n−3}) / h_{n−3} into the last row.
        let a = h[n - 2], b = h[n - 3]
        diag[m - 1] += a * (a + b) / b
        lower[m - 1] -= a * a / b
        // Thomas algorithm (the system is diagonally dominant after the substitution for n ≥ 4).
        var c = upper, dd = rhs, beta = diag
        for r in 1..<m {
            let w = lower[r] / beta[r - 1]
            beta[r] -= w * c[r - 1]
            dd[r] -= w * dd[r - 1]
        }
        var inner = [Double](repeating: 0, count: m)
        inner[m - 1] = dd[m - 1] / beta[m - 1]
        if m >= 2 {
            for r in stride(from: m - 2, through: 0, by: -1) { inner[r] = (dd[r] - c[r] * inner[r + 1]) / beta[r] }
        }
        c = []
        var out = [Double](repeating: 0, count: n)
        for r in 0..<m { out[r + 1] = inner[r] }
        out[0] = ((h[0] + h[1]) * out[1] - h[0] * out[2]) / h[1]
        out[n - 1] = ((a + b) * out[n - 2] - a * out[n - 3]) / b
        return out
    }

    /// The interval k with knots[k] ≤ t < knots[k+1] (clamped to the end intervals).
    func interval(_ t: Double) -> Int {
        let last = knots.count - 2
        if t <= knots[0] { return 0 }
        if t >= knots[last] { return last }
        var lo = 0, hi = last + 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if knots[mid] <= t { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// s(t) = Mₖ (tₖ₊₁−t)³/(6hₖ) + Mₖ₊₁ (t−tₖ)³/(6hₖ) + (yₖ/hₖ − Mₖhₖ/6)(tₖ₊₁−t) + (yₖ₊₁/hₖ − Mₖ₊₁hₖ/6)(t−tₖ).
    public func callAsFunction(_ t: Double) -> Double {
        let k = interval(t)
        let h = knots[k + 1] - knots[k]
        let a = knots[k + 1] - t, b = t - knots[k]
        let m0 = curvatures[k], m1 = curvatures[k + 1]
        return m0 * a * a * a / (6 * h) + m1 * b * b * b / (6 * h)
            + (values[k] / h - m0 * h / 6) * a + (values[k + 1] / h - m1 * h / 6) * b
    }

    /// s′(t).
    public func derivative(_ t: Double) -> Double {
        let k = interval(t)
        let h = knots[k + 1] - knots[k]
        let a = knots[k + 1] - t, b = t - knots[k]
        let m0 = curvatures[k], m1 = curvatures[k + 1]
        return -m0 * a * a / (2 * h) + m1 * b * b / (2 * h)
            - (values[k] / h - m0 * h / 6) + (values[k + 1] / h - m1 * h / 6)
    }
}
