import Foundation

/// Coordinates of first-level regions by name, from the WorldPop population-weighted centroids
/// (`worldpop/subnational_population_weighted_centroids_2020.csv` of the data folder: columns
/// `ISO`, `Adm_N`, `PWC_Lat`, `PWC_Lon`).
///
/// A name matches a WorldPop region of the country (ISO 3166 alpha-3 code) when both agree after
/// folding: case and accents removed, then everything but letters and digits dropped
/// (`Gyeonggi-do` = `gyeonggido`, `Île-de-France` = `iledefrance`). An alias file
/// `name, worldpop_name` maps names that differ otherwise (`District of Columbia,Maryland DC`).
/// Names left unmatched are listed together in one error, each with its closest candidates
/// (Levenshtein distance of the folded names).
public struct Geocoder: Sendable {
    public struct Region: Sendable, Equatable {
        public var name: String
        public var latitude: Double
        public var longitude: Double
    }

    public let country: String
    public let file: String
    public let regions: [Region]

    /// The WorldPop file's relative path inside the data folder.
    public static let worldPopFile = "worldpop/subnational_population_weighted_centroids_2020.csv"

    /// The regions of `country` in a WorldPop centroid file.
    public static func worldPop(_ url: URL, country: String) throws(DataError) -> Geocoder {
        let t = try CSVTable.read(url)
        let cISO = try t.requireColumn("ISO"), cName = try t.requireColumn("Adm_N")
        let cLat = try t.requireColumn("PWC_Lat"), cLon = try t.requireColumn("PWC_Lon")
        var regions: [Region] = []
        for r in t.rows.indices where t.rows[r][cISO].caseInsensitiveCompare(country) == .orderedSame {
            regions.append(Region(name: try t.text(r, cName), latitude: try t.number(r, cLat), longitude: try t.number(r, cLon)))
        }
        guard !regions.isEmpty else {
            throw DataError(.unknownID, file: t.file, column: t.column(cISO), found: country,
                            expected: "an ISO 3166 alpha-3 country code present in the file (e.g. KOR, USA, RUS)")
        }
        return Geocoder(country: country.uppercased(), file: t.file, regions: regions)
    }

    /// Reads an alias file `name, worldpop_name`.
    public static func aliases(_ url: URL) throws(DataError) -> (map: [String: String], lines: [String: Int], file: String) {
        let t = try CSVTable.read(url)
        let cN = try t.requireColumn("name"), cW = try t.requireColumn("worldpop_name")
        var map: [String: String] = [:], lines: [String: Int] = [:]
        for r in t.rows.indices {
            let n = try t.text(r, cN)
            if let first = lines[n] { throw t.error(.duplicateKey, row: r, col: cN, expected: "one alias per name; already on line \(first)") }
            map[n] = try t.text(r, cW); lines[n] = t.lines[r]
        }
        return (map, lines, t.file)
    }

    /// Lower case, no accents, letters and digits only.
    public static func fold(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)).lowercased()
    }

    /// Coordinates of every name; one error listing all unmatched names with their closest candidates.
    public func locate(_ names: [String], aliases: (map: [String: String], lines: [String: Int], file: String)? = nil)
        throws(DataError) -> [String: (latitude: Double, longitude: Double)] {
        var byFold: [String: Region] = [:]
        for r in regions where byFold[Self.fold(r.name)] == nil { byFold[Self.fold(r.name)] = r }
        var out: [String: (latitude: Double, longitude: Double)] = [:]
        var unmatched: [String] = []
        for name in names {
            if let alias = aliases?.map[name] {
                guard let r = byFold[Self.fold(alias)] else {
                    throw DataError(.unknownID, file: aliases!.file, line: aliases!.lines[name], found: alias,
                                    expected: "a WorldPop region of \(country): closest \(closest(alias).joined(separator: ", "))")
                }
                out[name] = (r.latitude, r.longitude)
            } else if let r = byFold[Self.fold(name)] {
                out[name] = (r.latitude, r.longitude)
            } else {
                unmatched.append(name)
            }
        }
        if !unmatched.isEmpty {
            let list = unmatched.map { "'\($0)' (closest: \(closest($0).joined(separator: ", ")))" }.joined(separator: "; ")
            throw DataError(.unknownID, file: file, found: list,
                            expected: "names of \(country) regions as in column Adm_N (case and accents do not matter), or an alias file row 'name,worldpop_name'")
        }
        return out
    }

    /// The three WorldPop names nearest to `name` (Levenshtein distance of the folded names).
    public func closest(_ name: String, count: Int = 3) -> [String] {
        let f = Array(Self.fold(name))
        return regions.map { ($0.name, Self.levenshtein(f, Array(Self.fold($0.name)))) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
