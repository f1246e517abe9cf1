import Foundation
import Testing
@testable import DataIO

/// The Sejong merge, the mapping file of the bundled case.
let koreaMapping = try! RegionMapping.read(bundledKorea.appendingPathComponent("region_mapping.csv"))

/// Derived once from the raw files of the data folder (only tests marked `.needsDataFolder` touch it).
private let derived: DerivedCase = try! KoreaCase.derive(
    flowsURL: sharedKorea.appendingPathComponent("flows_quarterly.csv"),
    populationURL: sharedKorea.appendingPathComponent("population.csv"),
    regionsURL: sharedKorea.appendingPathComponent("regions.csv"),
    economyURL: sharedKorea.appendingPathComponent("economy.csv"), mapping: koreaMapping)

private func net(_ c: DerivedCase, _ id: String, year: Int) -> Double {
    c.netYearly[c.ids.firstIndex(of: id)!][c.years.firstIndex(of: year)!]
}

@Test(.needsDataFolder) func seoul2012NetMigrationMatchesHandCount() throws {
    // Raw file, no merge: Σ inflows − Σ outflows over 2012-Q1…Q4, origin == destination excluded.
    let flows = try FlowsFile.read(sharedKorea.appendingPathComponent("flows_quarterly.csv"))
    let raw = BalanceDerivation.yearly(BalanceDerivation.netMigration(flows)["Seoul"]!)
    #expect(raw[2012] == -103_647)
    // The Sejong merge does not touch Seoul.
    let merged = BalanceDerivation.yearly(BalanceDerivation.netMigration(flows, merge: ["Sejong": "Chungcheongnam-do"])["Seoul"]!)
    #expect(merged == raw)
    #expect(net(derived, "Seoul", year: 2012) == -103_647)
}

@Test(.needsDataFolder) func quarterlyValuesAndRatesMatchAwk() throws {
    // awk -F, 'NR>1 && $3=="2012-Q3" && $1!=$2 {if($2=="Seoul")n+=$4; if($1=="Seoul")n-=$4} END{print n}'
    let seoul = derived.ids.firstIndex(of: "Seoul")!
    let q2012_3 = derived.quarters.firstIndex(of: Period(year: 2012, quarter: 3))!
    #expect(derived.netQuarterly[seoul][q2012_3] == -26_169)
    // Chungcheongnam-do with Sejong merged, 2013-Q2: 5,061 (4,066 without the merge).
    let cn = derived.ids.firstIndex(of: "Chungcheongnam-do")!
    let q2013_2 = derived.quarters.firstIndex(of: Period(year: 2013, quarter: 2))!
    #expect(derived.netQuarterly[cn][q2013_2] == 5_061)
    // Rates: Seoul 2012 population 10,195,318; Chungnam + Sejong 2013 = 2,047,631 + 122,153.
    #expect(abs(derived.rateYearly[seoul][derived.years.firstIndex(of: 2012)!] - (-103_647.0 / 10_195_318 * 1000)) < 1e-12)
    #expect(abs(derived.rateQuarterly[cn][q2013_2] - 4 * 5_061.0 / 2_169_784 * 1000) < 1e-12)
    #expect(derived.population[cn][derived.years.firstIndex(of: 2013)!] == 2_169_784)
}

@Test(.needsDataFolder) func panelIsConsistentAndConservesMigrants() {
    #expect(derived.ids.count == 16 && !derived.ids.contains("Sejong"))
    #expect(derived.years == Array(1997...2020) && derived.quarters.count == 96)
    // Σ over regions of net migration is 0 in every period (every move leaves one region and enters another).
    for q in derived.quarters.indices {
        #expect(derived.netQuarterly.reduce(0) { $0 + $1[q] } == 0)
    }
    // The mean of a year's four annualized quarterly rates is that year's rate.
    let rq = derived.rateQuarterly, ry = derived.rateYearly
    for i in derived.ids.indices {
        for y in derived.years.indices {
            let mean = (0..<4).reduce(0.0) { $0 + rq[i][4 * y + $1] } / 4
            #expect(abs(mean - ry[i][y]) < 1e-9)
        }
    }
    // Settlements: population of 2020, Chungcheongnam-do keeps its own centroid.
    let cn = derived.settlements.first { $0.id == "Chungcheongnam-do" }!
    #expect(cn.latitude == 36.6818428039551)
}

@Test(.needsDataFolder) func regeneratingGivesTheCommittedFiles() throws {
    let dir = temporaryDirectory()
    try derived.write(to: dir)
    let names = ["settlements.csv", "balance_yearly.csv", "balance_quarterly.csv",
                 "net_yearly_persons.csv", "net_quarterly_persons.csv", "features.csv"]
    for name in names {
        let fresh = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        let committed = try? String(contentsOf: bundledKorea.appendingPathComponent(name), encoding: .utf8)
        #expect(fresh == committed, "models/korea/\(name) differs from the regenerated \(dir.path)/\(name)")
    }
    // The committed files read back through the product's readers.
    let (settlements, _) = try SettlementsFile.read(bundledKorea.appendingPathComponent("settlements.csv"))
    let balance = try BalanceFile.read(bundledKorea.appendingPathComponent("balance_quarterly.csv"))
    try CrossCheck.requireKnownIDs(balance, settlements: settlements)
    #expect(balance.periods.first?.decimalYear == 1997 && balance.periods.count == 96)
    let features = try FeaturesFile.read(bundledKorea.appendingPathComponent("features.csv"))
    #expect(features.featureNames.first == "gdp_per_capita")
    #expect(features.value("individual_income_per_capita", id: "Seoul", period: Period(year: 1999)) == nil)
}

@Test func bundledModelConfigurationLoads() throws {
    let c = try ModelConfiguration.load(bundledKorea.appendingPathComponent("model.yaml"))
    #expect(c.data.settlements == bundledKorea.appendingPathComponent("settlements.csv").standardizedFileURL)
    _ = try SettlementsFile.read(try #require(c.data.settlements))
    _ = try BalanceFile.read(try #require(c.data.balance))
}

@Test(.needsDataFolder) func mergedFeaturesArePopulationWeightedMeans() throws {
    // 2013 GDP per capita: Chungcheongnam-do 45,550 (P = 2,047,631), Sejong 55,189 (P = 122,153).
    let row = try #require(derived.features.first { $0.id == "Chungcheongnam-do" && $0.year == 2013 })
    let expected = (2_047_631 * 45_550 + 122_153 * 55_189) / 2_169_784.0
    #expect(abs(try #require(row.values[0]) - expected) < 1e-9)
    // Unmerged regions keep their raw values; incomes before 2000 are missing (nil), never NaN.
    let seoul1999 = try #require(derived.features.first { $0.id == "Seoul" && $0.year == 1999 })
    #expect(seoul1999.values[2] == nil)
    #expect(derived.features.allSatisfy { $0.values.allSatisfy { $0?.isFinite ?? true } })
}

@Test(.needsDataFolder) func populationDensityOfTheMergedRegionUsesBothAreas() throws {
    // 2013: Chungcheongnam-do 2,047,631 + Sejong 122,153 persons over 7,971.5 + 333.6 km².
    let k = try #require(derived.featureNames.firstIndex(of: "population_density"))
    #expect(k == derived.featureNames.count - 1)
    let row = try #require(derived.features.first { $0.id == "Chungcheongnam-do" && $0.year == 2013 })
    #expect(abs(try #require(row.values[k]) - 2_169_784.0 / (7_971.5 + 333.6)) < 1e-9)
    let seoul = try #require(derived.features.first { $0.id == "Seoul" && $0.year == 1997 })
    #expect(try #require(seoul.values[k]) > 10_000)   // Seoul: about 10 million on 605 km²
}

@Test(.needsDataFolder) func nonPositiveAreaIsRejectedWithItsLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("korea-area-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("regions.csv")
    try "region,lat,lon,area_km2\nSeoul,37.5,127.0,0\n".write(to: bad, atomically: true, encoding: .utf8)
    do {
        _ = try KoreaCase.derive(flowsURL: sharedKorea.appendingPathComponent("flows_quarterly.csv"),
                                 populationURL: sharedKorea.appendingPathComponent("population.csv"), regionsURL: bad, mapping: koreaMapping)
        Issue.record("an area of 0 km² was accepted")
    } catch {
        #expect("\(error)".contains("regions.csv") && "\(error)".contains("2") && "\(error)".contains("positive area"), "\(error)")
    }
}
