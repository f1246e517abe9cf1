/// A point forecast with central prediction intervals, all `horizon × settlements`.
public struct ProbabilisticForecast: Sendable, Equatable {
    /// Point forecasts, rows = horizons 1…h, columns = settlements.
    public var mean: [[Double]]
    /// Lower interval bounds by level.
    public var lower: [Double: [[Double]]]
    /// Upper interval bounds by level.
    public var upper: [Double: [[Double]]]
    /// How many scaled errors per horizon the quantiles were taken from (pseudo-origins × settlements).
    public var calibrationErrors: Int
    /// The pseudo-origins used, latest first.
    public var calibrationOrigins: [Int]
    /// σ_i, the per-settlement scale of the errors (``NaiveScale``).
    public var scales: [Double]

    public init(mean: [[Double]], lower: [Double: [[Double]]], upper: [Double: [[Double]]],
                calibrationErrors: Int, calibrationOrigins: [Int], scales: [Double]) {
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.calibrationErrors = calibrationErrors
        self.calibrationOrigins = calibrationOrigins
        self.scales = scales
    }
}
