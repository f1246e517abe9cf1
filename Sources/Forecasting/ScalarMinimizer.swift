/// Deterministic minimization of a function of one variable on a closed interval: the best of an
/// equally spaced grid (first one on ties), then Brent's method (golden section with parabolic
/// interpolation; Brent 1973, ch. 5) on the bracket formed by its neighbours, kept only if it
/// improves on the grid point (so a minimum on the boundary is returned exactly). The grid guards
/// against the local minima that sum-of-squares profiles of SES / MA(1) can have.
enum ScalarMinimizer {
    static func minimize(_ f: (Double) -> Double, lower a: Double, upper b: Double,
                         gridIntervals: Int = 20, tolerance: Double = 1e-9) -> Double {
        precondition(b > a && gridIntervals >= 2)
        let step = (b - a) / Double(gridIntervals)
        let point = { (j: Int) in j == gridIntervals ? b : a + Double(j) * step }
        var bestIndex = 0
        var bestValue = f(a)
        for j in 1...gridIntervals {
            let v = f(point(j))
            if v < bestValue { bestValue = v; bestIndex = j }
        }
        let bestX = point(bestIndex)
        let refined = brent(f, lower: point(max(0, bestIndex - 1)), upper: point(min(gridIntervals, bestIndex + 1)),
                            tolerance: tolerance)
        return refined.value < bestValue ? refined.x : bestX
    }

    /// Brent's minimization on [lower, upper] to an absolute tolerance in x (at most 200 evaluations).
    static func brent(_ f: (Double) -> Double, lower: Double, upper: Double,
                      tolerance: Double) -> (x: Double, value: Double) {
        let golden = 0.381_966_011_250_105_1  // (3 − √5)/2
        var a = lower, b = upper
        var x = a + golden * (b - a), w = x, v = x
        var fx = f(x), fw = fx, fv = fx
        var d = 0.0, e = 0.0
        for _ in 0..<200 {
            let m = (a + b) / 2
            let tol1 = 1.5e-8 * abs(x) + tolerance / 3, tol2 = 2 * tol1
            if abs(x - m) <= tol2 - (b - a) / 2 { break }
            var useGolden = true
            if abs(e) > tol1 {
                // Parabola through (v, fv), (w, fw), (x, fx).
                let r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                let previousE = e
                e = d
                if abs(p) < abs(q * previousE / 2), p > q * (a - x), p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = m >= x ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = x >= m ? a - x : b - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1)
            let fu = f(u)
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w; fv = fw
                w = x; fw = fx
                x = u; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        return (x, fx)
    }
}
