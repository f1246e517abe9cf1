import CLinearAlgebra

/// Symmetric eigendecomposition A = V·diag(λ)·Vᵀ.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as columns (column j belongs to `values[j]`).
    public let vectors: Matrix
}

/// Least-squares solution of min ‖A·x − b‖₂ with its numerical rank.
public struct LeastSquaresSolution: Sendable {
    public let x: [Double]
    /// Effective rank found by the rank-revealing (column-pivoted) QR factorization.
    public let rank: Int
}

/// Checked LAPACK drivers (LAPACKE, row-major).
public enum LAPACK {
    /// Eigenvalues and eigenvectors of a symmetric matrix (dsyevd, divide and conquer).
    /// Only the upper triangle of `a` is read.
    public static func symmetricEigen(_ a: Matrix) throws -> SymmetricEigen {
        guard a.isSquare else { throw LinearAlgebraError.dimensionMismatch("symmetricEigen needs a square matrix, got \(a.rows)×\(a.columns)") }
        let n = a.rows
        var v = a.storage
        var w = [Double](repeating: 0, count: n)
        guard n > 0 else { return SymmetricEigen(values: [], vectors: a) }
        let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                                  Int32(n), &v, Int32(n), &w)
        try check(info, "dsyevd")
        return SymmetricEigen(values: w, vectors: Matrix(rows: n, columns: n, storage: v))
    }

    /// Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive definite matrix (dpotrf).
    public static func cholesky(_ a: Matrix) throws -> Matrix {
        guard a.isSquare else { throw LinearAlgebraError.dimensionMismatch("cholesky needs a square matrix, got \(a.rows)×\(a.columns)") }
        let n = a.rows
        var l = a.storage
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &l, Int32(n))
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(minor: Int(info)) }
        try check(info, "dpotrf")
        for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { l[i * n + j] = 0 } }
        return Matrix(rows: n, columns: n, storage: l)
    }

    /// Solves A·X = B for symmetric positive definite A by Cholesky (dposv).
    public static func solveSPD(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.isSquare, a.rows == b.rows else {
            throw LinearAlgebraError.dimensionMismatch("solveSPD: A is \(a.rows)×\(a.columns), B has \(b.rows) rows")
        }
        var aa = a.storage, bb = b.storage
        let info = LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(a.rows), Int32(b.columns),
                                 &aa, Int32(a.rows), &bb, Int32(max(1, b.columns)))
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(minor: Int(info)) }
        try check(info, "dposv")
        return Matrix(rows: b.rows, columns: b.columns, storage: bb)
    }

    /// Solves a general square system A·X = B by LU with partial pivoting (dgesv).
    public static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.isSquare, a.rows == b.rows else {
            throw LinearAlgebraError.dimensionMismatch("solve: A is \(a.rows)×\(a.columns), B has \(b.rows) rows")
        }
        var aa = a.storage, bb = b.storage
        var ipiv = [Int32](repeating: 0, count: a.rows)
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(a.rows), Int32(b.columns), &aa, Int32(a.rows),
                                 &ipiv, &bb, Int32(max(1, b.columns)))
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        try check(info, "dgesv")
        return Matrix(rows: b.rows, columns: b.columns, storage: bb)
    }

    /// Least-squares solution of A·x ≈ b by complete orthogonal factorization with column pivoting
    /// (dgelsy) of the column-equilibrated matrix A·C⁻¹ (C = diag of the column norms, a zero column
    /// kept as is): x = C⁻¹·y with y the minimum-norm solution for A·C⁻¹. Columns whose R diagonal
    /// falls below `rcond`·|R₁₁| are dependent, so the rank decision does not depend on the units of
    /// the columns; rank-deficient designs report their rank (minimum norm in the scaled variables).
    public static func leastSquares(_ a: Matrix, _ b: [Double], rcond: Double = 1e-12) throws -> LeastSquaresSolution {
        guard a.rows == b.count else {
            throw LinearAlgebraError.dimensionMismatch("leastSquares: A has \(a.rows) rows, b has \(b.count)")
        }
        let m = a.rows, n = a.columns
        var aa = a.storage
        var norms = [Double](repeating: 0, count: n)
        for i in 0..<m { for j in 0..<n { norms[j] += aa[i * n + j] * aa[i * n + j] } }
        for j in 0..<n { norms[j] = norms[j] > 0 ? norms[j].squareRoot() : 1 }
        for i in 0..<m { for j in 0..<n { aa[i * n + j] /= norms[j] } }
        var bb = b + [Double](repeating: 0, count: max(0, n - m))
        var jpvt = [Int32](repeating: 0, count: n)
        var rank: Int32 = 0
        let info = LAPACKE_dgelsy(LAPACK_ROW_MAJOR, Int32(m), Int32(n), 1, &aa, Int32(n), &bb, 1,
                                  &jpvt, rcond, &rank)
        try check(info, "dgelsy")
        return LeastSquaresSolution(x: (0..<n).map { bb[$0] / norms[$0] }, rank: Int(rank))
    }

    /// Householder QR with column pivoting (dgeqp3). Returns R (min(m,n)×n, upper triangular),
    /// the permutation (0-based column indices: column k of A·P is column perm[k] of A), and the
    /// full factorization in LAPACK's compact form for applying Qᵀ.
    public static func pivotedQR(_ a: Matrix) throws -> PivotedQR {
        let m = a.rows, n = a.columns
        var qr = a.storage
        var jpvt = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        let info = LAPACKE_dgeqp3(LAPACK_ROW_MAJOR, Int32(m), Int32(n), &qr, Int32(n), &jpvt, &tau)
        try check(info, "dgeqp3")
        return PivotedQR(rows: m, columns: n, compact: qr, tau: tau, permutation: jpvt.map { Int($0) - 1 })
    }

    /// The inverse of an upper-triangular n×n matrix (dtrtri; only the upper triangle is read).
    public static func upperTriangularInverse(_ r: Matrix) throws -> Matrix {
        guard r.isSquare else { throw LinearAlgebraError.dimensionMismatch("upperTriangularInverse needs a square matrix, got \(r.rows)×\(r.columns)") }
        let n = r.rows
        guard n > 0 else { return r }
        var a = r.storage
        let info = LAPACKE_dtrtri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(n), &a, Int32(n))
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        try check(info, "dtrtri")
        for i in 0..<n { for j in 0..<i { a[i * n + j] = 0 } }
        return Matrix(rows: n, columns: n, storage: a)
    }

    /// Householder QR without pivoting (dgeqrf, blocked level-3), in the same compact form as
    /// `pivotedQR` with the identity permutation: the cheap first stage for tall matrices, whose
    /// small R can then be factored with pivoting.
    public static func householderQR(_ a: Matrix) throws -> PivotedQR {
        let m = a.rows, n = a.columns
        var qr = a.storage
        var tau = [Double](repeating: 0, count: min(m, n))
        let info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), &qr, Int32(n), &tau)
        try check(info, "dgeqrf")
        return PivotedQR(rows: m, columns: n, compact: qr, tau: tau, permutation: Array(0..<n))
    }

    /// Singular values in descending order (dgesdd without vectors).
    public static func singularValues(_ a: Matrix) throws -> [Double] {
        let m = a.rows, n = a.columns
        var aa = a.storage
        var s = [Double](repeating: 0, count: min(m, n))
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n), &aa, Int32(n),
                                  &s, &u, Int32(max(1, m)), &vt, Int32(max(1, n)))  // u, vt not referenced for jobz = N
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dgesdd", info: Int(info)) }
        try check(info, "dgesdd")
        return s
    }

    static func check(_ info: Int32, _ routine: String) throws {
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: routine, info: Int(info)) }
    }
}

/// A column-pivoted QR factorization A·P = Q·R in LAPACK's compact storage.
public struct PivotedQR: Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major compact factor: R on and above the diagonal, Householder vectors below.
    public let compact: [Double]
    public let tau: [Double]
    /// 0-based: column k of A·P is column `permutation[k]` of A.
    public let permutation: [Int]

    /// The upper-triangular factor R (min(m,n) × n).
    public var r: Matrix {
        let k = min(rows, columns)
        return Matrix(rows: k, columns: columns) { i, j in j >= i ? compact[i * columns + j] : 0 }
    }

    /// Qᵀ·b (dormqr), for solving least-squares problems.
    public func applyQTranspose(_ b: [Double]) throws -> [Double] {
        precondition(b.count == rows, "applyQTranspose: b has \(b.count) entries, expected \(rows)")
        var c = b
        var a = compact
        var t = tau
        let info = LAPACKE_dormqr(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")),
                                  Int32(rows), 1, Int32(min(rows, columns)), &a, Int32(columns), &t, &c, 1)
        try LAPACK.check(info, "dormqr")
        return c
    }
}
