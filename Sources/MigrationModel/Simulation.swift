import ODE

/// Which integrator a simulation uses.
public enum SolverChoice: String, Sendable, Codable, CaseIterable {
    /// Dormand–Prince 5(4), adaptive steps with dense output (the default).
    case dp5
    /// Classic Runge–Kutta 4, fixed step.
    case rk4
    /// Velocity Verlet, fixed step (symplectic for c = 0).
    case verlet
    /// Exact modal integration of the linear model (`ModalIntegrator`): needs quadratic terms, one
    /// inertia for all settlements and a piecewise-linear force (zero, constant or tabulated).
    case modal
    /// `modal` when it applies and its estimated cost is below DP5's (`SolverSelection`), else `dp5`.
    case auto
}

/// What to integrate and how.
public struct SimulationSettings: Sendable, Equatable {
    public var start: Double
    public var end: Double
    /// Times at which balances are reported (within [start, end]).
    public var outputTimes: [Double]
    public var solver: SolverChoice
    public var rtol: Double
    public var atol: Double
    /// Step of the fixed-step solvers (years).
    public var step: Double

    public init(start: Double, end: Double, outputTimes: [Double], solver: SolverChoice = .dp5,
                rtol: Double = 1e-6, atol: Double = 1e-9, step: Double = 0.01) {
        self.start = start; self.end = end; self.outputTimes = outputTimes
        self.solver = solver; self.rtol = rtol; self.atol = atol; self.step = step
    }

    /// Evenly spaced output times start, start + Δ, …, end.
    public static func evenlySpaced(start: Double, end: Double, every delta: Double) -> [Double] {
        let count = Int(((end - start) / delta + 1e-9).rounded(.down))
        var times = (0...max(0, count)).map { start + Double($0) * delta }
        if let last = times.last, end - last > 1e-9 * max(1, abs(end)) { times.append(end) }
        return times
    }
}

/// Balances q(t) (and velocities q̇(t)) at the output times, with the integrator's statistics.
public struct SimulationResult: Sendable {
    public let times: [Double]
    /// balances[k][i] = qᵢ(times[k]).
    public let balances: [[Double]]
    public let velocities: [[Double]]
    public let rhsEvaluations: Int
    public let acceptedSteps: Int
    public let rejectedSteps: Int
}

/// Integrates the equations of motion of a `LagrangianModel` with a forcing.
public enum Simulation {
    public static func run(model: LagrangianModel, forcing: any Forcing, initialBalance q0: [Double],
                           initialVelocity v0: [Double], settings s: SimulationSettings) throws -> SimulationResult {
        let n = model.dimension
        guard q0.count == n, v0.count == n else {
            throw ModelError.dimensionMismatch("initial state has \(q0.count) balances and \(v0.count) velocities for \(n) settlements")
        }
        guard forcing.dimension == n else {
            throw ModelError.dimensionMismatch("forcing has \(forcing.dimension) components for \(n) settlements")
        }
        guard s.end > s.start else {
            throw ModelError.invalidParameter(name: "end", value: s.end, expected: "a time after start (\(s.start))")
        }
        for t in s.outputTimes where t < s.start - 1e-12 || t > s.end + 1e-12 {
            throw ModelError.invalidParameter(name: "output time", value: t, expected: "a time within [\(s.start), \(s.end)]")
        }
        var options = SolverOptions()
        options.rtol = s.rtol
        options.atol = s.atol
        options.saveAt = s.outputTimes
        let solution: ODESolution
        var solver = s.solver
        if solver == .modal || solver == .auto {
            let selection = SolverSelection.choose(model: model, forcing: forcing, span: s.end - s.start, preferExact: solver == .modal)
            switch selection {
            case .modal:
                let integrator = try ModalIntegrator(model: model)!
                return try integrator.simulate(forcing: forcing as! any PiecewiseLinearForcing, initialBalance: q0, initialVelocity: v0,
                                               start: s.start, end: s.end, outputTimes: s.outputTimes)
            case .explicit(let reason):
                if solver == .modal { throw ModelError.solverNotApplicable(solver: "modal", reason: reason) }
                solver = .dp5
            }
        }
        switch solver {
        case .modal, .auto:
            preconditionFailure("resolved above")
        case .dp5:
            // The coupling products of two stages at a time (`LagrangianModel.splitProblem`): the same
            // stages and steps as the first-order form, one pass over a dense K for two stages.
            let problem = model.splitProblem(initialBalance: q0, initialVelocity: v0, timeSpan: (s.start, s.end), forcing: forcing)
            solution = try solve(problem, DormandPrince5(), options: options)
        case .rk4:
            let problem = ODEProblem(initialState: q0 + v0, timeSpan: (s.start, s.end)) { t, y, dydt in
                model.evaluate(t: t, y: y.baseAddress!, dydt: dydt.baseAddress!, forcing: forcing)
            }
            solution = try solve(problem, RungeKutta4(step: s.step), options: options)
        case .verlet:
            let problem = SecondOrderProblem(position: q0, velocity: v0, timeSpan: (s.start, s.end)) { t, q, v, a in
                // a = M⁻¹(f − c v − ∇V(q)), evaluated through the first-order right-hand side.
                model.acceleration(t: t, q: q.baseAddress!, v: v.baseAddress!, into: a.baseAddress!, forcing: forcing)
            }
            solution = try solve(problem, VelocityVerlet(step: s.step), options: options)
        }
        // saveAt makes the solution's output times exactly `outputTimes`.
        var balances = [[Double]](), velocities = [[Double]]()
        balances.reserveCapacity(solution.times.count)
        velocities.reserveCapacity(solution.times.count)
        for k in solution.times.indices {
            let base = k * 2 * n
            balances.append(Array(solution.flatStates[base..<(base + n)]))
            velocities.append(Array(solution.flatStates[(base + n)..<(base + 2 * n)]))
        }
        return SimulationResult(times: s.outputTimes, balances: balances, velocities: velocities,
                                rhsEvaluations: solution.rhsEvaluations, acceptedSteps: solution.acceptedSteps,
                                rejectedSteps: solution.rejectedSteps)
    }
}
