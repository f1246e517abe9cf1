import Foundation
import LinearAlgebra

/// Generalized simulated annealing (Tsallis & Stariolo 1996, Physica A 233, 395–406; Xiang, Sun, Fan &
/// Gong 1997, J. Phys. Chem. A 101, 3286–3289) with a local search phase: the method behind SciPy's
/// `dual_annealing` (Xiang et al. 2013), here with our own bounded local methods.
///
/// **Visiting.** A trial point is the current point plus steps drawn from the visiting distribution
/// with index q_v (`TsallisVisitingDistribution`: a scaled Student t, tails ∝ |Δx|^(−1−ν),
/// ν = (3−q_v)/(q_v−1)) at the visiting temperature
///
///     T(t) = T₀ (2^(q_v−1) − 1) / ((1+t)^(q_v−1) − 1),   t = 1, 2, …   (T(1) = T₀),
///
/// which tends to fast annealing's T₀/t at q_v = 2 and to T₀ ln 2/ln(1+t) as q_v → 1. A coordinate that
/// leaves [aᵢ, bᵢ) is wrapped back periodically, aᵢ + ((xᵢ − aᵢ) mod (bᵢ − aᵢ)): early on, when steps
/// are far longer than the box, a visit is a uniform random point; later it is a local move. A step
/// beyond `Self.tailLimit` (or not finite) lands uniformly in [aᵢ, bᵢ), which is what wrapping it
/// amounts to.
///
/// **Markov chain.** At each temperature the chain makes 2N visits: the first N move every coordinate
/// at once, the next N one coordinate each (coordinate 1, …, N in turn).
///
/// **Acceptance.** A point no worse than the current one is taken; a worse one (Δ = f(y) − f(x) > 0)
/// with the generalized Metropolis probability
///
///     p = [1 − (1 − q_a) Δ/T_a]^(1/(1−q_a))  (0 when the bracket is ≤ 0),   T_a = T(t)/t,
///
/// which is exp(−Δ/T_a) as q_a → 1; q_a < 0 (default −5) cuts off large uphill moves entirely.
///
/// **Local search** (the "dual" phase), after each chain, with `localSearch` (Nelder–Mead by default, or
/// pattern search; both clamp to the box and use no derivatives) started with a step of
/// `localSearchStep` of the box:
/// - from the best point, when the chain improved it (and on the first chain);
/// - from the chain's current point, when the best has not improved for 1000 chains, then for every
///   further N chains without improvement (SciPy's stagnation rule).
/// A result that beats the best point also becomes the current point. Each local search gets at most
/// `localSearchTrials` trials, and all of them together at most `localSearchShare` of
/// `budget.maxTrials`; past that share the method anneals alone. SciPy polishes with L-BFGS-B; a
/// derivative-free method cannot afford to converge fully in every basin it visits, so the default
/// cap is short: with Nelder–Mead, max(100, 30 N) trials was best on the bench (`migsim-bench
/// metaheuristics`, 20 seeds: 25–50 N all solve shifted Rastrigin 5 and 10 every time; 20 N and less
/// triple the trials on Rastrigin 10, and under 50 trials per search miss the Weber problem's
/// 10⁻⁶ target); Nelder–Mead needed fewer trials than pattern search at every cap tried.
///
/// **Restart.** When T(t) falls below `restartRatio`·T₀, the chain restarts from a uniform random point
/// with t = 1. The run stops when the budget is spent or the target reached.
///
/// Defaults are SciPy's and the literature's: q_v = 2.62, q_a = −5, T₀ = 5230, restart ratio 2·10⁻⁵.
public struct GeneralizedSimulatedAnnealing: Optimizer {
    /// q_v, in (1, 3): the larger, the heavier the tails of the visiting distribution.
    public var visitingIndex: Double
    /// q_a: the smaller, the fewer uphill moves accepted (any finite value; 1 is Metropolis).
    public var acceptanceIndex: Double
    /// T₀ > 0.
    public var initialTemperature: Double
    /// Restart when T(t) < restartRatio·T₀; in (0, 1).
    public var restartRatio: Double
    /// The local method; `.none` gives plain generalized simulated annealing.
    public var localSearch: HybridRefinement
    /// The local method's first step (pattern search's mesh, Nelder–Mead's simplex) as a fraction of the box, in (0, 1].
    public var localSearchStep: Double
    /// Trials of one local search; nil: 30 N, at least 100.
    public var localSearchTrials: Int?
    /// The share of `budget.maxTrials` all local searches may use together, in [0, 1].
    public var localSearchShare: Double
    /// Start point; nil draws one uniformly in the box.
    public var start: [Double]?

    /// A step longer than this lands uniformly in the box (SciPy's `TAIL_LIMIT`).
    static let tailLimit = 1e8

    public var name: String { "generalized-simulated-annealing" + (localSearch == .none ? "" : "+\(localSearch.rawValue)") }

    public init(visitingIndex: Double = 2.62, acceptanceIndex: Double = -5, initialTemperature: Double = 5230,
                restartRatio: Double = 2e-5, localSearch: HybridRefinement = .nelderMead, localSearchStep: Double = 0.01,
                localSearchTrials: Int? = nil, localSearchShare: Double = 0.5, start: [Double]? = nil) {
        self.visitingIndex = visitingIndex; self.acceptanceIndex = acceptanceIndex
        self.initialTemperature = initialTemperature; self.restartRatio = restartRatio
        self.localSearch = localSearch; self.localSearchStep = localSearchStep
        self.localSearchTrials = localSearchTrials; self.localSearchShare = localSearchShare; self.start = start
    }

    /// The visiting temperature T(t) of the t-th chain since the last restart (t ≥ 1).
    public func temperature(_ t: Int) -> Double {
        let e = visitingIndex - 1
        return initialTemperature * expm1(e * log(2.0)) / expm1(e * log(1 + Double(t)))
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        let visiting = try TsallisVisitingDistribution(q: visitingIndex)
        try MetaheuristicError.require(acceptanceIndex.isFinite, "acceptanceIndex", "a finite number", "\(acceptanceIndex)")
        try MetaheuristicError.require(initialTemperature > 0 && initialTemperature.isFinite, "initialTemperature",
                                       "a positive number", "\(initialTemperature)")
        try MetaheuristicError.require(restartRatio > 0 && restartRatio < 1, "restartRatio", "a ratio in (0, 1)", "\(restartRatio)")
        try MetaheuristicError.require(localSearchStep > 0 && localSearchStep <= 1, "localSearchStep",
                                       "a fraction of the box in (0, 1]", "\(localSearchStep)")
        let perSearch = localSearchTrials ?? max(100, 30 * n)
        try MetaheuristicError.require(perSearch >= 1, "localSearchTrials", "at least 1", "\(perSearch)")
        try MetaheuristicError.require(localSearchShare >= 0 && localSearchShare <= 1, "localSearchShare",
                                       "a fraction in [0, 1]", "\(localSearchShare)")
        var rng = SeededGenerator(seed: seed)
        var ledger = TrialLedger(problem: problem, budget: budget)
        var x = start ?? Box.randomPoint(lo, hi, &rng)
        try MetaheuristicError.require(x.count == n, "start", "\(n) coordinates", "\(x.count)")
        Box.clamp(&x, lo, hi)
        var fx = ledger.evaluate(x)

        let localAllowance = Int(localSearchShare * Double(budget.maxTrials))
        var localUsed = 0
        /// Runs the local method from `point`; true when it improved the best point (which then becomes current).
        func polish(_ point: [Double]) throws -> Bool {
            let cap = min(perSearch, localAllowance - localUsed, budget.maxTrials - ledger.trials)
            guard cap >= 1, !ledger.exhausted,
                  let local = try localSearch.localRun(from: point, step: localSearchStep, problem, ledger.subBudget(maxTrials: cap))
            else { return false }
            let before = ledger.bestValue
            ledger.absorb(local)
            localUsed += local.trials
            guard local.bestValue < before else { return false }
            x = local.bestPoint; fx = local.bestValue
            return true
        }

        let restartTemperature = restartRatio * initialTemperature
        let qa = acceptanceIndex
        var t = 1, iterations = 0
        var chainsWithoutImprovement = 0, stagnationLimit = 1000
        var termination = TerminationReason.trialBudgetExhausted
        var y = x
        run: while true {
            if let reason = ledger.stopReason { termination = reason; break }
            let temperature = temperature(t)
            if temperature < restartTemperature {
                x = Box.randomPoint(lo, hi, &rng)
                fx = ledger.evaluate(x)
                t = 1
                continue
            }
            iterations += 1
            chainsWithoutImprovement += 1
            var improved = t == 1 && iterations == 1
            let acceptanceTemperature = temperature / Double(t)
            for j in 0..<(2 * n) {
                if let reason = ledger.stopReason { termination = reason; break run }
                y = x
                for i in (j < n ? 0..<n : (j - n)..<(j - n + 1)) {
                    let step = visiting.sample(temperature: temperature, &rng)
                    y[i] = abs(step) <= Self.tailLimit ? Box.wrap(x[i] + step, lo[i], hi[i])
                                                       : lo[i] + (hi[i] - lo[i]) * rng.nextUniform()
                }
                let best = ledger.bestValue
                let fy = ledger.evaluate(y)
                if fy <= fx {
                    x = y; fx = fy
                    if fy < best { improved = true; chainsWithoutImprovement = 0 }
                } else if fy.isFinite && rng.nextUniform() < acceptance(fy - fx, acceptanceTemperature, qa) {
                    x = y; fx = fy
                }
            }
            if localSearch != .none && ledger.bestValue.isFinite {
                if improved, try polish(ledger.bestPoint) { chainsWithoutImprovement = 0 }
                if chainsWithoutImprovement >= stagnationLimit {
                    _ = try polish(x)
                    chainsWithoutImprovement = 0
                    stagnationLimit = n
                }
            }
            t += 1
        }
        return ledger.result(method: name, iterations: iterations, termination: termination)
    }

    /// The generalized Metropolis probability of accepting an uphill move Δ > 0 at temperature T_a.
    func acceptance(_ delta: Double, _ temperature: Double, _ qa: Double) -> Double {
        if qa == 1 { return exp(-delta / temperature) }
        let bracket = 1 - (1 - qa) * delta / temperature
        return bracket <= 0 ? 0 : exp(log(bracket) / (1 - qa))
    }
}
