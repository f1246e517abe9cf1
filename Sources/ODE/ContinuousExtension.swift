/// The piecewise-polynomial continuous extension of one step [t, t + h], in Hairer's nested form
///
///     u(t + θh) = r₁ + θ·(r₂ + (1−θ)·(r₃ + θ·(r₄ + (1−θ)·r₅))),   0 ≤ θ ≤ 1,
///
/// with r₁ = yₙ, r₂ = yₙ₊₁ − yₙ, r₃ = h·fₙ − r₂, r₄ = r₂ − h·fₙ₊₁ − r₃. With r₅ = 0 this is the cubic
/// Hermite interpolant of (yₙ, fₙ, yₙ₊₁, fₙ₊₁); Dormand–Prince adds r₅ = h·Σ dᵢkᵢ, which raises it to
/// the fourth-order continuous extension of DOPRI5 (Hairer, Nørsett & Wanner I, §II.6, code `CONTD5`).
enum ContinuousExtension {
    /// Writes the Hermite part r₁…r₄ into `r` (4·n numbers: r₁ | r₂ | r₃ | r₄).
    @inline(__always)
    static func hermiteCoefficients(n: Int, h: Double, y0: UnsafePointer<Double>, y1: UnsafePointer<Double>,
                                    f0: UnsafePointer<Double>, f1: UnsafePointer<Double>,
                                    into r: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            let difference = y1[i] - y0[i]
            let slopeExcess = h * f0[i] - difference
            r[i] = y0[i]
            r[n + i] = difference
            r[2 * n + i] = slopeExcess
            r[3 * n + i] = difference - h * f1[i] - slopeExcess
        }
    }

    /// u(t + θh) into `value` and u′(t + θh) (the time derivative) into `derivative`.
    /// `r` holds `count` (4 or 5) coefficient vectors of length n.
    @inline(__always)
    static func evaluate(n: Int, count: Int, h: Double, theta: Double, r: UnsafePointer<Double>,
                         value: UnsafeMutablePointer<Double>, derivative: UnsafeMutablePointer<Double>?) {
        let s = 1 - theta
        // u = r1 + θ r2 + θ(1−θ) r3 + θ²(1−θ) r4 + θ²(1−θ)² r5
        // du/dθ = r2 + (1−2θ) r3 + θ(2−3θ) r4 + 2θ(1−θ)(1−2θ) r5
        let d3 = 1 - 2 * theta, d4 = theta * (2 - 3 * theta), d5 = 2 * theta * s * (1 - 2 * theta)
        let inverseStep = 1 / h
        for i in 0..<n {
            let r5 = count == 5 ? r[4 * n + i] : 0
            value[i] = r[i] + theta * (r[n + i] + s * (r[2 * n + i] + theta * (r[3 * n + i] + s * r5)))
            if let derivative {
                derivative[i] = (r[n + i] + d3 * r[2 * n + i] + d4 * r[3 * n + i] + d5 * r5) * inverseStep
            }
        }
    }
}
