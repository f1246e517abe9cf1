import Foundation

/// The observable inputs of the forecastable inhomogeneity (SPEC §4.2): socio-economic features
/// per settlement and period, made comparable across settlements and over time:
///
///     y_ij(t) = ln( x_ij(t − ℓ) / x̄_j(t − ℓ) )      (positive features: log ratio to the national mean)
///     y_ij(t) = x_ij(t − ℓ) − x̄_j(t − ℓ)              (features with zeros or negative values: difference)
///     z_ij(t) = (y_ij(t) − c_j) / s_j                 (standardized over the fitting window)
///
/// with x̄_j the population-weighted national mean and ℓ the lag in periods. The ratio to the
/// national mean removes what all settlements share (inflation, national growth), so the force
/// responds to a settlement's *relative* position, which is what moves people between places.
///
/// Time handling: the input of period t is the raw row of period t − ℓ. Before the first raw row
/// the first is used; after the last raw row the last is used — the default projection of SPEC
/// §12 ("persistence of the last observed values"). A fit only ever holds raw rows up to the end
/// of its own window, so a forecast never sees features from after its origin unless a scenario
/// supplies them (`rawOverride`).
public struct ForceFeatures: Sendable, Codable, Equatable {
    /// Feature names (columns of the features file), in input order.
    public var names: [String]
    /// ℓ: the force of period t sees the features of period t − ℓ.
    public var lag: Int
    /// Start times (decimal years) of the raw rows, consecutive periods of length `periodLength`.
    public var times: [Double]
    public var periodLength: Double
    /// raw[k][i][j]: feature j of settlement i in period `times[k]`, as in the features file.
    public var raw: [[[Double]]]
    /// Weights of the national mean (the settlements' populations).
    public var weights: [Double]
    /// Per feature: log ratio (true) or difference from the national mean (false).
    public var logRatio: [Bool]
    /// Standardization c_j, s_j of the transformed values over the fitting window.
    public var center: [Double]
    public var scale: [Double]

    public var count: Int { names.count }

    /// Builds the transform: decides log ratio or difference per feature from the raw
    /// values and standardizes over the inputs of `windowTimes` (the fitting periods).
    public static func make(names: [String], lag: Int, times: [Double], periodLength: Double, raw: [[[Double]]],
                            weights: [Double], windowTimes: [Double]) throws -> ForceFeatures {
        guard !names.isEmpty else { throw PhysicsInformedError.invalidData("the force needs at least one feature") }
        guard lag >= 0 else {
            throw PhysicsInformedError.invalidConfiguration(key: "force_lag", value: "\(lag)", expected: "an integer ≥ 0")
        }
        guard !times.isEmpty, raw.count == times.count, periodLength > 0 else {
            throw PhysicsInformedError.invalidData("the feature panel has no periods")
        }
        let n = weights.count, d = names.count
        for (k, row) in raw.enumerated() {
            guard row.count == n, row.allSatisfy({ $0.count == d }) else {
                throw PhysicsInformedError.invalidData("feature period \(k) does not have \(d) values for each of \(n) settlements")
            }
            for i in 0..<n { for j in 0..<d where !row[i][j].isFinite {
                throw PhysicsInformedError.invalidData("feature '\(names[j])' of settlement \(i) at \(times[k]) is not finite")
            } }
        }
        guard weights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw PhysicsInformedError.invalidData("the national mean needs positive population weights")
        }
        let positive = (0..<d).map { j in raw.allSatisfy { row in row.allSatisfy { $0[j] > 0 } } }
        var f = ForceFeatures(names: names, lag: lag, times: times, periodLength: periodLength, raw: raw, weights: weights,
                              logRatio: positive, center: [Double](repeating: 0, count: d), scale: [Double](repeating: 1, count: d))
        var sum = [Double](repeating: 0, count: d), sq = [Double](repeating: 0, count: d)
        var m = 0.0
        for t in windowTimes {
            for row in f.transformed(f.rawRow(at: t)) {
                for j in 0..<d { sum[j] += row[j]; sq[j] += row[j] * row[j] }
                m += 1
            }
        }
        for j in 0..<d {
            let mean = sum[j] / m
            let variance = max(0, sq[j] / m - mean * mean)
            f.center[j] = mean
            f.scale[j] = variance > 1e-24 ? variance.squareRoot() : 1
        }
        return f
    }

    /// The same transform (national-mean ratios, standardization) over another raw panel: a fit
    /// carried to a later forecast origin sees the features observed up to it.
    public func replacingRaw(times: [Double], raw: [[[Double]]]) -> ForceFeatures {
        var f = self
        f.times = times; f.raw = raw
        return f
    }

    /// Index of the raw row whose period holds time t, clamped to the panel. The clamp is done
    /// before the conversion to Int, so no time (huge, infinite or NaN: row 0) stops the program.
    public func rowIndex(at t: Double) -> Int {
        let k = ((t - times[0]) / periodLength + 1e-9).rounded(.down)
        guard k > 0 else { return 0 }
        return k >= Double(times.count - 1) ? times.count - 1 : Int(k)
    }

    /// The raw row feeding the force at time t: period t − ℓ, clamped (see the type's doc).
    public func rawRow(at t: Double) -> [[Double]] {
        raw[rowIndex(at: t - Double(lag) * periodLength)]
    }

    /// y (before standardization) of a raw row: n×d.
    public func transformed(_ row: [[Double]]) -> [[Double]] {
        let d = count
        let total = weights.reduce(0, +)
        var mean = [Double](repeating: 0, count: d)
        for (i, r) in row.enumerated() { for j in 0..<d { mean[j] += weights[i] * r[j] / total } }
        return row.map { r in
            (0..<d).map { j in logRatio[j] ? Foundation.log(r[j] / mean[j]) : r[j] - mean[j] }
        }
    }

    /// z of a raw row: the network's inputs, n×d.
    public func standardized(_ row: [[Double]]) -> [[Double]] {
        transformed(row).map { y in (0..<count).map { (y[$0] - center[$0]) / scale[$0] } }
    }

    /// The network's inputs at time t (n×d), from the stored raw panel.
    public func inputs(at t: Double) -> [[Double]] { standardized(rawRow(at: t)) }
}
