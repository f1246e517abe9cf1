/// A first-order initial-value problem y′ = f(t, y), y(t₀) = y₀, integrated over [t₀, t₁] with t₁ > t₀.
///
/// The right-hand side writes f(t, y) into its third argument, so a solver calls it with
/// preallocated buffers and nothing is allocated per step (SciML's in-place `f!(du, u, p, t)`).
public struct ODEProblem {
    /// `rhs(t, y, dydt)` stores f(t, y) in `dydt`; `y` and `dydt` have the state's length.
    public typealias RightHandSide = (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    public let initialState: [Double]
    public let timeSpan: (Double, Double)
    public let rhs: RightHandSide

    public init(initialState: [Double], timeSpan: (Double, Double), rhs: @escaping RightHandSide) {
        self.initialState = initialState
        self.timeSpan = timeSpan
        self.rhs = rhs
    }

    public var dimension: Int { initialState.count }
}

/// A second-order problem q″ = a(t, q, q′), q(t₀) = q₀, q′(t₀) = v₀, for velocity Verlet.
///
/// Its solution state is the stacked vector [q; v] of length 2·dim(q).
public struct SecondOrderProblem {
    /// `acceleration(t, q, v, a)` stores a(t, q, v) in `a`.
    public typealias Acceleration = (Double, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    public let position: [Double]
    public let velocity: [Double]
    public let timeSpan: (Double, Double)
    public let acceleration: Acceleration

    public init(position: [Double], velocity: [Double], timeSpan: (Double, Double), acceleration: @escaping Acceleration) {
        self.position = position
        self.velocity = velocity
        self.timeSpan = timeSpan
        self.acceleration = acceleration
    }
}
