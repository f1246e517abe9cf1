/// Collects the output of an integration: every accepted step, or the `saveAt` times filled in by
/// each step's continuous extension, plus (with `denseOutput`) the extension of every step.
struct SolutionRecorder {
    let dimension: Int
    /// Coefficient vectors per step in the continuous extension (4: Hermite, 5: Dormand–Prince).
    let coefficientCount: Int
    let saveAt: [Double]?
    let keepsDenseOutput: Bool
    private var nextSaveIndex = 0
    private(set) var times: [Double] = []
    private(set) var states: [Double] = []
    private(set) var derivatives: [Double] = []
    private(set) var dense: DenseOutput

    init(dimension: Int, coefficientCount: Int, options: SolverOptions) {
        self.dimension = dimension
        self.coefficientCount = coefficientCount
        self.saveAt = options.saveAt
        self.keepsDenseOutput = options.denseOutput
        self.dense = DenseOutput(dimension: dimension, coefficientCount: coefficientCount)
        if let saveAt = options.saveAt {
            times.reserveCapacity(saveAt.count)
            states.reserveCapacity(saveAt.count * dimension)
            derivatives.reserveCapacity(saveAt.count * dimension)
        }
    }

    private mutating func append(_ t: Double, _ y: UnsafePointer<Double>, _ f: UnsafePointer<Double>) {
        times.append(t)
        states.append(contentsOf: UnsafeBufferPointer(start: y, count: dimension))
        derivatives.append(contentsOf: UnsafeBufferPointer(start: f, count: dimension))
    }

    mutating func recordInitial(time t0: Double, state y0: UnsafePointer<Double>, derivative f0: UnsafePointer<Double>) {
        if let saveAt {
            if nextSaveIndex < saveAt.count, saveAt[nextSaveIndex] == t0 {
                append(t0, y0, f0)
                nextSaveIndex += 1
            }
        } else {
            append(t0, y0, f0)
        }
    }

    /// Records the accepted step [tStart, tEnd] of nominal length h whose extension is `coefficients`.
    /// `scratch` has room for 2·n numbers.
    mutating func recordStep(from tStart: Double, step h: Double, to tEnd: Double,
                             coefficients: UnsafePointer<Double>,
                             state yEnd: UnsafePointer<Double>, derivative fEnd: UnsafePointer<Double>,
                             scratch: UnsafeMutablePointer<Double>) {
        if keepsDenseOutput {
            dense.append(start: tStart, step: h, end: tEnd, coefficients: coefficients)
        }
        guard let saveAt else {
            append(tEnd, yEnd, fEnd)
            return
        }
        while nextSaveIndex < saveAt.count, saveAt[nextSaveIndex] <= tEnd {
            let s = saveAt[nextSaveIndex]
            if s == tEnd {
                append(s, yEnd, fEnd)
            } else {
                ContinuousExtension.evaluate(n: dimension, count: coefficientCount, h: h, theta: (s - tStart) / h,
                                             r: coefficients, value: scratch, derivative: scratch + dimension)
                append(s, scratch, scratch + dimension)
            }
            nextSaveIndex += 1
        }
    }

    func solution(evaluations: Int, accepted: Int, rejected: Int) -> ODESolution {
        ODESolution(dimension: dimension, times: times, flatStates: states, flatDerivatives: derivatives,
                    rhsEvaluations: evaluations, acceptedSteps: accepted, rejectedSteps: rejected,
                    status: .success, dense: keepsDenseOutput ? dense : nil)
    }
}

/// The continuous extension of every accepted step, for `ODESolution(t)` anywhere in the span.
struct DenseOutput: Sendable {
    let dimension: Int
    let coefficientCount: Int
    /// Step start times, then the final time (count = steps + 1 once a step is recorded).
    private(set) var nodes: [Double] = []
    private(set) var steps: [Double] = []
    private(set) var coefficients: [Double] = []

    init(dimension: Int, coefficientCount: Int) {
        self.dimension = dimension
        self.coefficientCount = coefficientCount
    }

    mutating func append(start: Double, step: Double, end: Double, coefficients r: UnsafePointer<Double>) {
        if nodes.isEmpty { nodes.append(start) }
        nodes.append(end)
        steps.append(step)
        coefficients.append(contentsOf: UnsafeBufferPointer(start: r, count: coefficientCount * dimension))
    }

    var isEmpty: Bool { steps.isEmpty }

    func value(at t: Double) -> [Double] {
        let k = segmentIndex(containing: t, in: nodes)
        var result = [Double](repeating: 0, count: dimension)
        coefficients.withUnsafeBufferPointer { c in
            result.withUnsafeMutableBufferPointer { out in
                ContinuousExtension.evaluate(n: dimension, count: coefficientCount, h: steps[k],
                                             theta: (t - nodes[k]) / steps[k],
                                             r: c.baseAddress! + k * coefficientCount * dimension,
                                             value: out.baseAddress!, derivative: nil)
            }
        }
        return result
    }
}

/// Index k of the segment [nodes[k], nodes[k+1]] that contains t (clamped to the first/last segment).
func segmentIndex(containing t: Double, in nodes: [Double]) -> Int {
    var low = 0, high = nodes.count - 2
    while low < high {
        let middle = (low + high + 1) / 2
        if nodes[middle] <= t { low = middle } else { high = middle - 1 }
    }
    return max(0, low)
}
