import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// Turns a features file into the inputs of the forecastable force (`ForceFeatures`) for one fit.
///
/// - Periods: the features' own periods (yearly features drive quarterly balances too), from the
///   first one in the file up to the last one that starts before the end of the fitting window.
///   Feature rows after the window are never read — a fit at a backtest origin does not see the
///   future; beyond its last row a forecast holds the features at their last values (persistence),
///   unless a scenario changes them. Features that end earlier than the balances are held the same
///   way, from their last row on.
/// - Columns: the names given (each must have a value for every settlement in every one of those
///   periods), or by default every column that does; the others are listed in `skipped`.
public struct CaseFeatures: Sendable {
    public var forceFeatures: ForceFeatures
    /// Columns left out by the default selection because they have missing values, with the first gap.
    public var skipped: [(name: String, reason: String)]

    public static func make(table: FeatureTable, settlements: [Settlement], names requested: [String]?, lag: Int,
                            windowTimes: [Double], windowEnd: Double) throws -> CaseFeatures {
        guard lag >= 0 else { throw PipelineError("fit.force_lag: \(lag); expected an integer ≥ 0 (periods of the features file)") }
        let ids = settlements.map(\.id)
        var rowOf: [String: [Period: Int]] = [:]
        for r in table.ids.indices { rowOf[table.ids[r], default: [:]][table.periods[r]] = r }
        for id in ids where rowOf[id] == nil {
            throw PipelineError("\(table.file): no rows for settlement '\(id)'; the force needs its features")
        }
        let periods = Array(Set(table.periods)).sorted().filter { $0.decimalYear < windowEnd - 1e-9 }
        guard let first = periods.first else {
            throw PipelineError("\(table.file): no feature period starts before the end of the fitting window (\(windowEnd))")
        }
        let length = first.length
        for (k, p) in periods.enumerated() where k > 0 {
            guard abs(p.decimalYear - periods[k - 1].decimalYear - length) < 1e-6 else {
                throw PipelineError("\(table.file): feature periods jump from \(periods[k - 1].label) to \(p.label); "
                                    + "expected consecutive periods")
            }
        }
        func gap(_ j: Int) -> String? {
            for p in periods {
                for id in ids {
                    guard let r = rowOf[id]?[p] else { return "no row for '\(id)' in \(p.label)" }
                    if table.values[r][j] == nil { return "empty for '\(id)' in \(p.label) (line \(table.lines[r]))" }
                }
            }
            return nil
        }
        var chosen = [Int](), skipped = [(name: String, reason: String)]()
        if let requested {
            for name in requested {
                guard let j = table.featureNames.firstIndex(of: name) else {
                    throw PipelineError("fit.force_features: '\(name)' is not a column of \(table.file) "
                                        + "(columns: \(table.featureNames.joined(separator: ", ")))")
                }
                if let g = gap(j) {
                    throw PipelineError("\(table.file): feature '\(name)' is \(g); the force needs every settlement in every period "
                                        + "\(first.label)–\(periods.last!.label)")
                }
                chosen.append(j)
            }
        } else {
            for j in table.featureNames.indices {
                if let g = gap(j) { skipped.append((table.featureNames[j], g)) } else { chosen.append(j) }
            }
            guard !chosen.isEmpty else {
                throw PipelineError("\(table.file): every feature has gaps in \(first.label)–\(periods.last!.label) "
                                    + "(\(skipped.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")))")
            }
        }
        let raw: [[[Double]]] = periods.map { p in ids.map { id in chosen.map { table.values[rowOf[id]![p]!][$0]! } } }
        let features = try ForceFeatures.make(names: chosen.map { table.featureNames[$0] }, lag: lag,
                                              times: periods.map(\.decimalYear), periodLength: length, raw: raw,
                                              weights: settlements.map(\.population), windowTimes: windowTimes)
        return CaseFeatures(forceFeatures: features, skipped: skipped)
    }
}
