/// Velocity Verlet (Swope et al. 1982; Hairer, Lubich & Wanner, Geometric Numerical Integration §I.3)
/// for q″ = a(t, q, v) with a fixed step h:
///
///     v½ = v + h/2·a(t, q, v),  qₙ₊₁ = q + h·v½,  aₙ₊₁ = a(t + h, qₙ₊₁, v½),  vₙ₊₁ = v½ + h/2·aₙ₊₁.
///
/// For a conservative force a(q) it is symplectic, time-reversible and of order 2: the energy error
/// stays bounded (O(h²)) over very long times instead of drifting. A velocity-dependent a (damping) is
/// evaluated at the half-step velocity v½, which keeps the scheme explicit but makes it only first
/// order in that term and no longer symplectic; use `DormandPrince5` for damped runs.
/// One acceleration call per step, plus one at t₀ (`rhsEvaluations` = steps + 1).
public struct VelocityVerlet: Sendable {
    public let step: Double

    public init(step: Double) { self.step = step }

    func integrate(_ problem: SecondOrderProblem, options: SolverOptions) throws -> ODESolution {
        let grid = try FixedStepGrid(span: problem.timeSpan, step: step)
        let m = problem.position.count, n = 2 * m
        var recorder = SolutionRecorder(dimension: n, coefficientCount: 4, options: options)
        // state [q; v], its derivative [v; a], the new state and derivative, v½, 4 coefficients, 2 scratch.
        let work = Workspace(dimension: n, vectors: 11)
        defer { work.deallocate() }
        let state = work.vector(0), derivative = work.vector(1)
        let newState = work.vector(2), newDerivative = work.vector(3)
        let halfVelocity = work.vector(4), coefficients = work.vector(5), scratch = work.vector(9)
        problem.position.withUnsafeBufferPointer { state.update(from: $0.baseAddress!, count: m) }
        problem.velocity.withUnsafeBufferPointer { (state + m).update(from: $0.baseAddress!, count: m) }
        var evaluations = 0
        func acceleration(_ t: Double, _ q: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>,
                          into a: UnsafeMutablePointer<Double>) {
            evaluations += 1
            problem.acceleration(t, UnsafeBufferPointer(start: q, count: m), UnsafeBufferPointer(start: v, count: m),
                                 UnsafeMutableBufferPointer(start: a, count: m))
        }

        var t = grid.start
        derivative.update(from: state + m, count: m)
        acceleration(t, state, state + m, into: derivative + m)
        if let i = firstNonFinite(derivative, n) { throw ODEError.nonFiniteState(time: t, component: i) }
        recorder.recordInitial(time: t, state: state, derivative: derivative)

        for k in 1...grid.count {
            let tNew = grid.node(k)
            let h = tNew - t
            let q = state, v = state + m, a = derivative + m
            let qNew = newState, vNew = newState + m, aNew = newDerivative + m
            for i in 0..<m { halfVelocity[i] = v[i] + 0.5 * h * a[i] }
            for i in 0..<m { qNew[i] = q[i] + h * halfVelocity[i] }
            acceleration(tNew, qNew, halfVelocity, into: aNew)
            for i in 0..<m { vNew[i] = halfVelocity[i] + 0.5 * h * aNew[i] }
            newDerivative.update(from: vNew, count: m)
            if let i = firstNonFinite(newState, n) ?? firstNonFinite(newDerivative, n) {
                throw ODEError.nonFiniteState(time: tNew, component: i)
            }
            ContinuousExtension.hermiteCoefficients(n: n, h: h, y0: state, y1: newState, f0: derivative,
                                                    f1: newDerivative, into: coefficients)
            recorder.recordStep(from: t, step: h, to: tNew, coefficients: coefficients, state: newState,
                                derivative: newDerivative, scratch: scratch)
            state.update(from: newState, count: n)
            derivative.update(from: newDerivative, count: n)
            t = tNew
        }
        return recorder.solution(evaluations: evaluations, accepted: grid.count, rejected: 0)
    }
}

/// Solves q″ = a(t, q, q′) with velocity Verlet; the solution's state is [q; v].
public func solve(_ problem: SecondOrderProblem, _ algorithm: VelocityVerlet,
                  options: SolverOptions = .init()) throws -> ODESolution {
    guard problem.velocity.count == problem.position.count else {
        throw ODEError.invalidOption(name: "velocity.count", value: Double(problem.velocity.count),
                                     expected: "\(problem.position.count) (the position's length)")
    }
    try options.validate(dimension: problem.position.count, span: problem.timeSpan)
    for (i, y) in (problem.position + problem.velocity).enumerated() where !y.isFinite {
        throw ODEError.nonFiniteState(time: problem.timeSpan.0, component: i)
    }
    return try algorithm.integrate(problem, options: options)
}
