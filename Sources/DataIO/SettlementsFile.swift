import Foundation
import MigrationModel

/// Reader of the settlements file `id, name, lat, lon, population[, age columns]` (SPEC §8).
///
/// `name` is optional (defaults to the id). Age columns are recognised by their header:
/// `age_A_B` is the band [A, B+1) years (e.g. `age_15_64` = [15, 65)), `age_A_plus` the open band
/// [A, 100). Each band is represented by its midpoint. Per row, the age values may be shares or
/// counts: they must be finite and ≥ 0 with a positive sum, and are divided by their sum.
/// Bands must not overlap. Columns that are neither required nor age columns are ignored.
public enum SettlementsFile {
    /// Upper bound (years) given to an open band `age_A_plus`.
    public static let openBandUpperAge = 100.0

    public static func read(_ url: URL) throws(DataError) -> (settlements: [Settlement], ages: AgeStructure?) {
        try decode(CSVTable.read(url))
    }

    public static func decode(_ t: CSVTable) throws(DataError) -> (settlements: [Settlement], ages: AgeStructure?) {
        let cID = try t.requireColumn("id"), cLat = try t.requireColumn("lat")
        let cLon = try t.requireColumn("lon"), cPop = try t.requireColumn("population")
        let cName = t.optionalColumn("name")
        let bands = try ageColumns(t)
        var out: [Settlement] = []
        out.reserveCapacity(t.rows.count)
        var seen: [String: Int] = [:]
        for r in t.rows.indices {
            let id = try t.text(r, cID)
            if let first = seen[id] {
                throw t.error(.duplicateKey, row: r, col: cID, expected: "a unique id (already on line \(first))")
            }
            seen[id] = t.lines[r]
            let lat = try t.number(r, cLat), lon = try t.number(r, cLon), pop = try t.number(r, cPop)
            guard (-90...90).contains(lat) else { throw t.error(.outOfRange, row: r, col: cLat, expected: "a latitude in −90…90 degrees") }
            guard (-180...180).contains(lon) else { throw t.error(.outOfRange, row: r, col: cLon, expected: "a longitude in −180…180 degrees") }
            guard pop >= 0 else { throw t.error(.negative, row: r, col: cPop, expected: "a population ≥ 0") }
            var shares: [Double] = []
            if !bands.isEmpty {
                for b in bands {
                    let v = try t.number(r, b.col)
                    guard v >= 0 else { throw t.error(.negative, row: r, col: b.col, expected: "an age share or count ≥ 0") }
                    shares.append(v)
                }
                let total = shares.reduce(0, +)
                guard total > 0 else {
                    throw t.error(.outOfRange, row: r, col: bands[0].col, expected: "age values with a positive sum")
                }
                shares = shares.map { $0 / total }
            }
            let name = cName.flatMap { t.rows[r][$0].isEmpty ? nil : t.rows[r][$0] }
            out.append(Settlement(id: id, name: name, latitude: lat, longitude: lon, population: pop, ageShares: shares))
        }
        let ages = bands.isEmpty ? nil : AgeStructure(lowerBounds: bands.map(\.lower), upperBounds: bands.map(\.upper))
        return (out, ages)
    }

    /// The age columns of a table (`age_A_B`, `age_A_plus`), sorted by their lower age; overlapping
    /// or malformed headers are errors naming the column.
    static func ageColumns(_ t: CSVTable) throws(DataError) -> [(col: Int, lower: Double, upper: Double)] {
        var bands: [(col: Int, lower: Double, upper: Double)] = []
        for (i, name) in t.header.enumerated() where name.hasPrefix("age_") {
            let parts = name.split(separator: "_").map(String.init)
            guard parts.count == 3, let a = Int(parts[1]), a >= 0,
                  parts[2] == "plus" ? a < Int(openBandUpperAge) : (Int(parts[2]).map { $0 >= a } ?? false) else {
                throw DataError(.badAgeColumn, file: t.file, line: 1, column: t.column(i), found: name,
                                expected: "an age column 'age_A_B' (A ≤ B, years) or 'age_A_plus'")
            }
            bands.append((i, Double(a), parts[2] == "plus" ? openBandUpperAge : Double(Int(parts[2])! + 1)))
        }
        bands.sort { $0.lower < $1.lower }
        for k in bands.indices.dropFirst() where bands[k].lower < bands[k - 1].upper {
            throw DataError(.badAgeColumn, file: t.file, line: 1, column: t.column(bands[k].col),
                            expected: "age bands that do not overlap (overlaps '\(t.header[bands[k - 1].col])')")
        }
        return bands
    }
}
