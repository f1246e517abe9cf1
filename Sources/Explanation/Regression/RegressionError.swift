/// Why a regression could not be fitted; every case names the offending parameter, row or column.
public enum RegressionError: Error, Equatable, CustomStringConvertible, Sendable {
    case dimensionMismatch(String)
    case tooFewRows(rows: Int, needed: Int)
    case nonFinite(what: String, row: Int, column: Int?)
    case invalidParameter(name: String, value: Double, expected: String)
    case linearAlgebra(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .tooFewRows(let rows, let needed): return "the regression needs at least \(needed) rows, got \(rows)"
        case .nonFinite(let what, let row, let column):
            return "\(what) in row \(row + 1)\(column.map { ", column \($0 + 1)" } ?? "") is not a finite number"
        case .invalidParameter(let name, let value, let expected): return "\(name) = \(value): expected \(expected)"
        case .linearAlgebra(let s): return "linear algebra failure: \(s)"
        }
    }
}
