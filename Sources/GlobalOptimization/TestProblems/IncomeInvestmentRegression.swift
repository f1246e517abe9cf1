/// The monograph's §2.1 regression of population growth on household incomes x₁ and fixed
/// investment x₂ (its `smoothFcn1`, minimization form, y = −growth):
/// y = 290.198 − 0.036 x₂ − 57.229 √x₁ + 33.052 √x₂ on [0, 37914.6] × [0, 736854.4].
/// The minimum is at the corner (37914.6, 0): y = −10,853.2, i.e. a growth of 10,853.2 people.
/// §2.2 adds Gaussian noise of σ = 167.8 to every evaluation (`noisy(seed:)`).
public enum IncomeInvestmentRegression {
    public static let lowerBounds: [Double] = [0, 0]
    public static let upperBounds: [Double] = [37914.6, 736854.4]

    public static func value(_ x: [Double]) -> Double {
        290.198 - 0.036 * x[1] - 57.229 * x[0].squareRoot() + 33.052 * x[1].squareRoot()
    }

    public static let minimizer: [Double] = [37914.6, 0]
    public static var minimum: Double { value(minimizer) }

    public static var problem: OptimizationProblem {
        OptimizationProblem(name: "income-investment-regression", lowerBounds: lowerBounds, upperBounds: upperBounds,
                            knownMinimum: minimum, knownMinimizer: minimizer, objective: value)
    }

    /// The §2.2 stochastic objective: value(x) + σ·z with σ = 167.8 and z a standard normal deviate
    /// that is a pure function of (x, seed) — a hash of the coordinates' bits through SplitMix64 and
    /// Box–Muller — so runs are reproducible and the closure stays `Sendable`.
    public static func noisy(seed: UInt64, sigma: Double = 167.8) -> OptimizationProblem {
        OptimizationProblem(name: "income-investment-regression-noisy", lowerBounds: lowerBounds, upperBounds: upperBounds) { x in
            var h = seed
            for v in x { h = splitMix(h ^ v.bitPattern) }
            let u1 = (Double(splitMix(h) >> 11) + 0.5) * 0x1.0p-53
            let u2 = Double(splitMix(h &+ 0x9E37_79B9_7F4A_7C15) >> 11) * 0x1.0p-53
            let z = (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
            return value(x) + sigma * z
        }
    }

    static func splitMix(_ seed: UInt64) -> UInt64 {
        var x = seed &+ 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }
}

import Foundation
private func _log(_ x: Double) -> Double { Foundation.log(x) }
private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
