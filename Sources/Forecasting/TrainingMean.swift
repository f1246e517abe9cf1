/// Mean of the training window: ŷ_{i,s+k} = (1/(s+1)) Σ_{t=0}^{s} y_{i,t} for every horizon k.
public struct TrainingMean: ForecastMethod {
    public var name: String { "mean" }
    public init() {}

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        try BaselineForecaster(history: history, forecastFromRows: { rows, horizon in
            let n = rows.first!.count
            var mean = [Double](repeating: 0, count: n)
            for row in rows { for i in 0..<n { mean[i] += row[i] } }
            for i in 0..<n { mean[i] /= Double(rows.count) }
            return [[Double]](repeating: mean, count: horizon)
        })
    }
}
