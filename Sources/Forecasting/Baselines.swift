/// The built-in baselines of SPEC §12, in reporting order.
public enum Baselines {
    /// Persistence, drift (5-period line), training mean, SES, ARIMA(0,1,1), pooled AR(1).
    public static var all: [any ForecastMethod] {
        [Persistence(), Drift(window: 5), TrainingMean(), SimpleExponentialSmoothing(), ARIMA011(), PooledAR1()]
    }
}
