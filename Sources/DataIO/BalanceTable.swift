import Foundation
import MigrationModel

/// A balance file `id, period, value` as a settlement × period matrix.
///
/// `ids` in order of first appearance, `periods` sorted in time; `values[i][p]` is nil where the
/// file has no row (or an empty value) for that pair — never NaN.
public struct BalanceTable: Sendable, Equatable {
    public var ids: [String]
    public var periods: [Period]
    public var values: [[Double?]]
    /// The line of the first row of each id, for error messages of cross-checks.
    public var firstLine: [String: Int]
    public var file: String

    public init(ids: [String], periods: [Period], values: [[Double?]], file: String = "", firstLine: [String: Int] = [:]) {
        self.ids = ids; self.periods = periods; self.values = values; self.file = file; self.firstLine = firstLine
    }

    /// Decimal years (start of period) of `periods`.
    public var times: [Double] { periods.map(\.decimalYear) }

    /// The values with rows in the order of `settlements` (all-nil rows for settlements without
    /// data); an id that is not a settlement is an `unknownID` error naming its line.
    public func aligned(to settlements: [Settlement]) throws(DataError) -> [[Double?]] {
        try CrossCheck.requireKnownIDs(self, settlements: settlements)
        let row = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let empty = [Double?](repeating: nil, count: periods.count)
        return settlements.map { s in row[s.id].map { values[$0] } ?? empty }
    }

    public func value(id: String, period: Period) -> Double? {
        guard let i = ids.firstIndex(of: id), let p = periods.firstIndex(of: period) else { return nil }
        return values[i][p]
    }
}

/// Reader of the balance format `id, period, value` (SPEC §8). Other columns are ignored.
/// Errors: duplicate (id, period), mixed period granularities, non-finite values.
public enum BalanceFile {
    public static func read(_ url: URL) throws(DataError) -> BalanceTable {
        try decode(CSVTable.read(url))
    }

    public static func decode(_ t: CSVTable) throws(DataError) -> BalanceTable {
        let cID = try t.requireColumn("id"), cP = try t.requireColumn("period"), cV = try t.requireColumn("value")
        var ids: [String] = [], idIndex: [String: Int] = [:], firstLine: [String: Int] = [:]
        var periods: [Period] = []
        var entries: [(i: Int, p: Period, v: Double?)] = []
        var seen: [String: Int] = [:]
        for r in t.rows.indices {
            let id = try t.text(r, cID), p = try t.period(r, cP), v = try t.optionalNumber(r, cV)
            periods.append(p)
            let key = id + "\u{1F}" + p.label
            if let first = seen[key] {
                throw t.error(.duplicateKey, row: r, col: cP, expected: "one row per (id, period); '\(id)' \(p.label) already on line \(first)")
            }
            seen[key] = t.lines[r]
            if idIndex[id] == nil { idIndex[id] = ids.count; ids.append(id); firstLine[id] = t.lines[r] }
            entries.append((idIndex[id]!, p, v))
        }
        try t.requireOneGranularity(periods, col: cP)
        let sorted = Array(Set(periods)).sorted()
        let pIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: sorted.count), count: ids.count)
        for e in entries { values[e.i][pIndex[e.p]!] = e.v }
        return BalanceTable(ids: ids, periods: sorted, values: values, file: t.file, firstLine: firstLine)
    }
}
