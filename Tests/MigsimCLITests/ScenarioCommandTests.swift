import DataIO
import Explanation
import Foundation
import Testing
@testable import MigsimCLI

extension ForecastCase {
    func scenario(_ yaml: String, output: String = "scenario") throws -> String? {
        let file = path("s-\(UUID().uuidString).yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return runCommand(ScenarioCommand.self, ["--fit", path("fit/fit.json"), "--config", path("model.yaml"),
                                                 "--scenario", file, "--output", path(output)])
    }
}

@Suite("migsim scenario")
struct ScenarioCommandTests {
    @Test("bad scenario files name the file, the line and what was expected")
    func badScenarioFiles() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        let cases: [(String, [String])] = [
            ("horizon_years: 2\nchanges:\n  - feature: population\n    operation: multiply\n    value: 2\n    from: 2016\n",
             [":3", "population", "one of the model's features gdp, unemployment"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: multiply\n    value: 2\n    regions: [A, Atlantis]\n    from: 2016\n",
             [":6", "Atlantis", "settlement id"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: divide\n    value: 2\n    from: 2016\n",
             [":4", "divide", "one of multiply, add, set"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: add\n    value: 2\n    from: 20x5\n",
             [":6", "20x5", "a period YYYY"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: set\n    value: lots\n    from: 2016\n",
             [":5", "lots", "a finite number"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: set\n    value: 1\n    from: 2016\n    when: now\n",
             [":7", "when", "one of the keys"]),
            ("changes:\n  - {feature: gdp, operation: set, value: 1, from: 2016}\n", ["horizon_years"]),
            ("horizon_years: -1\nchanges:\n  - {feature: gdp, operation: set, value: 1, from: 2016}\n", [":1", "a horizon > 0"]),
            ("horizon_years: 2\nchanges: [\n", ["valid YAML"]),
            ("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: multiply\n    value: 1e308\n    from: 2016\n",
             [":3", "multiply", "gdp", "standard deviations", "within ±1000"]),
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
