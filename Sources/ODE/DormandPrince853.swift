import Foundation

/// DOP853: the explicit Runge–Kutta method of order 8 of Dormand & Prince with Hairer's error
/// estimator of "order 8(5,3)" and 7th-order dense output (Hairer, Nørsett & Wanner I, §II.10).
/// For high accuracy (rtol ≲ 1e-8) on smooth problems.
///
/// Each attempted step evaluates 12 stages (the 13th, f(tₙ₊₁, yₙ₊₁), is the next step's first: FSAL).
/// The error norm combines the 5th- and 3rd-order estimates e₅, e₃ (weighted as in `SolverOptions`):
///
///     err = h · ‖e₅‖² / √(n · (‖e₅‖² + 0.01·‖e₃‖²)),   ‖·‖² = Σ (eᵢ/scᵢ)²,
///
/// and steps follow h_new = h · clamp(0.9 · err^(−1/8), 0.2, 10), without increase right after a
/// rejection (the integral controller of Hairer's code and SciPy). The continuous extension costs three
/// more evaluations per accepted step and is computed only when needed (`saveAt` or `denseOutput`).
/// `rhsEvaluations` = 12·(accepted + rejected) + 1 (+1 for an automatic initial step) (+3·accepted for
/// dense output).
public struct DormandPrince853: FirstOrderAlgorithm, Sendable {
    public let fixedStepSize: Double?
    public let safety: Double

    public init(safety: Double = 0.9) {
        fixedStepSize = nil
        self.safety = safety
    }

    private init(fixedStep h: Double) {
        fixedStepSize = h
        safety = 0.9
    }

    /// DOP853 with a fixed step h and no error control.
    public static func fixedStep(_ h: Double) -> DormandPrince853 { DormandPrince853(fixedStep: h) }

    public func integrate(_ problem: ODEProblem, options: SolverOptions) throws -> ODESolution {
        let n = problem.dimension
        var f = CountingRightHandSide(problem.rhs, dimension: n)
        let coefficientCount = 8  // y₀, F₀…F₆
        var recorder = SolutionRecorder(dimension: n, coefficientCount: coefficientCount, options: options)
        let needsExtension = options.denseOutput || options.saveAt != nil
        // y, yNew, stage, k₀…k₁₅, 8 extension vectors, 2 scratch, absolute tolerances.
        let work = Workspace(dimension: n, vectors: 3 + 16 + coefficientCount + 2 + 1)
        defer { work.deallocate() }
        let y = work.vector(0), yNew = work.vector(1), stage = work.vector(2)
        func k(_ s: Int) -> UnsafeMutablePointer<Double> { work.vector(3 + s) }
        let coefficients = work.vector(19), scratch = work.vector(27), atol = work.vector(29)
        problem.initialState.withUnsafeBufferPointer { y.update(from: $0.baseAddress!, count: n) }
        if let tolerances = options.absoluteTolerances {
            tolerances.withUnsafeBufferPointer { atol.update(from: $0.baseAddress!, count: n) }
        } else {
            atol.update(repeating: options.atol, count: n)
        }
        let tableau = DOP853Tableau.self

        /// stage ← y + h·Σⱼ aₛⱼ kⱼ, then kₛ = f(t + cₛh, stage).
        func evaluateStage(_ s: Int, t: Double, h: Double) {
            stage.update(from: y, count: n)
            for (j, a) in tableau.a[s].enumerated() where a != 0 {
                let weight = h * a, kj = k(j)
                for i in 0..<n { stage[i] += weight * kj[i] }
            }
            f(t + tableau.c[s] * h, stage, into: k(s))
        }

        /// Stages 1…11, yNew, and k₁₂ = f(t + h, yNew).
        func step(t: Double, h: Double) {
            for s in 1..<12 { evaluateStage(s, t: t, h: h) }
            yNew.update(from: y, count: n)
            for (j, b) in tableau.b.enumerated() where b != 0 {
                let weight = h * b, kj = k(j)
                for i in 0..<n { yNew[i] += weight * kj[i] }
            }
            f(t + h, yNew, into: k(12))
        }

        /// The extension u(t + θh) = y + θ(F₀ + (1−θ)(F₁ + θ(F₂ + (1−θ)(F₃ + θ(F₄ + (1−θ)(F₅ + θF₆)))))).
        func extend(t: Double, h: Double) {
            for s in 13..<16 { evaluateStage(s, t: t, h: h) }
            let k0 = k(0), k12 = k(12)
            let r = coefficients
            for i in 0..<n {
                let difference = yNew[i] - y[i]
                r[i] = y[i]
                r[n + i] = difference
                r[2 * n + i] = h * k0[i] - difference
                r[3 * n + i] = 2 * difference - h * (k0[i] + k12[i])
            }
            for row in 0..<4 {
                let target = r + (4 + row) * n
                target.update(repeating: 0, count: n)
                for (s, d) in tableau.d[row].enumerated() where d != 0 {
                    let weight = h * d, ks = k(s)
                    for i in 0..<n { target[i] += weight * ks[i] }
                }
            }
        }

        func accept(from t: Double, step h: Double, to tNew: Double) {
            if needsExtension { extend(t: t, h: h) }
            recorder.recordStep(from: t, step: h, to: tNew, coefficients: coefficients, state: yNew,
                                derivative: k(12), scratch: scratch)
            y.update(from: yNew, count: n)
            k(0).update(from: k(12), count: n)
        }

        let (t0, t1) = problem.timeSpan
        var t = t0
        f(t, y, into: k(0))
        if let i = firstNonFinite(k(0), n) { throw ODEError.nonFiniteState(time: t, component: i) }
        recorder.recordInitial(time: t, state: y, derivative: k(0))
        var accepted = 0, rejected = 0

        if let h = fixedStepSize {
            let grid = try FixedStepGrid(span: problem.timeSpan, step: h)
            for index in 1...grid.count {
                let tNew = grid.node(index)
                step(t: t, h: tNew - t)
                if let i = firstNonFinite(yNew, n) ?? firstNonFinite(k(12), n) {
                    throw ODEError.nonFiniteState(time: tNew, component: i)
                }
                accept(from: t, step: tNew - t, to: tNew)
                t = tNew
                accepted += 1
            }
            return recorder.solution(evaluations: f.evaluations, accepted: accepted, rejected: 0)
        }

        let rtol = options.rtol
        var h = options.initialStep
            ?? selectInitialStep(&f, t0: t0, t1: t1, y0: y, f0: k(0), atol: atol, rtol: rtol,
                                 maxStep: options.maxStep, errorOrder: 7, n: n,
                                 probeState: stage, probeDerivative: k(1))
        h = min(h, options.maxStep)
        var rejectedLastStep = false
        var nonFiniteComponent: Int? = nil
        while t < t1 {
            try AdaptiveStepGuard.check(t: t, h: h, attempted: accepted + rejected, options: options,
                                        nonFiniteComponent: nonFiniteComponent)
            let isLast = AdaptiveStepGuard.clipToEnd(t: t, h: &h, t1: t1)
            step(t: t, h: h)
            var sum5 = 0.0, sum3 = 0.0
            for i in 0..<n {
                let scale = atol[i] + rtol * max(abs(y[i]), abs(yNew[i]))
                var e5 = 0.0, e3 = 0.0
                for s in 0..<13 {
                    let ks = k(s)[i]
                    e5 += tableau.e5[s] * ks
                    e3 += tableau.e3[s] * ks
                }
                sum5 += (e5 / scale) * (e5 / scale)
                sum3 += (e3 / scale) * (e3 / scale)
            }
            let denominator = sum5 + 0.01 * sum3
            let error = denominator > 0 ? h * sum5 / (Double(n) * denominator).squareRoot() : 0
            guard error.isFinite, !denominator.isNaN else {
                nonFiniteComponent = firstNonFinite(yNew, n) ?? firstNonFinite(k(12), n) ?? 0
                rejected += 1
                rejectedLastStep = true
                h *= 0.2
                continue
            }
            nonFiniteComponent = nil
            if error <= 1 {
                let tNew = isLast ? t1 : t + h
                accept(from: t, step: h, to: tNew)
                t = tNew
                accepted += 1
                var factor = error == 0 ? 10 : min(10, safety * pow(error, -1.0 / 8))
                if rejectedLastStep { factor = min(1, factor) }
                rejectedLastStep = false
                h = min(h * factor, options.maxStep)
            } else {
                rejected += 1
                rejectedLastStep = true
                h *= max(0.2, safety * pow(error, -1.0 / 8))
            }
        }
        return recorder.solution(evaluations: f.evaluations, accepted: accepted, rejected: rejected)
    }
}
