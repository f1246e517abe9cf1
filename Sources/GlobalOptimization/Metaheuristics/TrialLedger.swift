import Foundation
import LinearAlgebra

/// Counts objective evaluations against a budget and keeps the best point and the trace.
///
/// Every metaheuristic evaluates through a ledger, so all of them count trials the same way.
/// Infeasible points (some gⱼ(x) > 0) get the value +∞ ("death penalty"); the objective is not
/// called for them but the trial is counted.
struct TrialLedger {
    let problem: OptimizationProblem
    let budget: OptimizationBudget
    private(set) var trials = 0
    private(set) var bestValue = Double.infinity
    private(set) var bestPoint: [Double]
    private(set) var trace: [TraceEntry] = []
    private let started = Date()

    init(problem: OptimizationProblem, budget: OptimizationBudget) {
        self.problem = problem
        self.budget = budget
        self.bestPoint = zip(problem.lowerBounds, problem.upperBounds).map { ($0 + $1) / 2 }
    }

    /// Evaluates f at x (which must lie in the box), updating the best point and the trace.
    mutating func evaluate(_ x: [Double]) -> Double {
        trials += 1
        var value: Double
        if problem.constraints.contains(where: { $0(x) > 0 }) {
            value = .infinity
        } else {
            value = problem.objective(x)
            if value.isNaN { value = .infinity }
        }
        if value < bestValue {
            bestValue = value
            bestPoint = x
            trace.append(TraceEntry(trials: trials, bestValue: value))
        }
        return value
    }

    /// Why the run must stop now, or nil to go on.
    var stopReason: TerminationReason? {
        if let target = budget.targetValue, bestValue <= target { return .targetReached }
        if trials >= budget.maxTrials { return .trialBudgetExhausted }
        if let seconds = budget.maxSeconds, Date().timeIntervalSince(started) >= seconds { return .timeLimitReached }
        return nil
    }

    var exhausted: Bool { stopReason != nil }

    /// The budget of a sub-run (a local search) of at most `maxTrials` trials: never more trials or
    /// seconds than this ledger has left, with the same target and tolerance.
    func subBudget(maxTrials: Int) -> OptimizationBudget {
        var sub = budget
        sub.maxTrials = min(maxTrials, budget.maxTrials - trials)
        if let seconds = budget.maxSeconds { sub.maxSeconds = max(0, seconds - Date().timeIntervalSince(started)) }
        return sub
    }

    /// Counts the trials of a sub-run made outside the ledger as its own, taking its best point and
    /// its trace (shifted by the trials made before it) where they improve on the ledger's.
    mutating func absorb(_ sub: OptimizationResult) {
        if sub.bestValue < bestValue {
            trace += sub.trace.filter { $0.bestValue < bestValue }.map { TraceEntry(trials: trials + $0.trials, bestValue: $0.bestValue) }
            bestValue = sub.bestValue; bestPoint = sub.bestPoint
        }
        trials += sub.trials
    }

    func result(method: String, iterations: Int, termination: TerminationReason) -> OptimizationResult {
        OptimizationResult(method: method, bestPoint: bestPoint, bestValue: bestValue, trials: trials,
                           iterations: iterations, termination: termination, trace: trace)
    }
}

/// Box helpers shared by the continuous methods.
enum Box {
    /// Clamps x into [lower, upper] componentwise.
    static func clamp(_ x: inout [Double], _ lower: [Double], _ upper: [Double]) {
        for i in x.indices { x[i] = min(max(x[i], lower[i]), upper[i]) }
    }

    /// Reflects a coordinate that left [a, b] back inside (repeatedly, then clamps).
    static func reflect(_ v: Double, _ a: Double, _ b: Double) -> Double {
        var v = v
        for _ in 0..<4 {
            if v < a { v = 2 * a - v } else if v > b { v = 2 * b - v } else { return v }
        }
        return min(max(v, a), b)
    }

    /// Wraps a coordinate that left [a, b) back inside periodically: a + ((v − a) mod (b − a)).
    static func wrap(_ v: Double, _ a: Double, _ b: Double) -> Double {
        let width = b - a
        var r = fmod(v - a, width)
        if r < 0 { r += width }
        return min(a + r, b)
    }

    /// A uniform random point in the box.
    static func randomPoint(_ lower: [Double], _ upper: [Double], _ rng: inout SeededGenerator) -> [Double] {
        (0..<lower.count).map { lower[$0] + (upper[$0] - lower[$0]) * rng.nextUniform() }
    }

    static func validate(_ problem: OptimizationProblem, _ budget: OptimizationBudget) throws {
        try MetaheuristicError.require(problem.dimension >= 1, "problem.dimension", "at least 1", "\(problem.dimension)")
        try MetaheuristicError.require(budget.maxTrials >= 1, "budget.maxTrials", "at least 1", "\(budget.maxTrials)")
        try MetaheuristicError.require(budget.tolerance >= 0, "budget.tolerance", "a non-negative number", "\(budget.tolerance)")
    }
}

/// A uniform integer in 0..<n drawn from a seeded generator.
extension SeededGenerator {
    mutating func nextIndex(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
