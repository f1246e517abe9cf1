/// The fitted form of every built-in baseline: it keeps the history and re-estimates from rows
/// `0...s` at each call, so nothing after the origin leaks into a forecast.
struct BaselineForecaster: FittedForecaster {
    let history: [[Double]]
    /// Forecast from the rows `0...s` (already sliced) for `horizon` steps: `horizon × n`.
    let forecastFromRows: @Sendable (_ rows: ArraySlice<[Double]>, _ horizon: Int) -> [[Double]]

    init(history: [[Double]], forecastFromRows: @escaping @Sendable (ArraySlice<[Double]>, Int) -> [[Double]]) throws {
        try Panel.validate(history)
        self.history = history
        self.forecastFromRows = forecastFromRows
    }

    /// A forecaster that treats each settlement on its own: `perSeries(y_0...y_s, horizon)` → h values.
    init(history: [[Double]], perSeries: @escaping @Sendable (_ series: [Double], _ horizon: Int) -> [Double]) throws {
        try self.init(history: history, forecastFromRows: { rows, horizon in
            let n = rows.first!.count
            var out = [[Double]](repeating: [Double](repeating: 0, count: n), count: horizon)
            for i in 0..<n {
                let path = perSeries(rows.map { $0[i] }, horizon)
                for k in 0..<horizon { out[k][i] = path[k] }
            }
            return out
        })
    }

    func forecast(origin s: Int, horizon: Int) throws -> [[Double]] {
        try Panel.checkOrigin(s, horizon: horizon, rows: history.count)
        return forecastFromRows(history[0...s], horizon)
    }
}
