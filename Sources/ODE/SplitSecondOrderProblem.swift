/// A second-order problem whose acceleration splits into a costly position part and a cheap rest,
///
///     q″ = a(t, q′, g),   g = g(t, q),   q(t₀) = q₀, q′(t₀) = v₀,
///
/// as in M q̈ + c q̇ + ∇V(q) = f(t), where g = f(t) − ∇V(q) needs the coupling matrix and
/// a = M⁻¹(g − c q̇) is a vector operation. Its first-order form is y = [q; v], y′ = [v; a(t, v, g(t, q))].
///
/// Why the split: in an explicit Runge–Kutta step the position of stage k, q + h Σ_{i<k} a_ki v_i, needs
/// the velocities of the earlier stages only, and v_{k−1} is known before stage k−1's g is. So the g of
/// stages k and k + 1 can be evaluated together, which `DormandPrince5` does for its stages 2 and 3,
/// 4 and 5, 6 and 7: a g bound by reading a dense matrix reads it three times a step instead of six, with
/// the same stages, steps and evaluations.
public struct SplitSecondOrderProblem {
    /// `positionForce(t₁, q₁, g₁, t₂, q₂, g₂)` stores g(t₁, q₁) in g₁ and, when q₂ and g₂ are given,
    /// g(t₂, q₂) in g₂; every vector has the length of q.
    public typealias PositionForce = (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>,
                                      Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Void
    /// `acceleration(t, v, a)`: on entry `a` holds g(t, q); on return a(t, v, g).
    public typealias Acceleration = (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    public let position: [Double]
    public let velocity: [Double]
    public let timeSpan: (Double, Double)
    public let positionForce: PositionForce
    public let acceleration: Acceleration

    public init(position: [Double], velocity: [Double], timeSpan: (Double, Double),
                positionForce: @escaping PositionForce, acceleration: @escaping Acceleration) {
        self.position = position
        self.velocity = velocity
        self.timeSpan = timeSpan
        self.positionForce = positionForce
        self.acceleration = acceleration
    }

    /// The first-order form y′ = [v; a(t, v, g(t, q))] for y = [q; v], one point at a time.
    public var firstOrder: ODEProblem {
        let m = position.count, positionForce = positionForce, acceleration = acceleration
        return ODEProblem(initialState: position + velocity, timeSpan: timeSpan) { t, y, dydt in
            let y = y.baseAddress!, f = dydt.baseAddress!
            f.update(from: y + m, count: m)
            positionForce(t, y, f + m, t, nil, nil)
            acceleration(t, y + m, f + m)
        }
    }
}

/// Solves a `SplitSecondOrderProblem` with Dormand–Prince 5(4), the position forces of two stages at a
/// time; the solution's states are [q; v].
public func solve(_ problem: SplitSecondOrderProblem, _ algorithm: DormandPrince5,
                  options: SolverOptions = .init()) throws -> ODESolution {
    guard problem.position.count == problem.velocity.count else {
        throw ODEError.invalidOption(name: "velocity", value: Double(problem.velocity.count),
                                     expected: "as many velocities as positions (\(problem.position.count))")
    }
    let y0 = problem.position + problem.velocity
    try options.validate(dimension: y0.count, span: problem.timeSpan)
    for (i, y) in y0.enumerated() where !y.isFinite {
        throw ODEError.nonFiniteState(time: problem.timeSpan.0, component: i)
    }
    return try algorithm.integrate(problem, options: options)
}
