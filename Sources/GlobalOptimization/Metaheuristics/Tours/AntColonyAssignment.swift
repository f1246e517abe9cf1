import LinearAlgebra

/// MAX–MIN Ant System for quadratic assignment (Stützle & Hoos 2000): each ant places the facilities
/// in a random order, facility i at a free location l with probability ∝ τ_il; the iteration-best
/// (every `bestSoFarPeriod`-th iteration the best-so-far) assignment deposits 1/cost after
/// evaporation τ ← (1−ρ)τ, and τ is kept in [τ_max/(2n), τ_max], τ_max = 1/(ρ·best cost).
/// With `localSearch`, each assignment is improved by pairwise exchanges and moves to free
/// locations until no move lowers the cost.
public struct AntColonyAssignment: Sendable {
    public var ants: Int
    public var evaporation: Double
    public var localSearch: Bool
    public var bestSoFarPeriod: Int
    public var name: String { "mmas-assignment" + (localSearch ? "+exchange" : "") }

    public init(ants: Int = 10, evaporation: Double = 0.1, localSearch: Bool = true, bestSoFarPeriod: Int = 5) {
        self.ants = ants; self.evaporation = evaporation; self.localSearch = localSearch; self.bestSoFarPeriod = bestSoFarPeriod
    }

    /// `budget.maxTrials` counts constructed assignments. The result's `tour` is the assignment
    /// (facility → location) and `length` its cost.
    public func minimize(_ problem: AssignmentProblem, budget: OptimizationBudget, seed: UInt64) throws -> TourResult {
        try MetaheuristicError.require(ants >= 1, "ants", "at least 1", "\(ants)")
        try MetaheuristicError.require(evaporation > 0 && evaporation < 1, "evaporation", "a rate in (0, 1)", "\(evaporation)")
        let m = problem.facilityCount, n = problem.locationCount
        var rng = SeededGenerator(seed: seed)
        var tau = [Double](repeating: 1, count: m * n)
        var best: [Int] = [], bestCost = Double.infinity
        var trials = 0, iterations = 0
        var trace: [TraceEntry] = []
        var termination = TerminationReason.trialBudgetExhausted
        loop: while trials < budget.maxTrials {
            iterations += 1
            var iterationBest: [Int] = [], iterationCost = Double.infinity
            for _ in 0..<ants where trials < budget.maxTrials {
                trials += 1
                var assignment = [Int](repeating: -1, count: m)
                var free = [Bool](repeating: true, count: n)
                var order = Array(0..<m)
                order.shuffle(using: &rng)
                for i in order {
                    var total = 0.0
                    for l in 0..<n where free[l] { total += tau[i * n + l] }
                    var r = rng.nextUniform() * total, chosen = -1
                    for l in 0..<n where free[l] {
                        chosen = l
                        r -= tau[i * n + l]
                        if r <= 0 { break }
                    }
                    assignment[i] = chosen; free[chosen] = false
                }
                var cost = problem.cost(of: assignment)
                if localSearch { cost = improve(&assignment, problem) }
                if cost < iterationCost { iterationCost = cost; iterationBest = assignment }
                if cost < bestCost - 1e-12 {
                    bestCost = cost; best = assignment
                    trace.append(TraceEntry(trials: trials, bestValue: cost))
                    if let target = budget.targetValue, bestCost <= target { termination = .targetReached; break loop }
                }
            }
            guard !iterationBest.isEmpty else { break }
            let tauMax = 1 / (evaporation * bestCost), tauMin = tauMax / Double(2 * n)
            for e in tau.indices { tau[e] *= 1 - evaporation }
            let (deposit, depositCost) = iterations % bestSoFarPeriod == 0 ? (best, bestCost) : (iterationBest, iterationCost)
            for i in 0..<m { tau[i * n + deposit[i]] += 1 / depositCost }
            for e in tau.indices { tau[e] = min(max(tau[e], tauMin), tauMax) }
        }
        return TourResult(method: name, tour: best, length: bestCost, trials: trials, iterations: iterations,
                          termination: termination, trace: trace)
    }

    /// First-improvement descent over swaps of two facilities and moves of one facility to a free location.
    private func improve(_ a: inout [Int], _ p: AssignmentProblem) -> Double {
        var cost = p.cost(of: a)
        var improved = true
        while improved {
            improved = false
            for i in 0..<a.count {
                for j in (i + 1)..<max(a.count, i + 1) {
                    a.swapAt(i, j)
                    let c = p.cost(of: a)
                    if c < cost - 1e-12 { cost = c; improved = true } else { a.swapAt(i, j) }
                }
                for l in 0..<p.locationCount where !a.contains(l) {
                    let old = a[i]
                    a[i] = l
                    let c = p.cost(of: a)
                    if c < cost - 1e-12 { cost = c; improved = true } else { a[i] = old }
                }
            }
        }
        return cost
    }
}
