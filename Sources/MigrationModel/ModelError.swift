/// Errors of model construction and simulation; each names the parameter or settlement involved.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case invalidParameter(name: String, value: Double, expected: String)
    case invalidSettlement(id: String, field: String, value: Double, expected: String)
    case dimensionMismatch(String)
    /// A solver asked for explicitly cannot integrate this model (e.g. `modal` with a non-linear term).
    case solverNotApplicable(solver: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            return "parameter '\(name)' = \(value): expected \(expected)"
        case .invalidSettlement(let id, let field, let value, let expected):
            return "settlement '\(id)': \(field) = \(value): expected \(expected)"
        case .dimensionMismatch(let s):
            return "dimension mismatch: \(s)"
        case .solverNotApplicable(let solver, let reason):
            return "solver '\(solver)' cannot integrate this model: \(reason); expected solver dp5, rk4, verlet or auto"
        }
    }
}
