import Foundation
import LinearAlgebra

/// Simulated annealing over tours (Kirkpatrick, Gelatt, Vecchi 1983; Černý 1985).
///
/// Neighbour: a random 2-opt move (reverse a segment). Metropolis acceptance: a move that lengthens
/// the tour by Δ is taken with probability exp(−Δ/T). Cooling per `movesPerTemperature` moves:
/// geometric T ← αT, or the 1/k law T = T₀/(1 + k). T₀ is set so that an average uphill move of the
/// random start is accepted with probability `initialAcceptance`. Each of `restarts` runs (sharing
/// the move budget) starts from a fresh random tour; the best tour found is polished by 2-opt.
public struct TourAnnealing: Sendable {
    public enum Cooling: String, Sendable { case geometric, harmonic }
    public var name: String { "tour-annealing" }
    public var cooling: Cooling
    public var alpha: Double
    public var movesPerTemperature: Int
    public var initialAcceptance: Double
    public var restarts: Int

    public init(cooling: Cooling = .geometric, alpha: Double = 0.95, movesPerTemperature: Int = 1000,
                initialAcceptance: Double = 0.5, restarts: Int = 1) {
        self.cooling = cooling; self.alpha = alpha; self.movesPerTemperature = movesPerTemperature
        self.initialAcceptance = initialAcceptance; self.restarts = restarts
    }

    /// `budget.maxTrials` counts proposed moves; `targetValue` stops at a tour that short.
    public func minimize(_ problem: TourProblem, budget: OptimizationBudget, seed: UInt64) throws -> TourResult {
        try MetaheuristicError.require(problem.cityCount >= 4, "cityCount", "at least 4 cities", "\(problem.cityCount)")
        try MetaheuristicError.require(alpha > 0 && alpha < 1, "alpha", "a cooling factor in (0, 1)", "\(alpha)")
        try MetaheuristicError.require(movesPerTemperature >= 1, "movesPerTemperature", "at least 1", "\(movesPerTemperature)")
        try MetaheuristicError.require(initialAcceptance > 0 && initialAcceptance < 1, "initialAcceptance",
                                       "a probability in (0, 1)", "\(initialAcceptance)")
        try MetaheuristicError.require(restarts >= 1, "restarts", "at least 1", "\(restarts)")
        var rng = SeededGenerator(seed: seed)
        let n = problem.cityCount
        var best: [Int] = Array(0..<n), bestLength = Double.infinity
        var trials = 0, iterations = 0
        var trace: [TraceEntry] = []
        var termination = TerminationReason.trialBudgetExhausted
        let movesPerRun = budget.maxTrials / restarts
        runs: for run in 0..<restarts {
            var tour = Array(0..<n)
            tour.shuffle(using: &rng)
            var length = problem.length(of: tour)
            if length < bestLength { bestLength = length; best = tour }
            // T₀ from the mean uphill Δ of 100 random moves.
            var uphill = 0.0, count = 0
            for _ in 0..<100 {
                let (i, j) = randomSegment(n, &rng)
                let delta = moveDelta(problem, tour, i, j)
                if delta > 0 { uphill += delta; count += 1 }
            }
            let t0 = count > 0 ? -(uphill / Double(count)) / log(initialAcceptance) : 1
            var temperature = t0
            var stage = 0
            let runEnd = run == restarts - 1 ? budget.maxTrials : (run + 1) * movesPerRun
            while trials < runEnd {
                for _ in 0..<movesPerTemperature where trials < runEnd {
                    trials += 1
                    let (i, j) = randomSegment(n, &rng)
                    let delta = moveDelta(problem, tour, i, j)
                    if delta <= 0 || rng.nextUniform() < exp(-delta / temperature) {
                        tour[(i + 1)...j].reverse()
                        length += delta
                        if length < bestLength - 1e-12 {
                            bestLength = length; best = tour
                            trace.append(TraceEntry(trials: trials, bestValue: length))
                            if let target = budget.targetValue, bestLength <= target { termination = .targetReached; break runs }
                        }
                    }
                }
                stage += 1; iterations += 1
                temperature = cooling == .geometric ? temperature * alpha : t0 / Double(1 + stage)
            }
        }
        bestLength = problem.twoOpt(&best)
        if let target = budget.targetValue, bestLength <= target { termination = .targetReached }
        return TourResult(method: name, tour: best, length: bestLength, trials: trials, iterations: iterations,
                          termination: termination, trace: trace)
    }

    /// A segment 0 ≤ i < j ≤ n−1 with j ≥ i+2 and not the whole cycle; reversing tour[i+1...j] is a 2-opt move.
    private func randomSegment(_ n: Int, _ rng: inout SeededGenerator) -> (Int, Int) {
        while true {
            var i = rng.nextIndex(n), j = rng.nextIndex(n)
            if i > j { swap(&i, &j) }
            if j - i >= 2 && !(i == 0 && j == n - 1) { return (i, j) }
        }
    }

    private func moveDelta(_ p: TourProblem, _ tour: [Int], _ i: Int, _ j: Int) -> Double {
        let n = tour.count
        let a = tour[i], b = tour[i + 1], c = tour[j], d = tour[(j + 1) % n]
        return p.distance(a, c) + p.distance(b, d) - p.distance(a, b) - p.distance(c, d)
    }
}
