import Foundation
import LinearAlgebra

/// The visiting distribution of generalized simulated annealing (Tsallis & Stariolo 1996), for one
/// coordinate: the step Δx at visiting temperature T has the density
///
///     g(Δx; T) = Γ(1/(q_v−1)) / Γ(1/(q_v−1) − ½) · √((q_v−1)/π) / σ · [1 + (q_v−1) Δx²/σ²]^(−1/(q_v−1)),
///     σ = T^(1/(3−q_v)),
///
/// normalizable for 1 < q_v < 3. It is a Student t distribution with ν = (3−q_v)/(q_v−1) degrees of
/// freedom, scaled by σ/√(3−q_v): Δx = σ t/√(3−q_v). Its tails fall as |Δx|^(−1−ν), so the larger q_v,
/// the longer the jumps: q_v = 2 is the Cauchy distribution of fast annealing (Szu & Hartley 1987,
/// Δx ~ Cauchy(0, T)); q_v → 1 the Gaussian of classical annealing (Δx ~ N(0, T/2)); the usual
/// q_v = 2.62 gives ν ≈ 0.23, heavier-tailed than Cauchy.
///
/// Samples are exact: t comes from Bailey's polar method (Bailey 1994, Math. Comp. 62, 779–781):
/// for (u, v) uniform in the unit disc, w = u² + v², t = u √(ν (w^(−2/ν) − 1)/w). SciPy's
/// `dual_annealing` draws instead x/|y|^((q_v−1)/(3−q_v)) with x, y Gaussian (Mantegna's algorithm, as
/// in Tsallis & Stariolo's appendix), which has the same tails but only approximates this density.
public struct TsallisVisitingDistribution: Sendable, Equatable {
    /// q_v, in (1, 3).
    public let q: Double
    /// ν = (3 − q_v)/(q_v − 1), the degrees of freedom of the underlying t distribution.
    public var degreesOfFreedom: Double { (3 - q) / (q - 1) }

    /// Throws `MetaheuristicError` naming `visitingIndex` unless 1 < q < 3.
    public init(q: Double) throws {
        try MetaheuristicError.require(q > 1 && q < 3, "visitingIndex", "a number in (1, 3)", "\(q)")
        self.q = q
    }

    /// σ/√(3−q_v) = T^(1/(3−q_v))/√(3−q_v): the factor that turns a standard t deviate into a step.
    public func scale(temperature: Double) -> Double {
        pow(temperature, 1 / (3 - q)) / (3 - q).squareRoot()
    }

    /// The density g(Δx; T) above.
    public func density(_ step: Double, temperature: Double) -> Double {
        let sigma = pow(temperature, 1 / (3 - q))
        let a = 1 / (q - 1)
        let logGammaRatio: Double = lgamma(a) - lgamma(a - 0.5)
        let logNorm: Double = logGammaRatio + 0.5 * log((q - 1) / Double.pi) - log(sigma)
        return exp(logNorm - a * log1p((q - 1) * step * step / (sigma * sigma)))
    }

    /// One step Δx at visiting temperature T.
    public func sample(temperature: Double, _ rng: inout SeededGenerator) -> Double {
        var u = 0.0, w = 0.0
        repeat {
            u = 2 * rng.nextUniform() - 1
            let v = 2 * rng.nextUniform() - 1
            w = u * u + v * v
        } while w == 0 || w >= 1
        // ν (w^(−2/ν) − 1) / (3 − q_v) = (w^(−2/ν) − 1)/(q_v − 1); expm1 keeps it accurate as q_v → 1.
        let nu = degreesOfFreedom
        let t2 = expm1(-2 / nu * log(w)) / ((q - 1) * w)
        return pow(temperature, 1 / (3 - q)) * u * t2.squareRoot()
    }
}
