import LinearAlgebra

/// NSGA-II (Deb, Pratap, Agarwal, Meyarivan 2002), the algorithm behind Matlab's `gamultiobj`.
///
/// Each generation: binary tournament on (rank, crowding distance), simulated binary crossover
/// (SBX, index `crossoverEta`) with probability `crossoverProbability`, polynomial mutation
/// (index `mutationEta`, rate 1/N per variable, in the form `mutationForm`), then the parents and offspring are merged, sorted
/// into non-dominated fronts and truncated to the population size by rank and crowding distance.
/// `paretoFraction` caps how many members of the first front survive (Matlab's ParetoFraction);
/// 1 is the classical NSGA-II. The budget's `maxTrials` counts evaluations (population × generations).
/// With `archive` (any number of objectives), the result is every non-dominated point evaluated during
/// the run (`ParetoArchive`), not just the last population's first front — a denser front for the
/// same budget.
public struct NSGA2: MultiObjectiveOptimizer {
    public var name: String { "nsga2" }
    public var populationSize: Int
    public var crossoverProbability: Double
    public var crossoverEta: Double
    public var mutationEta: Double
    public var paretoFraction: Double
    public var archive: Bool
    public var mutationForm: PolynomialMutationForm

    public init(populationSize: Int = 100, crossoverProbability: Double = 0.9, crossoverEta: Double = 15,
                mutationEta: Double = 20, mutationForm: PolynomialMutationForm = .clipped, paretoFraction: Double = 1,
                archive: Bool = false) {
        self.archive = archive
        self.mutationForm = mutationForm
        self.populationSize = populationSize
        self.crossoverProbability = crossoverProbability
        self.crossoverEta = crossoverEta
        self.mutationEta = mutationEta
        self.paretoFraction = paretoFraction
    }

    public func minimize(_ problem: MultiObjectiveProblem, budget: OptimizationBudget, seed: UInt64) throws -> ParetoResult {
        try MetaheuristicError.require(populationSize >= 4 && populationSize % 2 == 0, "populationSize",
                                       "an even number ≥ 4", "\(populationSize)")
        try MetaheuristicError.require(paretoFraction > 0 && paretoFraction <= 1, "paretoFraction", "a number in (0, 1]", "\(paretoFraction)")
        try MetaheuristicError.require(budget.maxTrials >= populationSize, "budget.maxTrials",
                                       "at least the population size \(populationSize)", "\(budget.maxTrials)")
        var rng = SeededGenerator(seed: seed)
        let lo = problem.lowerBounds, hi = problem.upperBounds
        var trials = 0
        var seen = ParetoArchive(objectiveCount: problem.objectiveCount)
        func evaluate(_ x: [Double]) -> [Double] {
            trials += 1
            var f = problem.objectives(x)
            if problem.constraints.contains(where: { $0(x) > 0 }) { f = f.map { _ in .infinity } }
            if archive { seen.insert(x, f) }
            return f
        }
        var population = (0..<populationSize).map { _ in Box.randomPoint(lo, hi, &rng) }
        var objectives = population.map(evaluate)
        var (rank, crowding) = Self.rankAndCrowding(objectives)
        var generations = 0
        while trials + populationSize <= budget.maxTrials {
            generations += 1
            func tournament() -> Int {
                let a = rng.nextIndex(populationSize), b = rng.nextIndex(populationSize)
                if rank[a] != rank[b] { return rank[a] < rank[b] ? a : b }
                return crowding[a] >= crowding[b] ? a : b
            }
            var offspring: [[Double]] = []
            offspring.reserveCapacity(populationSize)
            while offspring.count < populationSize {
                var c1 = population[tournament()], c2 = population[tournament()]
                if rng.nextUniform() < crossoverProbability { simulatedBinaryCrossover(&c1, &c2, lo, hi, &rng) }
                polynomialMutation(&c1, lo, hi, &rng)
                polynomialMutation(&c2, lo, hi, &rng)
                offspring.append(c1); offspring.append(c2)
            }
            let offspringObjectives = offspring.map(evaluate)
            let merged = population + offspring
            let mergedObjectives = objectives + offspringObjectives
            let fronts = ParetoMetrics.nonDominatedSort(mergedObjectives)
            var chosen: [Int] = []
            let firstFrontCap = fronts.count > 1 ? max(1, Int((paretoFraction * Double(populationSize)).rounded())) : populationSize
            for (k, front) in fronts.enumerated() {
                let room = min(populationSize - chosen.count, k == 0 ? firstFrontCap : populationSize)
                if room <= 0 { if k == 0 { continue } else { break } }
                if front.count <= room { chosen += front; continue }
                let d = ParetoMetrics.crowdingDistance(front.map { mergedObjectives[$0] })
                let order = front.indices.sorted { d[$0] > d[$1] }
                chosen += order.prefix(room).map { front[$0] }
            }
            if chosen.count < populationSize {
                // Fronts after the first were too small for a capped first front: refill from it.
                let rest = fronts[0].filter { !chosen.contains($0) }
                chosen += rest.prefix(populationSize - chosen.count)
            }
            population = chosen.map { merged[$0] }
            objectives = chosen.map { mergedObjectives[$0] }
            (rank, crowding) = Self.rankAndCrowding(objectives)
        }
        if archive {
            let kept = seen.members
            return ParetoResult(method: name + "+archive", paretoSet: kept.points, paretoFront: kept.objectives, trials: trials,
                                iterations: generations, termination: .trialBudgetExhausted)
        }
        let first = (0..<populationSize).filter { rank[$0] == 0 }
        var set: [[Double]] = [], front: [[Double]] = []
        for i in first where !front.contains(objectives[i]) { set.append(population[i]); front.append(objectives[i]) }
        return ParetoResult(method: name, paretoSet: set, paretoFront: front, trials: trials,
                            iterations: generations, termination: .trialBudgetExhausted)
    }

    static func rankAndCrowding(_ objectives: [[Double]]) -> ([Int], [Double]) {
        var rank = [Int](repeating: 0, count: objectives.count)
        var crowding = [Double](repeating: 0, count: objectives.count)
        for (k, front) in ParetoMetrics.nonDominatedSort(objectives).enumerated() {
            let d = ParetoMetrics.crowdingDistance(front.map { objectives[$0] })
            for (j, i) in front.enumerated() { rank[i] = k; crowding[i] = d[j] }
        }
        return (rank, crowding)
    }

    /// SBX with bounds (Deb & Agrawal 1995; the bounded form of Deb's NSGA-II code), each variable
    /// crossed with probability ½.
    func simulatedBinaryCrossover(_ a: inout [Double], _ b: inout [Double], _ lo: [Double], _ hi: [Double],
                                  _ rng: inout SeededGenerator) {
        let eta = crossoverEta
        for i in a.indices where rng.nextUniform() < 0.5 {
            let y1 = min(a[i], b[i]), y2 = max(a[i], b[i])
            guard y2 - y1 > 1e-14 else { continue }
            let u = rng.nextUniform()
            func childSpread(_ beta: Double) -> Double {
                let alpha = 2 - beta.pow(-(eta + 1))
                return u <= 1 / alpha ? (u * alpha).pow(1 / (eta + 1)) : (1 / (2 - u * alpha)).pow(1 / (eta + 1))
            }
            let betaLow = 1 + 2 * (y1 - lo[i]) / (y2 - y1)
            let betaHigh = 1 + 2 * (hi[i] - y2) / (y2 - y1)
            var c1 = 0.5 * ((y1 + y2) - childSpread(betaLow) * (y2 - y1))
            var c2 = 0.5 * ((y1 + y2) + childSpread(betaHigh) * (y2 - y1))
            c1 = Swift.min(Swift.max(c1, lo[i]), hi[i]); c2 = Swift.min(Swift.max(c2, lo[i]), hi[i])
            if rng.nextUniform() < 0.5 { swap(&c1, &c2) }
            a[i] = c1; b[i] = c2
        }
    }

    /// Polynomial mutation at rate 1/N per variable, in the form `mutationForm`.
    func polynomialMutation(_ x: inout [Double], _ lo: [Double], _ hi: [Double], _ rng: inout SeededGenerator) {
        let rate = 1 / Double(x.count)
        for i in x.indices where rng.nextUniform() < rate {
            x[i] = mutationForm.mutate(x[i], lo[i], hi[i], eta: mutationEta, u: rng.nextUniform())
        }
    }
}

import Foundation
extension Double {
    @inline(__always) func pow(_ e: Double) -> Double { Foundation.pow(self, e) }
}
