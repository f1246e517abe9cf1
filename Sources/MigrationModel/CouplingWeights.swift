import CKernels
import LinearAlgebra

/// Symmetric non-negative coupling weights K_ij (zero diagonal), dense or sparse (CSR).
///
/// Dense storage is used up to `ModelParameters.denseLimit` settlements; above it the k nearest
/// neighbours of every settlement are kept, the pattern symmetrized (i~j if either is among the
/// other's k nearest), so that K stays symmetric and the energy identity holds exactly.
public enum CouplingWeights: Sendable, Equatable {
    case dense(Matrix)
    case sparse(SparseMatrix)

    public var dimension: Int {
        switch self {
        case .dense(let m): return m.rows
        case .sparse(let s): return s.rows
        }
    }

    /// Stored non-zeros (n² for dense).
    public var storedEntries: Int {
        switch self {
        case .dense(let m): return m.storage.count
        case .sparse(let s): return s.nonZeroCount
        }
    }

    /// y ← α·K·x + β·y without allocation.
    ///
    /// Dense K from `symmetricProductMinimumEntries` entries on goes through dsymv, which reads the
    /// upper triangle only: K is symmetric by construction (every builder fills a pair once and
    /// mirrors it), and reading half of it halves the cost of the product that bounds a dense
    /// right-hand side. Smaller K keeps dgemv (see the constant).
    @inlinable
    public func multiply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, alpha: Double, beta: Double) {
        switch self {
        case .dense(let m) where m.storage.count < CouplingWeights.symmetricProductMinimumEntries:
            BLAS.gemv(m, x, y, alpha: alpha, beta: beta)
        case .dense(let m):
            BLAS.symv(m, x, y, alpha: alpha, beta: beta)
        case .sparse(let s):
            s.rowPointers.withUnsafeBufferPointer { rp in
                s.columnIndices.withUnsafeBufferPointer { cp in
                    s.values.withUnsafeBufferPointer { vp in
                        for i in 0..<s.rows {
                            var acc = 0.0
                            var p = rp[i]
                            let end = rp[i + 1]
                            while p < end { acc += vp[p] * x[cp[p]]; p += 1 }
                            y[i] = alpha * acc + (beta == 0 ? 0 : beta * y[i])
                        }
                    }
                }
            }
        }
    }

    /// y₁ ← y₁ + α·K·x₁ and y₂ ← y₂ + α·K·x₂: two products at once (two Runge–Kutta stages, see
    /// `LagrangianModel.positionForces`). Dense K from `symmetricProductMinimumEntries` entries on is read
    /// once for both (`migsim_symmetric_product_pair`, upper triangle, AVX2 + FMA where the CPU has them
    /// and the same bits without): the product is bound by reading K, so the second vector costs a
    /// fraction of a second pass (0.60–0.73 ms for the pair against 0.86–0.98 ms for two dsymv calls at
    /// n = 2,000, one thread, a standalone C test). Otherwise two `multiply` calls, whose results it then
    /// equals to the bit.
    @inlinable
    public func multiplyPair(_ x1: UnsafePointer<Double>, into y1: UnsafeMutablePointer<Double>,
                             _ x2: UnsafePointer<Double>, into y2: UnsafeMutablePointer<Double>, alpha: Double) {
        switch self {
        case .dense(let m) where m.storage.count >= CouplingWeights.symmetricProductMinimumEntries:
            let n = m.rows
            m.storage.withUnsafeBufferPointer { a in
                if alpha == 1 {
                    migsim_symmetric_product_pair(a.baseAddress!, n, x1, x2, y1, y2, migsim_cpu_has_avx2_fma())
                } else {
                    // K·(αx): α = −1 (a gradient subtracted) scales exactly.
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scaled in
                        let s = scaled.baseAddress!
                        for i in 0..<n { s[i] = alpha * x1[i]; s[n + i] = alpha * x2[i] }
                        migsim_symmetric_product_pair(a.baseAddress!, n, s, s + n, y1, y2, migsim_cpu_has_avx2_fma())
                    }
                }
            }
        default:
            multiply(x1, into: y1, alpha: alpha, beta: 1)
            multiply(x2, into: y2, alpha: alpha, beta: 1)
        }
    }

    /// n² from which the dense product uses dsymv instead of dgemv: 96² = 9,216, below which
    /// OpenBLAS runs dgemv on one thread (its threshold m·n < 2,304·4), so that a small model's
    /// results do not depend on the BLAS thread count. dsymv splits even a 16×16 product between
    /// threads and changes the last bits with their number (seen with OpenBLAS 0.3.21 at n = 16;
    /// above the threshold both routines do). A small K is in cache, where reading half of it gains
    /// nothing measurable.
    public static let symmetricProductMinimumEntries = 96 * 96

    /// Row sums dᵢ = Σⱼ K_ij (the degrees of the Laplacian L_K = diag(d) − K).
    public var rowSums: [Double] {
        switch self {
        case .dense(let m):
            return (0..<m.rows).map { i in
                var s = 0.0
                for j in 0..<m.columns { s += m.storage[i * m.columns + j] }
                return s
            }
        case .sparse(let s):
            return (0..<s.rows).map { i in s.values[s.rowPointers[i]..<s.rowPointers[i + 1]].reduce(0, +) }
        }
    }

    /// The dense matrix (tests, reports).
    public var denseMatrix: Matrix {
        switch self {
        case .dense(let m): return m
        case .sparse(let s): return s.dense
        }
    }
}
