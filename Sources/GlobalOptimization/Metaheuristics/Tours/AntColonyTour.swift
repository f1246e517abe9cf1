import Foundation
import LinearAlgebra

/// Ant colony optimization for tours: Ant Colony System (Dorigo & Gambardella 1997) and
/// MAX–MIN Ant System (Stützle & Hoos 2000), with optional 2-opt on every ant's tour.
///
/// Ant k at city i picks the next city j among the unvisited with weight τᵢⱼ^α ηᵢⱼ^β, η = 1/d.
/// - ACS: with probability q₀ it takes the best j (exploitation); each step applies the local update
///   τᵢⱼ ← (1−ξ)τᵢⱼ + ξτ₀ (τ₀ = 1/(n·L_nn)); after each iteration only the best-so-far tour's edges
///   evaporate and are reinforced: τ ← (1−ρ)τ + ρ/L_best.
/// - MMAS: all edges evaporate τ ← (1−ρ)τ, the iteration-best (every `bestSoFarPeriod`-th iteration
///   the best-so-far) tour deposits 1/L; τ is kept in [τ_min, τ_max], τ_max = 1/(ρ L_best),
///   τ_min = τ_max (1 − p^{1/n}) / ((n/2 − 1) p^{1/n}) with p_best = 0.05; trails start at τ_max.
public struct AntColonyTour: Sendable {
    public enum Variant: String, Sendable { case antColonySystem = "acs", maxMinAntSystem = "mmas" }
    public var variant: Variant
    public var ants: Int
    public var alpha: Double
    public var beta: Double
    public var evaporation: Double
    public var exploitation: Double
    public var localEvaporation: Double
    public var localSearch: Bool
    public var bestSoFarPeriod: Int

    public var name: String { variant.rawValue + (localSearch ? "+2opt" : "") }

    public init(variant: Variant = .antColonySystem, ants: Int = 10, alpha: Double = 1, beta: Double = 2,
                evaporation: Double? = nil, exploitation: Double = 0.9, localEvaporation: Double = 0.1,
                localSearch: Bool = true, bestSoFarPeriod: Int = 5) {
        self.variant = variant; self.ants = ants; self.alpha = alpha; self.beta = beta
        self.evaporation = evaporation ?? (variant == .antColonySystem ? 0.1 : 0.02)
        self.exploitation = exploitation; self.localEvaporation = localEvaporation
        self.localSearch = localSearch; self.bestSoFarPeriod = bestSoFarPeriod
    }

    /// `budget.maxTrials` counts constructed tours; `targetValue` stops at a tour that short.
    public func minimize(_ problem: TourProblem, budget: OptimizationBudget, seed: UInt64) throws -> TourResult {
        let n = problem.cityCount
        try MetaheuristicError.require(n >= 4, "cityCount", "at least 4 cities", "\(n)")
        try MetaheuristicError.require(ants >= 1, "ants", "at least 1", "\(ants)")
        try MetaheuristicError.require(evaporation > 0 && evaporation < 1, "evaporation", "a rate in (0, 1)", "\(evaporation)")
        try MetaheuristicError.require(exploitation >= 0 && exploitation <= 1, "exploitation", "a probability in [0, 1]", "\(exploitation)")
        var rng = SeededGenerator(seed: seed)
        var heuristic = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { heuristic[i * n + j] = Foundation.pow(1 / max(problem.distance(i, j), 1e-300), beta) } }

        // Nearest-neighbour tour for τ₀.
        var nn = [0], visitedNN = Set([0])
        while nn.count < n {
            let i = nn.last!
            let j = (0..<n).filter { !visitedNN.contains($0) }.min { problem.distance(i, $0) < problem.distance(i, $1) }!
            nn.append(j); visitedNN.insert(j)
        }
        var best = nn, bestLength = problem.length(of: nn)
        let rho = evaporation
        let tau0 = variant == .antColonySystem ? 1 / (Double(n) * bestLength) : 1 / (rho * bestLength)
        var tau = [Double](repeating: tau0, count: n * n)
        var trace = [TraceEntry(trials: 0, bestValue: bestLength)]
        var trials = 0, iterations = 0
        var termination = TerminationReason.trialBudgetExhausted
        var weights = [Double](repeating: 0, count: n)

        loop: while trials < budget.maxTrials {
            iterations += 1
            var iterationBest: [Int] = [], iterationBestLength = Double.infinity
            for _ in 0..<ants where trials < budget.maxTrials {
                trials += 1
                var tour = [rng.nextIndex(n)]
                tour.reserveCapacity(n)
                var visited = [Bool](repeating: false, count: n)
                visited[tour[0]] = true
                while tour.count < n {
                    let i = tour.last!
                    var total = 0.0, argmax = -1, maxWeight = -1.0
                    for j in 0..<n {
                        if visited[j] { weights[j] = 0; continue }
                        let t = tau[i * n + j]
                        let w = (alpha == 1 ? t : Foundation.pow(t, alpha)) * heuristic[i * n + j]
                        weights[j] = w; total += w
                        if w > maxWeight { maxWeight = w; argmax = j }
                    }
                    var next = argmax
                    let exploit = variant == .antColonySystem && rng.nextUniform() < exploitation
                    if !exploit && total > 0 {
                        var r = rng.nextUniform() * total
                        for j in 0..<n where weights[j] > 0 {
                            r -= weights[j]
                            if r <= 0 { next = j; break }
                        }
                    }
                    tour.append(next); visited[next] = true
                    if variant == .antColonySystem {
                        let v = (1 - localEvaporation) * tau[i * n + next] + localEvaporation * tau0
                        tau[i * n + next] = v; tau[next * n + i] = v
                    }
                }
                let length = localSearch ? problem.twoOpt(&tour) : problem.length(of: tour)
                if length < iterationBestLength { iterationBestLength = length; iterationBest = tour }
                if length < bestLength - 1e-12 {
                    bestLength = length; best = tour
                    trace.append(TraceEntry(trials: trials, bestValue: length))
                    if let target = budget.targetValue, bestLength <= target { termination = .targetReached; break loop }
                }
            }
            guard !iterationBest.isEmpty else { break }
            switch variant {
            case .antColonySystem:
                for k in 0..<n {
                    let i = best[k], j = best[(k + 1) % n]
                    let v = (1 - rho) * tau[i * n + j] + rho / bestLength
                    tau[i * n + j] = v; tau[j * n + i] = v
                }
            case .maxMinAntSystem:
                let tauMax = 1 / (rho * bestLength)
                let pRoot = Foundation.pow(0.05, 1 / Double(n))
                let tauMin = tauMax * (1 - pRoot) / ((Double(n) / 2 - 1) * pRoot)
                for e in tau.indices { tau[e] *= 1 - rho }
                let (depositTour, depositLength) = iterations % bestSoFarPeriod == 0 ? (best, bestLength) : (iterationBest, iterationBestLength)
                for k in 0..<n {
                    let i = depositTour[k], j = depositTour[(k + 1) % n]
                    tau[i * n + j] += 1 / depositLength; tau[j * n + i] = tau[i * n + j]
                }
                for e in tau.indices { tau[e] = min(max(tau[e], tauMin), tauMax) }
            }
        }
        return TourResult(method: name, tour: best, length: bestLength, trials: trials, iterations: iterations,
                          termination: termination, trace: trace)
    }
}
