import Dispatch
import Foundation

/// Strongin's index method of global search with Peano evolvents (seed 002, formulas 34–40).
///
/// The N-dimensional problem min φ(y), y ∈ D, gⱼ(y) ≤ 0 becomes the one-dimensional problem
/// min φ(y(x)), x ∈ [0, 1], whose functions are Hölder with exponent 1/N (formula 38). Each trial at
/// y = y(x) evaluates the constraints in order and stops at the first violated one; its index ν is
/// that constraint's number (ν = m + 1 with value z = φ(y) when all hold), z = g_ν(y) otherwise.
///
/// Iteration: for every index ν estimate the Hölder constant μ_ν = max |zᵢ − zⱼ| / (xᵢ − xⱼ)^{1/N}
/// over consecutive trials of index ν (1 if there is no such pair or it is 0); let M be the largest
/// index reached, z*_M the least value of index M and z*_ν = 0 for ν < M. With Δᵢ = (xᵢ − xᵢ₋₁)^{1/N},
/// the characteristic of interval i is
///   equal indices ν:   R = Δ + (zᵢ − zᵢ₋₁)² / (r²μ²Δ) − 2(zᵢ + zᵢ₋₁ − 2z*_ν) / (rμ),
///   νᵢ₋₁ < νᵢ:         R = 2Δ − 4(zᵢ − z*_{νᵢ}) / (rμ),
///   νᵢ₋₁ > νᵢ:         R = 2Δ − 4(zᵢ₋₁ − z*_{νᵢ₋₁}) / (rμ).
/// The next trial goes into the interval t of largest R: at
///   x = (xₜ + xₜ₋₁)/2 − sign(zₜ − zₜ₋₁)·(|zₜ − zₜ₋₁| / μ)ᴺ / (2r) if the indices are equal,
/// at the midpoint otherwise. The search stops when Δₜ ≤ ε (`budget.tolerance`) or a budget runs out.
///
/// Strategies (seed §5): L rotated or shifted evolvents (`SearchCurves`) share every trial (each trial is
/// inserted on every evolvent's line at its preimage, and the iterations cycle through the evolvents); the
/// local-adaptive characteristic R / (√((zᵢ − z*)(zᵢ₋₁ − z*))/μ + 1.5^{−α}) for positive R of intervals
/// with both ends of index M, alone or mixed with global iterations; p trials per iteration at the p
/// largest characteristics of distinct intervals (Strongin & Sergeyev's parallel characteristic algorithm),
/// evaluated concurrently; Hooke–Jeeves refinement at the end. The run's state (`IndexMethodState`) is
/// Codable: `start` and `resume` checkpoint and continue a run, identically to an uninterrupted one.
public struct IndexMethod: Optimizer {
    public let configuration: IndexMethodConfiguration
    public var name: String { "index method" }

    public init(_ configuration: IndexMethodConfiguration = IndexMethodConfiguration()) {
        self.configuration = configuration
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try minimize(problem, budget: budget, seed: seed, stopWhen: nil)
    }

    /// As `minimize(_:budget:seed:)`, also stopping (with `.targetReached`) after the first iteration
    /// that made a feasible trial y with `stopWhen(y, φ(y))` true — e.g. the GKLS success criterion, for
    /// operational characteristics counted in trials. The method is deterministic; `seed` is unused.
    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64,
                         stopWhen: (([Double], Double) -> Bool)?) throws -> OptimizationResult {
        var state = try start(problem)
        return try resume(problem, budget: budget, from: &state, stopWhen: stopWhen)
    }

    /// The state after the first trial (at the middle of the first evolvent), to be advanced by `resume`.
    public func start(_ original: OptimizationProblem) throws -> IndexMethodState {
        try validate(dimension: original.dimension, budget: OptimizationBudget(maxTrials: 1))
        let problem = SearchCurves.searchProblem(original, family: configuration.evolventFamily)
        let curves = try SearchCurves(configuration: configuration, problem: problem)
        var state = IndexMethodState(configuration: configuration, dimension: problem.dimension,
                                     lineCount: curves.count, feasibleIndex: problem.constraints.count + 1)
        let point = curves.point(line: 0, at: 0.5)
        _ = state.record(x: 0.5, line: 0, point: point, outcome: Self.evaluate(problem, at: point),
                         curves: curves, stopWhen: nil)
        return state
    }

    /// Continues a run from `state` until a stopping rule of `budget` (counted over the whole run) holds,
    /// then (if configured) refines the best point by Hooke–Jeeves; the refinement's trials count in the
    /// result but not in `state`, so a run resumed from a checkpoint is identical to an uninterrupted one.
    /// `checkpoint` is called with the state every `checkpointEvery` iterations (0: never).
    public func resume(_ original: OptimizationProblem, budget: OptimizationBudget, from state: inout IndexMethodState,
                       stopWhen: (([Double], Double) -> Bool)? = nil, checkpointEvery: Int = 0,
                       checkpoint: ((IndexMethodState) throws -> Void)? = nil) throws -> OptimizationResult {
        let c = configuration
        let n = original.dimension
        let problem = SearchCurves.searchProblem(original, family: c.evolventFamily)
        try validate(dimension: n, budget: budget)
        guard state.dimension == n, state.configuration == c, state.feasibleIndex == problem.constraints.count + 1 else {
            throw IndexMethodError.invalidParameter(name: "state", value: Double(state.dimension),
                                                    expected: "a state of this configuration and problem (N = \(n))")
        }
        let curves = try SearchCurves(configuration: c, problem: problem)
        let workers = c.parallelism > 1 ? TrialWorkers(workers: c.parallelism - 1) : nil
        let start = Date()
        var termination = TerminationReason.trialBudgetExhausted
        let reserve = c.localRefinement ? Int((c.refinementShare ?? 0) * Double(budget.maxTrials)) : 0
        let globalTrials = budget.maxTrials - reserve

        search: while true {
            if state.solved { termination = .targetReached; break }
            if let target = budget.targetValue, state.best.index == state.feasibleIndex, state.best.value <= target {
                termination = .targetReached; break
            }
            if state.trials >= globalTrials { termination = .trialBudgetExhausted; break }
            if let seconds = budget.maxSeconds, Date().timeIntervalSince(start) >= seconds {
                termination = .timeLimitReached; break
            }
            let l = state.iterations % state.lines.count
            let local: Double? = {
                guard let alpha = c.localAdaptation else { return nil }
                if c.globalFrequency > 0 && state.iterations % c.globalFrequency == 0 { return nil }
                return alpha
            }()
            let count = min(c.parallelism, globalTrials - state.trials)
            func select(_ alpha: Double?) -> [IndexMethodCharacteristics.Candidate] {
                IndexMethodCharacteristics.best(line: state.lines[l], count: count, dimension: n, reliability: c.reliability,
                                                localAlpha: alpha, topIndex: state.best.index, zStar: state.best.value,
                                                localTuning: c.localTuning ?? false)
            }
            var chosen = select(local)
            func converged(_ candidates: [IndexMethodCharacteristics.Candidate]) -> Bool {
                guard let first = candidates.first else { return true }
                return state.lines[l].delta[first.interval] <= budget.tolerance
            }
            // A local-adaptive iteration that has resolved its neighbourhood to ε hands over to a global
            // one; only a global iteration may stop the search.
            if local != nil, converged(chosen) { chosen = select(nil) }
            if converged(chosen) { termination = .accuracyReached; break }
            var xs: [Double] = []
            for candidate in chosen {
                let x = candidate.nextPoint
                let i = candidate.interval
                if x > state.lines[l].x[i - 1], x < state.lines[l].x[i], !xs.contains(x) { xs.append(x) }
            }
            if xs.isEmpty { termination = .accuracyReached; break }
            state.iterations += 1
            let points = xs.map { curves.point(line: l, at: $0) }
            let outcomes = Self.evaluateAll(problem, at: points, workers: workers)
            let incumbent = state.best
            for k in xs.indices {
                _ = state.record(x: xs[k], line: l, point: points[k], outcome: outcomes[k],
                                 curves: curves, stopWhen: stopWhen)
            }
            state.localSearch(after: incumbent, trialLimit: globalTrials, original: original, problem: problem, curves: curves,
                              stopWhen: stopWhen)
            if checkpointEvery > 0, let checkpoint, state.iterations % checkpointEvery == 0 { try checkpoint(state) }
        }

        var best = state.best
        var trials = state.trials
        var trace = state.trace
        if c.localRefinement, best.index == state.feasibleIndex, trials < budget.maxTrials, !state.solved {
            let refined = HookeJeeves.minimize(original, from: best.point, value: best.value,
                                               maxTrials: budget.maxTrials - trials,
                                               minimalStep: c.refinementStep)
            trials += refined.trials
            if refined.value < best.value {
                best.point = refined.point
                best.value = refined.value
                trace.append(TraceEntry(trials: trials, bestValue: best.value))
            }
        }

        return OptimizationResult(method: name, bestPoint: best.point,
                                  bestValue: best.reportedValue(feasibleIndex: state.feasibleIndex),
                                  trials: trials, iterations: state.iterations, termination: termination, trace: trace)
    }

    /// Whether y lies within the local search's first step (5% of each box side) of a point where an
    /// earlier local search ended: an incumbent improved there is the same basin, not searched again.
    static func nearSearchedMinimum(_ y: [Double], _ minima: [[Double]], _ problem: OptimizationProblem) -> Bool {
        minima.contains { m in
            y.indices.allSatisfy { abs(y[$0] - m[$0]) <= HookeJeeves.firstStep * (problem.upperBounds[$0] - problem.lowerBounds[$0]) }
        }
    }

    private func validate(dimension n: Int, budget: OptimizationBudget) throws {
        let c = configuration
        func fail(_ name: String, _ value: Double, _ expected: String) -> IndexMethodError {
            .invalidParameter(name: name, value: value, expected: expected)
        }
        guard c.reliability > 1, c.reliability.isFinite else { throw fail("reliability", c.reliability, "a finite r > 1") }
        guard (1...Evolvent.maximumDensity).contains(c.density) else {
            throw fail("density", Double(c.density), "bits per coordinate in 1...\(Evolvent.maximumDensity)")
        }
        switch c.evolventFamily {
        case .rotated:
            let rotations = EvolventRotation.count(dimension: n)
            guard (1...rotations).contains(c.evolventCount) else {
                throw fail("evolventCount", Double(c.evolventCount), "1...\(rotations) = N(N−1)+1 for N = \(n)")
            }
        case .shifted:
            guard (1...c.density).contains(c.evolventCount) else {
                throw fail("evolventCount", Double(c.evolventCount), "1...\(c.density) shifted evolvents (at most the density m)")
            }
        }
        if let alpha = c.localAdaptation, !(0...30).contains(alpha) {
            throw fail("localAdaptation", alpha, "α in 0...30")
        }
        guard c.globalFrequency >= 0 else { throw fail("globalFrequency", Double(c.globalFrequency), "an integer ≥ 0") }
        guard c.refinementStep > 0, c.refinementStep < 1 else {
            throw fail("refinementStep", c.refinementStep, "a fraction of the box side in (0, 1)")
        }
        if let step = c.localSearchStep, !(step > 0 && step < 1) {
            throw fail("localSearchStep", step, "a fraction of the box side in (0, 1)")
        }
        if let radius = c.sampleMinimumRadius {
            guard radius > 0, radius < 1 else { throw fail("sampleMinimumRadius", radius, "a fraction of the box side in (0, 1)") }
            guard c.localSearchStep != nil else {
                throw fail("sampleMinimumRadius", radius, "the local search during the run (localSearchStep) to start from the sample minima")
            }
        }
        if let share = c.refinementShare, !(0..<1).contains(share) {
            throw fail("refinementShare", share, "a share of the trial budget in [0, 1)")
        }
        guard c.parallelism >= 1 else { throw fail("parallelism", Double(c.parallelism), "p ≥ 1 trials per iteration") }
        guard budget.maxTrials >= 1 else { throw fail("budget.maxTrials", Double(budget.maxTrials), "at least 1 trial") }
        guard budget.tolerance > 0, budget.tolerance.isFinite else {
            throw fail("budget.tolerance", budget.tolerance, "a finite interval accuracy ε > 0")
        }
    }

    /// One trial by the index scheme: constraints in order up to the first violated one.
    static func evaluate(_ problem: OptimizationProblem, at y: [Double]) -> (index: Int, value: Double) {
        for (j, g) in problem.constraints.enumerated() {
            let v = g(y)
            if !(v <= 0) { return (j + 1, v.isNaN ? .greatestFiniteMagnitude : v) }
        }
        return (problem.constraints.count + 1, problem.objective(y))
    }

    /// Trials at several points, concurrently when there is more than one.
    static func evaluateAll(_ problem: OptimizationProblem, at points: [[Double]],
                            workers: TrialWorkers? = nil) -> [(index: Int, value: Double)] {
        if points.count == 1 { return [evaluate(problem, at: points[0])] }
        if let workers, points.count <= workers.capacity {
            let outcomes = TrialOutcomes(count: points.count)
            workers.run(points.indices.map { k in { outcomes.buffer[k] = evaluate(problem, at: points[k]) } })
            return Array(outcomes.buffer)
        }
        var indices = Array(repeating: 0, count: points.count)
        var values = Array(repeating: 0.0, count: points.count)
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            values.withUnsafeMutableBufferPointer { valueBuffer in
                nonisolated(unsafe) let ib = indexBuffer
                nonisolated(unsafe) let vb = valueBuffer
                DispatchQueue.concurrentPerform(iterations: points.count) { k in
                    let outcome = evaluate(problem, at: points[k])
                    ib[k] = outcome.index
                    vb[k] = outcome.value
                }
            }
        }
        return zip(indices, values).map { ($0, $1) }
    }
}

/// The best trial so far: the largest index reached, and the least value at that index.
struct Incumbent: Sendable, Codable, Equatable {
    var point: [Double] = []
    var index = 0
    var value = Double.infinity

    mutating func update(point y: [Double], index nu: Int, value z: Double) -> Bool {
        guard nu > index || (nu == index && z < value) else { return false }
        point = y; index = nu; value = z
        return true
    }

    /// The objective value when a feasible trial exists, +∞ otherwise.
    func reportedValue(feasibleIndex: Int) -> Double { index == feasibleIndex ? value : .infinity }
}
