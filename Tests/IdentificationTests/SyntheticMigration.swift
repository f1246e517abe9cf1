import Foundation
import Identification
import MigrationModel

/// A synthetic migration system with known parameters and a known force: five settlements (Korean
/// coordinates), three age groups, a fixed set of similarity series, and a smooth sinusoidal force
///
///     fᵢ(t) = aᵢ + bᵢ·sin(2π(t − t₀)/Pᵢ + φᵢ),
///
/// integrated by the project's Dormand–Prince solver from a state away from equilibrium. The
/// "observations" are that simulation, so U = 0 exactly at the true parameters.
enum SyntheticMigration {
    static let truth = ModelParameters(alpha: 0.6, distanceScale: 100, gamma: 1.5, beta: 0.4, delta: 0.5, damping: 0.7, inertia: 1,
                                       ageFunction: .smoothStep(young: 30, old: 60), metric: .sphere)
    static let t0 = 2000.0
    static let a = [-3.0, 2.0, 1.0, 0.5, -0.5], b = [1.5, -1.0, 0.8, -0.6, 1.2]
    static let periods = [6.0, 9.0, 5.0, 7.0, 8.0], phases = [0.0, 1.0, 2.0, 0.5, 4.0]

    static let settlements: [Settlement] = {
        let lat = [37.57, 35.18, 35.87, 36.35, 37.45], lon = [126.98, 129.08, 128.60, 127.38, 126.70]
        // Shares of the groups 0–30, 30–60, 60–100 years: mobility Aᵢ from 0.35 to 0.75.
        let shares = [[0.6, 0.3, 0.1], [0.3, 0.4, 0.3], [0.45, 0.35, 0.2], [0.2, 0.3, 0.5], [0.5, 0.4, 0.1]]
        return (0..<5).map { Settlement(id: "S\($0 + 1)", latitude: lat[$0], longitude: lon[$0], population: 1e6, ageShares: shares[$0]) }
    }()
    static let ages = AgeStructure(lowerBounds: [0, 30, 60], upperBounds: [30, 60, 100])

    /// Series whose correlations give the similarity term (independent of the parameters).
    static let similaritySeries: [[Double?]] = (0..<5).map { i in
        (0..<24).map { k -> Double? in
            let x = Double(k), shift = Double(i % 3) * 0.7, weight = 0.1 * Double(i)
            return sin(x * 0.5 + shift) + weight * cos(x)
        }
    }

    static let forcing = ClosureForcing(dimension: 5) { t, out in
        for i in 0..<5 { out[i] = a[i] + b[i] * sin(2 * Double.pi * (t - t0) / periods[i] + phases[i]) }
    }

    static let initialBalance = [4.0, -3, 2, -1, 1.5]
    static let initialVelocity = [-2.0, 1.5, 0.5, 1, 0]

    /// Quarterly observation times over `years`.
    static func times(years: Double) -> [Double] {
        (0...Int((years * 4).rounded())).map { t0 + Double($0) * 0.25 }
    }

    /// The case with `observed` (placeholder zeros to simulate the truth first).
    static func makeCase(years: Double = 10, observed: [[Double]]? = nil, base: ModelParameters = truth,
                         rtol: Double = 1e-7, atol: Double = 1e-9) throws -> IdentificationCase {
        let t = times(years: years)
        return try IdentificationCase(settlements: settlements, ages: ages, similaritySeries: similaritySeries, base: base,
                                      times: t, observed: observed ?? t.map { _ in [Double](repeating: 0, count: 5) },
                                      initialBalance: initialBalance, initialVelocity: initialVelocity, forcing: forcing,
                                      solver: .dp5, rtol: rtol, atol: atol)
    }

    /// The case whose observations are the truth's simulation, with the base parameters `base`.
    static func observedCase(years: Double = 10, base: ModelParameters = truth) throws -> IdentificationCase {
        let clean = try makeCase(years: years).simulate(truth).balances
        return try makeCase(years: years, observed: clean, base: base)
    }
}
