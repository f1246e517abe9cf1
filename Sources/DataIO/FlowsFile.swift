import Foundation

/// One row of a flows file: `migrants` persons moved from `origin` to `destination` in `period`.
public struct Flow: Sendable, Equatable {
    public var origin: String
    public var destination: String
    public var period: Period
    /// Age group label, nil when the file has no `age_group` column.
    public var ageGroup: String?
    public var migrants: Double
    /// 1-based line in the file.
    public var line: Int
}

/// The rows of a flows file, in file order.
public struct FlowTable: Sendable {
    public var file: String
    public var flows: [Flow]
    /// 1-based positions of the `origin` and `destination` columns.
    public var originColumn = 1, destinationColumn = 2
}

/// Reader of the flows format `origin, destination, period[, age_group], migrants` (SPEC §8).
/// Other columns are ignored. Errors: negative or non-finite migrants, bad or mixed periods,
/// duplicate (origin, destination, period, age_group). Rows with origin == destination are kept
/// (they are moves inside a settlement); `BalanceDerivation` drops them.
public enum FlowsFile {
    public static func read(_ url: URL) throws(DataError) -> FlowTable {
        try decode(CSVTable.read(url))
    }

    public static func decode(_ t: CSVTable) throws(DataError) -> FlowTable {
        let cO = try t.requireColumn("origin"), cD = try t.requireColumn("destination")
        let cP = try t.requireColumn("period"), cM = try t.requireColumn("migrants")
        let cA = t.optionalColumn("age_group")
        var flows: [Flow] = []
        flows.reserveCapacity(t.rows.count)
        var seen: [FlowKey: Int] = [:]
        seen.reserveCapacity(t.rows.count)
        var granularity: Period.Granularity? = nil
        for r in t.rows.indices {
            let o = try t.text(r, cO), d = try t.text(r, cD), p = try t.period(r, cP)
            let a = try cA.map { c throws(DataError) in try t.text(r, c) }
            let m = try t.number(r, cM)
            guard m >= 0 else { throw t.error(.negative, row: r, col: cM, expected: "a number of migrants ≥ 0") }
            if let g = granularity, g != p.granularity {
                throw t.error(.mixedPeriods, row: r, col: cP,
                              expected: "the same kind of period in every row (\(g.rawValue)s, as on line \(t.lines[0]))")
            }
            granularity = p.granularity
            let key = FlowKey(origin: o, destination: d, period: p, ageGroup: a)
            if let first = seen[key] {
                throw t.error(.duplicateKey, row: r, col: cP,
                              expected: "one row per (origin, destination, period\(cA == nil ? "" : ", age_group")); already on line \(first)")
            }
            seen[key] = t.lines[r]
            flows.append(Flow(origin: o, destination: d, period: p, ageGroup: a, migrants: m, line: t.lines[r]))
        }
        return FlowTable(file: t.file, flows: flows, originColumn: cO + 1, destinationColumn: cD + 1)
    }
}

private struct FlowKey: Hashable {
    var origin: String, destination: String, period: Period, ageGroup: String?
}
