import ArgumentParser
import Foundation
import Testing
@testable import MigsimCLI

/// The package root (…/Tests/MigsimCLITests/this file → three levels up).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func runCommand<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) -> String? {
    do {
        var command = try C.parse(arguments)
        try command.run()
        return nil
    } catch {
        return C.message(for: error)
    }
}

func scratchFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Test(.needsDataFolder) func dataKoreaRegeneratesTheCommittedFiles() throws {
    let out = try scratchFolder()
    let committedFolder = packageRoot.appendingPathComponent("models/korea")
    #expect(runCommand(KoreaDataCommand.self, ["--input", dataFile("korea").path,
                                               "--mapping", committedFolder.appendingPathComponent("region_mapping.csv").path,
                                               "--output", out.path]) == nil)
    for name in ["settlements.csv", "balance_yearly.csv", "balance_quarterly.csv", "net_yearly_persons.csv",
                 "net_quarterly_persons.csv", "features.csv"] {
        let fresh = try Data(contentsOf: out.appendingPathComponent(name))
        let committed = try Data(contentsOf: committedFolder.appendingPathComponent(name))
        #expect(fresh == committed, "\(name) differs from models/korea/\(name)")
    }
    let record = try String(contentsOf: out.appendingPathComponent("import.yaml"), encoding: .utf8)
    #expect(record.contains("denominator: end") && record.contains("population_date: year-end")
            && record.contains("Sejong → Chungcheongnam-do"), "\(record)")
}

@Test func dataKoreaNamesAMissingRawFile() throws {
    let empty = try scratchFolder()
    let mapping = packageRoot.appendingPathComponent("models/korea/region_mapping.csv").path
    let message = try #require(runCommand(KoreaDataCommand.self, ["--input", empty.path, "--mapping", mapping,
                                                                   "--output", empty.appendingPathComponent("out").path]))
    #expect(message.contains(empty.path) && message.contains("expected an existing CSV file"), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("out/settlements.csv").path))
}

@Test func distancesWritesEveryOrderedPair() throws {
    let out = try scratchFolder().appendingPathComponent("d.csv")
    let settlements = packageRoot.appendingPathComponent("models/korea/settlements.csv").path
    #expect(runCommand(DistancesCommand.self, [settlements, "--metric", "wgs84", "--output", out.path]) == nil)
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "origin,destination,km")
    #expect(lines.count == 1 + 16 * 15)
    // Seoul–Busan between population-weighted centroids: about 325 km.
    let row = try #require(lines.first { $0.hasPrefix("Seoul,Busan,") })
    let km = try #require(Double(row.split(separator: ",")[2]))
    #expect(km > 300 && km < 350)
}

@Test func distancesWritesKNearestNeighboursInRankOrder() throws {
    let out = try scratchFolder().appendingPathComponent("nn.csv")
    let settlements = packageRoot.appendingPathComponent("models/korea/settlements.csv").path
    #expect(runCommand(DistancesCommand.self, [settlements, "--neighbours", "3", "--output", out.path]) == nil)
    let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    #expect(rows.count == 16 * 3)
    let seoul = rows.filter { $0[0] == "Seoul" }
    #expect(seoul.map { $0[2] } == ["1", "2", "3"])
    #expect(seoul[0][1] == "Gyeonggi-do" || seoul[0][1] == "Incheon")
    #expect(Double(seoul[0][3])! <= Double(seoul[1][3])!)
}

@Test(arguments: [
    (["/nonexistent/settlements.csv"], "/nonexistent/settlements.csv"),
    (["SETTLEMENTS", "--neighbours", "0"], "--neighbours"),
    (["SETTLEMENTS", "--neighbours", "16"], "--neighbours 16"),
    (["BAD", "--metric", "sphere"], "lat"),
])
func distancesRejectsBadInput(arguments: [String], mention: String) throws {
    let dir = try scratchFolder()
    try "id,name,lat,lon,population\nA,A,91,0,10\nB,B,0,0,10\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let settlements = packageRoot.appendingPathComponent("models/korea/settlements.csv").path
    let out = dir.appendingPathComponent("out.csv")
    let args = arguments.map { $0 == "SETTLEMENTS" ? settlements : ($0 == "BAD" ? dir.appendingPathComponent("bad.csv").path : $0) }
    let message = try #require(runCommand(DistancesCommand.self, args + ["--output", out.path]))
    #expect(message.contains(mention), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
}

@Test func distancesRejectsAnUnknownMetric() {
    #expect(throws: (any Error).self) { _ = try DistancesCommand.parse(["s.csv", "--metric", "flat"]) }
}
