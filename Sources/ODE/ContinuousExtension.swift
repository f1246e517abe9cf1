/// The piecewise-polynomial continuous extension of one step [t, t + h], in Hairer's nested form
///
///     u(t + θh) = r₁ + θ·(r₂ + (1−θ)·(r₃ + θ·(r₄ + (1−θ)·r₅))),   0 ≤ θ ≤ 1,
///
/// with r₁ = yₙ, r₂ = yₙ₊₁ − yₙ, r₃ = h·fₙ − r₂, r₄ = r₂ − h·fₙ₊₁ − r₃. With r₅ = 0 this is the cubic
/// Hermite interpolant of (yₙ, fₙ, yₙ₊₁, fₙ₊₁); Dormand–Prince adds r₅ = h·Σ dᵢkᵢ, which raises it to
/// the fourth-order continuous extension of DOPRI5 (Hairer, Nørsett & Wanner I, §II.6, code `CONTD5`).
/// DOP853's 7th-order extension continues the same alternating pattern with eight vectors.
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

    /// u(t + θh) into `value` and u′(t + θh) (the time derivative) into `derivative`, for the general
    /// alternating form u = r₀ + θ(r₁ + (1−θ)(r₂ + θ(r₃ + …))) with `count` vectors r₀…r_(count−1)
    /// (4: Hermite, 5: Dormand–Prince 5, 8: DOP853), evaluated from the inside out together with its
    /// θ-derivative.
    @inline(__always)
    static func evaluate(n: Int, count: Int, h: Double, theta: Double, r: UnsafePointer<Double>,
                         value: UnsafeMutablePointer<Double>, derivative: UnsafeMutablePointer<Double>?) {
        let complement = 1 - theta
        let inverseStep = 1 / h
        for i in 0..<n {
            var u = 0.0, du = 0.0
            for j in stride(from: count - 1, through: 1, by: -1) {
                let inner = u + r[j * n + i]
                if j % 2 == 1 {
                    du = du * theta + inner
                    u = inner * theta
                } else {
                    du = du * complement - inner
                    u = inner * complement
                }
            }
            value[i] = r[i] + u
            derivative?[i] = du * inverseStep
        }
    }
}
