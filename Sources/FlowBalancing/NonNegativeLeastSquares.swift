import LinearAlgebra

/// Solution of a non-negative least-squares problem.
public struct NNLSSolution: Sendable, Equatable {
    public let x: [Double]
    /// ‖A·x − b‖₂ at the solution.
    public let residualNorm: Double
    /// Outer (column-adding) iterations of the active-set method.
    public let iterations: Int
}

/// Lawson–Hanson active-set method for min ‖A·x − b‖₂ subject to x ≥ 0 (Lawson & Hanson,
/// *Solving Least Squares Problems*, ch. 23). The passive set P holds the free variables; each
/// step adds the variable with the largest gradient component w = Aᵀ(b − A·x) and solves the
/// unconstrained problem on P with LAPACK (`LAPACK.leastSquares`, column-pivoted QR); variables that
/// would turn negative are moved back to the active set by interpolating along the step.
/// The result satisfies the KKT conditions: x ≥ 0, w ≤ tol on the active set, w = 0 on P.
public enum NonNegativeLeastSquares {
    public static func solve(_ a: Matrix, _ b: [Double], maxIterations: Int? = nil) throws -> NNLSSolution {
        let m = a.rows, n = a.columns
        guard b.count == m else {
            throw BalancingError.dimensionMismatch("NNLS: A has \(m) rows, b has \(b.count)")
        }
        var x = [Double](repeating: 0, count: n)
        var passive = [Bool](repeating: false, count: n)
        let limit = maxIterations ?? 3 * n + 10
        let aMax = a.maxAbs, bMax = b.reduce(0) { max($0, abs($1)) }
        let tol = 10 * Double.ulpOfOne * Double(max(m, n)) * max(aMax, 1e-300) * max(bMax, 1e-300)

        func gradient() -> [Double] {
            var r = b
            BLAS.gemv(a, x, into: &r, alpha: -1, beta: 1)
            var w = [Double](repeating: 0, count: n)
            BLAS.gemv(a, r, into: &w, transpose: true)
            return w
        }
        func solvePassive() throws -> [Double] {
            let cols = (0..<n).filter { passive[$0] }
            let sub = Matrix(rows: m, columns: cols.count) { i, c in a[i, cols[c]] }
            let z = try LAPACK.leastSquares(sub, b).x
            var full = [Double](repeating: 0, count: n)
            for (c, j) in cols.enumerated() { full[j] = z[c] }
            return full
        }

        var iterations = 0
        while iterations < limit {
            let w = gradient()
            var best = -1, bestW = tol
            for j in 0..<n where !passive[j] && w[j] > bestW { best = j; bestW = w[j] }
            if best < 0 { break }
            iterations += 1
            passive[best] = true
            var z = try solvePassive()
            // Inner loop: step back until every passive variable is positive.
            while (0..<n).contains(where: { passive[$0] && z[$0] <= 0 }) {
                var alpha = 1.0
                for j in 0..<n where passive[j] && z[j] <= 0 {
                    alpha = min(alpha, x[j] / (x[j] - z[j]))
                }
                for j in 0..<n where passive[j] { x[j] += alpha * (z[j] - x[j]) }
                // Variables driven to zero (the blocking one exactly, others to rounding) leave P.
                for j in 0..<n where passive[j] && x[j] <= 1e-14 * abs(z[j] - x[j]) + Double.leastNormalMagnitude {
                    passive[j] = false
                    x[j] = 0
                }
                if !(0..<n).contains(where: { passive[$0] }) { z = x; break }
                z = try solvePassive()
            }
            for j in 0..<n { x[j] = passive[j] ? z[j] : 0 }
        }
        var r = b
        BLAS.gemv(a, x, into: &r, alpha: -1, beta: 1)
        return NNLSSolution(x: x, residualNorm: BLAS.nrm2(r), iterations: iterations)
    }
}
