/// Failures reported by LAPACK, with the routine and its `info` code.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// A dimension argument is inconsistent (e.g. non-square matrix where a square one is required).
    case dimensionMismatch(String)
    /// The matrix is not (numerically) positive definite: the leading minor of this order is not positive.
    case notPositiveDefinite(minor: Int)
    /// The matrix is exactly singular: U(i, i) is zero in the LU factorization.
    case singular(pivot: Int)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(routine: String, info: Int)
    /// LAPACK rejected an argument (a bug in the caller, reported rather than crashing).
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .notPositiveDefinite(let k): return "matrix is not positive definite (leading minor of order \(k))"
        case .singular(let p): return "matrix is singular (zero pivot at \(p))"
        case .noConvergence(let r, let i): return "\(r) did not converge (info = \(i))"
        case .illegalArgument(let r, let p): return "\(r): illegal value of argument \(p)"
        }
    }
}
