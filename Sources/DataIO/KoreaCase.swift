import Foundation
import MigrationModel

/// The bundled real case (`models/korea/`): South Korea's first-level regions, derived by the
/// general import (`MigrationImport`) from the KOSIS files of the data folder's `korea/` (flows by
/// quarter, resident population at year end, WorldPop population-weighted centroids, regional
/// economy) and the mapping file `models/korea/region_mapping.csv`.
///
/// **Consistent panel: 16 regions, 1997–2020.**
/// - Start 1997: Ulsan was split from Gyeongsangnam-do in 1997 and has population only from 1997
///   (population.csv starts in 1992 for the others), so 1997 is the first year every region has
///   both flows and population. End 2020: the last year of population.csv.
/// - Sejong (split off in 2012 from Chungcheongnam-do, with parts of Chungcheongbuk-do) is merged
///   into Chungcheongnam-do for every year by the mapping file `Sejong,Chungcheongnam-do`: its
///   flows are renamed, so flows between the two become internal and drop out; its population is
///   added; the merged region keeps Chungcheongnam-do's centroid; economy features (per capita)
///   are population-weighted means of the two.
/// - Features: the economy columns (thousand KRW per capita) and `population_density`, persons per
///   km² = the year's resident population over the region's area (`area_km2` of regions.csv; the
///   merged region's area is the sum of its parts).
/// - Moves inside a region (origin == destination) are never counted.
///
/// **Units.** `net` in persons per period. Rates are per 1,000 inhabitants per year, with the
/// population P of the period's calendar year (end-of-year resident registration: population date
/// `year-end`, denominator `end`): yearly rate = 1000·net_y / P_y; quarterly rate = 1000·4·net_q / P_y.
public enum KoreaCase {
    public static let firstYear = 1997
    public static let lastYear = 2020
    /// The raw files in the data folder's `korea/`.
    public static let flowsFile = "flows_quarterly.csv", populationFile = "population.csv"
    public static let regionsFile = "regions.csv", economyFile = "economy.csv"

    /// The import conventions of the Korean case.
    public static var conventions: ImportConventions {
        var c = ImportConventions()
        c.populationDate = .yearEnd
        c.denominator = .end
        c.firstYear = firstYear
        c.lastYear = lastYear
        return c
    }

    /// Derives the case from the raw files through `MigrationImport`. `economyURL` is optional
    /// (features are then empty); `mapping` is the Sejong merge (`models/korea/region_mapping.csv`).
    public static func derive(flowsURL: URL, populationURL: URL, regionsURL: URL, economyURL: URL? = nil,
                              mapping: RegionMapping) throws(DataError) -> DerivedCase {
        try importCase(flowsURL: flowsURL, populationURL: populationURL, regionsURL: regionsURL,
                       economyURL: economyURL, mapping: mapping).derived
    }

    public static func importCase(flowsURL: URL, populationURL: URL, regionsURL: URL, economyURL: URL? = nil,
                                  mapping: RegionMapping) throws(DataError) -> ImportedCase {
        let inputs = ImportInputs(source: .flows(flowsURL), population: populationURL, regions: regionsURL,
                                  economy: economyURL, mapping: mapping)
        return try MigrationImport.derive(inputs, conventions)
    }

    /// The case from a data folder's `korea/` (economy.csv used when present).
    public static func derive(dataFolder: DataFolder, mapping: RegionMapping) throws(DataError) -> DerivedCase {
        let dir = dataFolder.file("korea")
        let economy = dir.appendingPathComponent(economyFile)
        return try derive(flowsURL: dir.appendingPathComponent(flowsFile), populationURL: dir.appendingPathComponent(populationFile),
                          regionsURL: dir.appendingPathComponent(regionsFile),
                          economyURL: FileManager.default.fileExists(atPath: economy.path) ? economy : nil, mapping: mapping)
    }
}
