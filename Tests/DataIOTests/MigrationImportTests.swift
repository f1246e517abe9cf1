import Foundation
import Testing
@testable import DataIO

/// `MigrationImport` on the real shapes of the data folder (Korean OD flows by quarter, US ACS
/// flows, in/out movers and Census net migration by July–June year), each with a bad-input twin.
private let us = DataFolder.forTests.file("us-states")

private func conventions(_ body: (inout ImportConventions) -> Void) -> ImportConventions {
    var c = ImportConventions()
    body(&c)
    return c
}

/// A copy of a real file with `edit` applied to its lines (header = line 1).
private func editedCopy(_ url: URL, _ edit: (inout [String]) -> Void) throws -> URL {
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    edit(&lines)
    return temporaryFile(url.lastPathComponent, lines.joined(separator: "\n"))
}

private func value(_ c: DerivedCase, _ id: String, _ year: Int, _ m: [[Double]]) -> Double {
    m[c.ids.firstIndex(of: id)!][c.years.firstIndex(of: year)!]
}

// MARK: OD flows

@Test(.needsDataFolder) func usFlowsGiveNetMigrationAndRatesOfTheACSPanel() throws {
    // ACS 2019, Puerto Rico left out: California in 480,204 − out 653,551 = −173,347 (python over flows.csv);
    // mid-year population 39,512,223 (1 July 2019) is the mid-period denominator.
    let c = conventions { $0.populationDate = .midYear; $0.denominator = .mid; $0.exclude = ["Puerto Rico"] }
    let imported = try MigrationImport.derive(ImportInputs(source: .flows(us.appendingPathComponent("flows.csv")),
                                                           population: us.appendingPathComponent("population.csv"),
                                                           coordinates: usCoordinates()), c)
    let d = imported.derived
    #expect(d.ids.count == 51 && !d.ids.contains("Puerto Rico"))
    #expect(d.years == Array(2005...2019))          // the longest run of complete years (2020 has no ACS flows)
    #expect(d.quarters.isEmpty)
    #expect(value(d, "California", 2019, d.netYearly) == -173_347)
    #expect(value(d, "Texas", 2012, d.netYearly) == 105_565)
    #expect(abs(value(d, "California", 2019, d.rateYearly) - (-173_347.0 / 39_512_223 * 1000)) < 1e-12)
    let movers = try #require(imported.movers)
    let ca = d.ids.firstIndex(of: "California")!, y = d.years.firstIndex(of: 2019)!
    #expect(movers.inMovers[ca][y] == 480_204 && movers.outMovers[ca][y] == 653_551)
    // Every move leaves one panel region and enters another.
    for y in d.years.indices { #expect(d.netYearly.reduce(0) { $0 + $1[y] } == 0) }
    #expect(imported.record.contains("denominator: mid") && imported.record.contains("population_date: mid-year"))
}

@Test(.needsDataFolder) func unknownRegionInFlowsNamesFileLineAndColumn() throws {
    let flows = try editedCopy(us.appendingPathComponent("flows.csv")) { $0[1] = $0[1].replacingOccurrences(of: "Alaska", with: "Alaksa") }
    let c = conventions { $0.populationDate = .midYear; $0.exclude = ["Puerto Rico"] }
    expectDataError(.unknownID, line: 2, column: "destination", mentions: ["flows.csv", "Alaksa", "--exclude"]) {
        try MigrationImport.derive(ImportInputs(source: .flows(flows), population: us.appendingPathComponent("population.csv"),
                                                coordinates: usCoordinates()), c)
    }
}

@Test(.needsDataFolder) func duplicateFlowRowsAreRejected() throws {
    let flows = try editedCopy(us.appendingPathComponent("flows.csv")) { $0.insert($0[1], at: 2) }
    expectDataError(.duplicateKey, line: 3, mentions: ["flows.csv", "already on line 2"]) {
        try MigrationImport.derive(ImportInputs(source: .flows(flows), population: us.appendingPathComponent("population.csv"),
                                                coordinates: usCoordinates()), ImportConventions())
    }
}

// MARK: in/out movers

@Test(.needsDataFolder) func usMoversGiveTheirOwnNetMigrants() throws {
    // movers.csv counts moves between the 52 areas (Puerto Rico's rows are left out here, its moves stay in
    // the others' counts): California 2019 481,984 − 654,377 = −172,393.
    let c = conventions { $0.populationDate = .midYear; $0.denominator = .mid; $0.exclude = ["Puerto Rico"] }
    let imported = try MigrationImport.derive(ImportInputs(source: .movers(us.appendingPathComponent("movers.csv")),
                                                           population: us.appendingPathComponent("population.csv"),
                                                           coordinates: usCoordinates()), c)
    let d = imported.derived
    #expect(d.ids.count == 51)
    #expect(value(d, "California", 2019, d.netYearly) == -172_393)
    #expect(imported.movers?.within == nil)           // movers files do not publish moves inside a region
    // The file's own net_migrants column agrees everywhere.
    let t = try CSVTable.read(us.appendingPathComponent("movers.csv"))
    for r in t.rows.indices where d.years.contains(Int(t.rows[r][1])!) && t.rows[r][0] != "Puerto Rico" {
        #expect(value(d, t.rows[r][0], Int(t.rows[r][1])!, d.netYearly) == Double(t.rows[r][4])!)
    }
}

@Test(.needsDataFolder) func negativeMoversAreRejectedWithTheirLine() throws {
    let movers = try editedCopy(us.appendingPathComponent("movers.csv")) { $0[3] = "Arizona,2005,-5,1,-6" }
    expectDataError(.negative, line: 4, column: "in_movers", mentions: ["movers.csv", "'-5'"]) {
        try MigrationImport.derive(ImportInputs(source: .movers(movers), population: us.appendingPathComponent("population.csv"),
                                                coordinates: usCoordinates()), ImportConventions())
    }
}

// MARK: net counts, fiscal years

@Test(.needsDataFolder) func censusNetDomesticMigrationOnJulyToJuneYears() throws {
    // net.csv period 2019 = July 2018 – June 2019: fiscal year starting in July, labelled by its end.
    // Population counts are 1 July: the start denominator is the count of 1 July 2018 (39,461,588),
    // the mid one halfway between 2018 and 2019.
    var c = conventions { $0.populationDate = .midYear; $0.denominator = .start; $0.fiscalYearStart = 7; $0.fiscalLabel = .end }
    c.firstYear = 2011; c.lastYear = 2019
    c.exclude = ["Puerto Rico"]
    let inputs = ImportInputs(source: .net(us.appendingPathComponent("net.csv"), column: "net_domestic", kind: .count),
                              population: us.appendingPathComponent("population.csv"), coordinates: usCoordinates())
    let start = try MigrationImport.derive(inputs, c).derived
    #expect(value(start, "California", 2019, start.netYearly) == -203_414)
    #expect(abs(value(start, "California", 2019, start.rateYearly) - (-203_414.0 / 39_461_588 * 1000)) < 1e-12)
    c.denominator = .mid
    let mid = try MigrationImport.derive(inputs, c).derived
    #expect(abs(value(mid, "California", 2019, mid.rateYearly) - (-203_414.0 / ((39_461_588 + 39_512_223) / 2) * 1000)) < 1e-12)
    #expect(try MigrationImport.derive(inputs, c).record.contains("fiscal_year_start: 7"))
    // The same values as rates (per 1,000 per year, start denominator) give the persons back.
    var rates = "id,period,rate\n"
    for (i, id) in start.ids.enumerated() { for (y, year) in start.years.enumerated() { rates += "\(id),\(year),\(start.rateYearly[i][y])\n" } }
    c.denominator = .start
    let fromRates = try MigrationImport.derive(ImportInputs(source: .net(temporaryFile("rates.csv", rates), column: "rate", kind: .rate),
                                                            population: us.appendingPathComponent("population.csv"), coordinates: usCoordinates()), c).derived
    #expect(abs(value(fromRates, "California", 2019, fromRates.netYearly) - (-203_414)) < 1e-6)
}

@Test(.needsDataFolder) func missingPopulationYearIsNamed() throws {
    let population = try editedCopy(us.appendingPathComponent("population.csv")) { lines in
        lines.removeAll { $0.hasPrefix("Alabama,2015,") }
    }
    var c = conventions { $0.populationDate = .midYear; $0.denominator = .mid; $0.exclude = ["Puerto Rico"] }
    c.firstYear = 2011; c.lastYear = 2019
    expectDataError(.missingKey, mentions: ["population.csv", "Alabama 2015"]) {
        try MigrationImport.derive(ImportInputs(source: .net(us.appendingPathComponent("net.csv"), column: "net_domestic", kind: .count),
                                                population: population, coordinates: usCoordinates()), c)
    }
}

@Test(.needsDataFolder) func koreanFiscalYearsFromAprilSumTheirFourQuarters() throws {
    var c = KoreaCase.conventions
    c.fiscalYearStart = 4
    c.firstYear = 1997; c.lastYear = 2019
    let inputs = ImportInputs(source: .flows(sharedKorea.appendingPathComponent("flows_quarterly.csv")),
                              population: sharedKorea.appendingPathComponent("population.csv"),
                              regions: sharedKorea.appendingPathComponent("regions.csv"), mapping: koreaMapping)
    let fiscal = try MigrationImport.derive(inputs, c).derived
    let calendar = try MigrationImport.derive(inputs, KoreaCase.conventions).derived
    // FY2012 = 2012-Q2, Q3, Q4, 2013-Q1.
    let i = fiscal.ids.firstIndex(of: "Seoul")!
    let q = { (label: String) in calendar.netQuarterly[i][calendar.quarters.firstIndex(of: Period(label: label)!)!] }
    #expect(value(fiscal, "Seoul", 2012, fiscal.netYearly) == q("2012-Q2") + q("2012-Q3") + q("2012-Q4") + q("2013-Q1"))
    #expect(fiscal.quarters.first?.label == "1997-Q2" && fiscal.quarters.count == 4 * 23)
    // Year-end counts, end of the fiscal year (31 March 2013) = 1/4 of the way from the 2012 to the 2013 count.
    let p2012 = calendar.population[i][calendar.years.firstIndex(of: 2012)!], p2013 = calendar.population[i][calendar.years.firstIndex(of: 2013)!]
    #expect(abs(fiscal.population[i][fiscal.years.firstIndex(of: 2012)!] - (0.75 * p2012 + 0.25 * p2013)) < 1e-6)
}

@Test func overlappingPeriodsAndBadFiscalStartsAreRejected() throws {
    let population = temporaryFile("population.csv", "id,period,population\nA,2012,100\nB,2012,200\n")
    let regions = temporaryFile("regions.csv", "id,lat,lon\nA,0,0\nB,1,1\n")
    let overlapping = temporaryFile("net.csv", "id,period,net\nA,2012,5\nB,2012-Q1,-5\n")
    expectDataError(.mixedPeriods, line: 3, column: "period", mentions: ["net.csv", "do not overlap"]) {
        try MigrationImport.derive(ImportInputs(source: .net(overlapping, column: "net", kind: .count), population: population, regions: regions),
                                   ImportConventions())
    }
    let flows = temporaryFile("flows.csv", "origin,destination,period,migrants\nA,B,2012-Q1,5\n")
    var c = ImportConventions()
    c.fiscalYearStart = 2
    expectDataError(.invalidParameter, line: 2, mentions: ["flows.csv", "fiscal-year-start 2"]) {
        try MigrationImport.derive(ImportInputs(source: .flows(flows), population: population, regions: regions), c)
    }
}

// MARK: mapping

@Test func splitSharesDivideFlowsAndPopulation() throws {
    // Old region X split into A (1/4) and B (3/4): X → C 8 becomes A → C 2, B → C 6; A ↔ B moves are internal.
    let population = temporaryFile("population.csv", "id,period,population\nX,2000,1000\nC,2000,500\n")
    let flows = temporaryFile("flows.csv", "origin,destination,period,migrants\nX,C,2000,8\nC,X,2000,4\nX,X,2000,100\n")
    let mapping = temporaryFile("mapping.csv", "region,into,share\nX,A,0.25\nX,B,0.75\n")
    let regions = temporaryFile("regions.csv", "id,lat,lon\nA,0,0\nB,0,1\nC,1,0\n")
    let imported = try MigrationImport.derive(ImportInputs(source: .flows(flows), population: population, regions: regions,
                                                           mapping: RegionMapping.read(mapping)), ImportConventions())
    let d = imported.derived
    #expect(d.ids == ["A", "B", "C"])
    #expect(d.netYearly.map { $0[0] } == [-1, -3, 4])
    #expect(d.population.map { $0[0] } == [250, 750, 500])
    #expect(imported.movers?.within?.map { $0[0] } == [6.25, 56.25, 0])   // X → X 100 · (1/16, 9/16)
}

@Test func badMappingFilesNameTheirLine() throws {
    expectDataError(.duplicateKey, line: 3, mentions: ["mapping.csv"]) {
        try RegionMapping.read(temporaryFile("mapping.csv", "region,into\nSejong,Chungcheongnam-do\nSejong,Chungcheongnam-do\n"))
    }
    expectDataError(.invalidParameter, line: 2, mentions: ["shares sum to 0.5"]) {
        try RegionMapping.read(temporaryFile("mapping.csv", "region,into,share\nX,A,0.25\nX,B,0.25\n"))
    }
    expectDataError(.invalidParameter, line: 3, mentions: ["map straight to the final region"]) {
        try RegionMapping.read(temporaryFile("mapping.csv", "region,into\nA,B\nC,A\n"))
    }
}

@Test(.needsDataFolder) func sejongMergeMappingFileMatchesTheRenamedFlows() throws {
    // The mapping file does what renaming Sejong to Chungcheongnam-do in the flows does.
    let flows = try FlowsFile.read(sharedKorea.appendingPathComponent("flows_quarterly.csv"))
    let renamed = BalanceDerivation.netMigration(flows, merge: ["Sejong": "Chungcheongnam-do"])["Chungcheongnam-do"]!
    let d = try KoreaCase.derive(dataFolder: DataFolder.forTests, mapping: koreaMapping)
    let i = d.ids.firstIndex(of: "Chungcheongnam-do")!
    for (k, p) in d.quarters.enumerated() { #expect(d.netQuarterly[i][k] == renamed[p] ?? 0) }
    // Without the mapping, Sejong (population from 2012) leaves no complete panel before 2012 …
    var c = KoreaCase.conventions
    c.firstYear = nil; c.lastYear = nil
    let unmerged = try MigrationImport.derive(ImportInputs(source: .flows(sharedKorea.appendingPathComponent("flows_quarterly.csv")),
                                                           population: sharedKorea.appendingPathComponent("population.csv"),
                                                           regions: sharedKorea.appendingPathComponent("regions.csv")), c).derived
    #expect(unmerged.years == Array(2012...2020) && unmerged.ids.count == 17)
    // … and asking for 1997 names the missing population.
    c.firstYear = 1997; c.lastYear = 2020
    expectDataError(.missingKey, mentions: ["population.csv", "Sejong 1997"]) {
        try MigrationImport.derive(ImportInputs(source: .flows(sharedKorea.appendingPathComponent("flows_quarterly.csv")),
                                                population: sharedKorea.appendingPathComponent("population.csv"),
                                                regions: sharedKorea.appendingPathComponent("regions.csv")), c)
    }
}

/// WorldPop centroids of the US states (Maryland and DC share WorldPop's `Maryland DC`).
private func usCoordinates() -> [String: (latitude: Double, longitude: Double)] {
    let coder = try! Geocoder.worldPop(DataFolder.forTests.file(Geocoder.worldPopFile), country: "USA")
    let names = try! MigrationImport.readPopulation(CSVTable.read(us.appendingPathComponent("population.csv"))).keys
        .filter { $0 != "Puerto Rico" }
    return try! coder.locate(Array(names), aliases: (["District of Columbia": "Maryland DC", "Maryland": "Maryland DC"], [:], "aliases"))
}
