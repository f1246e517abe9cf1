/// Why a regression could not be fitted; every case names the offending parameter, row or column.
public enum RegressionError: Error, Equatable, CustomStringConvertible, Sendable {
    case dimensionMismatch(String)
    case tooFewRows(rows: Int, needed: Int)
    case nonFinite(what: String, row: Int, column: Int?)
    case invalidParameter(name: String, value: Double, expected: String)
    case linearAlgebra(String)
    /// More coefficients (terms, intercept, fixed-effect levels) than observations.
    case tooManyTerms(coefficients: Int, observations: Int, terms: [String])
    /// A fixed-effect factor with a single level is the intercept again.
    case singleLevelFactor(name: String, level: String)
    /// Every value of the response is the same: nothing to explain.
    case constantResponse(value: Double)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .tooFewRows(let rows, let needed): return "the regression needs at least \(needed) rows, got \(rows)"
        case .nonFinite(let what, let row, let column):
            return "\(what) in row \(row + 1)\(column.map { ", column \($0 + 1)" } ?? "") is not a finite number"
        case .invalidParameter(let name, let value, let expected): return "\(name) = \(value): expected \(expected)"
        case .linearAlgebra(let s): return "linear algebra failure: \(s)"
        case .tooManyTerms(let k, let n, let terms):
            return "\(k) coefficients (\(terms.joined(separator: ", "))) for \(n) observations: expected at most as many coefficients as observations"
        case .singleLevelFactor(let name, let level):
            return "fixed effect \(name) has a single level ('\(level)'): expected at least two levels"
        case .constantResponse(let value):
            return "the response is constant (every value is \(value)): expected a response that varies"
        }
    }
}
