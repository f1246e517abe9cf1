/// The MASE denominator (Hyndman & Koehler 2006): for each settlement i, the in-sample one-step
/// naive MAE over rows 0…T, σ_i = (1/T) Σ_{t=1}^{T} |y_{i,t} − y_{i,t−1}|.
/// A settlement with σ_i = 0 (constant) gets the pooled scale, the mean of σ over all settlements,
/// so its errors stay finite; if every settlement is constant the scale is undefined and this throws.
public enum NaiveScale {
    /// σ_i for rows `0...through` of `panel` (needs at least two rows).
    public static func scales(_ panel: [[Double]], through T: Int) throws -> [Double] {
        let n = try Panel.validate(panel)
        guard T >= 1, T < panel.count else {
            throw ForecastingError.tooLittleHistory(origin: T, available: min(T, panel.count - 1) + 1, required: 2,
                                                    reason: "the naive one-step MAE scale")
        }
        var sigma = [Double](repeating: 0, count: n)
        for t in 1...T {
            for i in 0..<n { sigma[i] += abs(panel[t][i] - panel[t - 1][i]) }
        }
        for i in 0..<n { sigma[i] /= Double(T) }
        let pooled = sigma.reduce(0, +) / Double(n)
        guard pooled > 0 else { throw ForecastingError.zeroScale(rows: T + 1) }
        return sigma.map { $0 > 0 ? $0 : pooled }
    }
}
