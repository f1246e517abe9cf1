import Foundation

/// Asymptotic standard errors of least-squares coordinates from the Jacobian at the optimum:
///
///     Cov(y) = σ̂² (JᵀJ)⁻¹,    se_j = √Cov_jj,    interval y_j ± t_{0.975, ν}·se_j.
///
/// The rank decision comes first and is made on J with unit-length columns (a pivoted QR; a
/// column is kept while |R_kk| > 10⁻⁶·|R_00|), so it does not depend on the coordinates' units. A
/// column that is (numerically) a combination of the kept ones — the residuals do not change
/// with that coordinate in any new direction — is reported as not identified (nil); the kept
/// columns' covariance is (R₁₁ᵀR₁₁)⁻¹ of the scaled QR, unscaled by the column norms.
public enum GaussNewtonCovariance {
    /// Relative pivot below which a scaled column counts as dependent.
    public static let rankTolerance = 1e-6

    /// se_j for each column of `jacobian` (N × k), nil for a column that is not identified;
    /// `residualVariance` is σ̂².
    public static func standardErrors(jacobian: Matrix, residualVariance: Double) -> [Double?] {
        let n = jacobian.rows, k = jacobian.columns
        var result = [Double?](repeating: nil, count: k)
        guard n > 0, k > 0 else { return result }
        var norms = [Double](repeating: 0, count: k)
        for i in 0..<n { for j in 0..<k { norms[j] += jacobian[i, j] * jacobian[i, j] } }
        norms = norms.map { $0.squareRoot() }
        let scaled = Matrix(rows: n, columns: k) { i, j in norms[j] > 0 ? jacobian[i, j] / norms[j] : 0 }
        guard let qr = try? LAPACK.pivotedQR(scaled) else { return result }
        let r = qr.r
        let r0 = abs(r[0, 0])
        var rank = 0
        while rank < min(n, k), r0 > 0, abs(r[rank, rank]) > rankTolerance * r0 { rank += 1 }
        guard rank > 0, let inverse = try? LAPACK.upperTriangularInverse(Matrix(rows: rank, columns: rank) { i, j in r[i, j] }) else {
            return result
        }
        for a in 0..<rank {
            var v = 0.0
            for b in 0..<rank { v += inverse[a, b] * inverse[a, b] }   // (R⁻¹R⁻ᵀ)_aa
            let column = qr.permutation[a]
            result[column] = (residualVariance * v).squareRoot() / norms[column]
        }
        return result
    }
}
