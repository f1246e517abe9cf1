/// The complete state of an index-method run between iterations: every evolvent's search line, the
/// incumbent, the counters and the trace. It is `Codable`, so a run can be checkpointed and resumed
/// (`IndexMethod.resume`); the method is deterministic, so the resumed run is identical to an
/// uninterrupted one.
public struct IndexMethodState: Sendable, Codable, Equatable {
    /// The configuration that produced the state; `resume` refuses a different one.
    public let configuration: IndexMethodConfiguration
    public let dimension: Int
    /// m + 1 for m constraints: the index of a feasible trial.
    public let feasibleIndex: Int
    public internal(set) var trials = 0
    public internal(set) var iterations = 0
    public internal(set) var trace: [TraceEntry] = []
    /// A trial met the caller's `stopWhen` criterion.
    public internal(set) var solved = false
    var lines: [SearchLine]
    var best = Incumbent()
    /// The points where the local searches during the run (`localSearchStep`) ended (nil: none yet).
    var localMinima: [[Double]]?
    /// With `sampleMinimumRadius`: every feasible trial's point (N coordinates each) and value, the points
    /// where local searches from sample minima started, and the trial count of the next scan for them.
    var samplePoints: [Double]?
    var sampleValues: [Double]?
    var sampleStarts: [[Double]]?
    /// Whether each sample was made here (false: received from another peer, `IndexMethodPeer.insert`).
    var sampleMine: [Bool]?
    var nextSampleScan: Int?

    init(configuration: IndexMethodConfiguration, dimension: Int, lineCount: Int, feasibleIndex: Int) {
        self.configuration = configuration
        self.dimension = dimension
        self.feasibleIndex = feasibleIndex
        lines = Array(repeating: SearchLine(indexCount: feasibleIndex, dimension: dimension), count: lineCount)
    }

    /// The best point so far and its value (+∞ while no trial is feasible).
    public var bestPoint: [Double] { best.point }
    public var bestValue: Double { best.reportedValue(feasibleIndex: feasibleIndex) }

    /// The local search during the run (`localSearchStep`): when the trials since `incumbent` improved
    /// the feasible incumbent outside every basin searched before, Hooke–Jeeves from it with at most
    /// `trialLimit` − `trials` trials. Its trials are recorded on line 0 at their preimages (and from
    /// there on every other line), as if the method had made them, and `made` sees each (x, y, ν, z).
    ///
    /// With `sampleMinimumRadius`, also at scans whose trial counts grow by a quarter each time (the first
    /// after 50·N trials): Hooke–Jeeves from every sample minimum (`SampleMinima`) outside the basins
    /// searched before and not started from before — a basin the curve has entered, whose trials are
    /// still above the incumbent. A peer starts only from sample minima it made itself.
    mutating func localSearch(after incumbent: Incumbent, trialLimit: Int, original: OptimizationProblem,
                              problem: OptimizationProblem, curves: SearchCurves, stopWhen: (([Double], Double) -> Bool)?,
                              made: (Double, [Double], Int, Double) -> Void = { _, _, _, _ in }) {
        guard let step = configuration.localSearchStep else { return }
        if best != incumbent, best.index == feasibleIndex, !solved, trials < trialLimit,
           !IndexMethod.nearSearchedMinimum(best.point, localMinima ?? [], original) {
            descend(from: best.point, value: best.value, step: step, trialLimit: trialLimit, original: original,
                    problem: problem, curves: curves, stopWhen: stopWhen, made: made)
        }
        guard let radius = configuration.sampleMinimumRadius, !solved, trials < trialLimit,
              trials >= (nextSampleScan ?? 50 * dimension) else { return }
        nextSampleScan = trials + max(1, trials / 4)
        for (y, z) in sampleMinima(radius: radius, original: original) {
            guard !solved, trials < trialLimit else { return }
            guard !IndexMethod.nearSearchedMinimum(y, (localMinima ?? []) + (sampleStarts ?? []), original) else { continue }
            sampleStarts = (sampleStarts ?? []) + [y]
            descend(from: y, value: z, step: step, trialLimit: trialLimit, original: original,
                    problem: problem, curves: curves, stopWhen: stopWhen, made: made)
        }
    }

    /// The sample minima among this state's own samples, in increasing value, as (point, value). Copied
    /// out, so that the searches from them append to the samples without copying them: under the
    /// distributed scheme each peer starts only from its own trials, so that two peers scanning the same
    /// shared trials do not both search from one point.
    private func sampleMinima(radius: Double, original: OptimizationProblem) -> [([Double], Double)] {
        guard let points = samplePoints, let values = sampleValues else { return [] }
        let n = dimension
        return SampleMinima.find(points: points, values: values, dimension: n, lower: original.lowerBounds,
                                 upper: original.upperBounds, radius: radius)
            .filter { sampleMine?[$0] ?? true }
            .map { (Array(points[($0 * n)..<(($0 + 1) * n)]), values[$0]) }
    }

    /// One Hooke–Jeeves search from y (value z) down to `step` of each side, its trials recorded on line 0
    /// at their preimages; its end joins `localMinima`.
    private mutating func descend(from y: [Double], value z: Double, step: Double, trialLimit: Int, original: OptimizationProblem,
                                  problem: OptimizationProblem, curves: SearchCurves, stopWhen: (([Double], Double) -> Bool)?,
                                  made: (Double, [Double], Int, Double) -> Void) {
        // Shifted evolvents put the box first among the constraints: the indices move up by one.
        let shift = problem.constraints.count - original.constraints.count
        let found = HookeJeeves.minimize(original, from: y, value: z,
                                         maxTrials: trialLimit - trials, minimalStep: step) { y, outcome in
            let x = curves.preimage(line: 0, of: y)
            made(x, y, outcome.index + shift, outcome.value)
            return record(x: x, line: 0, point: y, outcome: (outcome.index + shift, outcome.value), curves: curves, stopWhen: stopWhen)
        }
        localMinima = (localMinima ?? []) + [found.point]
    }

    /// Records one trial made through evolvent `line` at x: on that line at x and on every other line at
    /// the point's preimage (formula 40: all evolvents share all trials).
    /// `received`: the trial was made by another peer (the sample minima start searches only from their own).
    mutating func record(x: Double, line l: Int, point: [Double], outcome: (index: Int, value: Double),
                         curves: SearchCurves, stopWhen: (([Double], Double) -> Bool)?, received: Bool = false) -> Bool {
        trials += 1
        lines[l].insert(x: x, index: outcome.index, value: outcome.value)
        // A shifted curve's trial outside D (index 1 of the box constraint) may lie outside the other
        // curves' cubes: it stays on its own line.
        let shared = curves.family == .rotated || outcome.index > 1
        for s in lines.indices where s != l && shared {
            lines[s].insert(x: curves.preimage(line: s, of: point), index: outcome.index, value: outcome.value)
        }
        if configuration.sampleMinimumRadius != nil, outcome.index == feasibleIndex {
            if samplePoints == nil { samplePoints = []; sampleValues = []; sampleMine = [] }
            samplePoints!.append(contentsOf: point)
            sampleValues!.append(outcome.value)
            sampleMine!.append(!received)
        }
        if best.update(point: point, index: outcome.index, value: outcome.value) {
            trace.append(TraceEntry(trials: trials, bestValue: best.reportedValue(feasibleIndex: feasibleIndex)))
        }
        if let stopWhen, outcome.index == feasibleIndex, stopWhen(point, outcome.value) { solved = true }
        return solved
    }
}
