import Foundation
import LinearAlgebra

/// Simulated annealing for box-bounded problems, after Matlab's `simulannealbnd` used in the monograph
/// (Ch. 2–3; Ingber's adaptive simulated annealing for the per-dimension temperatures).
///
/// Each dimension i has an annealing parameter kᵢ and temperature Tᵢ = schedule(T₀ᵢ, kᵢ):
/// fast Tᵢ = T₀ᵢ/kᵢ, Boltzmann Tᵢ = T₀ᵢ/ln kᵢ (kᵢ ≥ 2 to keep it finite), exponential T₀ᵢ·0.95^kᵢ.
/// A trial point is x + s ∘ u with u a random unit direction and s = T (fast, exponential) or √T
/// (Boltzmann); coordinates leaving the box are reflected back. A worse point (Δ > 0) is accepted
/// with probability 1/(1 + exp(Δ/max T)). Every `reannealInterval` accepted points, the sensitivities
/// sᵢ = |∂f/∂xᵢ| at the best point (forward differences) raise the temperature of insensitive
/// dimensions: Tᵢ ← min(T₀ᵢ, max T · max s / sᵢ), and kᵢ is reset to give that temperature.
/// The run stops when the best value improved by less than `budget.tolerance` (relative to
/// max(1, |f|)) over the last `stallIterations` iterations, or when the budget is spent.
public struct SimulatedAnnealing: Optimizer {
    public enum Schedule: String, Sendable, CaseIterable { case fast, boltzmann, exponential }
    public var schedule: Schedule
    /// T₀ per dimension; nil uses each dimension's box width.
    public var initialTemperature: [Double]?
    public var reannealInterval: Int
    /// nil: 500 N (Matlab's StallIterLimit default).
    public var stallIterations: Int?
    public var start: [Double]?
    public var hybrid: HybridRefinement
    /// Share of `budget.maxTrials` kept for the hybrid step.
    public var hybridShare: Double

    public var name: String { "simulated-annealing-\(schedule.rawValue)" + (hybrid == .none ? "" : "+\(hybrid.rawValue)") }

    public init(schedule: Schedule = .fast, initialTemperature: [Double]? = nil, reannealInterval: Int = 100,
                stallIterations: Int? = nil, start: [Double]? = nil, hybrid: HybridRefinement = .none, hybridShare: Double = 0.2) {
        self.hybrid = hybrid; self.hybridShare = hybridShare
        self.schedule = schedule; self.initialTemperature = initialTemperature
        self.reannealInterval = reannealInterval; self.stallIterations = stallIterations; self.start = start
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        let t0 = initialTemperature ?? zip(lo, hi).map { $1 - $0 }
        try MetaheuristicError.require(t0.count == n && t0.allSatisfy { $0 > 0 }, "initialTemperature",
                                       "\(n) positive temperatures", "\(t0)")
        try MetaheuristicError.require(reannealInterval >= 1, "reannealInterval", "at least 1", "\(reannealInterval)")
        let stallLimit = stallIterations ?? 500 * n
        try MetaheuristicError.require(stallLimit >= 1, "stallIterations", "at least 1", "\(stallLimit)")
        var rng = SeededGenerator(seed: seed)
        try MetaheuristicError.require(hybridShare >= 0 && hybridShare < 1, "hybridShare", "a fraction in [0, 1)", "\(hybridShare)")
        var annealingBudget = budget
        if hybrid != .none { annealingBudget.maxTrials = max(1, Int(Double(budget.maxTrials) * (1 - hybridShare))) }
        var ledger = TrialLedger(problem: problem, budget: annealingBudget)
        var x = start ?? Box.randomPoint(lo, hi, &rng)
        try MetaheuristicError.require(x.count == n, "start", "\(n) coordinates", "\(x.count)")
        Box.clamp(&x, lo, hi)
        var fx = ledger.evaluate(x)
        let kStart = schedule == .boltzmann ? 2.0 : 1.0
        var k = [Double](repeating: kStart, count: n)
        var temperature = t0
        var accepted = 0, iterations = 0
        var bestHistory: [Double] = []
        var termination = TerminationReason.trialBudgetExhausted
        var direction = [Double](repeating: 0, count: n)

        func temperatureFor(_ i: Int, _ k: Double) -> Double {
            switch schedule {
            case .fast: return t0[i] / k
            case .boltzmann: return t0[i] / log(k)
            case .exponential: return t0[i] * pow(0.95, k)
            }
        }
        func parameterFor(_ i: Int, _ t: Double) -> Double {
            switch schedule {
            case .fast: return max(1, t0[i] / t)
            case .boltzmann: return max(2, exp(t0[i] / t))
            case .exponential: return max(1, log(t / t0[i]) / log(0.95))
            }
        }

        while true {
            if let reason = ledger.stopReason { termination = reason; break }
            iterations += 1
            var norm = 0.0
            for i in 0..<n { direction[i] = rng.nextGaussian(); norm += direction[i] * direction[i] }
            norm = max(norm.squareRoot(), 1e-300)
            var y = x
            for i in 0..<n {
                let step = schedule == .boltzmann ? temperature[i].squareRoot() : temperature[i]
                y[i] = Box.reflect(x[i] + step * direction[i] / norm, lo[i], hi[i])
            }
            let fy = ledger.evaluate(y)
            let delta = fy - fx
            let tMax = temperature.max()!
            if delta <= 0 || rng.nextUniform() < 1 / (1 + exp(delta / max(tMax, 1e-300))) {
                x = y; fx = fy; accepted += 1
                if accepted % reannealInterval == 0 && !ledger.exhausted {
                    // Re-anneal from sensitivities at the best point.
                    let base = ledger.bestPoint, fBase = ledger.bestValue
                    var sensitivity = [Double](repeating: 0, count: n)
                    for i in 0..<n where !ledger.exhausted {
                        var p = base
                        let h = 1e-6 * (hi[i] - lo[i])
                        p[i] = base[i] + h <= hi[i] ? base[i] + h : base[i] - h
                        sensitivity[i] = abs(ledger.evaluate(p) - fBase) / h
                    }
                    let sMax = sensitivity.max()!
                    if sMax > 0 && sMax.isFinite {
                        for i in 0..<n {
                            let s = max(sensitivity[i], sMax * 1e-12)
                            temperature[i] = min(t0[i], tMax * sMax / s)
                            k[i] = parameterFor(i, temperature[i])
                        }
                    }
                    x = ledger.bestPoint; fx = ledger.bestValue
                }
            }
            for i in 0..<n { k[i] += 1; temperature[i] = temperatureFor(i, k[i]) }
            bestHistory.append(ledger.bestValue)
            if bestHistory.count > stallLimit {
                let old = bestHistory[bestHistory.count - 1 - stallLimit]
                let change = (old - ledger.bestValue) / Double(stallLimit)
                if old.isFinite && change <= budget.tolerance * max(1, abs(ledger.bestValue)) { termination = .stalled; break }
                bestHistory.removeFirst(bestHistory.count - stallLimit - 1)
            }
        }
        let result = ledger.result(method: "simulated-annealing-\(schedule.rawValue)", iterations: iterations, termination: termination)
        return try hybrid.refine(result, problem, budget)
    }
}
