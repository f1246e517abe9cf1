/// The backtest scores of one method: each score is computed per origin (as in ``Scores``) and
/// then averaged over origins with equal weight.
public struct MethodSummary: Sendable, Equatable {
    public var method: String
    /// Number of distinct origins.
    public var origins: Int
    /// Mean over origins of the origin's MASE (mean over settlements of the scaled MAE over horizons).
    public var mase: Double
    /// Mean over origins of the RMSE pooled over settlements and horizons.
    public var rmse: Double
    /// Mean over origins of the mean ŷ − y.
    public var bias: Double
    /// Mean over origins of the interval coverage, by level (levels present at every origin).
    public var coverage: [Double: Double]
    /// Mean over origins of the Gneiting–Raftery interval score, by level.
    public var intervalScore: [Double: Double]

    public var coverage80: Double? { coverage[0.8] }
    public var coverage95: Double? { coverage[0.95] }
    public var intervalScore80: Double? { intervalScore[0.8] }
    public var intervalScore95: Double? { intervalScore[0.95] }

    public init(method: String, origins: Int, mase: Double, rmse: Double, bias: Double,
                coverage: [Double: Double], intervalScore: [Double: Double]) {
        self.method = method
        self.origins = origins
        self.mase = mase
        self.rmse = rmse
        self.bias = bias
        self.coverage = coverage
        self.intervalScore = intervalScore
    }
}
