import Foundation
import MigrationModel

/// The migration data a statistics office publishes, as one of three long CSV shapes.
public enum MigrationSource: Sendable, Equatable {
    /// `origin, destination, period[, age_group], migrants` — origin–destination flows.
    case flows(URL)
    /// `id, period, in, out[, population]` (also `region`, `in_movers`, `out_movers`).
    case movers(URL)
    /// `id, period, <column>` — net migration in persons (`count`) or per 1,000 per year (`rate`).
    case net(URL, column: String, kind: NetKind)

    public enum NetKind: String, Sendable, CaseIterable { case count, rate }

    var url: URL {
        switch self { case .flows(let u), .movers(let u), .net(let u, _, _): u }
    }
}

/// The files of one import. `population` (`id, period, population`; also `region`, `year`) gives
/// the denominators and the settlements' population; `regions` (`id, lat, lon[, area_km2]`) or
/// `coordinates` (from `Geocoder`) the centroids; `economy` optional per-capita features.
public struct ImportInputs: Sendable {
    public var source: MigrationSource
    public var population: URL?
    public var regions: URL?
    public var coordinates: [String: (latitude: Double, longitude: Double)]?
    public var economy: URL?
    public var mapping: RegionMapping

    public init(source: MigrationSource, population: URL? = nil, regions: URL? = nil,
                coordinates: [String: (latitude: Double, longitude: Double)]? = nil,
                economy: URL? = nil, mapping: RegionMapping = .identity) {
        self.source = source; self.population = population; self.regions = regions
        self.coordinates = coordinates; self.economy = economy; self.mapping = mapping
    }
}

/// Yearly gross migration of an imported case (flows or movers input): persons moving in, out
/// and — with flows — inside each region; turnover = in + out.
public struct MoverCounts: Sendable {
    public var inMovers: [[Double]]
    public var outMovers: [[Double]]
    /// nil for movers input (moves inside a region are not published there).
    public var within: [[Double]]?
}

/// The result of an import: the derived case (written by `DerivedCase.write`), the yearly mover
/// counts and the record of the conventions (`import.yaml`).
public struct ImportedCase: Sendable {
    public var derived: DerivedCase
    public var movers: MoverCounts?
    public var record: String

    /// Writes the derived files, `movers_yearly.csv` (when known) and `import.yaml` into `directory`.
    public func write(to directory: URL) throws(DataError) {
        try derived.write(to: directory)
        if let movers {
            var w = CSVTableWriter(header: ["id", "period", "in", "out", "within", "turnover"])
            for (i, id) in derived.ids.enumerated() {
                for (y, year) in derived.years.enumerated() {
                    let a = movers.inMovers[i][y], b = movers.outMovers[i][y]
                    w.append([id, String(year), CSVTableWriter.format(a), CSVTableWriter.format(b),
                              CSVTableWriter.format(movers.within?[i][y]), CSVTableWriter.format(a + b)])
                }
            }
            try w.write(to: directory.appendingPathComponent("movers_yearly.csv"))
        }
        try AtomicFile.write(Data(record.utf8), to: directory.appendingPathComponent("import.yaml"))
    }
}

/// `migsim data import`: a consistent panel (regions × years, and quarters when the input is
/// sub-yearly) of net migration in persons and per 1,000 inhabitants per year, from flows, movers
/// or net counts/rates plus population (conventions in `ImportConventions`).
///
///     net_r(p) = Σ_{s ≠ r} F_{s→r}(p) − Σ_{s ≠ r} F_{r→s}(p)     (flows; origin = destination excluded)
///     net_r(p) = in_r(p) − out_r(p)                             (movers)
///     rate_r(p) = 1000·k·net_r(p) / P_r(y(p))                   (k periods per year, P per ImportConventions)
///
/// Regions are mapped first (`RegionMapping`: merges and splits), excluded regions dropped. The
/// panel regions are those of the population file after mapping; a region in the migration file
/// that is neither there nor excluded is an error naming its line. Monthly input is summed into
/// quarters. Every error names the file and, where there is one, the line.
public enum MigrationImport {
    public static func derive(_ inputs: ImportInputs, _ c: ImportConventions) throws(DataError) -> ImportedCase {
        guard (1...12).contains(c.fiscalYearStart) else {
            throw DataError(.invalidParameter, file: "--fiscal-year-start", found: "\(c.fiscalYearStart)", expected: "a month 1…12")
        }
        let mapping = inputs.mapping

        // Population (raw, by region and year) and its panel regions.
        let (rawPopulation, population, populationFile, moversTable) = try populations(inputs, c)
        let known = Set(rawPopulation.keys).union(mapping.sources)

        // Migration rows → per mapped region and (quarter or year) period.
        var acc = Accumulator()
        let sourceFile = inputs.source.url.path
        switch inputs.source {
        case .flows(let u):
            let table = try FlowsFile.read(u)
            for f in table.flows {
                if c.exclude.contains(f.origin) || c.exclude.contains(f.destination) { continue }
                for (name, col) in [(f.origin, table.originColumn), (f.destination, table.destinationColumn)] where !known.contains(name) {
                    throw DataError(.unknownID, file: table.file, line: f.line,
                                    column: .init(name: col == table.originColumn ? "origin" : "destination", index: col), found: name,
                                    expected: "a region of the population file \(populationFile) or of the mapping (or --exclude it)")
                }
                let p = try acc.period(f.period, c, file: table.file, line: f.line)
                for o in mapping.targets(of: f.origin) { for d in mapping.targets(of: f.destination) {
                    let m = o.share * d.share * f.migrants
                    if o.into == d.into { acc.within[o.into, default: [:]][p, default: 0] += m }
                    else { acc.inflow[d.into, default: [:]][p, default: 0] += m; acc.outflow[o.into, default: [:]][p, default: 0] += m }
                } }
            }
            acc.hasWithin = true
        case .movers:
            let t = moversTable!
            let cID = try idColumn(t), cP = try periodColumn(t)
            let cIn: Int, cOut: Int
            if let c = t.optionalColumn("in") ?? t.optionalColumn("in_movers") { cIn = c } else { cIn = try t.requireColumn("in") }
            if let c = t.optionalColumn("out") ?? t.optionalColumn("out_movers") { cOut = c } else { cOut = try t.requireColumn("out") }
            var seen: [String: Int] = [:], first: Period.Granularity? = nil
            for r in t.rows.indices {
                let id = try t.text(r, cID), period = try t.period(r, cP)
                try checkRow(t, r, cP, id, period, &seen, &first)
                if c.exclude.contains(id) { continue }
                guard known.contains(id) else { throw t.error(.unknownID, row: r, col: cID, expected: "a region of the population file or of the mapping (or --exclude it)") }
                let a = try t.number(r, cIn), b = try t.number(r, cOut)
                guard a >= 0 else { throw t.error(.negative, row: r, col: cIn, expected: "a number of in-movers ≥ 0") }
                guard b >= 0 else { throw t.error(.negative, row: r, col: cOut, expected: "a number of out-movers ≥ 0") }
                let p = try acc.period(period, c, file: t.file, line: t.lines[r])
                for part in mapping.targets(of: id) where !c.exclude.contains(part.into) {
                    acc.inflow[part.into, default: [:]][p, default: 0] += part.share * a
                    acc.outflow[part.into, default: [:]][p, default: 0] += part.share * b
                }
                acc.rows[part: id, p] = t.lines[r]
            }
        case .net(let u, let column, let kind):
            let t = try CSVTable.read(u)
            let cID = try idColumn(t), cP = try periodColumn(t), cV = try t.requireColumn(column)
            var seen: [String: Int] = [:], first: Period.Granularity? = nil
            for r in t.rows.indices {
                let id = try t.text(r, cID), period = try t.period(r, cP)
                try checkRow(t, r, cP, id, period, &seen, &first)
                if c.exclude.contains(id) { continue }
                guard known.contains(id) else { throw t.error(.unknownID, row: r, col: cID, expected: "a region of the population file or of the mapping (or --exclude it)") }
                var v = try t.number(r, cV)
                let p = try acc.period(period, c, file: t.file, line: t.lines[r])
                if kind == .rate {
                    // persons = rate · P · (period length in years) / 1000, with the region's own population.
                    guard let series = rawPopulation[id] else { throw t.error(.unknownID, row: r, col: cID, expected: "a region with a population (rates need one)") }
                    let P = try denominator(series, region: id, startMonth: p.accountingStartMonth, c, file: populationFile)
                    v = v * P * period.length / 1000
                }
                for part in mapping.targets(of: id) where !c.exclude.contains(part.into) {
                    acc.inflow[part.into, default: [:]][p, default: 0] += part.share * max(v, 0)
                    acc.outflow[part.into, default: [:]][p, default: 0] += part.share * max(-v, 0)
                }
                acc.rows[part: id, p] = t.lines[r]
            }
            acc.netOnly = true
        }

        // Panel regions and years.
        let ids0 = population.keys.sorted()
        guard !ids0.isEmpty else { throw DataError(.emptyFile, file: populationFile, expected: "population rows of at least one region") }
        let subYearly = acc.granularity != .year
        let perYear = subYearly ? 4 : 1
        var complete: [Int: Int] = [:]   // label → start month index
        for (label, subs) in acc.subperiodsOfYear where subs.count == perYear && acc.monthsComplete(label) { complete[label] = acc.yearStart[label]! }
        func hasDenominators(_ label: Int) -> Bool {
            guard let s = complete[label] else { return false }
            return ids0.allSatisfy { id in (try? denominator(population[id]!, region: id, startMonth: s, c, file: populationFile)) != nil }
        }
        var years: [Int]
        if c.firstYear != nil || c.lastYear != nil {
            let all = complete.keys.sorted()
            guard let lo = c.firstYear ?? all.first, let hi = c.lastYear ?? all.last, lo <= hi else {
                throw DataError(.invalidParameter, file: sourceFile, found: "--from \(c.firstYear.map(String.init) ?? "-") --to \(c.lastYear.map(String.init) ?? "-")",
                                expected: "a year range with complete data")
            }
            years = Array(lo...hi)
            for y in years where complete[y] == nil {
                throw DataError(.missingKey, file: sourceFile, found: "year \(y)",
                                expected: "complete data for every panel year \(lo)–\(hi) (\(perYear == 4 ? "four quarters" : "one row per region"))")
            }
        } else {
            let usable = complete.keys.sorted().filter(hasDenominators)
            var best: [Int] = [], run: [Int] = []
            for y in usable {
                if let last = run.last, last + 1 != y { run = [] }
                run.append(y)
                if run.count >= best.count { best = run }
            }
            guard !best.isEmpty else {
                throw DataError(.missingKey, file: populationFile, found: "no year",
                                expected: "a year in which every region of \(sourceFile) has complete data and a population (\(c.denominator.rawValue) of year, counts at \(c.populationDate.rawValue))")
            }
            years = best
        }

        // Denominators (a missing population year is an error naming the file).
        var denominators: [[Double]] = []
        for id in ids0 {
            var row: [Double] = []
            for y in years { row.append(try denominator(population[id]!, region: id, startMonth: complete[y]!, c, file: populationFile)) }
            denominators.append(row)
        }

        // Region order and coordinates.
        var ids = ids0
        var coordinates: [String: (Double, Double)] = [:]
        var area: [String: Double] = [:]
        var hasArea = false
        if let u = inputs.regions {
            let t = try CSVTable.read(u)
            let cR = try idColumn(t), cLat = try t.requireColumn("lat"), cLon = try t.requireColumn("lon")
            let cArea = t.optionalColumn("area_km2")
            hasArea = cArea != nil
            var order: [String] = []
            for r in t.rows.indices {
                let id = try t.text(r, cR)
                let lat = try t.number(r, cLat), lon = try t.number(r, cLon)
                guard (-90...90).contains(lat) else { throw t.error(.outOfRange, row: r, col: cLat, expected: "a latitude in −90…90 degrees") }
                guard (-180...180).contains(lon) else { throw t.error(.outOfRange, row: r, col: cLon, expected: "a longitude in −180…180 degrees") }
                if let cArea {
                    let a = try t.number(r, cArea)
                    guard a > 0 else { throw t.error(.outOfRange, row: r, col: cArea, expected: "a positive area in km²") }
                    for part in mapping.targets(of: id) { area[part.into, default: 0] += part.share * a }
                }
                if population[id] != nil && coordinates[id] == nil { coordinates[id] = (lat, lon); order.append(id) }
            }
            let missing = ids0.filter { coordinates[$0] == nil }
            if !missing.isEmpty {
                throw DataError(.missingKey, file: t.file, found: missing.joined(separator: ", "), expected: "a row (id, lat, lon) for every panel region")
            }
            ids = order
        } else if let given = inputs.coordinates {
            let missing = ids0.filter { given[$0] == nil }
            if !missing.isEmpty {
                throw DataError(.missingKey, file: "--geocode", found: missing.joined(separator: ", "), expected: "coordinates for every panel region")
            }
            for id in ids0 { coordinates[id] = (given[id]!.latitude, given[id]!.longitude) }
        } else {
            throw DataError(.missingFile, file: "--regions", expected: "a regions file (id, lat, lon) or --geocode COUNTRY")
        }
        let rowOf = Dictionary(uniqueKeysWithValues: ids0.enumerated().map { ($1, $0) })
        let population2 = ids.map { denominators[rowOf[$0]!] }

        // Net migration per region and period.
        var quarters: [Period] = []
        var subKeys: [AccountingPeriod] = []
        for y in years {
            let subs = acc.subperiodsOfYear[y]!.sorted { $0.sortKey < $1.sortKey }
            subKeys += subs
            if subYearly { quarters += subs.map { Period(label: $0.label)! } }
        }
        var netQuarterly: [[Double]] = [], netYearly: [[Double]] = []
        var inYearly: [[Double]] = [], outYearly: [[Double]] = [], withinYearly: [[Double]] = []
        for id in ids {
            if !acc.hasWithin {
                // movers / net input: every panel region needs a row in every panel period.
                for key in subKeys {
                    let parts = mapping.parts(of: id).map(\.region).filter { rawPopulation[$0] != nil }
                    if !parts.contains(where: { acc.rows[part: $0, key] != nil }) {
                        throw DataError(.missingKey, file: sourceFile, found: "\(id) \(key.label)", expected: "a row for every panel region and period")
                    }
                }
            }
            let i = acc.inflow[id] ?? [:], o = acc.outflow[id] ?? [:], w = acc.within[id] ?? [:]
            let net = subKeys.map { (i[$0] ?? 0) - (o[$0] ?? 0) }
            netQuarterly.append(subYearly ? net : [])
            var ny: [Double] = [], iy: [Double] = [], oy: [Double] = [], wy: [Double] = []
            for (k, _) in years.enumerated() {
                let range = (k * perYear)..<((k + 1) * perYear)
                ny.append(range.reduce(0) { $0 + net[$1] })
                iy.append(range.reduce(0) { $0 + (i[subKeys[$1]] ?? 0) })
                oy.append(range.reduce(0) { $0 + (o[subKeys[$1]] ?? 0) })
                wy.append(range.reduce(0) { $0 + (w[subKeys[$1]] ?? 0) })
            }
            netYearly.append(ny); inYearly.append(iy); outYearly.append(oy); withinYearly.append(wy)
        }

        let settlements = ids.enumerated().map { k, id in
            Settlement(id: id, latitude: coordinates[id]!.0, longitude: coordinates[id]!.1, population: population2[k].last!)
        }

        // Features: per-capita columns, population-weighted over the parts of a merged region.
        var featureNames: [String] = []
        var features: [(id: String, year: Int, values: [Double?])] = []
        if let u = inputs.economy {
            let t = try CSVTable.read(u)
            let cID = try idColumn(t), cP = try periodColumn(t)
            let cols = t.header.indices.filter { $0 != cID && $0 != cP && t.header[$0] != "source" }
            featureNames = cols.map { t.header[$0] }
            var econ: [String: [Int: [Double?]]] = [:]
            for r in t.rows.indices {
                let id = try t.text(r, cID), p = try t.period(r, cP)
                guard p.granularity == .year else { throw t.error(.badPeriod, row: r, col: cP, expected: "a year YYYY") }
                if econ[id]?[p.year] != nil { throw t.error(.duplicateKey, row: r, col: cP, expected: "one row per (region, year)") }
                var values: [Double?] = []
                for col in cols { values.append(try t.optionalNumber(r, col)) }
                econ[id, default: [:]][p.year] = values
            }
            for (k, id) in ids.enumerated() {
                let parts = mapping.parts(of: id)
                for (yi, y) in years.enumerated() {
                    var sums = [Double](repeating: 0, count: cols.count), weights = sums
                    for part in parts {
                        guard let row = econ[part.region]?[y] else { continue }
                        let w = part.share * (rawPopulation[part.region]?[y] ?? 0)
                        for f in cols.indices { if let v = row[f] { sums[f] += w * v; weights[f] += w } }
                    }
                    let perCapita = cols.indices.map { weights[$0] > 0 ? sums[$0] / weights[$0] : nil }
                    let density: [Double?] = hasArea ? [population2[k][yi] / area[id]!] : []
                    features.append((id, y, perCapita + density))
                }
            }
            if hasArea { featureNames.append("population_density") }
        }

        let derived = DerivedCase(ids: ids, years: years, quarters: quarters, settlements: settlements,
                                  population: population2, netYearly: netYearly, netQuarterly: netQuarterly,
                                  featureNames: featureNames, features: features)
        let movers = acc.netOnly ? nil : MoverCounts(inMovers: inYearly, outMovers: outYearly, within: acc.hasWithin ? withinYearly : nil)
        let record = Self.record(inputs, c, years: years, quarterly: subYearly, regions: ids.count)
        return ImportedCase(derived: derived, movers: movers, record: record)
    }

    // MARK: pieces

    /// The panel regions (population regions after mapping and exclusion), sorted.
    public static func panelRegions(_ inputs: ImportInputs, _ c: ImportConventions) throws(DataError) -> [String] {
        try populations(inputs, c).mapped.keys.sorted()
    }

    static func populations(_ inputs: ImportInputs, _ c: ImportConventions) throws(DataError)
        -> (raw: [String: [Int: Double]], mapped: [String: [Int: Double]], file: String, movers: CSVTable?) {
        let mapping = inputs.mapping
        // Population (raw, by region and year) and its panel regions.
        var rawPopulation: [String: [Int: Double]] = [:]
        var populationFile = inputs.population?.path ?? ""
        var moversTable: CSVTable? = nil
        if case .movers(let u) = inputs.source { moversTable = try CSVTable.read(u) }
        if let u = inputs.population {
            rawPopulation = try readPopulation(CSVTable.read(u))
        } else if let t = moversTable, t.optionalColumn("population") != nil {
            populationFile = t.file
        } else {
            throw DataError(.missingFile, file: "--population", expected: "a population file id, period, population (or a population column in the movers file)")
        }
        if let t = moversTable, inputs.population == nil {
            rawPopulation = try readPopulation(t, populationFromMovers: true)
        }
        for r in c.exclude { rawPopulation[r] = nil }
        var population: [String: [Int: Double]] = [:]
        for (region, series) in rawPopulation {
            for part in mapping.targets(of: region) where !c.exclude.contains(part.into) {
                for (year, p) in series { population[part.into, default: [:]][year, default: 0] += part.share * p }
            }
        }
        return (rawPopulation, population, populationFile, moversTable)
    }

    /// Population at the denominator time of the year starting at month index `startMonth`
    /// (months since January of year 0), from counts taken at `populationDate` of each year.
    static func denominator(_ series: [Int: Double], region: String, startMonth: Int, _ c: ImportConventions, file: String) throws(DataError) -> Double {
        let target = startMonth + c.denominator.monthOffset - c.populationDate.monthOffset
        let y0 = Int((Double(target) / 12).rounded(.down)), rest = target - 12 * y0
        if rest == 0, let p = series[y0] { return p }
        guard rest != 0, let a = series[y0], let b = series[y0 + 1] else {
            let need = rest == 0 ? "\(y0)" : "\(y0) and \(y0 + 1)"
            throw DataError(.missingKey, file: file, found: "\(region) \(need)",
                            expected: "the population of \(region) in \(need) (\(c.denominator.rawValue) of the year, counts taken at \(c.populationDate.rawValue))")
        }
        let w = Double(rest) / 12
        return (1 - w) * a + w * b
    }

    /// `id|region, period|year, population` → region → year → persons.
    static func readPopulation(_ t: CSVTable, populationFromMovers: Bool = false) throws(DataError) -> [String: [Int: Double]] {
        let cID = try idColumn(t), cP = try periodColumn(t), cV = try t.requireColumn("population")
        var out: [String: [Int: Double]] = [:], lines: [String: Int] = [:]
        for r in t.rows.indices {
            let id = try t.text(r, cID), p = try t.period(r, cP)
            guard p.granularity == .year else {
                if populationFromMovers { continue }
                throw t.error(.badPeriod, row: r, col: cP, expected: "a year YYYY (one population count per year)")
            }
            let v = try t.number(r, cV)
            guard v > 0 else { throw t.error(.outOfRange, row: r, col: cV, expected: "a population > 0") }
            let key = "\(id)\u{1F}\(p.year)"
            if let first = lines[key] { throw t.error(.duplicateKey, row: r, col: cP, expected: "one row per (region, year); already on line \(first)") }
            lines[key] = t.lines[r]
            out[id, default: [:]][p.year] = v
        }
        return out
    }

    static func idColumn(_ t: CSVTable) throws(DataError) -> Int {
        if let c = t.optionalColumn("id") { return c }
        if let c = t.optionalColumn("region") { return c }
        return try t.requireColumn("id")
    }

    static func periodColumn(_ t: CSVTable) throws(DataError) -> Int {
        if let c = t.optionalColumn("period") { return c }
        if let c = t.optionalColumn("year") { return c }
        return try t.requireColumn("period")
    }

    /// Duplicate (id, period) and overlapping periods (years mixed with quarters or months).
    static func checkRow(_ t: CSVTable, _ r: Int, _ cP: Int, _ id: String, _ p: Period,
                         _ seen: inout [String: Int], _ first: inout Period.Granularity?) throws(DataError) {
        if let g = first, g != p.granularity {
            throw t.error(.mixedPeriods, row: r, col: cP,
                          expected: "periods that do not overlap: all \(g.rawValue)s as on line \(t.lines[0]), not a \(p.granularity.rawValue)")
        }
        first = p.granularity
        let key = id + "\u{1F}" + p.label
        if let line = seen[key] { throw t.error(.duplicateKey, row: r, col: cP, expected: "one row per (id, period); \(id) \(p.label) already on line \(line)") }
        seen[key] = t.lines[r]
    }

    static func record(_ inputs: ImportInputs, _ c: ImportConventions, years: [Int], quarterly: Bool, regions: Int) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var kind = "flows", column = ""
        switch inputs.source {
        case .flows: kind = "flows"
        case .movers: kind = "movers"
        case .net(_, let col, let k): kind = "net_\(k.rawValue)"; column = col
        }
        var lines = [
            "# Written by migsim data import: how the balances in this folder were derived (README \"Your own data\").",
            "source: {kind: \(kind), file: \(q(inputs.source.url.lastPathComponent))\(column.isEmpty ? "" : ", column: \(q(column))")}",
            "population: \(q(inputs.population?.lastPathComponent ?? "(column of the movers file)"))",
            "population_date: \(c.populationDate.rawValue)   # when each year's count is taken",
            "denominator: \(c.denominator.rawValue)          # population at the start, middle or end of each (fiscal) year",
            "fiscal_year_start: \(c.fiscalYearStart)         # first month of the year (1 = calendar year)",
            "fiscal_year_label: \(c.fiscalLabel.rawValue)    # a fiscal year is labelled by the calendar year it starts or ends in",
            "panel: {first_year: \(years.first!), last_year: \(years.last!), regions: \(regions), quarterly: \(quarterly)}",
            "rates: per 1,000 inhabitants per year (sub-yearly rates annualized)",
            "moves_inside_a_region: excluded from net migration",
        ]
        if !inputs.mapping.parts.isEmpty { lines.append("mapping: \(q(inputs.mapping.summary))") }
        if !c.exclude.isEmpty { lines.append("excluded: [\(c.exclude.sorted().map(q).joined(separator: ", "))]") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A period as the import counts it: a year, or a quarter inside a (fiscal) year.
struct AccountingPeriod: Hashable {
    var label: String
    /// The (fiscal) year's label.
    var year: Int
    /// Months since January of year 0 at which the (fiscal) year starts.
    var accountingStartMonth: Int
    var sortKey: Int
}

/// Running sums of the import, keyed by mapped region and accounting period.
struct Accumulator {
    var inflow: [String: [AccountingPeriod: Double]] = [:]
    var outflow: [String: [AccountingPeriod: Double]] = [:]
    var within: [String: [AccountingPeriod: Double]] = [:]
    var rows = RowIndex()
    var hasWithin = false
    var netOnly = false
    var granularity: Period.Granularity? = nil
    var subperiodsOfYear: [Int: Set<AccountingPeriod>] = [:]
    var yearStart: [Int: Int] = [:]
    /// Months seen per quarter (monthly input), to tell complete quarters.
    var monthsOfQuarter: [AccountingPeriod: Set<Int>] = [:]

    func monthsComplete(_ year: Int) -> Bool {
        granularity != .month || subperiodsOfYear[year]!.allSatisfy { monthsOfQuarter[$0]?.count == 3 }
    }

    mutating func period(_ p: Period, _ c: ImportConventions, file: String, line: Int) throws(DataError) -> AccountingPeriod {
        granularity = granularity ?? p.granularity
        let m = c.fiscalYearStart
        let key: AccountingPeriod
        switch p.granularity {
        case .year:
            let startYear = m == 1 || c.fiscalLabel == .start ? p.year : p.year - 1
            key = AccountingPeriod(label: p.label, year: p.year, accountingStartMonth: startYear * 12 + m - 1, sortKey: startYear * 12 + m - 1)
        case .quarter, .month:
            let quarter = p.granularity == .quarter ? p.subperiod : (p.subperiod - 1) / 3 + 1
            let firstMonth = 3 * (quarter - 1) + 1
            guard (firstMonth - m + 12) % 3 == 0 else {
                throw DataError(.invalidParameter, file: file, line: line, found: "\(p.label) with --fiscal-year-start \(m)",
                                expected: "a fiscal year starting in month 1, 4, 7 or 10 for quarterly or monthly data")
            }
            let startYear = firstMonth >= m ? p.year : p.year - 1
            let label = c.fiscalLabel == .start || m == 1 ? startYear : startYear + 1
            key = AccountingPeriod(label: "\(p.year)-Q\(quarter)", year: label, accountingStartMonth: startYear * 12 + m - 1,
                                   sortKey: p.year * 12 + firstMonth - 1)
            if p.granularity == .month { monthsOfQuarter[key, default: []].insert(p.subperiod) }
        }
        subperiodsOfYear[key.year, default: []].insert(key)
        yearStart[key.year] = key.accountingStartMonth
        return key
    }
}

/// Lines of the movers / net rows by (raw region, period), to tell missing rows.
struct RowIndex {
    private var lines: [String: Int] = [:]
    subscript(part region: String, _ p: AccountingPeriod) -> Int? {
        get { lines[region + "\u{1F}" + p.label] }
        set { lines[region + "\u{1F}" + p.label] = newValue }
    }
}
