import Foundation
import Geodesy
import LinearAlgebra
import MigrationModel
@testable import PhysicsInformed

/// A synthetic migration system with known physics and a known force, simulated by the project's
/// Dormand–Prince solver: the ground truth for gradient checks and recovery tests.
///
/// Four settlements (Korean coordinates), α = 0.6, γ = 1.5, β = 0.4, δ = 0.5, c = 0.7, m = 1,
/// d₀ = 100 km; a prescribed similarity matrix and mobilities; a slowly varying force
/// fᵢ(t) = aᵢ + bᵢ·sin(2π(t − t₀)/30) and an initial state away from equilibrium, so the record
/// shows the system's own damped oscillations on top of the forced drift.
struct SyntheticCase {
    static let latitudes = [37.57, 35.18, 35.87, 36.35]
    static let longitudes = [126.98, 129.08, 128.60, 127.38]
    static let truth = ModelParameters(alpha: 0.6, distanceScale: 100, gamma: 1.5, beta: 0.4, delta: 0.5, damping: 0.7, inertia: 1)
    static let similarity = Matrix([[0, 0.6, 0.1, 0], [0.6, 0, 0.5, 0.2], [0.1, 0.5, 0, 0.7], [0, 0.2, 0.7, 0]])
    static let mobility = [0.2, 0.5, 0.4, 0.7]
    static let a = [-3.0, 2.0, 1.0, 0.5], b = [1.5, -1.0, 0.8, -0.6]
    static let t0 = 2000.0

    static func force(_ t: Double) -> [Double] {
        (0..<4).map { a[$0] + b[$0] * sin(2 * Double.pi * (t - t0) / 30) }
    }

    let times: [Double]
    let clean: [[Double]]
    let noisy: [[Double]]

    /// Observations every `step` years over `years`, with Gaussian noise of `noise` × rms(q).
    init(years: Double = 24, step: Double = 0.25, noise: Double = 0.01, seed: UInt64 = 3) throws {
        let p = SyntheticCase.truth
        let d = try DistanceTable.allPairs(latitudes: SyntheticCase.latitudes, longitudes: SyntheticCase.longitudes, metric: .sphere)
        let terms: [any PotentialTerm] = [
            LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p)),
            LaplacianCouplingTerm(name: "similarity", weights: .dense(p.beta * SyntheticCase.similarity)),
            AgeRestoringTerm(delta: p.delta, mobility: SyntheticCase.mobility),
        ]
        let model = try LagrangianModel(inertia: [1, 1, 1, 1], damping: p.damping, terms: terms)
        let count = Int((years / step).rounded())
        let times = (0...count).map { SyntheticCase.t0 + Double($0) * step }
        let forcing = ClosureForcing(dimension: 4) { t, out in
            let f = SyntheticCase.force(t)
            for i in 0..<4 { out[i] = f[i] }
        }
        let settings = SimulationSettings(start: times[0], end: times.last!, outputTimes: times, solver: .dp5, rtol: 1e-10, atol: 1e-12)
        let run = try Simulation.run(model: model, forcing: forcing, initialBalance: [4, -3, 2, -1],
                                     initialVelocity: [-2, 1.5, 0.5, 1], settings: settings)
        let rms = (run.balances.flatMap { $0 }.map { $0 * $0 }.reduce(0, +) / Double(4 * times.count)).squareRoot()
        var rng = SeededGenerator(seed: seed)
        self.times = times
        clean = run.balances
        noisy = run.balances.map { row in row.map { $0 + noise * rms * rng.nextGaussian() } }
    }

    /// The fitting problem, starting from parameters away from the truth.
    func problem(start: ModelParameters) throws -> PINNProblem {
        let d = try DistanceTable.allPairs(latitudes: SyntheticCase.latitudes, longitudes: SyntheticCase.longitudes, metric: .sphere)
        return try PINNProblem(ids: ["S1", "S2", "S3", "S4"], times: times, observations: noisy, distances: d,
                               similarity: SyntheticCase.similarity, mobility: SyntheticCase.mobility, parameters: start)
    }
}

extension PINNProblem {
    /// The n×n distances of a dense problem (every test problem here is dense).
    var denseDistances: Matrix {
        guard case .dense(let d, _) = coupling else { preconditionFailure("a sparse test problem") }
        return d
    }

    /// The n×n similarity of a dense problem.
    var denseSimilarity: Matrix {
        guard case .dense(_, let s) = coupling else { preconditionFailure("a sparse test problem") }
        return s
    }
}
