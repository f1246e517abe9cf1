import Foundation
import MigrationModel

/// The bundled real case (`models/korea/`): South Korea's first-level regions, derived from the
/// KOSIS files of `shared/data/korea` (flows by quarter, resident population by year, WorldPop
/// population-weighted centroids, regional economy).
///
/// **Consistent panel: 16 regions, 1997–2020.**
/// - Start 1997: Ulsan was split from Gyeongsangnam-do in 1997 and has population only from 1997
///   (population.csv starts in 1992 for the others), so 1997 is the first year every region has
///   both flows and population. End 2020: the last year of population.csv.
/// - Sejong (split off in 2012 from Chungcheongnam-do, with parts of Chungcheongbuk-do) is merged
///   into Chungcheongnam-do for every year: its flows are renamed, so flows between the two become
///   internal and drop out; its population is added; the merged region keeps Chungcheongnam-do's
///   centroid; economy features (per capita) are population-weighted means of the two.
/// - Features: the economy columns (thousand KRW per capita) and `population_density`, persons per
///   km² = the year's resident population over the region's area (`area_km2` of regions.csv; the
///   merged region's area is the sum of its parts).
/// - Moves inside a region (origin == destination) are never counted.
///
/// **Units.** `net` in persons per period. Rates are per 1,000 inhabitants per year, with the
/// population P of the period's calendar year (end-of-year resident registration):
/// yearly rate = 1000·net_y / P_y; quarterly rate = 1000·4·net_q / P_y (annualized, so yearly and
/// quarterly rates are on one scale: the mean of a year's four quarterly rates is its yearly rate).
public enum KoreaCase {
    public static let firstYear = 1997
    public static let lastYear = 2020
    public static let merges = ["Sejong": "Chungcheongnam-do"]

    /// Derives the case from the raw files. `economyURL` is optional (features are then empty).
    public static func derive(flowsURL: URL, populationURL: URL, regionsURL: URL, economyURL: URL? = nil) throws(DataError) -> DerivedCase {
        let flows = try FlowsFile.read(flowsURL)
        let regionTable = try CSVTable.read(regionsURL)
        let population = try yearTable(CSVTable.read(populationURL), valueColumns: ["population"])

        // Regions: regions.csv order, merged ones removed.
        let cR = try regionTable.requireColumn("region"), cLat = try regionTable.requireColumn("lat"), cLon = try regionTable.requireColumn("lon")
        let cArea = regionTable.optionalColumn("area_km2")
        var coordinates: [String: (Double, Double)] = [:]
        var area: [String: Double] = [:]
        var ids: [String] = []
        for r in regionTable.rows.indices {
            let id = try regionTable.text(r, cR)
            let lat = try regionTable.number(r, cLat), lon = try regionTable.number(r, cLon)
            guard (-90...90).contains(lat) else { throw regionTable.error(.outOfRange, row: r, col: cLat, expected: "a latitude in −90…90 degrees") }
            guard (-180...180).contains(lon) else { throw regionTable.error(.outOfRange, row: r, col: cLon, expected: "a longitude in −180…180 degrees") }
            coordinates[id] = (lat, lon)
            if let cArea {
                let a = try regionTable.number(r, cArea)
                guard a > 0 else { throw regionTable.error(.outOfRange, row: r, col: cArea, expected: "a positive area in km²") }
                area[merges[id] ?? id, default: 0] += a
            }
            if merges[id] == nil { ids.append(id) }
        }
        let years = Array(firstYear...lastYear)

        // Population per merged region and year.
        var pop = [String: [Int: Double]]()
        for (key, v) in population.values where (firstYear...lastYear).contains(key.year) {
            guard let p = v[0] else { continue }
            pop[merges[key.region] ?? key.region, default: [:]][key.year, default: 0] += p
        }
        for id in ids { for y in years where pop[id]?[y] == nil {
            throw DataError(.missingKey, file: populationURL.path, found: "\(id) \(y)", expected: "a population for every region and year \(firstYear)–\(lastYear)")
        } }

        let netQ = BalanceDerivation.netMigration(flows, merge: merges)
        var quarterly = [[Double]](), yearly = [[Double]]()
        var quarters: [Period] = []
        for y in years { for q in 1...4 { quarters.append(Period(year: y, quarter: q)) } }
        for id in ids {
            let series = netQ[id] ?? [:]
            quarterly.append(quarters.map { series[$0] ?? 0 })
            let perYear = BalanceDerivation.yearly(series)
            yearly.append(years.map { perYear[$0] ?? 0 })
        }

        let settlements = ids.map { id in
            Settlement(id: id, latitude: coordinates[id]!.0, longitude: coordinates[id]!.1, population: pop[id]![lastYear]!)
        }

        var features = (names: [String](), rows: [(id: String, year: Int, values: [Double?])]())
        if let economyURL {
            let t = try CSVTable.read(economyURL)
            let names = t.header.filter { $0 != "year" && $0 != "region" }
            let econ = try yearTable(t, valueColumns: names)
            features.names = names
            for id in ids {
                let parts = [id] + merges.filter { $0.value == id }.map(\.key)
                for y in years {
                    // Population-weighted mean over the parts that have a value (nil if none has).
                    var sums = [Double](repeating: 0, count: names.count), weights = sums
                    for part in parts {
                        guard let row = econ.values[(part, y)] else { continue }
                        let w = population.values[(part, y)]?[0] ?? 0
                        for k in names.indices { if let v = row[k] { sums[k] += w * v; weights[k] += w } }
                    }
                    let perCapita = names.indices.map { weights[$0] > 0 ? sums[$0] / weights[$0] : nil }
                    let density: [Double?] = cArea == nil ? [] : [pop[id]![y]! / area[id]!]
                    features.rows.append((id, y, perCapita + density))
                }
            }
            if cArea != nil { features.names.append("population_density") }
        }
        return DerivedCase(ids: ids, years: years, quarters: quarters, settlements: settlements,
                           population: ids.map { id in years.map { pop[id]![$0]! } },
                           netYearly: yearly, netQuarterly: quarterly,
                           featureNames: features.names, features: features.rows)
    }

    /// Reads a `year, region, <values>` or `region, year, <values>` table keyed by (region, year).
    static func yearTable(_ t: CSVTable, valueColumns: [String]) throws(DataError) -> (values: [Key: [Double?]], columns: [String]) {
        let cY = try t.requireColumn("year"), cR = try t.requireColumn("region")
        var cols: [Int] = []
        for name in valueColumns { cols.append(try t.requireColumn(name)) }
        var out: [Key: [Double?]] = [:]
        for r in t.rows.indices {
            let region = try t.text(r, cR)
            let p = try t.period(r, cY)
            guard p.granularity == .year else { throw t.error(.badPeriod, row: r, col: cY, expected: "a year YYYY") }
            let key = Key(region, p.year)
            if out[key] != nil { throw t.error(.duplicateKey, row: r, col: cY, expected: "one row per (region, year)") }
            var row: [Double?] = []
            for c in cols { row.append(try t.optionalNumber(r, c)) }
            out[key] = row
        }
        return (out, valueColumns)
    }

    struct Key: Hashable { var region: String; var year: Int; init(_ r: String, _ y: Int) { region = r; year = y } }
}

extension Dictionary where Key == KoreaCase.Key {
    subscript(_ pair: (String, Int)) -> Value? { self[KoreaCase.Key(pair.0, pair.1)] }
}
