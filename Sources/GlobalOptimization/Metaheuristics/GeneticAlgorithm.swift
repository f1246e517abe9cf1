import Foundation
import LinearAlgebra

/// A real-coded genetic algorithm after Matlab's `ga` used in the monograph (Ch. 2–4).
///
/// Each generation keeps the `eliteCount` best individuals, fills `crossoverFraction` of the rest
/// with children of crossover and the remainder with mutants, parents chosen by `selection`:
/// - tournament of `tournamentSize`, or stochastic uniform sampling (Baker 1987) on rank fitness
///   1/√rank (Matlab's default scaling);
/// - crossover `scattered` (each gene from either parent) or `blend` (BLX-α, α = 0.5);
/// - mutation `gaussian` (σᵢ = scale·widthᵢ, shrinking linearly to 0 at the last generation) or
///   `adaptiveFeasible` (a random direction whose step grows ×2 after a generation that improved
///   the best and shrinks ×½ otherwise, cut to stay inside the box).
/// Genes outside the box are clamped. The run stops when the budget is spent or the best value has
/// improved by less than `budget.tolerance` (relative) over `stallGenerations` generations; then
/// the optional `hybrid` local method refines the best point.
public struct GeneticAlgorithm: Optimizer {
    public enum Selection: String, Sendable { case tournament, stochasticUniform }
    public enum Crossover: String, Sendable { case scattered, blend }
    public enum Mutation: String, Sendable { case gaussian, adaptiveFeasible }
    public var populationSize: Int
    public var eliteCount: Int?
    public var crossoverFraction: Double
    public var selection: Selection
    public var tournamentSize: Int
    public var crossover: Crossover
    public var mutation: Mutation
    public var mutationScale: Double
    public var stallGenerations: Int
    public var hybrid: HybridRefinement
    /// Share of `budget.maxTrials` kept for the hybrid step.
    public var hybridShare: Double

    public var name: String { "genetic-algorithm" + (hybrid == .none ? "" : "+\(hybrid.rawValue)") }

    public init(populationSize: Int = 50, eliteCount: Int? = nil, crossoverFraction: Double = 0.8,
                selection: Selection = .stochasticUniform, tournamentSize: Int = 4, crossover: Crossover = .scattered,
                mutation: Mutation = .gaussian, mutationScale: Double = 0.1, stallGenerations: Int = 50,
                hybrid: HybridRefinement = .none, hybridShare: Double = 0.2) {
        self.populationSize = populationSize; self.eliteCount = eliteCount; self.crossoverFraction = crossoverFraction
        self.selection = selection; self.tournamentSize = tournamentSize; self.crossover = crossover
        self.mutation = mutation; self.mutationScale = mutationScale; self.stallGenerations = stallGenerations
        self.hybrid = hybrid; self.hybridShare = hybridShare
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        let elite = eliteCount ?? max(1, Int((0.05 * Double(populationSize)).rounded(.up)))
        try MetaheuristicError.require(populationSize >= 2, "populationSize", "at least 2", "\(populationSize)")
        try MetaheuristicError.require(elite >= 0 && elite < populationSize, "eliteCount", "0 ≤ elite < population size \(populationSize)", "\(elite)")
        try MetaheuristicError.require(crossoverFraction >= 0 && crossoverFraction <= 1, "crossoverFraction", "a fraction in [0, 1]", "\(crossoverFraction)")
        try MetaheuristicError.require(tournamentSize >= 1, "tournamentSize", "at least 1", "\(tournamentSize)")
        try MetaheuristicError.require(mutationScale > 0, "mutationScale", "a positive number", "\(mutationScale)")
        try MetaheuristicError.require(hybridShare >= 0 && hybridShare < 1, "hybridShare", "a fraction in [0, 1)", "\(hybridShare)")
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        let width = (0..<n).map { hi[$0] - lo[$0] }
        var rng = SeededGenerator(seed: seed)
        let gaBudget: OptimizationBudget = {
            var b = budget
            if hybrid != .none { b.maxTrials = max(populationSize, Int(Double(budget.maxTrials) * (1 - hybridShare))) }
            return b
        }()
        var ledger = TrialLedger(problem: problem, budget: gaBudget)
        var population: [[Double]] = []
        var fitness: [Double] = []
        for _ in 0..<populationSize where !ledger.exhausted {
            let x = Box.randomPoint(lo, hi, &rng)
            population.append(x); fitness.append(ledger.evaluate(x))
        }
        let expectedGenerations = max(1, gaBudget.maxTrials / populationSize - 1)
        var generation = 0
        var adaptiveStep = 0.5
        var bestHistory = [ledger.bestValue]
        var termination = TerminationReason.trialBudgetExhausted

        while true {
            if let reason = ledger.stopReason { termination = reason; break }
            generation += 1
            let order = fitness.indices.sorted { fitness[$0] < fitness[$1] }
            // Rank fitness 1/√rank for stochastic uniform sampling.
            let rankWeight = (0..<populationSize).map { 1 / Double($0 + 1).squareRoot() }
            let totalWeight = rankWeight.reduce(0, +)
            let childCount = populationSize - elite
            let crossoverCount = Int((crossoverFraction * Double(childCount)).rounded())
            let parentsNeeded = 2 * crossoverCount + (childCount - crossoverCount)
            var parents: [Int] = []
            switch selection {
            case .tournament:
                for _ in 0..<parentsNeeded {
                    var winner = rng.nextIndex(populationSize)
                    for _ in 1..<tournamentSize {
                        let c = rng.nextIndex(populationSize)
                        if fitness[c] < fitness[winner] { winner = c }
                    }
                    parents.append(winner)
                }
            case .stochasticUniform:
                let stepSize = totalWeight / Double(max(parentsNeeded, 1))
                var pointer = rng.nextUniform() * stepSize, cumulative = 0.0, r = 0
                for _ in 0..<parentsNeeded {
                    while r < populationSize - 1 && cumulative + rankWeight[r] < pointer { cumulative += rankWeight[r]; r += 1 }
                    parents.append(order[r])
                    pointer += stepSize
                }
                parents.shuffle(using: &rng)
            }
            var next = order.prefix(elite).map { population[$0] }
            var nextFitness = order.prefix(elite).map { fitness[$0] }
            var p = 0
            for _ in 0..<crossoverCount {
                let a = population[parents[p]], b = population[parents[p + 1]]
                p += 2
                var child = a
                for i in 0..<n {
                    switch crossover {
                    case .scattered: child[i] = rng.nextUniform() < 0.5 ? a[i] : b[i]
                    case .blend:
                        let low = min(a[i], b[i]), spread = abs(a[i] - b[i])
                        child[i] = low - 0.5 * spread + 2 * spread * rng.nextUniform()
                    }
                }
                Box.clamp(&child, lo, hi)
                next.append(child)
            }
            let shrink = max(0, 1 - Double(generation) / Double(expectedGenerations))
            while next.count < populationSize {
                var child = population[parents[p]]
                p += 1
                switch mutation {
                case .gaussian:
                    for i in 0..<n { child[i] += mutationScale * shrink * width[i] * rng.nextGaussian() }
                case .adaptiveFeasible:
                    var norm = 0.0
                    var d = (0..<n).map { _ in rng.nextGaussian() }
                    for v in d { norm += v * v }
                    norm = max(norm.squareRoot(), 1e-300)
                    d = d.map { $0 / norm }
                    var t = adaptiveStep
                    for i in 0..<n where d[i] != 0 {
                        let room = d[i] > 0 ? (hi[i] - child[i]) / (d[i] * width[i]) : (lo[i] - child[i]) / (d[i] * width[i])
                        t = min(t, room)
                    }
                    for i in 0..<n { child[i] += t * d[i] * width[i] }
                }
                Box.clamp(&child, lo, hi)
                next.append(child)
            }
            for j in elite..<populationSize {
                if ledger.exhausted { break }
                nextFitness.append(ledger.evaluate(next[j]))
            }
            if nextFitness.count < populationSize { termination = ledger.stopReason ?? .trialBudgetExhausted; break }
            let previousBest = bestHistory.last!
            population = next; fitness = nextFitness
            bestHistory.append(ledger.bestValue)
            if mutation == .adaptiveFeasible { adaptiveStep = ledger.bestValue < previousBest ? min(1, adaptiveStep * 2) : max(1e-8, adaptiveStep / 2) }
            if bestHistory.count > stallGenerations {
                let old = bestHistory[bestHistory.count - 1 - stallGenerations]
                if old.isFinite && (old - ledger.bestValue) / Double(stallGenerations) <= budget.tolerance * max(1, abs(ledger.bestValue)) {
                    termination = .stalled; break
                }
            }
        }
        let result = ledger.result(method: "genetic-algorithm", iterations: generation, termination: termination)
        return try hybrid.refine(result, problem, budget)
    }
}
