/// Checks and slicing shared by the methods, the calibration and the scores.
enum Panel {
    /// Throws unless `panel` is non-empty, rectangular and finite; returns the number of columns.
    @discardableResult
    static func validate(_ panel: [[Double]]) throws -> Int {
        guard let first = panel.first, !first.isEmpty else { throw ForecastingError.emptyPanel }
        let n = first.count
        for (t, row) in panel.enumerated() {
            guard row.count == n else { throw ForecastingError.raggedPanel(row: t, expected: n, found: row.count) }
            if let i = row.firstIndex(where: { !$0.isFinite }) { throw ForecastingError.nonFiniteValue(row: t, column: i) }
        }
        return n
    }

    /// Throws unless `0 ≤ origin < rows` and `horizon ≥ 1`.
    static func checkOrigin(_ origin: Int, horizon: Int, rows: Int) throws {
        guard horizon >= 1 else {
            throw ForecastingError.invalidParameter(name: "horizon", value: "\(horizon)", expected: "an integer ≥ 1")
        }
        guard origin >= 0, origin < rows else { throw ForecastingError.originOutOfRange(origin: origin, rows: rows) }
    }

    /// Throws unless `forecast` has `horizon` rows of `columns` values each.
    static func checkShape(_ forecast: [[Double]], origin: Int, horizon: Int, columns: Int) throws {
        let foundColumns = forecast.first?.count ?? 0
        guard forecast.count == horizon, forecast.allSatisfy({ $0.count == columns }) else {
            throw ForecastingError.forecastShape(origin: origin, expectedRows: horizon, expectedColumns: columns,
                                                 foundRows: forecast.count, foundColumns: foundColumns)
        }
    }
}
