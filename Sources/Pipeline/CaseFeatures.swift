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
/// - Columns: the names given, or by default every column that has a value for every settlement in
///   every period from some period on up to the window's end; columns with a gap after that (or no
///   complete period) are listed in `skipped`. The feature panel starts at the first period in which
///   every chosen column is complete; the periods before it take its first row (the same rule as
///   before any raw row), so a feature published from a later year still enters the force.
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
        func complete(_ j: Int, _ p: Period) -> Bool {
            ids.allSatisfy { id in rowOf[id]?[p].map { table.values[$0][j] != nil } ?? false }
        }
        /// The first period from which column j is complete to the end, or the reason there is none.
        func start(_ j: Int) -> (index: Int?, reason: String) {
            var k = periods.count
            while k > 0 && complete(j, periods[k - 1]) { k -= 1 }
            if k == periods.count {
                return (nil, "incomplete in its last period \(periods.last!.label)")
            }
            if k > 0 {
                // Name the last gap, for the log or the error.
                let p = periods[k - 1]
                for id in ids {
                    guard let r = rowOf[id]?[p] else { return (k, "no row for '\(id)' in \(p.label)") }
                    if table.values[r][j] == nil { return (k, "empty for '\(id)' in \(p.label) (line \(table.lines[r]))") }
                }
            }
            return (k, "")
        }
        var chosen = [Int](), skipped = [(name: String, reason: String)]()
        var firstComplete = 0
        let names = requested ?? table.featureNames
        for name in names {
            guard let j = table.featureNames.firstIndex(of: name) else {
                throw PipelineError("fit.force_features: '\(name)' is not a column of \(table.file) "
                                    + "(columns: \(table.featureNames.joined(separator: ", ")))")
            }
            let (k, reason) = start(j)
            // A column complete only from the second half of the periods on is left out by default.
            guard let k, requested != nil || k <= periods.count / 2 else {
                if requested != nil {
                    throw PipelineError("\(table.file): feature '\(name)' is \(reason); the force needs every settlement in every "
                                        + "period up to \(periods.last!.label)")
                }
                skipped.append((name, reason.isEmpty ? "complete only from \(periods[k ?? 0].label)" : reason))
                continue
            }
            chosen.append(j)
            firstComplete = max(firstComplete, k)
        }
        guard !chosen.isEmpty else {
            throw PipelineError("\(table.file): no feature is complete over \(first.label)–\(periods.last!.label) "
                                + "(\(skipped.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")))")
        }
        let used = Array(periods[firstComplete...])
        let raw: [[[Double]]] = used.map { p in ids.map { id in chosen.map { table.values[rowOf[id]![p]!][$0]! } } }
        let features = try ForceFeatures.make(names: chosen.map { table.featureNames[$0] }, lag: lag,
                                              times: used.map(\.decimalYear), periodLength: length, raw: raw,
                                              weights: settlements.map(\.population), windowTimes: windowTimes)
        return CaseFeatures(forceFeatures: features, skipped: skipped)
    }
}
