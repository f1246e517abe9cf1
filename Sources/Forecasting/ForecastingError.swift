/// Everything that can go wrong in the forecasting module, each with a message that names the
/// offending origin, row, column, level or parameter and says what was expected.
public enum ForecastingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The panel has no rows or no columns.
    case emptyPanel
    /// Row `row` has `found` columns where the first row has `expected`.
    case raggedPanel(row: Int, expected: Int, found: Int)
    /// A NaN or infinite value at (`row`, `column`).
    case nonFiniteValue(row: Int, column: Int)
    /// A parameter outside its domain, e.g. `horizon` = 0 or a level of 1.2.
    case invalidParameter(name: String, value: String, expected: String)
    /// An origin index outside `0..<rows`.
    case originOutOfRange(origin: Int, rows: Int)
    /// An origin without enough rows up to and including it (`available` = origin + 1).
    case tooLittleHistory(origin: Int, available: Int, required: Int, reason: String)
    /// An origin without `horizon` observed rows after it.
    case tooFewRowsAfterOrigin(origin: Int, horizon: Int, rows: Int)
    /// No pseudo-origin for the interval calibration fits in the history.
    case noCalibrationOrigins(rows: Int, horizon: Int, minimumHistory: Int)
    /// Too few pooled calibration errors for the conformal quantile at `level`.
    case tooFewCalibrationErrors(level: Double, available: Int, required: Int)
    /// Every settlement is constant over the scale window, so the naive MAE scale is 0.
    case zeroScale(rows: Int)
    /// A forecaster returned an array of the wrong shape.
    case forecastShape(origin: Int, expectedRows: Int, expectedColumns: Int, foundRows: Int, foundColumns: Int)
    /// A method failed while fitting or forecasting at a rolling origin.
    case methodFailed(method: String, origin: Int, reason: String)

    public var description: String {
        switch self {
        case .emptyPanel:
            return "the panel is empty: expected at least one period (row) and one settlement (column)"
        case let .raggedPanel(row, expected, found):
            return "panel row \(row) has \(found) settlements (columns); expected \(expected) like row 0"
        case let .nonFiniteValue(row, column):
            return "panel value at row \(row), column \(column) is not finite; expected a finite balance"
        case let .invalidParameter(name, value, expected):
            return "parameter \(name) = \(value) is invalid; expected \(expected)"
        case let .originOutOfRange(origin, rows):
            return "origin \(origin) is outside the panel; expected an index in 0...\(rows - 1)"
        case let .tooLittleHistory(origin, available, required, reason):
            return "origin \(origin) has \(available) rows up to it; \(reason) needs at least \(required)"
        case let .tooFewRowsAfterOrigin(origin, horizon, rows):
            return "origin \(origin) with horizon \(horizon) needs rows up to \(origin + horizon), "
                + "but the panel has rows 0...\(rows - 1); expected origin ≤ \(rows - 1 - horizon)"
        case let .noCalibrationOrigins(rows, horizon, minimumHistory):
            return "no pseudo-origin for interval calibration: \(rows) rows, horizon \(horizon), minimumHistory "
                + "\(minimumHistory); expected at least minimumHistory + horizon = \(minimumHistory + horizon) rows"
        case let .tooFewCalibrationErrors(level, available, required):
            return "the \(level) interval needs at least \(required) calibration errors per horizon "
                + "(conformal rank within the sample), but only \(available) are available; "
                + "expected more calibration origins or settlements, or a lower level"
        case let .zeroScale(rows):
            return "every settlement is constant over rows 0...\(rows - 1): the naive one-step MAE scale is 0; "
                + "expected at least one settlement that changes"
        case let .forecastShape(origin, expectedRows, expectedColumns, foundRows, foundColumns):
            return "the forecast from origin \(origin) has \(foundRows) × \(foundColumns) values; "
                + "expected \(expectedRows) horizons × \(expectedColumns) settlements"
        case let .methodFailed(method, origin, reason):
            return "method \(method) failed at origin \(origin): \(reason)"
        }
    }
}
