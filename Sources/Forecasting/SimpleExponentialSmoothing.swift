/// Simple exponential smoothing per settlement (Hyndman & Athanasopoulos, *FPP3* §8.1):
/// level ℓ₀ = y₀, one-step error e_t = y_t − ℓ_{t−1}, ℓ_t = ℓ_{t−1} + α e_t (t = 1…s), flat forecast
/// ŷ_{s+k} = ℓ_s. α ∈ [0, 1] minimizes the in-sample one-step sum of squared errors Σ e_t² over the
/// training rows (``ScalarMinimizer``: grid, then Brent; deterministic), unless fixed.
/// SES with α is ARIMA(0,1,1) with θ = α − 1 (see ``ARIMA011``).
public struct SimpleExponentialSmoothing: ForecastMethod {
    /// A fixed smoothing parameter, or nil to estimate it per settlement and origin.
    public var alpha: Double?
    public var name: String { "ses" }

    public init(alpha: Double? = nil) { self.alpha = alpha }

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        if let alpha, !(alpha >= 0 && alpha <= 1) {
            throw ForecastingError.invalidParameter(name: "alpha", value: "\(alpha)", expected: "a number in [0, 1]")
        }
        let fixed = alpha
        return try BaselineForecaster(history: history, perSeries: { series, horizon in
            let a = fixed ?? SimpleExponentialSmoothing.estimateAlpha(series)
            return [Double](repeating: SimpleExponentialSmoothing.finalLevel(series, alpha: a), count: horizon)
        })
    }

    /// Σ_{t=1}^{s} e_t², the in-sample one-step squared error for smoothing parameter `alpha`.
    public static func sumOfSquaredErrors(_ y: [Double], alpha: Double) -> Double {
        y.withUnsafeBufferPointer { y in
            var level = y[0], sse = 0.0
            for t in 1..<y.count {
                let e = y[t] - level
                sse += e * e
                level += alpha * e
            }
            return sse
        }
    }

    /// ℓ_s, the level after the last value: the flat forecast.
    public static func finalLevel(_ y: [Double], alpha: Double) -> Double {
        var level = y[0]
        for t in 1..<y.count { level += alpha * (y[t] - level) }
        return level
    }

    /// The α ∈ [0, 1] minimizing ``sumOfSquaredErrors(_:alpha:)``; 1 (persistence) for fewer than
    /// three values, where the error does not depend on α.
    public static func estimateAlpha(_ y: [Double]) -> Double {
        guard y.count >= 3 else { return 1 }
        return ScalarMinimizer.minimize({ sumOfSquaredErrors(y, alpha: $0) }, lower: 0, upper: 1)
    }
}
