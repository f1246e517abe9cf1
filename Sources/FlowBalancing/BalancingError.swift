/// Why a balancing problem cannot be solved. Every case names the offending row, column,
/// margin or cell and the numbers that make the problem infeasible.
public enum BalancingError: Error, Equatable, CustomStringConvertible {
    /// Array sizes disagree (matrix vs targets, mask vs matrix, margin vs shape).
    case dimensionMismatch(String)
    /// A cell or target is negative, NaN or infinite.
    case invalidValue(what: String, value: Double)
    /// Two margins that must describe the same total do not (Σ rows ≠ Σ columns, Σ net ≠ 0).
    case inconsistentTotals(first: String, firstTotal: Double, second: String, secondTotal: Double)
    /// A margin cell asks for more than its fixed cells give, but all its free cells are zero.
    case noFreeCells(margin: String, target: Double, fixedSum: Double)
    /// The fixed (marked) cells of a margin already exceed its target.
    case fixedExceedTarget(margin: String, target: Double, fixedSum: Double)
    /// A set of rows needs more than the columns its free cells reach can take (Hall's condition fails).
    case unreachableMargins(rows: String, need: Double, columns: String, capacity: Double)
    /// A parameter is outside its allowed range.
    case invalidParameter(name: String, expected: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s):
            return "dimension mismatch: \(s)"
        case .invalidValue(let what, let v):
            return "\(what) is \(v); expected a finite, non-negative number"
        case .inconsistentTotals(let a, let ta, let b, let tb):
            return "infeasible: \(a) sum to \(ta) but \(b) sum to \(tb); they must be equal"
        case .noFreeCells(let m, let t, let f):
            return "infeasible: \(m) has target \(t) but its fixed cells give \(f) and all its free cells are zero"
        case .fixedExceedTarget(let m, let t, let f):
            return "infeasible: fixed cells of \(m) already sum to \(f), more than its target \(t)"
        case .unreachableMargins(let r, let need, let c, let cap):
            return "infeasible: \(r) must together send \(need) (beyond their fixed cells), but their non-zero free cells "
                + "reach only \(c), which can take \(cap); no matrix with this pattern of zero cells meets the margins"
        case .invalidParameter(let n, let e):
            return "parameter \(n): expected \(e)"
        }
    }
}
