import Foundation
import Testing
@testable import MigrationModel

/// The closed-form step of x″ + c x′ + λ x = g₀ + g₁τ against the textbook solutions, one per
/// damping regime, and across the boundaries between the formulas.
@Suite struct DampedOscillatorStepTests {
    /// The particular solution of the affine force (λ > 0): x_p = a + bτ, b = g₁/λ, a = (g₀ − c b)/λ.
    static func particular(lambda: Double, c: Double, g0: Double, g1: Double) -> (a: Double, b: Double) {
        let b = g1 / lambda
        return ((g0 - c * b) / lambda, b)
    }

    /// The textbook solution at τ = h, homogeneous part by regime, for λ > 0.
    static func reference(lambda: Double, c: Double, h: Double, x0: Double, u0: Double, g0: Double, g1: Double) -> (x: Double, u: Double) {
        let (a, b) = particular(lambda: lambda, c: c, g0: g0, g1: g1)
        let y0 = x0 - a, w0 = u0 - b          // homogeneous initial state
        let nu = c / 2, sigma = nu * nu - lambda
        let yh: Double, wh: Double
        if sigma < 0 {                         // underdamped: e^{−νt}(y₀ cos ωt + (w₀ + νy₀)/ω sin ωt)
            let w = (-sigma).squareRoot(), e = exp(-nu * h), bb = (w0 + nu * y0) / w
            yh = e * (y0 * cos(w * h) + bb * sin(w * h))
            wh = e * (-nu * (y0 * cos(w * h) + bb * sin(w * h)) + (-y0 * w * sin(w * h) + bb * w * cos(w * h)))
        } else if sigma == 0 {                 // critical: (y₀ + (w₀ + νy₀)t) e^{−νt}
            let e = exp(-nu * h), k = w0 + nu * y0
            yh = (y0 + k * h) * e
            wh = k * e - nu * (y0 + k * h) * e
        } else {                               // overdamped: A e^{μ₁t} + B e^{μ₂t}
            let s = sigma.squareRoot(), m1 = -nu + s, m2 = -nu - s
            let bCoef = (w0 - m1 * y0) / (m2 - m1), aCoef = y0 - bCoef
            yh = aCoef * exp(m1 * h) + bCoef * exp(m2 * h)
            wh = aCoef * m1 * exp(m1 * h) + bCoef * m2 * exp(m2 * h)
        }
        return (yh + a + b * h, wh + b)
    }

    static func stepped(lambda: Double, c: Double, h: Double, x0: Double, u0: Double, g0: Double, g1: Double)
        -> (x: Double, u: Double, regime: DampedOscillatorStep.Regime) {
        let step = DampedOscillatorStep(stiffness: lambda, damping: c, step: h)
        var x = x0, u = u0
        step.advance(x: &x, u: &u, force: g0, slope: g1)
        return (x, u, step.regime)
    }

    @Test(arguments: [
        // (λ, c, h, regime)
        (25.0, 1.0, 1.0, DampedOscillatorStep.Regime.underdamped),
        (1e6, 0.8, 1.0, .underdamped),                  // stiff: ωh = 1000
        (4.0, 4.0, 1.0, .nearCritical),                 // critically damped, σ = 0 exactly
        (4.0, 4.1, 1.0, .nearCritical),                 // just overdamped
        (4.0, 3.9, 1.0, .nearCritical),                 // just underdamped
        (2.0, 10.0, 1.0, .overdamped),
        (0.5, 50.0, 1.0, .overdamped),                  // small root −λ/c next to a large one
        (0.3, 0.8, 1.0, .series),
    ])
    func matchesTheTextbookSolution(lambda: Double, c: Double, h: Double, regime: DampedOscillatorStep.Regime) {
        for (x0, u0, g0, g1) in [(1.0, 0.0, 0.0, 0.0), (0.0, 1.0, 0.0, 0.0), (0.3, -0.7, 2.0, 0.0), (-1.0, 0.5, 1.5, -3.0)] {
            let got = Self.stepped(lambda: lambda, c: c, h: h, x0: x0, u0: u0, g0: g0, g1: g1)
            let want = Self.reference(lambda: lambda, c: c, h: h, x0: x0, u0: u0, g0: g0, g1: g1)
            #expect(got.regime == regime)
            let scale = max(1, abs(x0), abs(u0), abs(g0) / lambda, abs(g1) / lambda)
            // The textbook formulas themselves lose digits near critical damping (1/(μ₁ − μ₂)).
            let tolerance = abs(c * c / 4 - lambda) < 0.5 ? 1e-8 : 1e-12
            #expect(abs(got.x - want.x) <= tolerance * scale, "x: \(got.x) vs \(want.x) (λ \(lambda), c \(c))")
            #expect(abs(got.u - want.u) <= tolerance * scale * max(1, lambda.squareRoot()), "u: \(got.u) vs \(want.u) (λ \(lambda), c \(c))")
        }
    }

    /// λ = 0 (a free mode: the Laplacian's constant vector without the age term):
    /// u = u₀e^{−ct} + g₀(1 − e^{−ct})/c + g₁(t/c − (1 − e^{−ct})/c²), x = x₀ + ∫u.
    @Test(arguments: [0.8, 2.0, 7.0])
    func zeroEigenvalueIsExact(c: Double) {
        let h = 2.0, x0 = 0.4, u0 = -1.2, g0 = 0.7, g1 = 0.25
        let e = exp(-c * h), one = 1 - e
        let c2: Double = c * c, c3: Double = c * c * c
        let u: Double = u0 * e + g0 * one / c + g1 * (h / c - one / c2)
        let xForce: Double = g0 * (h / c - one / c2)
        let xSlope: Double = g1 * (h * h / (2 * c) - h / c2 + one / c3)
        let x: Double = x0 + u0 * one / c + xForce + xSlope
        let got = Self.stepped(lambda: 0, c: c, h: h, x0: x0, u0: u0, g0: g0, g1: g1)
        #expect(abs(got.x - x) <= 1e-13 * max(1, abs(x)) && abs(got.u - u) <= 1e-13 * max(1, abs(u)), "\(got) vs \(x), \(u)")
    }

    /// λ = 0, c = 0: a free particle, x = x₀ + u₀h + g₀h²/2 + g₁h³/6.
    @Test func freeParticle() {
        let h = 1.5
        let got = Self.stepped(lambda: 0, c: 0, h: h, x0: 1, u0: 2, g0: 3, g1: 4)
        let x: Double = 1 + 2 * h + 1.5 * h * h + (4.0 / 6.0) * h * h * h
        let u: Double = 2 + 3 * h + 2 * h * h
        #expect(abs(got.x - x) < 1e-14 * x)
        #expect(abs(got.u - u) < 1e-14 * u)
    }

    /// The formulas agree where the regimes meet (no jump across a threshold): λh² = 1, ch = 3,
    /// |σ|h² = 1 approached from both sides.
    @Test(arguments: [
        (1.0, 1.0), (1.0, 3.0), (0.2, 3.0),                 // series boundary
        (2.0, 2 * (3.0).squareRoot()), (2.0, 2 * (1.0).squareRoot()), (10.0, 2 * (11.0).squareRoot()), (10.0, 2 * (9.0).squareRoot()),
    ])
    func continuousAcrossRegimes(lambda: Double, c: Double) {
        let e = 1e-12
        let centre = DampedOscillatorStep(stiffness: lambda, damping: c, step: 1)
        let neighbours = [(lambda * (1 - e), c * (1 - e)), (lambda * (1 + e), c * (1 + e)), (lambda, c * (1 - e)), (lambda, c * (1 + e))]
            .map { DampedOscillatorStep(stiffness: $0.0, damping: $0.1, step: 1) }
        #expect(Set(neighbours.map(\.regime.rawValue)).count > 1, "the arguments should straddle a regime boundary")
        for s in neighbours {
            for (a, b) in [(s.p11, centre.p11), (s.p12, centre.p12), (s.p21, centre.p21), (s.p22, centre.p22), (s.r1, centre.r1), (s.r2, centre.r2)] {
                #expect(abs(a - b) <= 1e-10 * max(1, abs(b)), "\(s.regime) vs \(centre.regime): \(a) vs \(b) at λ \(lambda), c \(c)")
            }
        }
    }
}
