/// ARIMA(0,1,1) without constant per settlement: Δy_t = y_t − y_{t−1} = ε_t + θ ε_{t−1}.
/// θ ∈ [−0.99, 0.99] minimizes the conditional sum of squares CSS(θ) = Σ_{t=1}^{s} ε_t² with
/// ε₀ = 0 and ε_t = Δy_t − θ ε_{t−1} (``ScalarMinimizer``: grid, then Brent; deterministic),
/// unless fixed. Flat forecast: ŷ_{s+k} = y_s + θ ε_s.
///
/// Relation to SES: with α = 1 + θ the SES one-step errors are the ε_t above (ℓ₀ = y₀ ⇔ ε₀ = 0),
/// so CSS(θ) = SSE_SES(1 + θ) and the forecasts coincide. The two differ only in the parameter range:
/// SES keeps α ∈ [0, 1] (θ ≤ 0); ARIMA allows θ up to 0.99 (α up to 1.99).
public struct ARIMA011: ForecastMethod {
    /// A fixed MA coefficient, or nil to estimate it per settlement and origin.
    public var theta: Double?
    public var name: String { "arima011" }

    public init(theta: Double? = nil) { self.theta = theta }

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        if let theta, !(theta > -1 && theta < 1) {
            throw ForecastingError.invalidParameter(name: "theta", value: "\(theta)", expected: "a number in (−1, 1)")
        }
        let fixed = theta
        return try BaselineForecaster(history: history, perSeries: { series, horizon in
            let th = fixed ?? ARIMA011.estimateTheta(series)
            return [Double](repeating: ARIMA011.pointForecast(series, theta: th), count: horizon)
        })
    }

    /// CSS(θ) = Σ ε_t² of the levels `y` (ε₀ = 0).
    public static func conditionalSumOfSquares(_ y: [Double], theta: Double) -> Double {
        y.withUnsafeBufferPointer { y in
            var eps = 0.0, css = 0.0
            for t in 1..<y.count {
                eps = (y[t] - y[t - 1]) - theta * eps
                css += eps * eps
            }
            return css
        }
    }

    /// y_s + θ ε_s, the flat forecast.
    public static func pointForecast(_ y: [Double], theta: Double) -> Double {
        var eps = 0.0
        for t in 1..<y.count { eps = (y[t] - y[t - 1]) - theta * eps }
        return y[y.count - 1] + theta * eps
    }

    /// The θ ∈ [−0.99, 0.99] minimizing the CSS; 0 (persistence) for fewer than three values,
    /// where the CSS does not depend on θ.
    public static func estimateTheta(_ y: [Double]) -> Double {
        guard y.count >= 3 else { return 0 }
        return ScalarMinimizer.minimize({ conditionalSumOfSquares(y, theta: $0) }, lower: -0.99, upper: 0.99)
    }
}
