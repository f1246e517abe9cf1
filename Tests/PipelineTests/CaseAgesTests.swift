import DataIO
import Foundation
import MigrationModel
import Testing
@testable import Pipeline

/// A two-region case 2000–2009 in a fresh folder; `ages` (a yearly age table) is named as
/// data.ages when given, `settlementAges` adds age columns to the settlements file.
private func caseFolder(ages: String?, settlementAges: Bool = false) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("case-ages-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let settlements = settlementAges
        ? "id,name,lat,lon,population,age_0_29,age_30_plus\nA,A,37.5,127.0,1000000,60,40\nB,B,35.2,129.1,500000,30,70\n"
        : "id,name,lat,lon,population\nA,A,37.5,127.0,1000000\nB,B,35.2,129.1,500000\n"
    var balance = "id,period,value\n"
    for id in ["A", "B"] { for y in 2000...2009 { balance += "\(id),\(y),\(id == "A" ? y % 3 : -(y % 4))\n" } }
    var yaml = """
    model: {alpha: 0.5, beta: 0.2, delta: 0.3, damping: 0.8}
    simulation: {start: 2000, end: 2010}
    data:
      settlements: settlements.csv
      balance: balance.csv

    """
    if let ages {
        try ages.write(to: dir.appendingPathComponent("ages.csv"), atomically: true, encoding: .utf8)
        yaml += "  ages: ages.csv\n"
    }
    try settlements.write(to: dir.appendingPathComponent("settlements.csv"), atomically: true, encoding: .utf8)
    try balance.write(to: dir.appendingPathComponent("balance.csv"), atomically: true, encoding: .utf8)
    try yaml.write(to: dir.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
    return dir
}

/// Ages 2001–2009 whose young share falls by 5 points a year in A (so each year's Aᵢ differs).
private let yearlyAges: String = {
    var s = "id,period,age_0_14,age_15_29,age_30_64,age_65_plus\n"
    for y in 2001...2009 {
        let k = Double(y - 2001)
        s += "A,\(y),\(20 - k),\(45 - 4 * k),\(30 + 4 * k),\(5 + k)\n"
        s += "B,\(y),10,20,50,20\n"
    }
    return s
}()

@Suite struct CaseAgesTests {
    @Test("a fit takes the age structure of its window's last year, never a later one")
    func windowYear() throws {
        let dir = try caseFolder(ages: yearlyAges)
        let files = FitCase.Files(configuration: dir.appendingPathComponent("model.yaml"))
        let whole = try FitCase.load(files, holdout: 0)
        #expect(whole.ageTerm.active && whole.ageTerm.year == 2009 && whole.ageTerm.file == "ages.csv")
        // `migsim fit` with a holdout of 3: the window ends in 2006.
        #expect(try FitCase.load(files, holdout: 3).ageTerm.year == 2006)
        // A backtest origin 2004 (its window ends at the start of 2005).
        let origin = try FitCase.load(files, holdout: 0, windowEnd: 2005)
        #expect(origin.data.trainingPeriods.last?.label == "2004" && origin.ageTerm.year == 2004)
        // A fit carried to a later origin keeps the ages it was fitted with.
        #expect(try FitCase.load(files, holdout: 0, ageTime: 2003).ageTerm.year == 2003)
        // The settlements carry that year's shares, and Aᵢ changes with the year.
        #expect(origin.settlements[0].ageShares.count == 4)
        #expect(abs(origin.settlements[0].ageShares.reduce(0, +) - 1) < 1e-12)
        #expect(origin.ageTerm.mobility[0] != whole.ageTerm.mobility[0])
        #expect(origin.ageTerm.mobility[1] == whole.ageTerm.mobility[1])
        // The file is part of the fingerprint (a fit.json records which ages it was fitted with).
        #expect(whole.fingerprint["ages"] != nil)
    }

    @Test("a window that ends before the age file starts is an error naming the file and the years")
    func tooEarly() throws {
        let dir = try caseFolder(ages: yearlyAges)
        let files = FitCase.Files(configuration: dir.appendingPathComponent("model.yaml"))
        do {
            _ = try FitCase.load(files, holdout: 0, windowEnd: 2004, ageTime: 2000)
            Issue.record("expected an error")
        } catch {
            let m = String(describing: error)
            #expect(m.contains("ages.csv") && m.contains("2001–2009") && m.contains("2000"), "\(m)")
        }
    }

    @Test("simulate may take the file's first year for a span that ends before it; a fit may not")
    func earliestForSimulate() throws {
        let dir = try caseFolder(ages: yearlyAges)
        let c = try ModelConfiguration.load(dir.appendingPathComponent("model.yaml"))
        let places = [Settlement(id: "A", name: nil, latitude: 37.5, longitude: 127, population: 1),
                      Settlement(id: "B", name: nil, latitude: 35.2, longitude: 129.1, population: 1)]
        let r = try CaseAges.resolve(configuration: c, settlements: places, ages: nil, settlementsFile: "s.csv", time: 2000.5,
                                     earliestIfNone: true)
        #expect(r.source.year == 2001 && r.settlements[0].ageShares.count == 4)
        #expect(throws: (any Error).self) {
            try CaseAges.resolve(configuration: c, settlements: places, ages: nil, settlementsFile: "s.csv", time: 2000.5)
        }
    }

    @Test("without data.ages: the settlements file's snapshot, or inactive with the reason")
    func snapshotOrInactive() throws {
        let snapshot = try FitCase.load(FitCase.Files(configuration: try caseFolder(ages: nil, settlementAges: true)
            .appendingPathComponent("model.yaml")), holdout: 0)
        #expect(snapshot.ageTerm.active && snapshot.ageTerm.year == nil && snapshot.ageTerm.file == "settlements.csv")
        #expect(snapshot.ageTerm.summary.contains("one snapshot"))
        let none = try FitCase.load(FitCase.Files(configuration: try caseFolder(ages: nil).appendingPathComponent("model.yaml")), holdout: 0)
        #expect(!none.ageTerm.active && none.ages == nil)
        #expect(none.ageTerm.summary.hasPrefix("inactive:") && none.ageTerm.summary.contains("no age columns"))
        #expect(none.fingerprint["ages"] == nil)
    }

    @Test("the report's model section states the age term's status from fit.json")
    func reportLine() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("models/korea/fit.json")
        var artifact = try FitArtifact.read(url)
        artifact.ageTerm = AgeTermSource(file: "age_structure.csv", year: 2017, active: true, mobility: [0.41, 0.47, 0.52])
        let active = try #require(ReportBuilder.ageTermLine(artifact))
        #expect(active.hasPrefix("Age term: active") && active.contains("2017") && active.contains("age_structure.csv")
                && active.contains("0.410") && active.contains("0.520"), "\(active)")
        artifact.ageTerm = AgeTermSource(file: "settlements.csv", year: nil, active: false, reason: "settlements.csv has no age columns")
        let inactive = try #require(ReportBuilder.ageTermLine(artifact))
        #expect(inactive.hasPrefix("Age term: inactive") && inactive.contains("settlements.csv has no age columns"), "\(inactive)")
        artifact.ageTerm = nil
        #expect(ReportBuilder.ageTermLine(artifact)?.contains("not recorded") == true)
        #expect(ReportBuilder.ageTermLine(nil) == nil)
    }
}

/// The `DataError` `body` throws (nil when it succeeds or throws something else).
private func dataError(_ body: () throws -> Void) -> DataError? {
    do { try body(); return nil } catch { return error as? DataError }
}

@Suite struct AgeStructureFileTests {
    @Test func readsYearsAndPicksTheLastAtOrBefore() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ages-\(UUID().uuidString).csv")
        try yearlyAges.write(to: url, atomically: true, encoding: .utf8)
        let f = try AgeStructureFile.read(url)
        #expect(f.years == Array(2001...2009) && f.structure.count == 4)
        #expect(f.year(atOrBefore: 2005.75) == 2005 && f.year(atOrBefore: 2005) == 2005 && f.year(atOrBefore: 2000.9) == nil)
        #expect(f.year(atOrBefore: 2030) == 2009)
        let places = [Settlement(id: "A", name: nil, latitude: 0, longitude: 0, population: 1),
                      Settlement(id: "C", name: nil, latitude: 0, longitude: 0, population: 1)]
        let e = try #require(dataError { _ = try f.settlements(places, year: 2003) })
        #expect(e.kind == .missingKey && String(describing: e).contains("C 2003"))
    }

    @Test func duplicateRowsAreErrors() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ages-\(UUID().uuidString).csv")
        try "id,period,age_0_29,age_30_plus\nA,2001,1,2\nA,2001,1,2\n".write(to: url, atomically: true, encoding: .utf8)
        let e = try #require(dataError { _ = try AgeStructureFile.read(url) })
        #expect(e.kind == .duplicateKey && e.line == 3)
    }
}
