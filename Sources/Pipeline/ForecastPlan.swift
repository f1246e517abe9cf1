/// Where forecasts are calibrated inside a training window: the pseudo-origins (SPEC §12).
public enum ForecastPlan {
    /// The horizon on which ρ, ω are chosen: 3 periods, the horizon demographers' short-term
    /// forecasts and SPEC §12's backtests use; fixed so that the choice does not depend on how far a
    /// particular run forecasts.
    public static let selectionHorizon = 3

    /// The shortest window a validation fit may have (periods): twice the four periods a fit needs
    /// at least, so that the validation model has seen more than one swing of the series. Below it
    /// the forecast settings stay at persistence. (Chosen after a first Korean backtest showed
    /// validation fits on 4–7 crisis years picking strong mean reversion that then lost out of
    /// sample; not tuned further.)
    public static let minimumValidationPeriods = 8

    /// The latest pseudo-origins s of a window of `count` periods (indices 0..<count) that have
    /// `horizon` observed periods after them and at least `minimumHistory` periods up to them:
    /// s = count−1−h, count−2−h, … (at most `limit`), oldest first.
    public static func pseudoOrigins(count: Int, horizon: Int, limit: Int = 10, minimumHistory: Int = 5) -> [Int] {
        let last = count - 1 - horizon
        let first = max(minimumHistory - 1, 1, last - limit + 1)
        return last >= first ? Array(first...last) : []
    }
}
