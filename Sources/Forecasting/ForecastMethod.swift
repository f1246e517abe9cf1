/// A forecasting method before fitting: a baseline (``Persistence``, ``Drift``, …) or a model.
///
/// Data convention: a panel of balances `[[Double]]`, rows = equally spaced periods (oldest first),
/// columns = settlements. A forecast from origin index `s` knows rows `0...s` and predicts rows
/// `s+1 ... s+h`.
public protocol ForecastMethod: Sendable {
    /// Short identifier used in records and summaries, e.g. "persistence", "drift", "ses".
    var name: String { get }
    /// Fits on `history` (rows `0..<history.count`) and returns a forecaster that can forecast from
    /// any origin `s < history.count`, using only rows `0...s` for everything it re-estimates.
    func fit(history: [[Double]]) throws -> any FittedForecaster
}

/// A fitted forecaster: point forecasts from any origin inside the history it was fitted on.
public protocol FittedForecaster {
    /// Point forecasts for rows `s+1 ... s+horizon`: `horizon` rows, one column per settlement.
    func forecast(origin s: Int, horizon: Int) throws -> [[Double]]
}
