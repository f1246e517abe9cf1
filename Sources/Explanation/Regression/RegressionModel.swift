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
    /// Numerical rank of the design [1, X, fixed-effect indicators] (column-pivoted QR of the
    /// design with unit-length columns, whatever the scaling option).
    public var rank: Int
    /// Model degrees of freedom (rank − 1 with a constant in the model, rank without; for ridge the
    /// effective df tr(H) in place of the rank).
    public var modelDegreesOfFreedom: Double
    /// n − rank (ridge: n − tr(H)).
    public var residualDegreesOfFreedom: Double
    public var residualSumOfSquares: Double
    public var totalSumOfSquares: Double
    /// R² = 1 − RSS/TSS (weighted sums with weights); TSS about the mean when the model contains a
    /// constant (intercept or fixed effects), about 0 otherwise (regression through the origin).
    public var rSquared: Double
    /// 1 − (1 − R²)(n − 1)/df_resid.
    public var adjustedRSquared: Double
    /// σ̂ = √(RSS / df_resid).
    public var residualStandardError: Double
    /// F = ((TSS − RSS)/df_model) / (RSS/df_resid); nil without model or residual degrees of freedom.
    public var fStatistic: Double?
    public var fPValue: Double?
    /// σmax/σmin of the design √W·[1, X, indicators] in raw units (what statsmodels reports), from
    /// the singular values of its triangular factor: finite whenever the design has full rank.
    public var conditionNumber: Double
    /// The same for the design with unit-length columns (Belsley); > 30 signals collinearity.
    public var scaledConditionNumber: Double
    /// R² of the fixed effects alone (with the intercept); nil without fixed effects.
    public var fixedEffectsOnlyRSquared: Double?
    /// Within R²: 1 − RSS / RSS_FE, the share of the variance left by the fixed effects that the
    /// terms explain (the R² of the regression on within-transformed data); nil without fixed effects.
    public var withinRSquared: Double?
    /// Partial R² of the terms beyond the intercept and fixed effects: (RSS_reduced − RSS) / RSS_reduced,
    /// the reduced model having no terms. Equal to the within R² for OLS; nil when the model has no terms.
    public var partialRSquaredOfTerms: Double?
    public var warnings: [String]
}

/// A fitted linear regression f(x) = b₀ + Σⱼ bⱼ xⱼ, with its standardization, its coefficient
/// table and summary. A `LinearFeatureModel` in raw feature units (intercept and coefficients feed
/// the closed-form Shapley values); the batch prediction is one dgemv.
public struct RegressionModel: LinearFeatureModel, Codable, Equatable {
    public var featureNames: [String]
    /// Whether the model has an intercept b₀ (false: through the origin, b₀ = 0).
    public var hasIntercept: Bool
    public var method: RegressionMethod
    public var weighted: Bool
    /// The standardization the coefficients were estimated on (identity if none).
    public var standardization: FeatureStandardization
    /// b₀ in raw units (0 without intercept).
    public var intercept: Double
    /// b₁…b_p in raw feature units.
    public var coefficients: [Double]
    /// β₀, β₁…β_p on the standardized features.
    public var standardizedIntercept: Double
    public var standardizedCoefficients: [Double]
    /// Intercept first (when the model has one), then one row per feature (raw units).
    public var table: [CoefficientRow]
    /// Variance inflation factor of each feature, VIFⱼ = 1/(1 − Rⱼ²) with Rⱼ² the R² of feature j on
    /// the other features, intercept and fixed effects; nil for an aliased feature or a ridge fit.
    public var varianceInflation: [Double?]
    /// Effects of the fixed-effect factors (empty without fixed effects).
    public var fixedEffects: [FixedEffectEstimates]
    public var summary: RegressionSummary
    /// Covariance of the rows of `table` in raw units (row-major); 0 rows/columns for aliased terms.
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

    /// b₀ + X·b + Σ_f α_f(level) for every row; `levels[f][i]` is the level of factor f in row i. A
    /// level the model never saw (a held-out settlement or period) gets the factor's mean effect.
    public func predict(rows: Matrix, levels: [[String]]) -> [Double] {
        precondition(levels.count == fixedEffects.count, "\(levels.count) factors given, the model has \(fixedEffects.count)")
        var y = predict(rows: rows)
        for (f, factor) in fixedEffects.enumerated() {
            precondition(levels[f].count == rows.rows, "factor \(factor.name): \(levels[f].count) levels for \(rows.rows) rows")
            var lookup: [String: Double] = [:]
            for (l, label) in factor.labels.enumerated() { lookup[label] = factor.effects[l] }
            let mean = factor.meanEffect
            for i in 0..<rows.rows { y[i] += lookup[levels[f][i]] ?? mean }
        }
        return y
    }
}
