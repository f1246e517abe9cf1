import Foundation

/// The Dormand–Prince 5(4) pair (Dormand & Prince 1980; Hairer, Nørsett & Wanner I, §II.5, code DOPRI5):
/// seven stages, the last (FSAL) being f(tₙ₊₁, yₙ₊₁), so each attempted step costs six evaluations.
///
/// Adaptive mode: local extrapolation (the 5th-order solution is propagated), error estimate
/// h·Σ eᵢkᵢ in the weighted RMS norm of `SolverOptions`, a PI step-size controller
///
///     h_new = h · clamp(safety · ‖e‖ₙ^(−α) · ‖e‖ₙ₋₁^β, 1/5, 10),   α = 1/5 − 0.75·β,
///
/// (no increase right after a rejection), and Hairer's initial step (`selectInitialStep`).
///
/// The default β = 0 is the I controller with SciPy's constants: on smooth problems it needs the
/// same right-hand-side evaluations as SciPy's RK45 (782 on the n = 2,000 peer network), the
/// bar migsim is measured by. β = 0.04 is Hairer's PI controller of DOPRI5: smoother step
/// sequences and fewer rejections, at about 6% more evaluations on smooth problems (836).
/// `rhsEvaluations` = 6·(accepted + rejected) + 1, plus 1 when the initial step is chosen automatically.
///
/// Fixed-step mode (`fixedStep(h)`) takes steps of length h without error control (for order tests):
/// `rhsEvaluations` = 6·steps + 1.
public struct DormandPrince5: FirstOrderAlgorithm, Sendable {
    /// Fixed step, or nil for adaptive steps.
    public let fixedStepSize: Double?
    /// PI controller weight β of the previous error (0: I controller, the default; Hairer's DOPRI5 uses 0.04).
    public let beta: Double
    /// Safety factor on the optimal step.
    public let safety: Double

    public init(beta: Double = 0, safety: Double = 0.9) {
        self.fixedStepSize = nil
        self.beta = beta
        self.safety = safety
    }

    private init(fixedStep h: Double) {
        fixedStepSize = h
        beta = 0.04
        safety = 0.9
    }

    /// Dormand–Prince with a fixed step h and no error control.
    public static func fixedStep(_ h: Double) -> DormandPrince5 { DormandPrince5(fixedStep: h) }

    // Butcher tableau.
    static let c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9
    static let a21 = 1.0 / 5
    static let a31 = 3.0 / 40, a32 = 9.0 / 40
    static let a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9
    static let a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729
    static let a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656
    static let a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784, a76 = 11.0 / 84
    // Error coefficients eᵢ = bᵢ − b̂ᵢ (5th minus 4th order weights).
    static let e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525, e7 = -1.0 / 40
    // Continuous extension (Hairer's d-coefficients of CONTD5).
    static let d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799
    static let d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632
    static let d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423

    /// Stage buffers of one step.
    struct Stages {
        let y, yNew, stage, k1, k2, k3, k4, k5, k6, k7: UnsafeMutablePointer<Double>
    }

    /// One step from (t, y) with k1 = f(t, y): fills k2…k7 and yNew (k7 = f(t + h, yNew)).
    @inline(__always)
    static func step<F: RightHandSideEvaluator>(_ f: inout F, t: Double, h: Double, n: Int, _ s: Stages) {
        let y = s.y, stage = s.stage, k1 = s.k1, k2 = s.k2, k3 = s.k3, k4 = s.k4, k5 = s.k5, k6 = s.k6
        for i in 0..<n { stage[i] = y[i] + h * a21 * k1[i] }
        f(t + c2 * h, stage, into: k2)
        for i in 0..<n { stage[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]) }
        f(t + c3 * h, stage, into: k3)
        for i in 0..<n { stage[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]) }
        f(t + c4 * h, stage, into: k4)
        for i in 0..<n { stage[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]) }
        f(t + c5 * h, stage, into: k5)
        for i in 0..<n { stage[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]) }
        f(t + h, stage, into: k6)
        for i in 0..<n { s.yNew[i] = y[i] + h * (a71 * k1[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] + a76 * k6[i]) }
        f(t + h, s.yNew, into: s.k7)
    }

    /// Writes the five vectors r₁…r₅ of the continuous extension of the step into `r`.
    @inline(__always)
    static func extensionCoefficients(h: Double, n: Int, _ s: Stages, into r: UnsafeMutablePointer<Double>) {
        ContinuousExtension.hermiteCoefficients(n: n, h: h, y0: s.y, y1: s.yNew, f0: s.k1, f1: s.k7, into: r)
        let r5 = r + 4 * n
        for i in 0..<n {
            r5[i] = h * (d1 * s.k1[i] + d3 * s.k3[i] + d4 * s.k4[i] + d5 * s.k5[i] + d6 * s.k6[i] + d7 * s.k7[i])
        }
    }

    public func integrate(_ problem: ODEProblem, options: SolverOptions) throws -> ODESolution {
        var f = CountingRightHandSide(problem.rhs, dimension: problem.dimension)
        return try integrate(initialState: problem.initialState, timeSpan: problem.timeSpan, &f, options: options)
    }

    /// Integrates a `SplitSecondOrderProblem` in its first-order form y = [q; v]: the same stages,
    /// error estimates and steps as `integrate(_: ODEProblem, …)` on that form (to rounding; to the bit
    /// when `positionForce` at two points equals two single calls), with the position forces of stages
    /// 2 and 3, 4 and 5, 6 and 7 evaluated in pairs (`SplitRightHandSide`). Call `solve` rather than this.
    public func integrate(_ problem: SplitSecondOrderProblem, options: SolverOptions) throws -> ODESolution {
        var f = SplitRightHandSide(problem)
        return try integrate(initialState: problem.position + problem.velocity, timeSpan: problem.timeSpan, &f,
                             options: options)
    }

    func integrate<F: DormandPrince5Stepping>(initialState: [Double], timeSpan: (Double, Double), _ f: inout F,
                                               options: SolverOptions) throws -> ODESolution {
        let n = initialState.count
        var recorder = SolutionRecorder(dimension: n, coefficientCount: 5, options: options)
        // y, yNew, stage, k1…k7, 5 extension coefficients, 2 scratch, absolute tolerances.
        let work = Workspace(dimension: n, vectors: 18)
        defer { work.deallocate() }
        let s = Stages(y: work.vector(0), yNew: work.vector(1), stage: work.vector(2),
                       k1: work.vector(3), k2: work.vector(4), k3: work.vector(5), k4: work.vector(6),
                       k5: work.vector(7), k6: work.vector(8), k7: work.vector(9))
        let coefficients = work.vector(10), scratch = work.vector(15), atol = work.vector(17)
        initialState.withUnsafeBufferPointer { s.y.update(from: $0.baseAddress!, count: n) }
        if let tolerances = options.absoluteTolerances {
            tolerances.withUnsafeBufferPointer { atol.update(from: $0.baseAddress!, count: n) }
        } else {
            atol.update(repeating: options.atol, count: n)
        }

        let (t0, t1) = timeSpan
        var t = t0
        f(t, s.y, into: s.k1)
        if let i = firstNonFinite(s.k1, n) { throw ODEError.nonFiniteState(time: t, component: i) }
        recorder.recordInitial(time: t, state: s.y, derivative: s.k1)

        var accepted = 0, rejected = 0
        /// Records the step t → tNew of length h (dense-output coefficients, state, derivative)
        /// and makes yNew the current state, with FSAL: k1 of the next step is this step's k7.
        func acceptStep(h: Double, to tNew: Double) {
            Self.extensionCoefficients(h: h, n: n, s, into: coefficients)
            recorder.recordStep(from: t, step: h, to: tNew, coefficients: coefficients, state: s.yNew,
                                derivative: s.k7, scratch: scratch)
            s.y.update(from: s.yNew, count: n)
            s.k1.update(from: s.k7, count: n)
            t = tNew
            accepted += 1
        }

        if let h = fixedStepSize {
            let grid = try FixedStepGrid(span: timeSpan, step: h)
            for k in 1...grid.count {
                let tNew = grid.node(k)
                let h = tNew - t
                f.dormandPrince5Step(t: t, h: h, n: n, s)
                if let i = firstNonFinite(s.yNew, n) ?? firstNonFinite(s.k7, n) {
                    throw ODEError.nonFiniteState(time: tNew, component: i)
                }
                acceptStep(h: h, to: tNew)
            }
            return recorder.solution(evaluations: f.evaluations, accepted: accepted, rejected: 0)
        }

        let rtol = options.rtol
        var h = options.initialStep
            ?? selectInitialStep(&f, t0: t0, t1: t1, y0: s.y, f0: s.k1, atol: atol, rtol: rtol,
                                 maxStep: options.maxStep, errorOrder: 4, n: n,
                                 probeState: s.stage, probeDerivative: s.k2)
        h = min(h, options.maxStep)
        let exponent = 0.2 - 0.75 * beta
        let maxShrink = 5.0, maxGrowth = 0.1  // h_new = h / fac with fac ∈ [1/10, 5]
        var previousError = 1e-4
        var rejectedLastStep = false
        var nonFiniteComponent: Int? = nil

        while t < t1 {
            try AdaptiveStepGuard.check(t: t, h: h, attempted: accepted + rejected, options: options,
                                        nonFiniteComponent: nonFiniteComponent)
            let isLast = AdaptiveStepGuard.clipToEnd(t: t, h: &h, t1: t1)
            f.dormandPrince5Step(t: t, h: h, n: n, s)

            // Weighted RMS norm of the error estimate h·Σ eᵢkᵢ.
            var sum = 0.0
            for i in 0..<n {
                let scale = atol[i] + rtol * max(abs(s.y[i]), abs(s.yNew[i]))
                let e = h * (Self.e1 * s.k1[i] + Self.e3 * s.k3[i] + Self.e4 * s.k4[i] + Self.e5 * s.k5[i]
                    + Self.e6 * s.k6[i] + Self.e7 * s.k7[i]) / scale
                sum += e * e
            }
            let error = (sum / Double(n)).squareRoot()

            guard error.isFinite else {
                // A stage left the finite numbers: retreat with the largest allowed reduction. If the step
                // underflows this way, the state itself is non-finite at (just after) t.
                nonFiniteComponent = firstNonFinite(s.yNew, n) ?? firstNonFinite(s.k7, n) ?? 0
                rejected += 1
                rejectedLastStep = true
                h /= maxShrink
                continue
            }
            nonFiniteComponent = nil
            let errorPower = pow(error, exponent)
            let factor = max(maxGrowth, min(maxShrink, errorPower / pow(previousError, beta) / safety))
            if error <= 1 {
                previousError = max(error, 1e-4)
                let tNew = isLast ? t1 : t + h
                acceptStep(h: h, to: tNew)
                var hNew = h / factor
                if rejectedLastStep { hNew = min(hNew, h) }
                rejectedLastStep = false
                h = min(hNew, options.maxStep)
            } else {
                rejected += 1
                rejectedLastStep = true
                h /= min(maxShrink, errorPower / safety)
            }
        }
        return recorder.solution(evaluations: f.evaluations, accepted: accepted, rejected: rejected)
    }
}

/// A right-hand side that also takes whole Dormand–Prince steps: the first-order one stage after
/// stage (`DormandPrince5.step`), or a split second-order one with stages paired (`SplitRightHandSide`).
protocol DormandPrince5Stepping: RightHandSideEvaluator {
    /// From (t, y) with k1 = f(t, y): k2…k7 and yNew (k7 = f(t + h, yNew)), six evaluations.
    mutating func dormandPrince5Step(t: Double, h: Double, n: Int, _ s: DormandPrince5.Stages)
}

extension CountingRightHandSide: DormandPrince5Stepping {
    @inline(__always)
    mutating func dormandPrince5Step(t: Double, h: Double, n: Int, _ s: DormandPrince5.Stages) {
        DormandPrince5.step(&self, t: t, h: h, n: n, s)
    }
}
