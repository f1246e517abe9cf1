/// AR(1) around settlement means with one coefficient pooled over settlements:
/// y_{i,t} − μ_i = φ (y_{i,t−1} − μ_i) + e_{i,t}, μ_i = mean of y_{i,0…s}. With x = y − μ,
/// φ = Σ_i Σ_{t=1}^{s} x_{i,t} x_{i,t−1} / Σ_i Σ_{t=1}^{s} x_{i,t−1}² (least squares), clamped to
/// [−1, 1] (0 when the denominator is 0); forecast ŷ_{i,s+k} = μ_i + φ^k (y_{i,s} − μ_i).
public struct PooledAR1: ForecastMethod {
    public var name: String { "pooled-ar1" }
    public init() {}

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        try BaselineForecaster(history: history, forecastFromRows: { rows, horizon in
            let (phi, mu) = PooledAR1.estimate(rows)
            let last = rows.last!
            var out: [[Double]] = []
            var power = 1.0
            for _ in 1...horizon {
                power *= phi
                out.append(mu.indices.map { mu[$0] + power * (last[$0] - mu[$0]) })
            }
            return out
        })
    }

    /// The pooled φ (clamped to [−1, 1]) and the settlement means μ_i of `rows`.
    public static func estimate<C: Collection>(_ rows: C) -> (phi: Double, means: [Double]) where C.Element == [Double] {
        let n = rows.first!.count
        var mu = [Double](repeating: 0, count: n)
        for row in rows { for i in 0..<n { mu[i] += row[i] } }
        for i in 0..<n { mu[i] /= Double(rows.count) }
        var num = 0.0, den = 0.0
        var previous: [Double]?
        for row in rows {
            if let p = previous {
                for i in 0..<n {
                    let a = p[i] - mu[i], b = row[i] - mu[i]
                    num += a * b
                    den += a * a
                }
            }
            previous = row
        }
        guard den > 0 else { return (0, mu) }
        return (min(1, max(-1, num / den)), mu)
    }
}
