import LinearAlgebra

/// How the coefficients were estimated.
public enum RegressionMethod: Sendable, Codable, Equatable {
    /// Ordinary (or, with weights, weighted) least squares.
    case ordinaryLeastSquares
    /// Ridge: minimizes Σ wᵢ(yᵢ − β₀ − zᵢ·β)² + λ‖β‖² on the standardized features z (β₀ unpenalized).
    case ridge(lambda: Double)
}

/// One row of the coefficient table (raw feature units; row 0 is the intercept). A coefficient
/// aliased by rank deficiency is 0 with no standard error, t or p value.
public struct CoefficientRow: Sendable, Codable, Equatable {
    public var name: String
    public var estimate: Double
    public var standardError: Double?
    public var tValue: Double?
    public var pValue: Double?
    public var aliased: Bool
}

/// Goodness of fit and the overall F test.
public struct RegressionSummary: Sendable, Codable, Equatable {
    public var observations: Int
    /// Numerical rank of the design [1, X] (column-pivoted QR).
    public var rank: Int
    /// Model degrees of freedom (rank − 1; for ridge the effective df tr(H) − 1).
    public var modelDegreesOfFreedom: Double
    /// n − rank (ridge: n − tr(H)).
    public var residualDegreesOfFreedom: Double
    public var residualSumOfSquares: Double
    public var totalSumOfSquares: Double
    /// R² = 1 − RSS/TSS (weighted sums with weights).
    public var rSquared: Double
    /// 1 − (1 − R²)(n − 1)/df_resid.
    public var adjustedRSquared: Double
    /// σ̂ = √(RSS / df_resid).
    public var residualStandardError: Double
    /// F = ((TSS − RSS)/df_model) / (RSS/df_resid); nil without model or residual degrees of freedom.
    public var fStatistic: Double?
    public var fPValue: Double?
    /// √(λmax/λmin) of [1, X]ᵀW[1, X] in raw units (what statsmodels reports).
    public var conditionNumber: Double
    /// The same for the design with unit-length columns (Belsley); > 30 signals collinearity.
    public var scaledConditionNumber: Double
    public var warnings: [String]
}

/// A fitted linear regression f(x) = b₀ + Σⱼ bⱼ xⱼ, with its standardization, its coefficient
/// table and summary. A `LinearFeatureModel` in raw feature units (intercept and coefficients feed
/// the closed-form Shapley values); the batch prediction is one dgemv.
public struct RegressionModel: LinearFeatureModel, Codable, Equatable {
    public var featureNames: [String]
    public var method: RegressionMethod
    public var weighted: Bool
    /// The standardization the coefficients were estimated on (identity if none).
    public var standardization: FeatureStandardization
    /// b₀ in raw units.
    public var intercept: Double
    /// b₁…b_p in raw feature units.
    public var coefficients: [Double]
    /// β₀, β₁…β_p on the standardized features.
    public var standardizedIntercept: Double
    public var standardizedCoefficients: [Double]
    /// Intercept first, then one row per feature (raw units).
    public var table: [CoefficientRow]
    public var summary: RegressionSummary
    /// Covariance of (b₀, b₁…b_p) in raw units (row-major, (p+1)²); 0 rows/columns for aliased terms.
    public var covariance: [Double]

    public var featureCount: Int { coefficients.count }

    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == coefficients.count, "row has \(row.count) features, the model \(coefficients.count)")
        var s = intercept
        for j in row.indices { s += coefficients[j] * row[j] }
        return s
    }

    /// b₀ + X·b for every row (dgemv).
    public func predict(rows: Matrix) -> [Double] {
        precondition(rows.columns == featureCount, "rows have \(rows.columns) features, the model \(featureCount)")
        var y = [Double](repeating: intercept, count: rows.rows)
        guard featureCount > 0 else { return y }
        BLAS.gemv(rows, coefficients, into: &y, alpha: 1, beta: 1)
        return y
    }
}
