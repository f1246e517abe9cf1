import Foundation
import Testing
@testable import DataIO

/// `DataFolder`: `MIGSIM_DATA` first, then `../shared/data` from the project root.
@Test func dataFolderResolvesTheEnvironmentFirstThenTheSiblingFolder() throws {
    let root = URL(fileURLWithPath: "/work/project")
    #expect(DataFolder.resolve(projectRoot: root, environment: [:]).url.path == "/work/shared/data")
    #expect(DataFolder.resolve(projectRoot: root, environment: ["MIGSIM_DATA": ""]).url.path == "/work/shared/data")
    let fromEnvironment = DataFolder.resolve(projectRoot: root, environment: ["MIGSIM_DATA": "/data/sets/"])
    #expect(fromEnvironment.url.path == "/data/sets" && fromEnvironment.fromEnvironment)
    let relative = DataFolder.resolve(projectRoot: root, environment: ["MIGSIM_DATA": "x/y"])
    #expect(relative.url.path == FileManager.default.currentDirectoryPath + "/x/y")
    #expect(fromEnvironment.file("korea/regions.csv").path == "/data/sets/korea/regions.csv")
}

@Test func missingDataFolderErrorSaysHowToSetMIGSIMDATA() throws {
    let empty = temporaryDirectory()
    expectDataError(.missingFile, mentions: [empty.path + "/shared/data", "MIGSIM_DATA=/path/to/data"]) {
        try DataFolder.locate(projectRoot: empty.appendingPathComponent("project"), environment: [:])
    }
    expectDataError(.missingFile, mentions: [empty.path + "/nowhere", "named by MIGSIM_DATA"]) {
        try DataFolder.locate(projectRoot: empty, environment: ["MIGSIM_DATA": empty.path + "/nowhere"])
    }
    #expect(try DataFolder.locate(projectRoot: empty, environment: ["MIGSIM_DATA": empty.path]).url.path == empty.standardizedFileURL.path)
    let notice = DataFolder.resolve(projectRoot: empty, environment: [:]).skipNotice
    #expect(notice.contains("not found") && notice.contains("MIGSIM_DATA=/path/to/data") && !notice.contains("\n"))
}
