import Foundation
import LinearAlgebra

/// ACO_R, ant colony optimization for continuous domains (Socha & Dorigo 2008).
///
/// An archive of the k best solutions, sorted, stands for the pheromone. Solution l (rank from 1)
/// has weight ωₗ = exp(−(l−1)² / (2q²k²)); each of the m ants picks a solution l with probability
/// ∝ ωₗ and samples every coordinate from N(sₗᵢ, σᵢ²), σᵢ = ξ Σₑ |sₑᵢ − sₗᵢ| / (k − 1), reflected
/// into the box. The m new solutions join the archive and the worst m are dropped.
public struct AntColonyContinuous: Optimizer {
    public var archiveSize: Int
    public var ants: Int
    /// q: small values favour the best solutions.
    public var locality: Double
    /// ξ: the speed of convergence (like evaporation).
    public var convergence: Double

    public var name: String { "aco-r" }

    public init(archiveSize: Int = 50, ants: Int = 2, locality: Double = 1e-4, convergence: Double = 0.85) {
        self.archiveSize = archiveSize; self.ants = ants; self.locality = locality; self.convergence = convergence
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        try MetaheuristicError.require(archiveSize >= 2, "archiveSize", "at least 2", "\(archiveSize)")
        try MetaheuristicError.require(ants >= 1, "ants", "at least 1", "\(ants)")
        try MetaheuristicError.require(locality > 0, "locality", "a positive q", "\(locality)")
        try MetaheuristicError.require(convergence > 0, "convergence", "a positive ξ", "\(convergence)")
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        var rng = SeededGenerator(seed: seed)
        var ledger = TrialLedger(problem: problem, budget: budget)
        var archive: [(x: [Double], f: Double)] = []
        for _ in 0..<archiveSize where !ledger.exhausted {
            let x = Box.randomPoint(lo, hi, &rng)
            archive.append((x, ledger.evaluate(x)))
        }
        archive.sort { $0.f < $1.f }
        let k = Double(archive.count)
        let weights = (0..<archive.count).map { exp(-Double($0 * $0) / (2 * locality * locality * k * k)) }
        let totalWeight = weights.reduce(0, +)
        var iterations = 0
        var termination = TerminationReason.trialBudgetExhausted
        while true {
            if let reason = ledger.stopReason { termination = reason; break }
            iterations += 1
            var newcomers: [(x: [Double], f: Double)] = []
            for _ in 0..<ants where !ledger.exhausted {
                var r = rng.nextUniform() * totalWeight, l = 0
                while l < archive.count - 1 && r > weights[l] { r -= weights[l]; l += 1 }
                var x = archive[l].x
                for i in 0..<n {
                    var spread = 0.0
                    for e in archive { spread += abs(e.x[i] - archive[l].x[i]) }
                    let sigma = convergence * spread / (k - 1)
                    x[i] = Box.reflect(archive[l].x[i] + sigma * rng.nextGaussian(), lo[i], hi[i])
                }
                newcomers.append((x, ledger.evaluate(x)))
            }
            archive = Array((archive + newcomers).sorted { $0.f < $1.f }.prefix(archive.count))
        }
        return ledger.result(method: name, iterations: iterations, termination: termination)
    }
}
