/// The classical fourth-order Runge–Kutta method with a fixed step (Kutta 1901):
///
///     k₁ = f(t, y), k₂ = f(t + h/2, y + h/2·k₁), k₃ = f(t + h/2, y + h/2·k₂), k₄ = f(t + h, y + h·k₃),
///     yₙ₊₁ = y + h/6·(k₁ + 2k₂ + 2k₃ + k₄).
///
/// f(tₙ₊₁, yₙ₊₁) is evaluated once per step (it is the next step's k₁ and the slope for Hermite
/// interpolation), so `rhsEvaluations` = 4·steps + 1. The last step is shortened to end at t₁.
public struct RungeKutta4: FirstOrderAlgorithm, Sendable {
    public let step: Double

    public init(step: Double) { self.step = step }

    public func integrate(_ problem: ODEProblem, options: SolverOptions) throws -> ODESolution {
        let grid = try FixedStepGrid(span: problem.timeSpan, step: step)
        let n = problem.dimension
        var f = CountingRightHandSide(problem.rhs, dimension: n)
        var recorder = SolutionRecorder(dimension: n, coefficientCount: 4, options: options)
        // y, yNew, stage, k1…k4, f(tₙ₊₁), 4 extension coefficients, 2 scratch vectors.
        let work = Workspace(dimension: n, vectors: 14)
        defer { work.deallocate() }
        let y = work.vector(0), yNew = work.vector(1), stage = work.vector(2)
        let k1 = work.vector(3), k2 = work.vector(4), k3 = work.vector(5), k4 = work.vector(6)
        let fNew = work.vector(7), coefficients = work.vector(8), scratchPair = work.vector(12)

        problem.initialState.withUnsafeBufferPointer { y.update(from: $0.baseAddress!, count: n) }
        var t = grid.start
        f(t, y, into: k1)
        if let i = firstNonFinite(k1, n) { throw ODEError.nonFiniteState(time: t, component: i) }
        recorder.recordInitial(time: t, state: y, derivative: k1)

        for k in 1...grid.count {
            let tNew = grid.node(k)
            let h = tNew - t
            for i in 0..<n { stage[i] = y[i] + 0.5 * h * k1[i] }
            f(t + 0.5 * h, stage, into: k2)
            for i in 0..<n { stage[i] = y[i] + 0.5 * h * k2[i] }
            f(t + 0.5 * h, stage, into: k3)
            for i in 0..<n { stage[i] = y[i] + h * k3[i] }
            f(tNew, stage, into: k4)
            let sixth = h / 6
            for i in 0..<n { yNew[i] = y[i] + sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
            if let i = firstNonFinite(yNew, n) { throw ODEError.nonFiniteState(time: tNew, component: i) }
            f(tNew, yNew, into: fNew)
            if let i = firstNonFinite(fNew, n) { throw ODEError.nonFiniteState(time: tNew, component: i) }
            ContinuousExtension.hermiteCoefficients(n: n, h: h, y0: y, y1: yNew, f0: k1, f1: fNew, into: coefficients)
            recorder.recordStep(from: t, step: h, to: tNew, coefficients: coefficients, state: yNew,
                                derivative: fNew, scratch: scratchPair)
            y.update(from: yNew, count: n)
            k1.update(from: fNew, count: n)
            t = tNew
        }
        return recorder.solution(evaluations: f.evaluations, accepted: grid.count, rejected: 0)
    }
}
