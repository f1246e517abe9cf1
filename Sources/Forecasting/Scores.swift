/// Forecast accuracy scores of one origin (SPEC §12). Arrays are `horizon × settlements`.
public enum Scores {
    /// MASE (Hyndman & Koehler 2006): for each settlement i, (1/h) Σ_k |y_{k,i} − ŷ_{k,i}| / σ_i,
    /// then the mean over settlements; σ_i is the in-sample one-step naive MAE of the training rows
    /// up to the origin (``NaiveScale``).
    public static func mase(forecast: [[Double]], observed: [[Double]], scales: [Double]) -> Double {
        let h = forecast.count, n = scales.count
        var total = 0.0
        for i in 0..<n {
            var s = 0.0
            for k in 0..<h { s += abs(observed[k][i] - forecast[k][i]) }
            total += s / Double(h) / scales[i]
        }
        return total / Double(n)
    }

    /// Root mean squared error pooled over settlements and horizons.
    public static func rmse(forecast: [[Double]], observed: [[Double]]) -> Double {
        meanOver(forecast, observed) { f, y in (f - y) * (f - y) }.squareRoot()
    }

    /// Bias: the mean of ŷ − y over settlements and horizons (positive = over-forecast).
    public static func bias(forecast: [[Double]], observed: [[Double]]) -> Double {
        meanOver(forecast, observed) { f, y in f - y }
    }

    /// Share of observations with lower ≤ y ≤ upper.
    public static func coverage(lower: [[Double]], upper: [[Double]], observed: [[Double]]) -> Double {
        var inside = 0, count = 0
        for k in observed.indices {
            for i in observed[k].indices {
                count += 1
                if lower[k][i] <= observed[k][i] && observed[k][i] <= upper[k][i] { inside += 1 }
            }
        }
        return Double(inside) / Double(count)
    }

    /// Gneiting & Raftery (2007, eq. 43) interval score of the central interval [l, u] at level L,
    /// α = 1 − L: (u − l) + (2/α)(l − y)·1{y < l} + (2/α)(y − u)·1{y > u}, averaged over settlements
    /// and horizons (lower is better; in the units of the data).
    public static func intervalScore(lower: [[Double]], upper: [[Double]], observed: [[Double]], level: Double) -> Double {
        var total = 0.0, count = 0
        for k in observed.indices {
            for i in observed[k].indices {
                total += intervalScore(lower: lower[k][i], upper: upper[k][i], observed: observed[k][i], level: level)
                count += 1
            }
        }
        return total / Double(count)
    }

    /// The interval score of one observation.
    public static func intervalScore(lower l: Double, upper u: Double, observed y: Double, level: Double) -> Double {
        let alpha = 1 - level
        var score = u - l
        if y < l { score += 2 / alpha * (l - y) }
        if y > u { score += 2 / alpha * (y - u) }
        return score
    }

    private static func meanOver(_ f: [[Double]], _ y: [[Double]], _ term: (Double, Double) -> Double) -> Double {
        var total = 0.0, count = 0
        for k in y.indices {
            for i in y[k].indices { total += term(f[k][i], y[k][i]); count += 1 }
        }
        return total / Double(count)
    }
}
