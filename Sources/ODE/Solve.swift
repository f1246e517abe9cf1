/// A first-order method `solve(_:_:options:)` can run.
public protocol FirstOrderAlgorithm {
    /// Integrates `problem`. Called by `solve(_:_:options:)`, which validates the problem and the
    /// options first; call `solve` rather than this.
    func integrate(_ problem: ODEProblem, options: SolverOptions) throws -> ODESolution
}

/// Solves y′ = f(t, y) on the problem's time span with `algorithm`.
public func solve(_ problem: ODEProblem, _ algorithm: some FirstOrderAlgorithm,
                  options: SolverOptions = .init()) throws -> ODESolution {
    try options.validate(dimension: problem.dimension, span: problem.timeSpan)
    for (i, y) in problem.initialState.enumerated() where !y.isFinite {
        throw ODEError.nonFiniteState(time: problem.timeSpan.0, component: i)
    }
    return try algorithm.integrate(problem, options: options)
}
