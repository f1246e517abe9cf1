import DataIO
import Foundation
import Explanation
import PhysicsInformed
import Pipeline
import Testing
@testable import MigsimCLI

/// A small closed case with features: four settlements, 2000–2015, a fit with a force of features.
struct ForecastCase {
    let dir: URL
    static let ids = ["A", "B", "C", "D"]
    static let populations = [4_000_000.0, 2_000_000, 1_000_000, 500_000]

    init(system: String = "closed", features: Bool = true) throws {
        dir = try scratchFolder()
        var settlements = "id,name,lat,lon,population\n"
        let coordinates = [(37.5, 127.0), (35.1, 129.0), (36.3, 127.4), (35.8, 128.6)]
        for (i, id) in Self.ids.enumerated() {
            settlements += "\(id),\(id)-town,\(coordinates[i].0),\(coordinates[i].1),\(Int(Self.populations[i]))\n"
        }
        try write("settlements.csv", settlements)
        var balance = "id,period,value\n", feature = "id,period,gdp,unemployment\n"
        for k in 0..<16 {
            let t = Double(k)
            var q = (0..<4).map { i in [3.0, -2.0, 1.0, -4.0][i] + 1.2 * sin(0.7 * t + Double(i)) + 0.3 * Double(i) * cos(1.3 * t) }
            // Closed under the populations: Σ P q = 0 (D takes up the rest).
            let partial = (0..<3).reduce(0) { $0 + Self.populations[$1] * q[$1] }
            q[3] = -partial / Self.populations[3]
            for i in 0..<4 {
                balance += "\(Self.ids[i]),\(2000 + k),\(String(format: "%.4f", q[i]))\n"
                let gdp = 20 + 4 * Double(i) + 0.6 * t + sin(Double(2 * k + i))
                let unemployment = 3 + Double(i) * 0.5 + 0.4 * cos(Double(k + 2 * i))
                feature += "\(Self.ids[i]),\(2000 + k),\(String(format: "%.3f", gdp)),\(String(format: "%.3f", unemployment))\n"
            }
        }
        try write("balance.csv", balance)
        try write("features.csv", feature)
        try write("model.yaml", """
            model: {alpha: 0.5, beta: 0.2, delta: 0.3, damping: 0.8}
            simulation: {start: 2000, end: 2016}
            system: \(system)
            data: {settlements: settlements.csv, balance: balance.csv\(features ? ", features: features.csv" : "")}
            fit:
              holdout_periods: 0
              solution_hidden: [8]
              force_hidden: \(features ? "[]" : "[4]")
              adam_iterations: 40
              learning_rate: 0.01
              lbfgs_iterations: 20
            """)
    }

    func write(_ name: String, _ text: String) throws { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    func table(_ name: String) throws -> [[Substring]] {
        try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }
    func fit(_ output: String = "fit") -> String? {
        runCommand(FitCommand.self, ["--config", path("model.yaml"), "--output", path(output)])
    }
}

@Suite("migsim forecast, scenario and backtest")
struct ForecastCommandTests {
    @Test("forecast.csv: intervals nest around the mean; a closed system's persons sum to zero in every period")
    func forecastTable() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        #expect(fitted.isForecastable && fitted.forecastSettings != nil)
        #expect(runCommand(ForecastCommand.self, ["--fit", c.path("fit/fit.json"), "--config", c.path("model.yaml"), "--horizon", "3",
                                                  "--output", c.path("fc")]) == nil)
        let t = try c.table("fc/forecast.csv")
        #expect(t[0] == ["id", "period", "mean", "lower80", "upper80", "lower95", "upper95", "persons"])
        #expect(t.count == 1 + 4 * 3)
        for row in t.dropFirst() {
            let v = row[2...7].map { Double($0)! }
            #expect(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4], "\(row)")
        }
        for period in ["2016", "2017", "2018"] {
            let persons = t.dropFirst().filter { $0[1] == period }.map { Double($0[7])! }
            let scale = persons.map(abs).reduce(0, +)
            #expect(persons.count == 4 && abs(persons.reduce(0, +)) <= 1e-9 * max(scale, 1), "\(period): \(persons)")
        }
        #expect(FileManager.default.fileExists(atPath: c.path("fc/forecast.json")))
        // Nothing but the output folder itself is left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: c.dir.path).filter { $0.hasPrefix("fc.") }
        #expect(siblings.isEmpty, "\(siblings)")
    }

    @Test("forecast refuses a time-only fit, a bad horizon, bad levels and an origin outside the data, leaving no output")
    func forecastBadInput() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        let base = ["--fit", c.path("fit/fit.json"), "--config", c.path("model.yaml"), "--output", c.path("bad")]
        let zero = runCommand(ForecastCommand.self, base + ["--horizon", "0"])
        #expect(zero?.contains("--horizon") == true, "\(zero ?? "accepted")")
        let level = runCommand(ForecastCommand.self, base + ["--horizon", "2", "--level", "80,120"])
        #expect(level?.contains("--level") == true, "\(level ?? "accepted")")
        let origin = runCommand(ForecastCommand.self, base + ["--horizon", "2", "--origin", "1990"])
        #expect(origin?.contains("--origin") == true && origin?.contains("1990") == true, "\(origin ?? "accepted")")
        let timeOnly = try ForecastCase(features: false)
        #expect(timeOnly.fit() == nil)
        let e = runCommand(ForecastCommand.self, ["--fit", timeOnly.path("fit/fit.json"), "--config", timeOnly.path("model.yaml"),
                                                  "--horizon", "2", "--output", timeOnly.path("bad")])
        #expect(e?.contains("function of time only") == true, "\(e ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("bad")) && !FileManager.default.fileExists(atPath: timeOnly.path("bad")))
    }

    @Test("scenario: a zero change reproduces the baseline; a change moves its region; persons sum to zero; unknown settlements are named")
    func scenario() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        func run(_ yaml: String, _ output: String) throws -> String? {
            try c.write("\(output).yaml", yaml)
            return runCommand(ScenarioCommand.self, ["--fit", c.path("fit/fit.json"), "--config", c.path("model.yaml"),
                                                     "--scenario", c.path("\(output).yaml"), "--output", c.path(output)])
        }
        #expect(try run("horizon_years: 3\nchanges:\n  - {feature: gdp, operation: multiply, value: 1, regions: all, from: 2016}\n", "zero") == nil)
        let zero = try c.table("zero/scenario.csv")
        #expect(zero[0].prefix(7) == ["id", "time", "period", "baseline", "scenario", "difference", "force_change"])
        for row in zero.dropFirst() { #expect(row[3] == row[4] && Double(row[5]) == 0 && Double(row[13]) == 0) }
        #expect(try run("horizon_years: 3\nchanges:\n  - {feature: gdp, operation: multiply, value: 1.5, regions: [A], from: 2016}\n", "rich") == nil)
        let rich = try c.table("rich/scenario.csv")
        let a = rich.dropFirst().filter { $0[0] == "A" }
        #expect(a.contains { Double($0[6])! != 0 })          // A's force changes …
        #expect(a.contains { Double($0[5])! != 0 })          // … and so does its balance, whatever the fit's λ
        for period in Set(rich.dropFirst().map { $0[2] }) {
            let rows = rich.dropFirst().filter { $0[2] == period }
            for column in [11, 12] {
                let persons = rows.map { Double($0[column])! }
                #expect(abs(persons.reduce(0, +)) <= 1e-9 * max(persons.map(abs).reduce(0, +), 1), "\(period) column \(column)")
            }
        }
        let e = try run("horizon_years: 2\nchanges:\n  - feature: gdp\n    operation: add\n    value: 1\n    regions: [A, Atlantis]\n    from: 2016\n", "bad")
        #expect(e?.contains("bad.yaml:6") == true && e?.contains("Atlantis") == true, "\(e ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("bad")))
    }

    @Test("backtest: the model, its ablations and six baselines on the same origins; tables as documented")
    func backtest() throws {
        let c = try ForecastCase()
        #expect(runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", "2013", "--horizon", "2",
                                                  "--output", c.path("bt"), "--jobs", "2"]) == nil)
        let summary = try c.table("bt/summary.csv")
        #expect(summary[0] == ["method", "origins", "mase", "rmse", "bias", "coverage80", "coverage95", "interval_score80", "interval_score95"])
        #expect(Set(summary.dropFirst().map { String($0[0]) }) == ["migsim", "migsim-no-coupling", "migsim-force-only", "persistence",
                                                                   "drift", "mean", "ses", "arima011", "pooled-ar1"])
        for row in summary.dropFirst() { #expect(row[1] == "1" && Double(row[2])! > 0) }
        let cells = try c.table("bt/backtest.csv")
        #expect(cells[0].prefix(7) == ["origin", "method", "id", "period", "horizon", "forecast", "observed"])
        #expect(cells.count == 1 + 9 * 1 * 4 * 2)
        let settings = try c.table("bt/settings.csv")
        #expect(settings.count == 1 + 3)
        // Too few settlements × pseudo-origins for a 95% interval at an earlier origin: named.
        let small = runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", "2012", "--horizon", "2",
                                                      "--output", c.path("bt2")])
        #expect(small?.contains("--origins: 2012") == true, "\(small ?? "accepted")")
    }

    @Test("backtest refuses an origin outside the data, too few periods before an origin, a horizon past the data, naming the option")
    func backtestBadInput() throws {
        let c = try ForecastCase()
        func run(_ origins: String, _ horizon: String) -> String? {
            runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", origins, "--horizon", horizon,
                                              "--output", c.path("bt")])
        }
        let outside = run("1990", "2")
        #expect(outside?.contains("--origins: 1990 is not a period") == true, "\(outside ?? "accepted")")
        let early = run("2003", "2")
        #expect(early?.contains("--origins: 2003 has 4 periods") == true, "\(early ?? "accepted")")
        let late = run("2015", "3")
        #expect(late?.contains("--origins: 2015 with --horizon 3") == true, "\(late ?? "accepted")")
        let jobs = runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", "2012", "--jobs", "0", "--output", c.path("bt")])
        #expect(jobs?.contains("--jobs") == true, "\(jobs ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("bt")))
    }

    @Test("the same configuration, data and seed give the same artifact byte for byte")
    func reproducibleFit() throws {
        let c = try ForecastCase()
        #expect(c.fit("one") == nil && c.fit("two") == nil)
        let one = try Data(contentsOf: URL(fileURLWithPath: c.path("one/fit.json")))
        let two = try Data(contentsOf: URL(fileURLWithPath: c.path("two/fit.json")))
        #expect(one == two)
    }
}

@Suite("fit.json is validated on load")
struct FitArtifactValidationTests {
    @Test("a damaged artifact is refused naming the field, in forecast, scenario and fit --from (no trap)")
    func damagedArtifacts() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        let text = try String(contentsOfFile: c.path("fit/fit.json"), encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var payload = object["payload"] as! [String: Any]
        func write(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
            var p = payload
            change(&p)
            var o = object
            o["payload"] = p
            let path = c.path(name)
            try JSONSerialization.data(withJSONObject: o).write(to: URL(fileURLWithPath: path))
            return path
        }
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
            ("extra-weight.json", "solutionWeights", { $0["solutionWeights"] = ($0["solutionWeights"] as! [Double]) + [0.5] }),
            ("short-force.json", "forceWeights", { $0["forceWeights"] = Array(($0["forceWeights"] as! [Double]).dropLast()) }),
            ("layers.json", "solutionWeights", {     // a wider hidden layer: the weights no longer fit it
                var net = $0["solutionNetwork"] as! [String: Any]; net["layerSizes"] = [1, 9, 4]; $0["solutionNetwork"] = net }),
            ("empty-layers.json", "solutionNetwork.layerSizes", {
                var net = $0["solutionNetwork"] as! [String: Any]; net["layerSizes"] = [Int](); $0["solutionNetwork"] = net }),
            ("means.json", "normalization.means", {
                var z = $0["normalization"] as! [String: Any]; z["means"] = [1.0, 2.0]; $0["normalization"] = z }),
            ("times.json", "times", { $0["times"] = [Double]() }),
            ("period.json", "periodLength", { $0["periodLength"] = 0.0 }),
        ]
        payload = object["payload"] as! [String: Any]
        for (name, field, change) in cases {
            let path = try write(name, change)
            let e = runCommand(ForecastCommand.self, ["--fit", path, "--config", c.path("model.yaml"), "--horizon", "2", "--output", c.path("x")])
            #expect(e?.contains(name) == true && e?.contains("'\(field)'") == true, "\(name): \(e ?? "accepted")")
            let f = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--from", path, "--output", c.path("y")])
            #expect(f?.contains("'\(field)'") == true, "\(name) in fit --from: \(f ?? "accepted")")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("x")))
    }
}

@Suite("Shapley values of the force model")
struct ForceModelShapleyTests {
    @Test("efficiency per row, the closed form of a linear force, and explain's force_shapley tables")
    func forceShapley() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        let fs = try #require(try ForceModelShapley.explain(fitted))
        let e = fs.explanation
        let features = try #require(fitted.forceFeatures)
        #expect(fs.players == features.names + ["settlement_effect"])
        #expect(e.values.count == fitted.times.count * fitted.ids.count)
        // The predictions are the fitted force, and efficiency holds to rounding.
        let force = fitted.force(at: fitted.times)
        let meanForce = force.flatMap { $0 }.reduce(0, +) / Double(e.values.count)
        for r in e.values.indices {
            let k = fitted.times.firstIndex(of: fs.rowTimes[r])!
            #expect(abs(e.predictions[r] - force[k][fs.rowSettlements[r]]) <= 1e-12 * max(1, abs(force[k][fs.rowSettlements[r]])))
            #expect(abs(e.values[r].reduce(0, +) - (e.predictions[r] - meanForce)) <= 1e-10 * max(1, abs(meanForce)))
        }
        // The fixture's force is linear (force_hidden: []): φⱼ = s_F·wⱼ·(zⱼ − z̄ⱼ) and φ_b = s_F·(bᵢ − b̄).
        #expect(fitted.forceNetwork.layerSizes == [features.count, 1])
        let d = features.count, s = fitted.normalization.forceScale
        let rows = fitted.times.flatMap { t in features.inputs(at: t) }
        let means = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] } / Double(rows.count) }
        let meanEffect = fitted.settlementEffects.reduce(0, +) / Double(fitted.ids.count)
        for r in e.values.indices {
            let z = rows[r]
            for j in 0..<d {
                let expected = s * fitted.forceWeights[j] * (z[j] - means[j])
                #expect(abs(e.values[r][j] - expected) <= 1e-10 * max(1, abs(expected)))
            }
            let expected = s * (fitted.settlementEffects[fs.rowSettlements[r]] - meanEffect)
            #expect(abs(e.values[r][d] - expected) <= 1e-10 * max(1, abs(expected)))
        }
        // explain writes both tables; a time-only fit has none.
        #expect(runCommand(ExplainCommand.self, ["--fit", c.path("fit/fit.json"), "--features", c.path("features.csv"),
                                                 "--output", c.path("explain"), "--splits", "5", "--permutations", "0"]) == nil)
        let values = try c.table("explain/force_shapley_values.csv")
        #expect(values[0].map(String.init) == ["id", "period", "force", "base_value", "efficiency_gap"] + fs.players)
        #expect(values.count == 1 + e.values.count)
        #expect(try c.table("explain/force_shapley_importance.csv").count == 1 + fs.players.count)
        let timeOnly = try ForecastCase(features: false)
        #expect(timeOnly.fit() == nil)
        #expect(try ForceModelShapley.explain(try FitArtifact.read(URL(fileURLWithPath: timeOnly.path("fit/fit.json")))) == nil)
    }
}
