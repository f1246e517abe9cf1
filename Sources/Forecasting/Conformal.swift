/// Prediction intervals by conformal calibration on a forecaster's own in-window errors
/// (split conformal, Vovk et al. 2005; Lei et al. 2018, applied per horizon to rolling pseudo-origins).
///
/// With T = history.count − 1 the forecast origin, the pseudo-origins are s = T−h, T−h−1, … (at
/// most `calibrationOrigins`, each s ≥ minimumHistory − 1). Each forecasts h steps and is compared
/// with rows s+1…s+h. The signed errors are scaled, r = (y − ŷ)/σ_i with σ_i from ``NaiveScale`` over
/// rows 0…T, and pooled per horizon k over pseudo-origins and settlements (m values). The interval at
/// level L is ŷ + σ_i·[r_(lo), r_(hi)] with β = (1−L)/2 and the order statistics
/// lo = ⌊(m+1)β⌋, hi = ⌈(m+1)(1−β)⌉ — the conformal finite-sample ranks: for exchangeable errors each
/// tail then holds at most β, so coverage ≥ L, where the plain empirical quantile (Hyndman–Fan type 7)
/// under-covers by about 1/m. They need (m+1)β ≥ 1, e.g. m ≥ 9 at 80% and m ≥ 39 at 95%; with fewer
/// errors this throws rather than returning an unbounded interval.
public enum Conformal {
    public static func forecast(_ fitted: any FittedForecaster, history: [[Double]], horizon h: Int,
                                calibration: IntervalCalibration) throws -> ProbabilisticForecast {
        let n = try Panel.validate(history)
        try calibration.validate()
        let T = history.count - 1
        try Panel.checkOrigin(T, horizon: h, rows: history.count)
        let origins = try pseudoOrigins(rows: history.count, horizon: h, calibration: calibration)
        let sigma = try NaiveScale.scales(history, through: T)

        var errors = [[Double]](repeating: [], count: h)
        for s in origins {
            let f = try fitted.forecast(origin: s, horizon: h)
            try Panel.checkShape(f, origin: s, horizon: h, columns: n)
            for k in 0..<h {
                for i in 0..<n { errors[k].append((history[s + 1 + k][i] - f[k][i]) / sigma[i]) }
            }
        }
        let m = origins.count * n
        for k in 0..<h { errors[k].sort() }

        let mean = try fitted.forecast(origin: T, horizon: h)
        try Panel.checkShape(mean, origin: T, horizon: h, columns: n)
        var lower: [Double: [[Double]]] = [:], upper: [Double: [[Double]]] = [:]
        for level in calibration.levels {
            let (lo, hi) = try ranks(level: level, count: m)
            lower[level] = (0..<h).map { k in (0..<n).map { mean[k][$0] + sigma[$0] * errors[k][lo - 1] } }
            upper[level] = (0..<h).map { k in (0..<n).map { mean[k][$0] + sigma[$0] * errors[k][hi - 1] } }
        }
        return ProbabilisticForecast(mean: mean, lower: lower, upper: upper, calibrationErrors: m,
                                     calibrationOrigins: origins, scales: sigma)
    }

    /// The pseudo-origins, latest first, at which ``forecast(_:history:horizon:calibration:)`` calls
    /// the forecaster for a history of `rows` rows: T−h, T−h−1, … down to max(minimumHistory − 1,
    /// T−h−calibrationOrigins+1), with T = rows − 1. Throws when there is none.
    public static func pseudoOrigins(rows: Int, horizon h: Int, calibration: IntervalCalibration) throws -> [Int] {
        let latest = rows - 1 - h
        let earliest = max(calibration.minimumHistory - 1, latest - calibration.calibrationOrigins + 1)
        guard latest >= earliest else {
            throw ForecastingError.noCalibrationOrigins(rows: rows, horizon: h, minimumHistory: calibration.minimumHistory)
        }
        return Array(stride(from: latest, through: earliest, by: -1))
    }

    /// The 1-based order statistics (⌊(m+1)β⌋, ⌈(m+1)(1−β)⌉) for level L, β = (1−L)/2.
    public static func ranks(level: Double, count m: Int) throws -> (lower: Int, upper: Int) {
        let beta = (1 - level) / 2
        let x = Double(m + 1) * beta
        let lo = Int((x + 1e-9).rounded(.down))
        let hi = Int((Double(m + 1) - x - 1e-9).rounded(.up))
        guard lo >= 1, hi <= m else {
            let required = Int((1 / beta - 1e-9).rounded(.up)) - 1
            throw ForecastingError.tooFewCalibrationErrors(level: level, available: m, required: required)
        }
        return (lo, hi)
    }
}
