import ArgumentParser
import DataIO
import Foundation

/// `migsim data`: derive model inputs (balances, settlements, features) from raw data.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Derive model inputs from raw migration data.",
        subcommands: [ImportDataCommand.self, KoreaDataCommand.self, GeocodeDataCommand.self, AgesDataCommand.self]
    )
}

/// A file of the data folder (`../shared/data` or `MIGSIM_DATA`), e.g. `korea/flows_quarterly.csv`.
func dataFolderFile(_ relative: String) throws -> URL {
    try DataFolder.locate().file(relative)
}

/// `migsim data korea`: the bundled Korean case, a thin use of `migsim data import`.
struct KoreaDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "korea",
        abstract: "Derive the Korean case (16 regions, 1997–2020) from KOSIS flows and population.",
        discussion: """
        Reads flows_quarterly.csv (origin, destination, period YYYY-Qn, migrants), population.csv \
        (region, year, population at year end), regions.csv (region, lat, lon, area_km2) and, when present, \
        economy.csv from --input (default: korea/ of the data folder, ../shared/data or $MIGSIM_DATA), and \
        writes settlements.csv, balance_yearly.csv, balance_quarterly.csv (net migration per 1,000 \
        inhabitants per year), net_*_persons.csv, features.csv, movers_yearly.csv and import.yaml into --output.

        The same as: migsim data import --flows F --population P --regions R --economy E \
        --mapping models/korea/region_mapping.csv --population-date year-end --denominator end --from 1997 --to 2020. \
        The mapping merges Sejong (split off in 2012) into Chungcheongnam-do for every year.
        """
    )

    @Option(name: .long, help: "Folder with the raw files (default: korea/ of the data folder).")
    var input: String?

    @Option(name: .long, help: "Region mapping file (region, into[, share]).")
    var mapping: String = "models/korea/region_mapping.csv"

    @Option(name: .long, help: "Folder to write the derived files into (created when missing).")
    var output: String

    func run() throws {
        let dir = try input.map { URL(fileURLWithPath: $0) } ?? dataFolderFile("korea")
        let economy = dir.appendingPathComponent(KoreaCase.economyFile)
        let imported = try KoreaCase.importCase(
            flowsURL: dir.appendingPathComponent(KoreaCase.flowsFile),
            populationURL: dir.appendingPathComponent(KoreaCase.populationFile),
            regionsURL: dir.appendingPathComponent(KoreaCase.regionsFile),
            economyURL: FileManager.default.fileExists(atPath: economy.path) ? economy : nil,
            mapping: RegionMapping.read(URL(fileURLWithPath: mapping)))
        let out = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try imported.write(to: out)
        let derived = imported.derived
        Log.info("derived \(derived.ids.count) regions, \(derived.years.first ?? 0)–\(derived.years.last ?? 0), "
                 + "\(derived.quarters.count) quarters → \(out.path)")
    }
}

/// `migsim data import`: any country's panel from the long CSV shapes statistics offices publish.
struct ImportDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Derive balances, settlements and features from flows, movers or net migration plus population.",
        discussion: """
        Exactly one of --flows (origin, destination, period[, age_group], migrants), --movers (id, period, in, out\
        [, population]) or --net (id, period, <--net-column>). Periods: YYYY, YYYY-Qn or YYYY-MM (months are summed \
        into quarters). --population: id, period, population (also region, year). Coordinates: --regions (id, lat, \
        lon[, area_km2]) or --geocode ISO3 (WorldPop centroids of the data folder, --aliases name,worldpop_name).

        Net migration = in − out (flows: Σ from other regions − Σ to other regions; moves inside a region excluded). \
        Rates per 1,000 per year = 1000·k·net / P, k periods per year, P the population at the --denominator time \
        (start, mid or end) of the (fiscal) year, counts taken at --population-date (interpolated between two \
        counts when needed). Writes settlements.csv, balance_yearly.csv, balance_quarterly.csv (sub-yearly input), \
        net_*_persons.csv, features.csv (--economy), movers_yearly.csv and import.yaml (the conventions used).
        """
    )

    @Option(name: .long, help: "Origin–destination flows: origin, destination, period[, age_group], migrants.")
    var flows: String?
    @Option(name: .long, help: "In- and out-movers per region: id, period, in, out[, population].")
    var movers: String?
    @Option(name: .long, help: "Net migration per region: id, period, <--net-column>.")
    var net: String?
    @Option(name: .long, help: "Column of --net holding the values.")
    var netColumn: String = "net"
    @Option(name: .long, help: "--net values are 'count' (persons per period) or 'rate' (per 1,000 per year).")
    var netKind: String = "count"
    @Option(name: .long, help: "Population: id, period, population (one count per region and year).")
    var population: String?
    @Option(name: .long, help: "When each year's population count is taken: year-end, mid-year or year-start.")
    var populationDate: String = "year-end"
    @Option(name: .long, help: "Denominator of rates: population at the start, mid or end of the (fiscal) year.")
    var denominator: String = "end"
    @Option(name: .long, help: "First month of the year (1 = calendar years; 4 = April–March).")
    var fiscalYearStart: Int = 1
    @Option(name: .long, help: "A fiscal year is labelled by the calendar year it starts or ends in: start or end.")
    var fiscalYearLabel: String = "start"
    @Option(name: .long, help: "Region coordinates: id, lat, lon[, area_km2].")
    var regions: String?
    @Option(name: .long, help: "Geocode the regions by WorldPop centroids of this country (ISO 3166 alpha-3, e.g. USA).")
    var geocode: String?
    @Option(name: .long, help: "Alias file for --geocode: name, worldpop_name.")
    var aliases: String?
    @Option(name: .long, help: "Per-capita features: id, period (year), <columns> (a 'source' column is ignored).")
    var economy: String?
    @Option(name: .long, help: "Region merges and splits: region, into[, share].")
    var mapping: String?
    @Option(name: .long, help: "Leave a region out of the panel (repeatable); flows to and from it are dropped.")
    var exclude: [String] = []
    @Option(name: .customLong("from"), help: "First panel year (default: longest run of complete years).")
    var firstYear: Int?
    @Option(name: .customLong("to"), help: "Last panel year.")
    var lastYear: Int?
    @Option(name: .long, help: "Population by age: id, period, age_from, age_to, population → age columns of settlements.csv.")
    var ages: String?
    @Option(name: .long, help: "Age bands for --ages, e.g. 0-14,15-29,30-44,45-64,65+ (default 5-year bands to 85+).")
    var ageBands: String?
    @Option(name: .long, help: "Folder to write the derived files into (created when missing).")
    var output: String

    func conventions() throws -> ImportConventions {
        var c = ImportConventions()
        func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: text) else {
                throw ValidationError("--\(option) \(text): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        c.populationDate = try choice(populationDate, "population-date")
        c.denominator = try choice(denominator, "denominator")
        c.fiscalLabel = try choice(fiscalYearLabel, "fiscal-year-label")
        guard (1...12).contains(fiscalYearStart) else { throw ValidationError("--fiscal-year-start \(fiscalYearStart): expected a month 1…12") }
        c.fiscalYearStart = fiscalYearStart
        c.firstYear = firstYear
        c.lastYear = lastYear
        c.exclude = Set(exclude)
        return c
    }

    func source() throws -> MigrationSource {
        let given = [flows, movers, net].compactMap { $0 }
        guard given.count == 1 else { throw ValidationError("give exactly one of --flows, --movers or --net (got \(given.count))") }
        if let flows { return .flows(URL(fileURLWithPath: flows)) }
        if let movers { return .movers(URL(fileURLWithPath: movers)) }
        guard let kind = MigrationSource.NetKind(rawValue: netKind) else { throw ValidationError("--net-kind \(netKind): expected count or rate") }
        return .net(URL(fileURLWithPath: net!), column: netColumn, kind: kind)
    }

    func run() throws {
        let c = try conventions()
        let mappingTable = try mapping.map { try RegionMapping.read(URL(fileURLWithPath: $0)) } ?? .identity
        var inputs = ImportInputs(source: try source(), population: population.map { URL(fileURLWithPath: $0) },
                                  regions: regions.map { URL(fileURLWithPath: $0) },
                                  economy: economy.map { URL(fileURLWithPath: $0) }, mapping: mappingTable)
        guard (regions == nil) != (geocode == nil) else { throw ValidationError("give exactly one of --regions or --geocode") }
        if let geocode {
            // Geocode the panel regions: derive once without coordinates to learn them.
            let names = try MigrationImport.panelRegions(inputs, c)
            let coder = try Geocoder.worldPop(dataFolderFile(Geocoder.worldPopFile), country: geocode)
            inputs.coordinates = try coder.locate(names, aliases: aliases.map { try Geocoder.aliases(URL(fileURLWithPath: $0)) })
        }
        var imported = try MigrationImport.derive(inputs, c)
        if let geocode {
            imported.record += "coordinates: {geocoded: \(geocode.uppercased()), source: WorldPop population-weighted centroids 2020"
                + (aliases.map { ", aliases: \"\(URL(fileURLWithPath: $0).lastPathComponent)\"" } ?? "") + "}\n"
        }
        if let economy { imported.record += "economy: \"\(URL(fileURLWithPath: economy).lastPathComponent)\"   # per-capita features, population-weighted over merged regions\n" }
        var settlementsWithAges: CSVTableWriter? = nil
        if let ages {
            let bands = try ageBands.map { try PopulationByAge.bands($0) } ?? PopulationByAge.defaultBands
            let year = imported.derived.years.last!
            let values = try PopulationByAge.columns(URL(fileURLWithPath: ages), ids: imported.derived.ids, year: year,
                                                     bands: bands, mapping: mappingTable)
            settlementsWithAges = PopulationByAge.settlementsWithAges(imported.derived.settlements, bands: bands, values: values)
            imported.record += "ages: {file: \"\(URL(fileURLWithPath: ages).lastPathComponent)\", year: \(year), bands: [\(bands.map(\.column).joined(separator: ", "))]}\n"
        }
        let out = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try imported.write(to: out)
        if let settlementsWithAges { try settlementsWithAges.write(to: out.appendingPathComponent("settlements.csv")) }
        let d = imported.derived
        Log.info("derived \(d.ids.count) regions, \(d.years.first!)–\(d.years.last!)"
                 + (d.quarters.isEmpty ? "" : ", \(d.quarters.count) quarters") + " → \(out.path)")
        if ages == nil { Log.info(AgeTermNotice.inactive(settlements: out.appendingPathComponent("settlements.csv").path)) }
    }
}

/// `migsim data geocode`: coordinates of region names from the WorldPop centroids.
struct GeocodeDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geocode",
        abstract: "Write id, name, lat, lon for region names from WorldPop population-weighted centroids.",
        discussion: """
        Names are read from the column 'id' (or 'region', 'name') of --names and matched to the WorldPop regions of \
        --country (ISO 3166 alpha-3) with case and accents ignored and punctuation dropped; --aliases (name, \
        worldpop_name) maps the others. Unmatched names are listed in one error with the closest candidates.
        """
    )

    @Option(name: .long, help: "CSV with the names (column id, region or name; repeated names count once).")
    var names: String
    @Option(name: .long, help: "ISO 3166 alpha-3 country code (KOR, USA, …).")
    var country: String
    @Option(name: .long, help: "Alias file: name, worldpop_name.")
    var aliases: String?
    @Option(name: .long, help: "WorldPop centroid file (default: worldpop/… of the data folder).")
    var worldpop: String?
    @Option(name: .long, help: "Output CSV (id, name, lat, lon); standard output when absent.")
    var output: String?

    func run() throws {
        let t = try CSVTable.read(URL(fileURLWithPath: names))
        let col = try t.optionalColumn("id") ?? t.optionalColumn("region") ?? t.requireColumn("name")
        var list: [String] = []
        for r in t.rows.indices { let n = try t.text(r, col); if !list.contains(n) { list.append(n) } }
        let file = try worldpop.map { URL(fileURLWithPath: $0) } ?? dataFolderFile(Geocoder.worldPopFile)
        let coder = try Geocoder.worldPop(file, country: country)
        let found = try coder.locate(list, aliases: aliases.map { try Geocoder.aliases(URL(fileURLWithPath: $0)) })
        var w = CSVTableWriter(header: ["id", "name", "lat", "lon"])
        for n in list { w.append([n, n, "\(found[n]!.latitude)", "\(found[n]!.longitude)"]) }
        try Output.emit(w, to: output)
    }
}

/// `migsim data ages`: a settlements file with age columns from population by age.
struct AgesDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ages",
        abstract: "Add age columns (persons per age band) to a settlements file from population by age.",
        discussion: """
        --ages: id (or region), period (or year), age_from, age_to (empty = open group), population. The bands of \
        --age-bands are filled from the rows of --year (default: the last year of the file), adding merged regions \
        (--mapping). The output is a settlements file whose age columns (age_A_B, age_A_plus) make the age term \
        of the model use each region's age structure. With --years A-B the output is instead the yearly age \
        table (id, period, one column per band) for data.ages of a model configuration: a fit then takes the \
        structure of its window's last year, so a backtest origin never sees later ages.
        """
    )

    @Option(name: .long, help: "Settlements file (id, name, lat, lon, population).")
    var settlements: String
    @Option(name: .long, help: "Population by age: id, period, age_from, age_to, population.")
    var ages: String
    @Option(name: .long, help: "Year of the age structure (default: the last year in --ages).")
    var year: Int?
    @Option(name: .long, help: "Years A-B: write the yearly age table (id, period, bands) for data.ages instead of a settlements file.")
    var years: String?
    @Option(name: .long, help: "Age bands, e.g. 0-14,15-29,30-44,45-64,65+ (default 5-year bands to 85+).")
    var ageBands: String?
    @Option(name: .long, help: "Region mapping (region, into[, share]) applied to --ages.")
    var mapping: String?
    @Option(name: .long, help: "Output settlements file (with --years: the yearly age table).")
    var output: String

    func run() throws {
        let span = try years.map { text -> ClosedRange<Int> in
            if year != nil { throw ValidationError("--year and --years: give one of them") }
            let ends = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard ends.count == 2, ends[0] <= ends[1] else {
                throw ValidationError("--years: '\(text)'; expected a span of years A-B, e.g. 2000-2020")
            }
            return ends[0]...ends[1]
        }
        let (places, _) = try SettlementsFile.read(URL(fileURLWithPath: settlements))
        let agesURL = URL(fileURLWithPath: ages)
        let bands = try ageBands.map { try PopulationByAge.bands($0) } ?? PopulationByAge.defaultBands
        if let span {
            let ends = [span.lowerBound, span.upperBound]
            let map = try mapping.map { try RegionMapping.read(URL(fileURLWithPath: $0)) } ?? .identity
            let table = try CSVTable.read(agesURL)
            let values = try span.map { y in try PopulationByAge.columns(table, ids: places.map(\.id), year: y, bands: bands, mapping: map) }
            try PopulationByAge.yearlyTable(ids: places.map(\.id), years: Array(span), bands: bands, values: values).write(to: URL(fileURLWithPath: output))
            Log.info("\(places.count) settlements × \(span.count) years (\(ends[0])–\(ends[1])) with \(bands.count) age bands → \(output)")
            return
        }
        let y = try year ?? PopulationByAge.lastYear(agesURL)
        let values = try PopulationByAge.columns(agesURL, ids: places.map(\.id), year: y, bands: bands,
                                                 mapping: mapping.map { try RegionMapping.read(URL(fileURLWithPath: $0)) } ?? .identity)
        try PopulationByAge.settlementsWithAges(places, bands: bands, values: values).write(to: URL(fileURLWithPath: output))
        Log.info("\(places.count) settlements with \(bands.count) age bands of \(y) → \(output)")
    }
}
