import Foundation
import Testing
@testable import DataIO

@Test func csvWriterQuotesAndRoundTrips() throws {
    var w = CSVTableWriter(header: ["id", "name", "lat", "lon", "population"])
    w.append(["A", "Seoul, \"the capital\"", "37.5", "127", CSVTableWriter.format(9_586_195)])
    w.append(["B", "two\nlines", CSVTableWriter.format(0.1 + 0.2), "-1e-7", "1"])
    #expect(w.text.contains("\"Seoul, \"\"the capital\"\"\""))
    let url = temporaryDirectory().appendingPathComponent("out.csv")
    try w.write(to: url)
    let (s, _) = try SettlementsFile.read(url)
    #expect(s[0].name == "Seoul, \"the capital\"" && s[0].population == 9_586_195)
    #expect(s[1].name == "two\nlines" && s[1].latitude == 0.1 + 0.2 && s[1].longitude == -1e-7)
    #expect(CSVTableWriter.format(nil) == "" && CSVTableWriter.format(-3) == "-3")
}

@Test func atomicWriteLeavesNoTemporaryFiles() throws {
    let dir = temporaryDirectory()
    let url = dir.appendingPathComponent("a.csv")
    try AtomicFile.write(Data("old\n".utf8), to: url)
    try AtomicFile.write(Data("new\n".utf8), to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.csv"])
    expectDataError(.writeFailed, mentions: ["writable"]) {
        try AtomicFile.write(Data(), to: dir.appendingPathComponent("no/such/dir.csv"))
    }
}

private struct Fit: Codable, Equatable { var alpha: Double; var ids: [String]; var zeta: Double? }

@Test func jsonArtifactRoundTripsWithSortedKeysAndVersionCheck() throws {
    let url = temporaryDirectory().appendingPathComponent("fit.json")
    let fit = Fit(alpha: 0.1 + 0.2, ids: ["Seoul", "Busan"], zeta: nil)
    try JSONArtifact.write(fit, format: "fit", version: 2, to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    let keys = ["\"format\"", "\"payload\"", "\"version\""].map { text.range(of: $0)!.lowerBound }
    #expect(keys == keys.sorted())
    #expect(try JSONArtifact.read(Fit.self, format: "fit", version: 2, from: url) == fit)
    expectDataError(.formatVersion, mentions: ["version 2", "version 3"]) {
        try JSONArtifact.read(Fit.self, format: "fit", version: 3, from: url)
    }
    expectDataError(.formatVersion, mentions: ["'fit'", "format 'scenario'"]) {
        try JSONArtifact.read(Fit.self, format: "scenario", version: 2, from: url)
    }
    expectDataError(.writeFailed, mentions: ["finite"]) {
        try JSONArtifact.write(Fit(alpha: .nan, ids: [], zeta: nil), format: "fit", version: 1, to: url)
    }
    #expect(try JSONArtifact.read(Fit.self, format: "fit", version: 2, from: url) == fit)
}
