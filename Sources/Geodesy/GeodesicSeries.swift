/// Six Fourier coefficients c₁…c₆ of a sine series Σₗ cₗ sin 2lσ, held inline (no heap storage).
struct SineSeries6 {
    var c1 = 0.0, c2 = 0.0, c3 = 0.0, c4 = 0.0, c5 = 0.0, c6 = 0.0

    /// Σₗ₌₁⁶ cₗ sin 2lσ from sin σ and cos σ by Clenshaw summation
    /// (bₗ = cₗ + 2 cos 2σ · bₗ₊₁ − bₗ₊₂; the sum is b₁ sin 2σ).
    @inline(__always)
    func sum(sin s: Double, cos c: Double) -> Double {
        let twoCos2 = 2 * (c - s) * (c + s)
        var b1 = c6
        var b2 = 0.0
        var b0 = twoCos2 * b1 - b2 + c5; b2 = b1; b1 = b0
        b0 = twoCos2 * b1 - b2 + c4; b2 = b1; b1 = b0
        b0 = twoCos2 * b1 - b2 + c3; b2 = b1; b1 = b0
        b0 = twoCos2 * b1 - b2 + c2; b2 = b1; b1 = b0
        b0 = twoCos2 * b1 - b2 + c1
        return 2 * s * c * b0
    }
}

/// The series of Karney (2013), eqs. (15)–(25), expanded to sixth order in
/// ε = (√(1 + k²) − 1)/(√(1 + k²) + 1), k = e′ cos α₀, and (for I₃) the third flattening n.
///
/// Distance:          s/b = I₁(σ) = A₁ (σ + Σ C₁ₗ sin 2lσ)
/// Reduced length:    uses I₂(σ) = A₂ (σ + Σ C₂ₗ sin 2lσ)
/// Longitude:         λ = ω − f sin α₀ I₃(σ),  I₃(σ) = A₃ (σ + Σ C₃ₗ sin 2lσ)
enum GeodesicSeries {
    /// A₁ − 1, with A₁ = (1 + ε²/4 + ε⁴/64 + ε⁶/256)/(1 − ε).
    @inline(__always)
    static func a1Minus1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (64 + e2 * (4 + e2)) / 256
        return (t + eps) / (1 - eps)
    }

    @inline(__always)
    static func c1(_ eps: Double) -> SineSeries6 {
        let e2 = eps * eps, e3 = e2 * eps, e4 = e2 * e2, e5 = e4 * eps, e6 = e4 * e2
        return SineSeries6(
            c1: -eps / 2 + 3 * e3 / 16 - e5 / 32,
            c2: -e2 / 16 + e4 / 32 - 9 * e6 / 2048,
            c3: -e3 / 48 + 3 * e5 / 256,
            c4: -5 * e4 / 512 + 3 * e6 / 512,
            c5: -7 * e5 / 1280,
            c6: -7 * e6 / 2048)
    }

    /// A₂ − 1, with A₂ = (1 − ε)(1 + ε²/4 + 9ε⁴/64 + 25ε⁶/256).
    @inline(__always)
    static func a2Minus1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (64 + e2 * (36 + 25 * e2)) / 256
        return t * (1 - eps) - eps
    }

    @inline(__always)
    static func c2(_ eps: Double) -> SineSeries6 {
        let e2 = eps * eps, e3 = e2 * eps, e4 = e2 * e2, e5 = e4 * eps, e6 = e4 * e2
        return SineSeries6(
            c1: eps / 2 + e3 / 16 + e5 / 32,
            c2: 3 * e2 / 16 + e4 / 32 + 35 * e6 / 2048,
            c3: 5 * e3 / 48 + 5 * e5 / 256,
            c4: 35 * e4 / 512 + 7 * e6 / 512,
            c5: 63 * e5 / 1280,
            c6: 77 * e6 / 2048)
    }
}

/// The n-dependent polynomials of A₃ and C₃ₗ (Karney 2013, eqs. 24–25), evaluated once per
/// ellipsoid so each geodesic only sums polynomials in ε.
struct ThirdFlatteningSeries: Sendable {
    /// A₃ = Σₖ a[k] εᵏ, k = 0…5.
    let a0, a1, a2, a3, a4, a5: Double
    /// C₃ₗ = Σₖ cₗₖ εᵏ for k = l…5.
    let c11, c12, c13, c14, c15: Double
    let c22, c23, c24, c25: Double
    let c33, c34, c35: Double
    let c44, c45: Double
    let c55: Double

    init(n: Double) {
        let n2 = n * n
        a0 = 1
        a1 = -(1 - n) / 2
        a2 = -(1.0 / 4 + n / 8 - 3 * n2 / 8)
        a3 = -(1.0 / 16 + 3 * n / 16 + n2 / 16)
        a4 = -(3.0 / 64 + n / 32)
        a5 = -3.0 / 128
        c11 = (1 - n) / 4
        c12 = (1 - n2) / 8
        c13 = (3 + 3 * n - n2) / 64
        c14 = (5 + 2 * n) / 128
        c15 = 3.0 / 128
        c22 = (2 - 3 * n + n2) / 32
        c23 = (3 - 2 * n - 3 * n2) / 64
        c24 = (3 + n) / 128
        c25 = 5.0 / 256
        c33 = (5 - 9 * n + 5 * n2) / 192
        c34 = (9 - 10 * n) / 384
        c35 = 7.0 / 512
        c44 = (7 - 14 * n) / 512
        c45 = 7.0 / 512
        c55 = 21.0 / 2560
    }

    @inline(__always)
    func a3(_ eps: Double) -> Double {
        a0 + eps * (a1 + eps * (a2 + eps * (a3 + eps * (a4 + eps * a5))))
    }

    @inline(__always)
    func c3(_ eps: Double) -> SineSeries6 {
        let e2 = eps * eps, e3 = e2 * eps, e4 = e2 * e2, e5 = e4 * eps
        return SineSeries6(
            c1: eps * (c11 + eps * (c12 + eps * (c13 + eps * (c14 + eps * c15)))),
            c2: e2 * (c22 + eps * (c23 + eps * (c24 + eps * c25))),
            c3: e3 * (c33 + eps * (c34 + eps * c35)),
            c4: e4 * (c44 + eps * c45),
            c5: e5 * c55,
            c6: 0)
    }
}
