import Foundation

/// Region merges and splits over time as a mapping file `region, into[, share]` (one row per
/// part): every count of `region` (flows at either end, movers, net migrants, population) is
/// credited to `into`, multiplied by `share` (default 1).
///
/// - **Merge** (a region split off during the panel is folded back into its parent for every
///   year, e.g. `Sejong,Chungcheongnam-do`): one row with share 1. Flows between the merged parts
///   become moves inside the merged region and leave net migration.
/// - **Split** (an old region's counts shared out among its successors): several rows for one
///   `region` whose shares sum to 1; a flow o → d becomes s_o·s_d·F on every pair of parts.
///
/// Regions not in the file map to themselves. A region may not be the target of one row and the
/// source of another (no chains), and `into` may not be empty.
public struct RegionMapping: Sendable, Equatable {
    /// region → [(into, share)].
    public var parts: [String: [Part]]
    public var file: String?

    public struct Part: Sendable, Equatable {
        public var into: String
        public var share: Double
    }

    public init(parts: [String: [Part]] = [:], file: String? = nil) { self.parts = parts; self.file = file }

    /// Plain merges `region → into` (share 1).
    public init(merges: [String: String]) {
        parts = merges.mapValues { [Part(into: $0, share: 1)] }
        file = nil
    }

    public static let identity = RegionMapping()

    public static func read(_ url: URL) throws(DataError) -> RegionMapping {
        try decode(CSVTable.read(url))
    }

    public static func decode(_ t: CSVTable) throws(DataError) -> RegionMapping {
        let cR = try t.requireColumn("region"), cI = try t.requireColumn("into")
        let cS = t.optionalColumn("share")
        var parts: [String: [Part]] = [:], firstLine: [String: Int] = [:], seen: [String: Int] = [:]
        for r in t.rows.indices {
            let region = try t.text(r, cR), into = try t.text(r, cI)
            var share = 1.0
            if let cS, let v = try t.optionalNumber(r, cS) {
                guard v > 0, v <= 1 else { throw t.error(.outOfRange, row: r, col: cS, expected: "a share in (0, 1]") }
                share = v
            }
            let key = region + "\u{1F}" + into
            if let first = seen[key] {
                throw t.error(.duplicateKey, row: r, col: cI, expected: "one row per (region, into); already on line \(first)")
            }
            seen[key] = t.lines[r]
            if firstLine[region] == nil { firstLine[region] = t.lines[r] }
            parts[region, default: []].append(Part(into: into, share: share))
        }
        for r in t.rows.indices {
            let into = t.rows[r][cI]
            if parts[into] != nil && !(parts[into]!.count == 1 && parts[into]![0].into == into) {
                throw t.error(.invalidParameter, row: r, col: cI,
                              expected: "a target that is not itself mapped (line \(firstLine[into]!) maps '\(into)'; map straight to the final region)")
            }
        }
        for (region, list) in parts {
            let total = list.reduce(0) { $0 + $1.share }
            if abs(total - 1) > 1e-9 {
                throw DataError(.invalidParameter, file: t.file, line: firstLine[region], column: cS.map(t.column),
                                found: "\(region): shares sum to \(total)", expected: "the shares of one region to sum to 1")
            }
        }
        return RegionMapping(parts: parts, file: t.file)
    }

    /// The parts a region's counts go to.
    public func targets(of region: String) -> [Part] {
        parts[region] ?? [Part(into: region, share: 1)]
    }

    /// Regions that are mapped away (they do not appear in the panel unless they are also a target).
    public var sources: Set<String> {
        Set(parts.compactMap { key, list in list.contains { $0.into == key } ? nil : key })
    }

    /// The regions mapped into `target` (including itself), for population-weighted features.
    public func parts(of target: String) -> [(region: String, share: Double)] {
        var out: [(String, Double)] = parts[target] == nil ? [(target, 1)] : []
        for (region, list) in parts.sorted(by: { $0.key < $1.key }) {
            for p in list where p.into == target { out.append((region, p.share)) }
        }
        return out
    }

    /// The mapping as CSV text (for the record of an import).
    public var summary: String {
        parts.keys.sorted().flatMap { r in parts[r]!.map { "\(r) → \($0.into)" + ($0.share == 1 ? "" : " ×\($0.share)") } }
            .joined(separator: "; ")
    }
}
