import DataIO
import Foundation
import MigrationModel
import Testing
@testable import MigsimCLI

/// `migsim data import`, `data geocode`, `data ages` and `init` on the real data of the data folder.
private let koreaFolder = packageRoot.appendingPathComponent("models/korea")

@Test(.needsDataFolder) func importWithTheKoreanConventionsGivesTheCommittedFiles() throws {
    let out = try scratchFolder()
    let k = dataFile("korea")
    #expect(runCommand(ImportDataCommand.self, [
        "--flows", k.appendingPathComponent("flows_quarterly.csv").path,
        "--population", k.appendingPathComponent("population.csv").path,
        "--regions", k.appendingPathComponent("regions.csv").path,
        "--economy", k.appendingPathComponent("economy.csv").path,
        "--mapping", koreaFolder.appendingPathComponent("region_mapping.csv").path,
        "--population-date", "year-end", "--denominator", "end", "--output", out.path]) == nil)
    for name in ["settlements.csv", "balance_yearly.csv", "balance_quarterly.csv", "features.csv"] {
        #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: koreaFolder.appendingPathComponent(name)), "\(name)")
    }
    // Yearly movers: Seoul 2012 in − out = −103,647 (the data README's check).
    let movers = try CSVTable.read(out.appendingPathComponent("movers_yearly.csv"))
    let row = try #require(movers.rows.first { $0[0] == "Seoul" && $0[1] == "2012" })
    #expect(Double(row[2])! - Double(row[3])! == -103_647 && Double(row[5]) == Double(row[2])! + Double(row[3])!)
}

@Test(.needsDataFolder) func importGeocodesTheUSStates() throws {
    let out = try scratchFolder()
    let us = dataFile("us-states")
    let aliases = out.appendingPathComponent("aliases.csv")
    try "name,worldpop_name\nDistrict of Columbia,Maryland DC\nMaryland,Maryland DC\n".write(to: aliases, atomically: true, encoding: .utf8)
    #expect(runCommand(ImportDataCommand.self, [
        "--flows", us.appendingPathComponent("flows.csv").path, "--population", us.appendingPathComponent("population.csv").path,
        "--population-date", "mid-year", "--denominator", "mid", "--exclude", "Puerto Rico",
        "--geocode", "USA", "--aliases", aliases.path, "--output", out.path]) == nil)
    let (places, ages) = try SettlementsFile.read(out.appendingPathComponent("settlements.csv"))
    #expect(places.count == 51 && ages == nil)
    #expect(places.first { $0.id == "California" }?.population == 39_512_223)   // 1 July 2019, last panel year
}

@Test(.needsDataFolder) func importWithoutCoordinatesOrWithBothOptionsIsRefused() throws {
    let out = try scratchFolder()
    let us = dataFile("us-states")
    let message = try #require(runCommand(ImportDataCommand.self, [
        "--flows", us.appendingPathComponent("flows.csv").path, "--population", us.appendingPathComponent("population.csv").path,
        "--output", out.path]))
    #expect(message.contains("--regions or --geocode"), "\(message)")
    let misspelt = try #require(runCommand(GeocodeDataCommand.self, ["--names", try namesFile(["Seoul", "Busn"]).path,
                                                                     "--country", "KOR"]))
    #expect(misspelt.contains("'Busn' (closest: Busan"), "\(misspelt)")
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("settlements.csv").path))
}

private func namesFile(_ names: [String]) throws -> URL {
    let url = try scratchFolder().appendingPathComponent("names.csv")
    try (["id"] + names).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
}

@Test(.needsDataFolder) func agesGiveJeollanamDoTheOldestStructure() throws {
    // Data README: Jeollanam-do has the highest 65+ share in 2020, 23.1%.
    let out = try scratchFolder().appendingPathComponent("settlements_with_ages.csv")
    #expect(runCommand(AgesDataCommand.self, ["--settlements", koreaFolder.appendingPathComponent("settlements.csv").path,
                                              "--ages", dataFile("korea/population_by_age.csv").path, "--year", "2020",
                                              "--age-bands", "0-14,15-64,65+",
                                              "--mapping", koreaFolder.appendingPathComponent("region_mapping.csv").path,
                                              "--output", out.path]) == nil)
    let (places, ages) = try SettlementsFile.read(out)
    #expect(ages?.lowerBounds == [0, 15, 65])
    let old = places.map { ($0.id, $0.ageShares[2]) }.max { $0.1 < $1.1 }!
    #expect(old.0 == "Jeollanam-do" && (old.1 * 1000).rounded() == 231)
    // 1998 has no ages above 84: an 85+ band cannot be filled.
    let message = try #require(runCommand(AgesDataCommand.self, [
        "--settlements", koreaFolder.appendingPathComponent("settlements.csv").path,
        "--ages", dataFile("korea/population_by_age.csv").path, "--year", "1998", "--output", out.path + ".bad"]))
    #expect(message.contains("population_by_age.csv") && message.contains("age_85_plus"), "\(message)")
}

@Test(.needsDataFolder) func yearlyAgesRegenerateTheCommittedAgeStructure() throws {
    // models/korea/age_structure.csv (data.ages of model.yaml): 2000–2020, bands to 85–99 (2000–2011
    // have no 100+ row, so an open band cannot be filled there; ages above 99 are left out every year).
    let out = try scratchFolder().appendingPathComponent("age_structure.csv")
    let bands = stride(from: 0, to: 85, by: 5).map { "\($0)-\($0 + 4)" }.joined(separator: ",") + ",85-99"
    func run(_ years: String, _ output: String) -> String? {
        runCommand(AgesDataCommand.self, ["--settlements", koreaFolder.appendingPathComponent("settlements.csv").path,
                                          "--ages", dataFile("korea/population_by_age.csv").path, "--years", years,
                                          "--age-bands", bands,
                                          "--mapping", koreaFolder.appendingPathComponent("region_mapping.csv").path,
                                          "--output", output])
    }
    #expect(run("2000-2020", out.path) == nil)
    #expect(try Data(contentsOf: out) == Data(contentsOf: koreaFolder.appendingPathComponent("age_structure.csv")))
    let file = try AgeStructureFile.read(out)
    #expect(file.years == Array(2000...2020) && file.structure.count == 18)
    // 1999 has no ages above 84: the 85–99 band cannot be filled, and the error says so.
    let message = try #require(run("1999-2000", out.path + ".bad"))
    #expect(message.contains("1999") && message.contains("age_85_99"), "\(message)")
    #expect(try #require(runCommand(AgesDataCommand.self, ["--settlements", "x", "--ages", "y", "--years", "2020-2000", "--output", "z"]))
        .contains("--years"))
}

@Test func initWritesALoadableCommentedConfiguration() throws {
    let dir = try scratchFolder().appendingPathComponent("case")
    #expect(runCommand(InitCommand.self, [dir.path, "--settlements", koreaFolder.appendingPathComponent("settlements.csv").path,
                                          "--balance", koreaFolder.appendingPathComponent("balance_yearly.csv").path,
                                          "--features", koreaFolder.appendingPathComponent("features.csv").path]) == nil)
    let yaml = dir.appendingPathComponent("model.yaml")
    let c = try ModelConfiguration.load(yaml)
    #expect(c.simulation.start == 1997 && c.simulation.end == 2021 && c.simulation.outputStep == 1)
    #expect(c.parameters == ModelParameters())
    #expect(c.simulation.solver == .auto)   // the integrator chosen per run (SolverSelection)
    #expect(c.data.balance == dir.appendingPathComponent("balance_yearly.csv").standardizedFileURL)
    #expect(try Data(contentsOf: dir.appendingPathComponent("settlements.csv")) == Data(contentsOf: koreaFolder.appendingPathComponent("settlements.csv")))
    let text = try String(contentsOf: yaml, encoding: .utf8)
    for key in ["alpha:", "distance_scale:", "gamma:", "beta:", "delta:", "damping:", "inertia:", "age_function:", "metric:",
                "dense_limit:", "neighbours:", "output_step:", "solver:", "rtol:", "atol:", "step:", "holdout_periods:",
                "learn:", "weights:", "budget:", "INACTIVE"] {
        #expect(text.contains(key), "model.yaml lacks \(key)")
    }
    // Never overwrites.
    let again = try #require(runCommand(InitCommand.self, [dir.path, "--settlements", dir.appendingPathComponent("settlements.csv").path,
                                                           "--balance", dir.appendingPathComponent("balance_yearly.csv").path]))
    #expect(again.contains("exists already"), "\(again)")
}

@Test func initRejectsABalanceWithUnknownRegions() throws {
    let dir = try scratchFolder()
    let balance = dir.appendingPathComponent("b.csv")
    try "id,period,value\nSeoul,2000,1\nAtlantis,2000,2\n".write(to: balance, atomically: true, encoding: .utf8)
    let message = try #require(runCommand(InitCommand.self, [dir.appendingPathComponent("case").path,
                                                             "--settlements", koreaFolder.appendingPathComponent("settlements.csv").path,
                                                             "--balance", balance.path]))
    #expect(message.contains("b.csv") && message.contains("Atlantis"), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("case/model.yaml").path))
}

@Test(.needsDataFolder) func usStatesCaseIsRegeneratedByteForByte() throws {
    let out = try scratchFolder()
    let us = dataFile("us-states"), committed = packageRoot.appendingPathComponent("models/us-states")
    #expect(runCommand(ImportDataCommand.self, [
        "--flows", us.appendingPathComponent("flows.csv").path, "--population", us.appendingPathComponent("population.csv").path,
        "--population-date", "mid-year", "--denominator", "mid", "--exclude", "Puerto Rico", "--geocode", "USA",
        "--aliases", committed.appendingPathComponent("worldpop_aliases.csv").path,
        "--economy", us.appendingPathComponent("economy.csv").path, "--output", out.path]) == nil)
    for name in ["settlements.csv", "balance_yearly.csv", "net_yearly_persons.csv", "movers_yearly.csv", "features.csv", "import.yaml"] {
        #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: committed.appendingPathComponent(name)), "\(name)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("balance_quarterly.csv").path))   // yearly input
    let c = try ModelConfiguration.load(committed.appendingPathComponent("model.yaml"))
    #expect(c.simulation.start == 2005 && c.simulation.end == 2020)
}

@Test(.needsDataFolder) func importWithAgesFillsTheSettlementsAgeColumns() throws {
    let out = try scratchFolder()
    let k = dataFile("korea")
    #expect(runCommand(ImportDataCommand.self, [
        "--flows", k.appendingPathComponent("flows_quarterly.csv").path,
        "--population", k.appendingPathComponent("population.csv").path,
        "--regions", k.appendingPathComponent("regions.csv").path,
        "--mapping", koreaFolder.appendingPathComponent("region_mapping.csv").path,
        "--ages", k.appendingPathComponent("population_by_age.csv").path, "--output", out.path]) == nil)
    let (places, ages) = try SettlementsFile.read(out.appendingPathComponent("settlements.csv"))
    #expect(ages?.lowerBounds.count == 18 && places.count == 16)
    // The age file added to the committed settlements gives the same columns (models/korea/settlements_with_ages.csv).
    #expect(try Data(contentsOf: out.appendingPathComponent("settlements.csv"))
            == Data(contentsOf: koreaFolder.appendingPathComponent("settlements_with_ages.csv")))
    #expect(try String(contentsOf: out.appendingPathComponent("import.yaml"), encoding: .utf8).contains("ages: {file: \"population_by_age.csv\", year: 2020"))
}
