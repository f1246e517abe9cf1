import Foundation
import MigrationModel

/// Population by age per region (`id, period, age_from, age_to, population`; also `region`,
/// `year`; an empty `age_to` is an open group "age_from and over") turned into the settlements'
/// age columns (`age_A_B`, `age_A_plus`, read by `SettlementsFile`), so that the age term
/// δ·(1 − A_i) of SPEC §2 uses each region's age structure instead of a uniform one.
///
/// A band sums the rows of one region and year that lie inside it; the rows must cover the band
/// exactly (a closed band age by age, an open band down to its first age and with an open row),
/// and a row that crosses a band's edge is an error. Ages below the first band, and above the last
/// band when it is closed (e.g. `…,85-99` where some years lack the open row 100+), are left out. Regions are mapped like the flows
/// (`RegionMapping`: merged parts are added).
public enum PopulationByAge {
    public struct Band: Sendable, Equatable {
        public var from: Int
        /// Last age (inclusive); nil = open band.
        public var to: Int?
        public var column: String { to.map { "age_\(from)_\($0)" } ?? "age_\(from)_plus" }
    }

    /// Five-year bands 0–4 … 80–84 and 85+ (the 85+ band needs an open row, e.g. `100,,…` after single ages 85–99).
    public static let defaultBands: [Band] = stride(from: 0, to: 85, by: 5).map { Band(from: $0, to: $0 + 4) } + [Band(from: 85, to: nil)]

    /// Parses `0-14,15-64,65+` (bands must be contiguous from their first age).
    public static func bands(_ text: String, option: String = "--age-bands") throws(DataError) -> [Band] {
        var out: [Band] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let band: Band?
            if part.hasSuffix("+") { band = Int(part.dropLast()).map { Band(from: $0, to: nil) } }
            else {
                let ends = part.split(separator: "-").compactMap { Int($0) }
                band = ends.count == 2 && ends[0] <= ends[1] ? Band(from: ends[0], to: ends[1]) : nil
            }
            guard let band, band.from >= 0, out.last.map({ $0.to != nil && $0.to! + 1 == band.from }) ?? true else {
                throw DataError(.invalidParameter, file: option, found: part,
                                expected: "contiguous age bands like 0-14,15-64,65+ (A-B inclusive, A+ open, only the last open)")
            }
            out.append(band)
        }
        guard !out.isEmpty else { throw DataError(.invalidParameter, file: option, found: text, expected: "at least one age band") }
        return out
    }

    /// Persons per band for each of `ids` in `year` (`values[id][band]`).
    public static func columns(_ url: URL, ids: [String], year: Int, bands: [Band], mapping: RegionMapping = .identity)
        throws(DataError) -> [[Double]] {
        try columns(CSVTable.read(url), ids: ids, year: year, bands: bands, mapping: mapping)
    }

    /// `columns` of a table already read (several years of one file).
    public static func columns(_ t: CSVTable, ids: [String], year: Int, bands: [Band], mapping: RegionMapping = .identity)
        throws(DataError) -> [[Double]] {
        let cID = try MigrationImport.idColumn(t), cP = try MigrationImport.periodColumn(t)
        let cFrom = try t.requireColumn("age_from"), cTo = try t.requireColumn("age_to"), cV = try t.requireColumn("population")
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var sums = [[Double]](repeating: [Double](repeating: 0, count: bands.count), count: ids.count)
        // Ages seen per (region, band) and the first age of an open row, to check coverage.
        var covered = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: bands.count), count: ids.count)
        var openFrom = [[Int?]](repeating: [Int?](repeating: nil, count: bands.count), count: ids.count)
        var seen: [String: Int] = [:]
        for r in t.rows.indices {
            let p = try t.period(r, cP)
            guard p.granularity == .year else { throw t.error(.badPeriod, row: r, col: cP, expected: "a year YYYY") }
            guard p.year == year else { continue }
            let region = try t.text(r, cID)
            let targets = mapping.targets(of: region).filter { index[$0.into] != nil }
            if targets.isEmpty { continue }
            let from = try t.number(r, cFrom), to = try t.optionalNumber(r, cTo), v = try t.number(r, cV)
            guard from >= 0, from == from.rounded() else { throw t.error(.outOfRange, row: r, col: cFrom, expected: "a whole age ≥ 0") }
            if let to { guard to >= from, to == to.rounded() else { throw t.error(.outOfRange, row: r, col: cTo, expected: "a whole age ≥ age_from, or empty for an open group") } }
            guard v >= 0 else { throw t.error(.negative, row: r, col: cV, expected: "a population ≥ 0") }
            let key = "\(region)\u{1F}\(Int(from))"
            if let first = seen[key] { throw t.error(.duplicateKey, row: r, col: cFrom, expected: "one row per (region, year, age_from); already on line \(first)") }
            seen[key] = t.lines[r]
            let a = Int(from), b = to.map { Int($0) }
            guard let k = bands.firstIndex(where: { band in
                a >= band.from && (band.to == nil || (b != nil && b! <= band.to!))
            }) else {
                if a < bands[0].from { continue }   // ages below the first band are not used
                if let top = bands.last!.to, a > top { continue }   // nor ages above a closed last band
                throw t.error(.outOfRange, row: r, col: cTo, expected: "an age group inside one band of \(bands.map(\.column).joined(separator: ", "))")
            }
            for target in targets {
                let i = index[target.into]!
                sums[i][k] += target.share * v
                if let b { covered[i][k].formUnion(a...b) } else { openFrom[i][k] = min(openFrom[i][k] ?? a, a) }
            }
        }
        for (i, id) in ids.enumerated() {
            for (k, band) in bands.enumerated() {
                let complete: Bool
                if let last = band.to { complete = covered[i][k].count == last - band.from + 1 }
                else if let start = openFrom[i][k] { complete = (band.from..<max(band.from, start)).allSatisfy { covered[i][k].contains($0) } }
                else { complete = false }
                guard complete else {
                    throw DataError(.missingKey, file: t.file, found: "\(id) \(year) \(band.column)",
                                    expected: band.to == nil
                                        ? "rows from age \(band.from) up to an open group (age_to empty) for every region in \(year)"
                                        : "one row for every age \(band.from)–\(band.to!) (or groups inside it) for every region in \(year)")
                }
            }
        }
        return sums
    }

    /// The yearly age table of `data.ages` (`AgeStructureFile`): id, period, persons per band.
    public static func yearlyTable(ids: [String], years: [Int], bands: [Band], values: [[[Double]]]) -> CSVTableWriter {
        var w = CSVTableWriter(header: ["id", "period"] + bands.map(\.column))
        for (i, id) in ids.enumerated() {
            for (k, y) in years.enumerated() { w.append([id, String(y)] + values[k][i].map { CSVTableWriter.format($0) }) }
        }
        return w
    }

    /// The settlements file text with the age columns appended (persons per band).
    public static func settlementsWithAges(_ settlements: [Settlement], bands: [Band], values: [[Double]]) -> CSVTableWriter {
        var w = CSVTableWriter(header: ["id", "name", "lat", "lon", "population"] + bands.map(\.column))
        for (i, s) in settlements.enumerated() {
            w.append([s.id, s.name, "\(s.latitude)", "\(s.longitude)", CSVTableWriter.format(s.population)]
                     + values[i].map { CSVTableWriter.format($0) })
        }
        return w
    }
}

extension PopulationByAge {
    /// The last year in a population-by-age file.
    public static func lastYear(_ url: URL) throws(DataError) -> Int {
        let t = try CSVTable.read(url)
        let cP = try MigrationImport.periodColumn(t)
        var last: Int? = nil
        for r in t.rows.indices { let p = try t.period(r, cP); last = max(last ?? p.year, p.year) }
        guard let last else { throw DataError(.emptyFile, file: t.file, line: 1, expected: "rows of population by age") }
        return last
    }
}
