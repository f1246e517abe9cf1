import Foundation
import MigrationModel

/// A yearly age structure per settlement (`data.ages` of a model configuration):
/// `id, period, age_A_B…, age_A_plus` (also `region`, `year`), one row per settlement and year,
/// persons or shares per band (each row is divided by its sum, as in the settlements file).
/// `migsim data ages --years A-B` writes it from population by single year of age.
///
/// Why yearly: the age term δ·(1 − Aᵢ) of SPEC §2 holds one age structure for the whole fitting
/// window. A fit takes the structure of the last year at or before its window's last period
/// (`year(atOrBefore:)`), so a backtest origin fitted on the data up to 2005 uses the ages of
/// 2005, never those of a later year: the settlements file's single snapshot (e.g. 2020) would
/// carry information from after the origin into every earlier origin.
public struct AgeStructureFile: Sendable {
    public let file: String
    public let structure: AgeStructure
    /// The years in the file, ascending.
    public let years: [Int]
    /// shares[year][id]: the band shares (summing to 1) of that settlement in that year.
    let shares: [Int: [String: [Double]]]

    public static func read(_ url: URL) throws(DataError) -> AgeStructureFile {
        let t = try CSVTable.read(url)
        let cID = try MigrationImport.idColumn(t), cP = try MigrationImport.periodColumn(t)
        let bands = try SettlementsFile.ageColumns(t)
        guard !bands.isEmpty else {
            throw DataError(.missingColumn, file: t.file, line: 1, found: t.header.joined(separator: ","),
                            expected: "age columns 'age_A_B' or 'age_A_plus' (persons or shares per band)")
        }
        var shares: [Int: [String: [Double]]] = [:]
        var seen: [String: Int] = [:]
        for r in t.rows.indices {
            let id = try t.text(r, cID)
            let p = try t.period(r, cP)
            guard p.granularity == .year else { throw t.error(.badPeriod, row: r, col: cP, expected: "a year YYYY") }
            let key = "\(id)\u{1F}\(p.year)"
            if let first = seen[key] { throw t.error(.duplicateKey, row: r, col: cID, expected: "one row per (id, year); already on line \(first)") }
            seen[key] = t.lines[r]
            var v: [Double] = []
            for b in bands {
                let x = try t.number(r, b.col)
                guard x >= 0 else { throw t.error(.negative, row: r, col: b.col, expected: "an age share or count ≥ 0") }
                v.append(x)
            }
            let total = v.reduce(0, +)
            guard total > 0 else { throw t.error(.outOfRange, row: r, col: bands[0].col, expected: "age values with a positive sum") }
            shares[p.year, default: [:]][id] = v.map { $0 / total }
        }
        guard !shares.isEmpty else { throw DataError(.emptyFile, file: t.file, line: 1, expected: "rows of id, period and age columns") }
        return AgeStructureFile(file: t.file, structure: AgeStructure(lowerBounds: bands.map(\.lower), upperBounds: bands.map(\.upper)),
                                years: shares.keys.sorted(), shares: shares)
    }

    /// The last year whose start is at or before `time` (decimal years; a period starting in
    /// 2005.75 takes 2005), nil when the file starts later.
    public func year(atOrBefore time: Double) -> Int? {
        years.last { Double($0) <= time + 1e-9 }
    }

    /// The settlements with the age shares of `year` (every settlement needs a row in that year).
    public func settlements(_ places: [Settlement], year: Int) throws(DataError) -> [Settlement] {
        guard let rows = shares[year] else {
            throw DataError(.missingKey, file: file, found: "\(year)", expected: "rows of the year \(year) (the file has \(years.first!)–\(years.last!))")
        }
        var out = places
        for i in out.indices {
            guard let s = rows[out[i].id] else {
                throw DataError(.missingKey, file: file, found: "\(out[i].id) \(year)",
                                expected: "an age row for every settlement in \(year)")
            }
            out[i].ageShares = s
        }
        return out
    }
}
