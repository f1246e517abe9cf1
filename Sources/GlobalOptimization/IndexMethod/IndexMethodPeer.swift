import Foundation

/// One processor of the asynchronous parallel index method (seed 002 §5.2, after formula 40): each of
/// the L one-dimensional problems min φ(yˡ(x)) is solved on its own processor with its own evolvent
/// yˡ, and every trial z = φ(y′) made by one processor is a trial of every other problem at the
/// preimage of y′ on that processor's curve, without recomputing φ. The processors do not wait for
/// each other: each one iterates on its own line and inserts the others' trials as they arrive (the
/// seed's queues of completed iterations).
///
/// This type is the transport-free half of that scheme: it keeps the same `IndexMethodState` as
/// `IndexMethod` (all L lines, every trial inserted on every line through `IndexMethodState.record`,
/// exactly as the in-process multiple-evolvent method does), makes this peer's trials on its own line
/// with `step`, and takes the other peers' trials with `insert`. The message passing (MPI) lives
/// outside `GlobalOptimization`.
///
/// When more peers than evolvents share a curve, the peer with `slot` k on that curve takes the
/// (k + 1)-th best intervals (Strongin & Sergeyev's parallel characteristic rule), so peers on the same
/// curve do not repeat each other's trials. With one peer (line 0, slot 0) and L = 1, a loop of `step`
/// reproduces `IndexMethod.minimize` trial for trial.
public struct IndexMethodPeer: Sendable {
    /// A completed trial as it travels between peers: the evolvent `line` and point `x` on it that
    /// produced it, the N-dimensional point y, its index ν and value z.
    public struct Trial: Sendable, Equatable, Codable {
        public var line: Int
        public var x: Double
        public var point: [Double]
        public var index: Int
        public var value: Double

        public init(line: Int, x: Double, point: [Double], index: Int, value: Double) {
            self.line = line; self.x = x; self.point = point; self.index = index; self.value = value
        }
    }

    public let method: IndexMethod
    /// This peer's evolvent (0…L−1).
    public let line: Int
    /// This peer's rank among the peers on the same evolvent.
    public let slot: Int
    public private(set) var state: IndexMethodState
    /// Trials made by this peer (not received).
    public private(set) var ownTrials = 0
    private let original: OptimizationProblem
    private let problem: OptimizationProblem
    private let curves: SearchCurves

    /// A peer of `method` (its `evolventCount` L curves, all kept) iterating on curve `line`.
    public init(_ method: IndexMethod, problem original: OptimizationProblem, line: Int, slot: Int = 0) throws {
        let c = method.configuration
        let problem = SearchCurves.searchProblem(original, family: c.evolventFamily)
        let curves = try SearchCurves(configuration: c, problem: problem)
        guard (0..<curves.count).contains(line) else {
            throw IndexMethodError.invalidParameter(name: "line", value: Double(line),
                                                    expected: "an evolvent 0...\(curves.count - 1)")
        }
        guard slot >= 0 else { throw IndexMethodError.invalidParameter(name: "slot", value: Double(slot), expected: "≥ 0") }
        self.method = method
        self.line = line
        self.slot = slot
        self.original = original
        self.problem = problem
        self.curves = curves
        state = IndexMethodState(configuration: c, dimension: problem.dimension, lineCount: curves.count,
                                 feasibleIndex: problem.constraints.count + 1)
    }

    /// Makes this peer's next iteration on its own line and records its trials; returns them (to be
    /// sent to the other peers), or nil when the interval of largest characteristic is shorter than
    /// `budget.tolerance` (the accuracy stop of `IndexMethod`). The first step of a peer that has no
    /// trial on its line yet tries the middle x = ½ of its curve. Budget counts are the caller's.
    public mutating func step(budget: OptimizationBudget, stopWhen: (([Double], Double) -> Bool)? = nil) -> [Trial]? {
        let c = method.configuration
        let n = original.dimension
        let l = line
        var xs: [Double] = []
        if state.trials == 0 {
            xs = [0.5]
        } else {
            let local: Double? = {
                guard let alpha = c.localAdaptation else { return nil }
                if c.globalFrequency > 0 && state.iterations % c.globalFrequency == 0 { return nil }
                return alpha
            }()
            let p = c.parallelism
            let skip = slot * p
            func select(_ alpha: Double?) -> [IndexMethodCharacteristics.Candidate] {
                let all = IndexMethodCharacteristics.best(line: state.lines[l], count: skip + p, dimension: n,
                                                          reliability: c.reliability, localAlpha: alpha,
                                                          topIndex: state.best.index, zStar: state.best.value,
                                                          localTuning: c.localTuning ?? false)
                return all.count > skip ? Array(all[skip...]) : Array(all.prefix(p))
            }
            func converged(_ candidates: [IndexMethodCharacteristics.Candidate]) -> Bool {
                guard let first = candidates.first else { return true }
                return state.lines[l].delta[first.interval] <= budget.tolerance
            }
            var chosen = select(local)
            if local != nil, converged(chosen) { chosen = select(nil) }
            if converged(chosen) { return nil }
            for candidate in chosen {
                let x = candidate.nextPoint
                let i = candidate.interval
                if x > state.lines[l].x[i - 1], x < state.lines[l].x[i], !xs.contains(x) { xs.append(x) }
            }
            if xs.isEmpty { return nil }
            state.iterations += 1
        }
        let points = xs.map { curves.point(line: l, at: $0) }
        let outcomes = IndexMethod.evaluateAll(problem, at: points)
        var made: [Trial] = []
        let incumbent = state.best
        for k in xs.indices {
            _ = state.record(x: xs[k], line: l, point: points[k], outcome: outcomes[k], curves: curves, stopWhen: stopWhen)
            made.append(Trial(line: l, x: xs[k], point: points[k], index: outcomes[k].index, value: outcomes[k].value))
        }
        // The first trial (`IndexMethod.start`'s) is no iteration and starts no local search.
        if state.iterations > 0 { made += localSearch(after: incumbent, budget: budget, stopWhen: stopWhen) }
        ownTrials += made.count
        return made
    }

    /// The local search during the run, as `IndexMethod` makes it (`IndexMethodState.localSearch`),
    /// after this peer's own trials; its trials are returned for the other peers like any other. An
    /// incumbent improved by a received trial is left to the peer that made it.
    private mutating func localSearch(after incumbent: Incumbent, budget: OptimizationBudget,
                                      stopWhen: (([Double], Double) -> Bool)?) -> [Trial] {
        var made: [Trial] = []
        state.localSearch(after: incumbent, trialLimit: budget.maxTrials, original: original, problem: problem, curves: curves,
                          stopWhen: stopWhen) { x, y, index, value in made.append(Trial(line: 0, x: x, point: y, index: index, value: value)) }
        return made
    }

    /// Inserts another peer's trial: on the sender's line at its x and on every other line at the
    /// point's preimage (the same `record` as the in-process multiple-evolvent method).
    public mutating func insert(_ trial: Trial, stopWhen: (([Double], Double) -> Bool)? = nil) throws {
        guard (0..<curves.count).contains(trial.line), trial.point.count == original.dimension else {
            throw IndexMethodError.invalidParameter(name: "trial.line", value: Double(trial.line),
                                                    expected: "a trial of one of the \(curves.count) evolvents in N = \(original.dimension)")
        }
        _ = state.record(x: trial.x, line: trial.line, point: trial.point, outcome: (trial.index, trial.value),
                         curves: curves, stopWhen: stopWhen, received: true)
    }

    /// The result over all trials this peer knows: `trials` is the caller's count (e.g. the sum of all
    /// peers' own trials), `termination` the agreed stopping reason. With `localRefinement` configured the
    /// best point is refined by Hooke–Jeeves within `budget.maxTrials − trials`, as in `IndexMethod`.
    public func result(budget: OptimizationBudget, trials total: Int, iterations: Int,
                       termination: TerminationReason) -> OptimizationResult {
        let c = method.configuration
        var best = state.best
        var trials = total
        var trace = state.trace
        if c.localRefinement, best.index == state.feasibleIndex, trials < budget.maxTrials, !state.solved {
            let refined = HookeJeeves.minimize(original, from: best.point, value: best.value,
                                               maxTrials: budget.maxTrials - trials, minimalStep: c.refinementStep)
            trials += refined.trials
            if refined.value < best.value {
                best.point = refined.point
                best.value = refined.value
                trace.append(TraceEntry(trials: trials, bestValue: best.value))
            }
        }
        return OptimizationResult(method: method.name, bestPoint: best.point,
                                  bestValue: best.reportedValue(feasibleIndex: state.feasibleIndex),
                                  trials: trials, iterations: iterations, termination: termination, trace: trace)
    }
}
