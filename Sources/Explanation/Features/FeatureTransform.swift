import Foundation

/// A derived feature a demographer uses (SPEC §5), computed per settlement i and period t from a
/// source column x (an input column or an earlier derived one); periods are ordered in time and a
/// lag refers to the settlement's row `lag` periods earlier (missing when that row is absent):
///   log:                 ln xᵢₜ                                   (xᵢₜ > 0)
///   ratio to mean:       xᵢₜ / x̄ₜ,  x̄ₜ = Σⱼ wⱼₜ xⱼₜ / Σⱼ wⱼₜ   over the settlements with xⱼₜ and wⱼₜ in period t
///                        (w a weight column such as population; all 1 without one)
///   difference:          xᵢₜ − xᵢ,ₜ₋ₗ
///   lag:                 xᵢ,ₜ₋ₗ
///   growth:              ln(xᵢₜ / xᵢ,ₜ₋ₗ)                         (both > 0)
public struct FeatureTransform: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case log
        case ratioToNationalMean(weight: String?)
        case difference(lag: Int)
        case lag(Int)
        case growth(lag: Int)
    }

    public var name: String
    public var source: String
    public var kind: Kind
    /// Where it was declared (named in errors), e.g. "transforms.yaml:4".
    public var origin: String

    public init(name: String, source: String, kind: Kind, origin: String) {
        self.name = name; self.source = source; self.kind = kind; self.origin = origin
    }
}

/// Why a transform could not be computed; names the transform, where it was declared and the row.
public struct FeatureTransformError: Error, Equatable, CustomStringConvertible, Sendable {
    public var origin: String
    public var message: String
    public init(origin: String, message: String) { self.origin = origin; self.message = message }
    public var description: String { "\(origin): \(message)" }
}

/// Columns of a panel (one row per settlement and period) extended by transforms.
public struct FeatureColumns: Sendable, Equatable {
    public var ids: [String]
    /// Position of each row's period in time order (0, 1, …; equal positions = same period).
    public var periodIndex: [Int]
    /// Period labels of the rows (named in errors).
    public var periodLabels: [String]
    public var names: [String]
    /// values[row][column]; nil = missing.
    public var values: [[Double?]]

    public init(ids: [String], periodIndex: [Int], periodLabels: [String], names: [String], values: [[Double?]]) {
        self.ids = ids; self.periodIndex = periodIndex; self.periodLabels = periodLabels; self.names = names; self.values = values
    }

    /// Appends one column per transform, in order (a transform may use the columns before it).
    public mutating func apply(_ transforms: [FeatureTransform]) throws(FeatureTransformError) {
        var rowOf: [String: Int] = [:]
        for r in ids.indices { rowOf[ids[r] + "\u{1F}" + String(periodIndex[r])] = r }
        for t in transforms {
            guard !names.contains(t.name) else {
                throw FeatureTransformError(origin: t.origin, message: "the name '\(t.name)' is already a feature; expected a new name")
            }
            guard let s = names.firstIndex(of: t.source) else {
                throw FeatureTransformError(origin: t.origin, message: "transform '\(t.name)': '\(t.source)' is not a feature; expected one of \(names.joined(separator: ", "))")
            }
            func lagged(_ r: Int, _ lag: Int) -> Double? {
                rowOf[ids[r] + "\u{1F}" + String(periodIndex[r] - lag)].flatMap { values[$0][s] }
            }
            func positive(_ v: Double, _ r: Int, _ what: String) throws(FeatureTransformError) -> Double {
                guard v > 0 else {
                    throw FeatureTransformError(origin: t.origin, message: "transform '\(t.name)': \(what) of \(t.source) is \(v) for \(ids[r]) \(periodLabels[r]); expected a value > 0")
                }
                return v
            }
            var column = [Double?](repeating: nil, count: ids.count)
            switch t.kind {
            case .log:
                for r in ids.indices { if let v = values[r][s] { column[r] = Foundation.log(try positive(v, r, "the value")) } }
            case .lag(let l), .difference(let l), .growth(let l):
                guard l >= 1 else { throw FeatureTransformError(origin: t.origin, message: "transform '\(t.name)': periods = \(l); expected a lag ≥ 1") }
                for r in ids.indices {
                    guard let v = values[r][s], let before = lagged(r, l) else { continue }
                    switch t.kind {
                    case .lag: column[r] = before
                    case .difference: column[r] = v - before
                    default: column[r] = Foundation.log(try positive(v, r, "the value") / (try positive(before, r, "the lagged value")))
                    }
                }
            case .ratioToNationalMean(let weight):
                var w: Int? = nil
                if let weight {
                    guard let c = names.firstIndex(of: weight) else {
                        throw FeatureTransformError(origin: t.origin, message: "transform '\(t.name)': weight '\(weight)' is not a feature; expected one of \(names.joined(separator: ", "))")
                    }
                    w = c
                }
                var sum: [Int: Double] = [:], weightSum: [Int: Double] = [:]
                for r in ids.indices {
                    guard let v = values[r][s] else { continue }
                    let wr: Double
                    if let w { guard let x = values[r][w] else { continue }; wr = x } else { wr = 1 }
                    sum[periodIndex[r], default: 0] += wr * v
                    weightSum[periodIndex[r], default: 0] += wr
                }
                for r in ids.indices {
                    guard let v = values[r][s], let total = sum[periodIndex[r]], let ws = weightSum[periodIndex[r]], ws > 0 else { continue }
                    let mean = total / ws
                    guard mean != 0 else {
                        throw FeatureTransformError(origin: t.origin, message: "transform '\(t.name)': the national mean of \(t.source) is 0 in \(periodLabels[r]); expected a non-zero mean")
                    }
                    column[r] = v / mean
                }
            }
            names.append(t.name)
            for r in ids.indices { values[r].append(column[r]) }
        }
    }
}
