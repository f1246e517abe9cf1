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
///   complete period) are listed in `skipped`. Named columns (a fitted force's, in forecasts and
///   scenarios) may stop being complete in the last periods (not yet published): the panel then ends
///   at the last period in which all are complete (`heldAfter`) and is held there. The feature panel starts at the first period in which
///   every chosen column is complete; the periods before it take its first row (the same rule as
///   before any raw row), so a feature published from a later year still enters the force.
public struct CaseFeatures: Sendable {
    public var forceFeatures: ForceFeatures
    /// Columns left out by the default selection because they have missing values, with the first gap.
    public var skipped: [(name: String, reason: String)]
    /// The last period with every named feature complete, when later periods of the file are not
    /// (values not yet published): the force holds that period's values after it.
    public var heldAfter: String? = nil

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
        /// The last period in which column j is complete (nil: none).
        func lastComplete(_ j: Int) -> Int? { periods.indices.last { complete(j, periods[$0]) } }
        /// The first period from which column j is complete up to period `end`, or the reason there is none.
        func start(_ j: Int, end: Int) -> (index: Int?, reason: String) {
            var k = end + 1
            while k > 0 && complete(j, periods[k - 1]) { k -= 1 }
            if k == end + 1 {
                return (nil, "incomplete in its last period \(periods[end].label)")
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
        var firstComplete = 0, commonEnd = periods.count - 1
        let names = requested ?? table.featureNames
        for name in names {
            guard let j = table.featureNames.firstIndex(of: name) else {
                throw PipelineError("fit.force_features: '\(name)' is not a column of \(table.file) "
                                    + "(columns: \(table.featureNames.joined(separator: ", ")))")
            }
            // Named columns (a fitted force's own) may end before the last period: values not yet
            // published are held at the last complete period's (persistence), as after the data.
            let end = requested != nil ? (lastComplete(j) ?? periods.count - 1) : periods.count - 1
            let (k, reason) = start(j, end: end)
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
            commonEnd = min(commonEnd, end)
        }
        guard !chosen.isEmpty else {
            throw PipelineError("\(table.file): no feature is complete over \(first.label)–\(periods.last!.label) "
                                + "(\(skipped.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")))")
        }
        guard firstComplete <= commonEnd else {
            throw PipelineError("\(table.file): the features \(chosen.map { table.featureNames[$0] }.joined(separator: ", ")) "
                                + "have no period in which all are complete")
        }
        let used = Array(periods[firstComplete...commonEnd])
        let raw: [[[Double]]] = used.map { p in ids.map { id in chosen.map { table.values[rowOf[id]![p]!][$0]! } } }
        let features = try ForceFeatures.make(names: chosen.map { table.featureNames[$0] }, lag: lag,
                                              times: used.map(\.decimalYear), periodLength: length, raw: raw,
                                              weights: settlements.map(\.population), windowTimes: windowTimes)
        var out = CaseFeatures(forceFeatures: features, skipped: skipped)
        if commonEnd < periods.count - 1 { out.heldAfter = periods[commonEnd].label }
        return out
    }
}
