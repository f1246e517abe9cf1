/// Checks an analytic gradient against central finite differences.
public enum GradientCheck {
    /// The largest relative error over components between `analytic` and the numerical gradient of
    /// `f` at `x`.
    ///
    /// Numerical gradient: central differences D(h) = (f(x + h eᵢ) − f(x − h eᵢ)) / 2h with the
    /// step hᵢ = step·max(1, |xᵢ|), extrapolated as (4 D(h/2) − D(h)) / 3 (Richardson), which cancels
    /// the h² term: truncation error O(h⁴), rounding error ~ ε|f|/h. With the default step 1e-4
    /// both are near 1e-12 relative for smooth f of moderate size.
    ///
    /// Relative error of component i: |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|, floor), where the floor is 1e-3 of
    /// the largest |nᵢ| (and at least 1e-12): a component a thousand times smaller than the largest
    /// is judged against that floor rather than against itself, where rounding would dominate.
    public static func maxRelativeError(x: [Double], step: Double = 1e-4,
                                        analytic: [Double], f: ([Double]) -> Double) -> Double {
        precondition(analytic.count == x.count,
                     "GradientCheck.maxRelativeError: \(analytic.count) analytic components for \(x.count) parameters")
        let numeric = numericalGradient(x: x, step: step, f: f)
        let floor = max(1e-12, 1e-3 * numeric.reduce(0) { max($0, abs($1)) })
        var worst = 0.0
        for i in x.indices {
            let scale = max(abs(analytic[i]), abs(numeric[i]), floor)
            worst = max(worst, abs(analytic[i] - numeric[i]) / scale)
        }
        return worst
    }

    /// The Richardson-extrapolated central-difference gradient described above.
    public static func numericalGradient(x: [Double], step: Double = 1e-4, f: ([Double]) -> Double) -> [Double] {
        var point = x
        func central(_ i: Int, _ h: Double) -> Double {
            point[i] = x[i] + h
            let plus = f(point)
            point[i] = x[i] - h
            let minus = f(point)
            point[i] = x[i]
            return (plus - minus) / (2 * h)
        }
        return x.indices.map { i in
            let h = step * max(1, abs(x[i]))
            return (4 * central(i, h / 2) - central(i, h)) / 3
        }
    }
}
