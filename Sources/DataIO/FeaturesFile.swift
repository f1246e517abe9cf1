import Foundation

/// A features file `id, period, <feature columns>`: one row per (id, period), one value per feature.
/// A missing value is an empty cell and is represented as nil — never as NaN.
public struct FeatureTable: Sendable, Equatable {
    public var file: String
    public var featureNames: [String]
    public var ids: [String]
    public var periods: [Period]
    /// `values[row][feature]`, rows in file order (`ids[row]`, `periods[row]`).
    public var values: [[Double?]]
    public var lines: [Int]

    /// The value of one feature for (id, period), nil if absent or missing.
    public func value(_ feature: String, id: String, period: Period) -> Double? {
        guard let f = featureNames.firstIndex(of: feature) else { return nil }
        for r in ids.indices where ids[r] == id && periods[r] == period { return values[r][f] }
        return nil
    }
}

/// Reader of the features format (SPEC §8): every column other than `id` and `period` is a feature.
public enum FeaturesFile {
    public static func read(_ url: URL) throws(DataError) -> FeatureTable {
        try decode(CSVTable.read(url))
    }

    public static func decode(_ t: CSVTable) throws(DataError) -> FeatureTable {
        let cID = try t.requireColumn("id"), cP = try t.requireColumn("period")
        let featureCols = t.header.indices.filter { $0 != cID && $0 != cP }
        var ids: [String] = [], periods: [Period] = [], values: [[Double?]] = []
        var seen: [String: Int] = [:]
        for r in t.rows.indices {
            let id = try t.text(r, cID), p = try t.period(r, cP)
            let key = id + "\u{1F}" + p.label
            if let first = seen[key] {
                throw t.error(.duplicateKey, row: r, col: cP, expected: "one row per (id, period); already on line \(first)")
            }
            seen[key] = t.lines[r]
            var row: [Double?] = []
            for c in featureCols { row.append(try t.optionalNumber(r, c)) }
            ids.append(id); periods.append(p); values.append(row)
        }
        try t.requireOneGranularity(periods, col: cP)
        return FeatureTable(file: t.file, featureNames: featureCols.map { t.header[$0] }, ids: ids,
                            periods: periods, values: values, lines: t.lines)
    }
}
