/// Why an integration stopped early. Every case names the time at which it happened.
public enum ODEError: Error, Equatable, CustomStringConvertible {
    /// The step size the error control asks for fell below the smallest step that still
    /// advances t (10 ulp of t, or `SolverOptions.minStep` if larger): a singularity or stiffness.
    case stepSizeUnderflow(time: Double, step: Double)
    /// A state or right-hand-side component became NaN or ±∞.
    case nonFiniteState(time: Double, component: Int)
    /// An option or problem parameter is out of its domain.
    case invalidOption(name: String, value: Double, expected: String)
    /// `SolverOptions.maxSteps` attempted steps were used up before reaching t₁.
    case tooManySteps(time: Double, steps: Int)

    public var description: String {
        switch self {
        case let .stepSizeUnderflow(time, step):
            return "step size underflow at t = \(time): the error control asked for h = \(step), below the smallest usable step (singularity or stiffness near t = \(time))"
        case let .nonFiniteState(time, component):
            return "non-finite state at t = \(time): component \(component) became NaN or infinite"
        case let .invalidOption(name, value, expected):
            return "invalid option \(name) = \(value): expected \(expected)"
        case let .tooManySteps(time, steps):
            return "too many steps: \(steps) steps used up at t = \(time) before reaching the end of the time span (raise maxSteps)"
        }
    }
}
