/// Persistence (naive, random-walk) forecast: ŷ_{s+k} = y_s for every horizon k.
public struct Persistence: ForecastMethod {
    public var name: String { "persistence" }
    public init() {}

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        try BaselineForecaster(history: history, forecastFromRows: { rows, horizon in
            [[Double]](repeating: rows.last!, count: horizon)
        })
    }
}
