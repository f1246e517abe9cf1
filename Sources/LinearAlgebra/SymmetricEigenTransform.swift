import CLinearAlgebra

/// The eigendecomposition A = V·diag(λ)·Vᵀ of a symmetric matrix kept in factored form,
///
///     A = Q·T·Qᵀ  (dsytrd: Householder reduction to tridiagonal T),   T = Z·diag(λ)·Zᵀ  (dstedc),
///
/// so that V = Q·Z is never formed: applying V or Vᵀ to m vectors costs one gemm with Z and one
/// application of the reflectors (dormtr), ~4n²m flops, instead of the 2n³ of forming V. For
/// products with a few dozen vectors this is about half the cost of dsyevd.
public struct SymmetricEigenTransform: Sendable {
    /// λ in ascending order.
    public let values: [Double]
    public let dimension: Int
    /// dsytrd's output (column-major, lower): the Householder vectors below the subdiagonal.
    let reflectors: [Double]
    let tau: [Double]
    /// Z, the eigenvectors of T, column-major — that is, Zᵀ read row-major.
    let zTransposed: Matrix

    /// Only the lower triangle of the (column-major) matrix is read, i.e. the upper triangle of
    /// the row-major `a`; `a` must be symmetric.
    public init(_ a: Matrix) throws {
        guard a.isSquare else { throw LinearAlgebraError.dimensionMismatch("SymmetricEigenTransform needs a square matrix, got \(a.rows)×\(a.columns)") }
        let n = a.rows
        dimension = n
        guard n > 0 else {
            values = []; reflectors = []; tau = []; zTransposed = Matrix(rows: 0, columns: 0)
            return
        }
        var h = a.storage
        var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: max(1, n - 1)), t = [Double](repeating: 0, count: max(1, n - 1))
        try LAPACK.check(LAPACKE_dsytrd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &h, Int32(n), &d, &e, &t), "dsytrd")
        var z = [Double](repeating: 0, count: n * n)
        try LAPACK.check(LAPACKE_dstedc(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "I")), Int32(n), &d, &e, &z, Int32(n)), "dstedc")
        values = d
        reflectors = h
        tau = t
        zTransposed = Matrix(rows: n, columns: n, storage: z)
    }

    /// X·V for X with n columns (rows are vectors: the modal coordinates of each row).
    ///
    /// X·V = (X·Q)·Z; X·Q = (Qᵀ·Xᵀ)ᵀ, and a row-major X is a column-major Xᵀ, so dormtr('T')
    /// works on X's storage in place.
    public func project(_ x: Matrix) throws -> Matrix {
        precondition(x.columns == dimension, "project: X has \(x.columns) columns for a \(dimension)×\(dimension) decomposition")
        guard x.rows > 0, dimension > 0 else { return x }
        var w = x
        try applyQ(to: &w, transpose: true)
        var y = Matrix(rows: x.rows, columns: dimension)
        BLAS.gemm(w, zTransposed, into: &y, transposeB: true)   // W·Z, Z = (Zᵀ)ᵀ
        return y
    }

    /// Y·Vᵀ for Y with n columns (rows are modal coordinates, back to the original basis):
    /// Y·Vᵀ = (Y·Zᵀ)·Qᵀ.
    public func reconstruct(_ y: Matrix) throws -> Matrix {
        precondition(y.columns == dimension, "reconstruct: Y has \(y.columns) columns for a \(dimension)×\(dimension) decomposition")
        guard y.rows > 0, dimension > 0 else { return y }
        var w = Matrix(rows: y.rows, columns: dimension)
        BLAS.gemm(y, zTransposed, into: &w)
        try applyQ(to: &w, transpose: false)
        return w
    }

    /// W ← W·Q (transpose) or W ← W·Qᵀ, through dormtr on the column-major Wᵀ.
    private func applyQ(to w: inout Matrix, transpose: Bool) throws {
        let n = dimension, m = w.rows
        guard n > 1 else { return }
        let info = w.storage.withUnsafeMutableBufferPointer { cp in
            LAPACKE_dormtr(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "L")),
                           Int8(UInt8(ascii: transpose ? "T" : "N")), Int32(n), Int32(m), reflectors, Int32(n), tau, cp.baseAddress, Int32(n))
        }
        try LAPACK.check(info, "dormtr")
    }
}
