import DataIO
import Explanation
import Foundation
import Testing
@testable import MigsimCLI

extension ExplainCase {
    func scenario(_ yaml: String, output: String = "scenario") throws -> String? {
        let file = path("s-\(UUID().uuidString).yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return runCommand(ScenarioCommand.self, ["--fit", path("fit/fit.json"), "--config", path("model.yaml"),
                                                 "--features", path("features.csv"), "--scenario", file, "--output", path(output)])
    }

    func table(_ name: String) throws -> [[Substring]] {
        try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }
}

@Suite("migsim scenario")
struct ScenarioCommandTests {
    @Test("a zero change reproduces the baseline exactly; a change on one region moves its balance")
    func zeroAndOneRegion() throws {
        let c = try ExplainCase()
        #expect(try c.scenario("""
            horizon_years: 3
            changes:
              - {feature: gdp, operation: multiply, value: 1, regions: all, from: 2005}
            """, output: "zero") == nil)
        let zero = try c.table("zero/scenario.csv")
        #expect(zero[0] == ["id", "time", "baseline", "scenario", "difference", "force_change", "baseline_persons", "scenario_persons", "persons_difference"])
        #expect(zero.count == 1 + 3 * 4)
        for row in zero.dropFirst() { #expect(row[2] == row[3] && row[4] == "0" && row[8] == "0") }

        #expect(try c.scenario("""
            name: a-richer
            horizon_years: 3
            start: 2005
            changes:
              - feature: gdp
                operation: add
                value: 10
                regions: [A]
                from: 2005
            """, output: "one") == nil)
        let one = try c.table("one/scenario.csv")
        #expect(zero.map { $0[2] } == one.map { $0[2] })     // same baseline
        // The force change of A is the regression's gdp coefficient × 10; B and C unchanged.
        let data = try ExplainData.load(fit: c.path("fit/fit.json"), features: c.path("features.csv"), chosen: [])
        let model = try LinearRegression.fit(x: data.x, y: data.y, featureNames: data.featureNames)
        let aRows = one.dropFirst().filter { $0[0] == "A" }
        let others = one.dropFirst().filter { $0[0] != "A" }
        for row in aRows { #expect(abs(Double(row[5])! - 10 * model.coefficients[0]) <= 1e-12 * abs(10 * model.coefficients[0])) }
        #expect(others.allSatisfy { $0[5] == "0" })
        #expect(Double(aRows.last![4])! != 0)
    }

    @Test("bad scenario files name the file, the line and what was expected")
    func badScenarioFiles() throws {
        let c = try ExplainCase()
        let cases: [(String, [String])] = [
            ("horizon_years: 2\nchanges:\n  - feature: population\n    operation: multiply\n    value: 2\n    from: 2005\n",
             [":3", "population", "one of the model's features gdp, income"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: multiply\n    value: 2\n    regions: [A, Atlantis]\n    from: 2005\n",
             [":6", "Atlantis", "settlement id"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: divide\n    value: 2\n    from: 2005\n",
             [":4", "divide", "one of multiply, add, set"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: add\n    value: 2\n    from: 20x5\n",
             [":6", "20x5", "a period YYYY"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: set\n    value: lots\n    from: 2005\n",
             [":5", "lots", "a finite number"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: set\n    value: 1\n    from: 2005\n    when: now\n",
             [":7", "when", "one of the keys"]),
            ("changes:\n  - {feature: gdp, operation: set, value: 1, from: 2005}\n", ["horizon_years"]),
            ("horizon_years: -1\nchanges:\n  - {feature: gdp, operation: set, value: 1, from: 2005}\n", [":1", "a horizon > 0"]),
            ("horizon_years: 2\nchanges: [\n", ["valid YAML"]),
        ]
        for (yaml, needles) in cases {
            let e = try c.scenario(yaml)
            #expect(e?.contains(".yaml") == true, "\(e ?? "accepted")")
            for n in needles { #expect(e?.contains(n) == true, "'\(n)' not in: \(e ?? "accepted")") }
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("scenario/scenario.csv")))
    }

    @Test("the bundled Korean scenario file parses")
    func koreanScenarioParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("models/korea/scenarios/seoul_gdp_plus10.yaml")
        let spec = try ScenarioFile.load(url)
        #expect(spec.changes.count == 1 && spec.changes[0].regions == ["Seoul"] && spec.changes[0].operation == .multiply)
        #expect(spec.changes[0].value == 1.1 && spec.start == Period(year: 2018) && spec.horizonYears == 5)
    }
}
