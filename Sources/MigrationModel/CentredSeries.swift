/// Balance series centred once, so that the correlation of any pair costs one dot product: the
/// streaming form of `Similarity.pearson` for the coupled pairs of the sparse layout.
///
/// For a series x_i with present periods P_i (m_i = |P_i|) it keeps the centred values and their
/// sum of squares,
///
///     c_ik = x_ik − x̄_i  (k ∈ P_i, in period order),   S_i = Σ_{k∈P_i} c_ik²,
///
/// and when two series have the same present periods (P_i = P_j: no gaps, or gaps in the same
/// periods) their pairwise-complete correlation is
///
///     ρ_ij = Σ_k c_ik·c_jk / √(S_i·S_j),
///
/// computed with the same operations in the same order as `Similarity.pairwiseCorrelation`, so
/// bit for bit the dense matrix's entry. A pair whose present periods differ has its own common
/// periods and means; its ρ is computed by that two-pass formula over the pair only, without
/// allocating. Missing values are thus handled exactly as the dense path does: fewer than 3 common
/// periods or a constant series on them gives ρ = 0, and ρ is clamped to [−1, 1].
///
/// Memory: about 2·n·T values (T periods) plus one pattern id per series; never an n×n matrix.
public struct CentredSeries: Sendable {
    /// Number of series (settlements).
    public let count: Int
    /// Number of periods of every series.
    public let periods: Int
    /// c_i packed: series i's centred present values are centred[start[i]..<start[i + 1]].
    let centred: [Double]
    let start: [Int]
    /// S_i (0 for a series with fewer than 3 values).
    let sumOfSquares: [Double]
    /// The raw values (row-major n × T), read only where `present` is true.
    let values: [Double]
    let present: [Bool]
    /// Series with equal ids have the same present periods.
    let patternID: [Int]

    /// Centres every row of `series` (settlements × periods; nil = missing). All rows must have the
    /// same length (the dense path requires it too).
    public init(_ series: [[Double?]]) {
        let n = series.count, t = series.first?.count ?? 0
        precondition(series.allSatisfy { $0.count == t }, "CentredSeries: series differ in length")
        var x = [Double](repeating: 0, count: n * t), present = [Bool](repeating: false, count: n * t)
        var centred: [Double] = [], start = [0], sums = [Double](repeating: 0, count: n)
        var ids = [Int](repeating: 0, count: n)
        var patterns: [[Bool]: Int] = [:]
        for i in 0..<n {
            var mask = [Bool](repeating: false, count: t)
            var m = 0, sum = 0.0
            for k in 0..<t {
                if let v = series[i][k] { mask[k] = true; x[i * t + k] = v; present[i * t + k] = true; m += 1; sum += v }
            }
            if let id = patterns[mask] { ids[i] = id } else { ids[i] = patterns.count; patterns[mask] = ids[i] }
            let mean = sum / Double(max(m, 1))
            var s = 0.0
            for k in 0..<t where mask[k] { let d = x[i * t + k] - mean; centred.append(d); s += d * d }
            sums[i] = m >= 3 ? s : 0
            start.append(centred.count)
        }
        count = n; periods = t
        self.centred = centred; self.start = start; sumOfSquares = sums
        values = x; self.present = present; patternID = ids
    }

    /// ρ_ij over the periods where both series are present (1 on the diagonal).
    public func correlation(_ i: Int, _ j: Int) -> Double {
        precondition(i >= 0 && i < count && j >= 0 && j < count, "CentredSeries: pair (\(i), \(j)) outside \(count) series")
        if i == j { return 1 }
        guard patternID[i] == patternID[j] else { return commonPeriodCorrelation(i, j) }
        let sxx = sumOfSquares[i], syy = sumOfSquares[j]
        guard sxx > 0, syy > 0 else { return 0 }
        return centred.withUnsafeBufferPointer { c in
            let a = start[i], b = start[j]
            var sxy = 0.0
            for l in 0..<(start[i + 1] - a) { sxy += c[a + l] * c[b + l] }
            return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
        }
    }

    /// ρ of every pair, in the order given (one dot product per pair of equal patterns).
    public func correlations(pairs: [(i: Int, j: Int)]) -> [Double] {
        pairs.map { correlation($0.i, $0.j) }
    }

    /// `Similarity.pairwiseCorrelation` of rows i and j with the same operations in the same order
    /// (so the same bits), reading the stored rows instead of building the common sub-series.
    private func commonPeriodCorrelation(_ i: Int, _ j: Int) -> Double {
        let t = periods, a = i * t, b = j * t
        var m = 0, sx = 0.0, sy = 0.0
        for k in 0..<t where present[a + k] && present[b + k] { m += 1; sx += values[a + k]; sy += values[b + k] }
        guard m >= 3 else { return 0 }
        let mx = sx / Double(m), my = sy / Double(m)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<t where present[a + k] && present[b + k] {
            let dx = values[a + k] - mx, dy = values[b + k] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }
}
