/// Local linear trend: the least-squares line through the last `window` values y_{s−w+1} … y_s
/// (w = min(window, s+1)), extended: ŷ_{s+k} = ȳ + b·(w − 1 + k − x̄) with x = 0…w−1,
/// x̄ = (w−1)/2, b = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)². With one value it is persistence.
/// Same formula as `NaiveForecast.linearTrend` in PhysicsInformed/FitMetrics.swift.
public struct Drift: ForecastMethod {
    public var window: Int
    public var name: String { "drift" }

    public init(window: Int = 5) { self.window = window }

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        guard window >= 1 else {
            throw ForecastingError.invalidParameter(name: "window", value: "\(window)", expected: "an integer ≥ 1")
        }
        let window = self.window
        return try BaselineForecaster(history: history, perSeries: { series, horizon in
            Drift.extend(series, window: window, horizon: horizon)
        })
    }

    /// The drift forecast of one series for `horizon` steps.
    public static func extend(_ y: [Double], window: Int, horizon: Int) -> [Double] {
        let w = min(window, y.count)
        let tail = Array(y.suffix(w))
        if w == 1 { return [Double](repeating: tail[0], count: horizon) }
        let xm = Double(w - 1) / 2
        let ym = tail.reduce(0, +) / Double(w)
        var sxy = 0.0, sxx = 0.0
        for (k, v) in tail.enumerated() {
            sxy += (Double(k) - xm) * (v - ym)
            sxx += (Double(k) - xm) * (Double(k) - xm)
        }
        let slope = sxy / sxx
        return (1...horizon).map { ym + slope * (Double(w - 1 + $0) - xm) }
    }
}
