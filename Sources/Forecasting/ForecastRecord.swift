/// One forecast cell of a backtest: one method, origin, settlement and target period.
public struct ForecastRecord: Sendable, Equatable {
    /// Row index of the origin (last row known to the forecast).
    public var origin: Int
    /// Label of the origin row, e.g. its year ("\(origin)" when no labels were given).
    public var originLabel: String
    public var method: String
    /// Column index of the settlement.
    public var settlement: Int
    /// Row index of the forecast period: origin + horizon.
    public var period: Int
    /// Label of the forecast period row.
    public var periodLabel: String
    /// Steps ahead, 1…h.
    public var horizon: Int
    public var forecast: Double
    public var observed: Double
    /// σ_i, the settlement's in-sample one-step naive MAE up to the origin: the MASE denominator.
    public var scale: Double
    /// Lower and upper interval bounds by level.
    public var lower: [Double: Double]
    public var upper: [Double: Double]

    public init(origin: Int, originLabel: String, method: String, settlement: Int, period: Int, periodLabel: String,
                horizon: Int, forecast: Double, observed: Double, scale: Double,
                lower: [Double: Double], upper: [Double: Double]) {
        self.origin = origin
        self.originLabel = originLabel
        self.method = method
        self.settlement = settlement
        self.period = period
        self.periodLabel = periodLabel
        self.horizon = horizon
        self.forecast = forecast
        self.observed = observed
        self.scale = scale
        self.lower = lower
        self.upper = upper
    }
}
