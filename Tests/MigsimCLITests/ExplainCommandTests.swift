import DataIO
import Foundation
import Pipeline
import Testing
@testable import MigsimCLI

/// A fitted `FitCase` artifact plus a features file for its three settlements, 2000–2011.
struct ExplainCase {
    let fit: FitCase

    init() throws {
        fit = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", fit.path("model.yaml"), "--output", fit.path("fit")]) == nil)
        var text = "id,period,gdp,income\n"
        for (i, id) in ["A", "B", "C"].enumerated() {
            for k in 0..<12 {
                let gdp = 20 + 5 * Double(i) + 0.7 * Double(k) + sin(Double(3 * k + i))
                let income = 9 - Double(i) + 0.3 * cos(Double(k * (i + 2)))
                text += "\(id),\(2000 + k),\(String(format: "%.3f", gdp)),\(String(format: "%.3f", income))\n"
            }
        }
        try text.write(toFile: fit.path("features.csv"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { fit.path(name) }

    func features(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: path("features.csv"), encoding: .utf8)
        let name = "features-\(UUID().uuidString).csv"
        try text.replacingOccurrences(of: old, with: new).write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    func explain(_ extra: [String] = [], features: String? = nil) -> String? {
        runCommand(ExplainCommand.self, ["--fit", path("fit/fit.json"), "--features", features ?? path("features.csv"),
                                         "--output", path("explain"), "--splits", "30", "--permutations", "49"] + extra)
    }
}

@Suite("migsim explain")
struct ExplainCommandTests {
    @Test("writes the target, the regression and the validation tables")
    func writesEverything() throws {
        let c = try ExplainCase()
        #expect(c.explain() == nil)
        for name in ["target.csv", "coefficients.csv", "validation.csv", "validation_splits.csv", "regression.json", "validation.json",
                     "validation_protocols.csv", "shapley_values.csv", "shapley_importance.csv"] {
            #expect(FileManager.default.fileExists(atPath: c.path("explain/" + name)), "\(name) missing")
        }
        let target = try String(contentsOfFile: c.path("explain/target.csv"), encoding: .utf8).split(separator: "\n")
        #expect(target.first == "id,period,force,fitted,gdp,income")
        // Fitting window 2000–2009 (2 holdout years): 3 regions × 10 years.
        #expect(target.count == 1 + 30)
        let coefficients = try String(contentsOfFile: c.path("explain/coefficients.csv"), encoding: .utf8).split(separator: "\n")
        #expect(coefficients.count == 1 + 3 && coefficients[1].hasPrefix("(intercept),"))
        let splits = try String(contentsOfFile: c.path("explain/validation_splits.csv"), encoding: .utf8).split(separator: "\n")
        #expect(splits.count == 1 + 30)
        // The target is the artifact's mean force per period.
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        let mean = fitted.meanForce(periodStarts: [2003], length: 1)[0][1]
        let row = try #require(target.first { $0.hasPrefix("B,2003,") }).split(separator: ",")
        #expect(abs(Double(row[2])! - mean) <= 1e-12 * max(1, abs(mean)))
        // Shapley: one row per target row; Σφ = prediction − base value; exact enumeration agrees
        // with the closed form.
        let shapley = try String(contentsOfFile: c.path("explain/shapley_values.csv"), encoding: .utf8).split(separator: "\n")
        #expect(shapley.first == "id,period,prediction,base_value,efficiency_gap,gdp,income" && shapley.count == 1 + 30)
        for line in shapley.dropFirst() {
            let v = line.split(separator: ",").dropFirst(2).map { Double($0)! }
            #expect(abs(v[3] + v[4] - (v[0] - v[1])) <= 1e-9 * max(1, abs(v[0])))
        }
        #expect(c.explain(["--shapley-method", "exact"]) == nil)
        let exact = try String(contentsOfFile: c.path("explain/shapley_importance.csv"), encoding: .utf8).split(separator: "\n")
        #expect(c.explain() == nil)
        let linear = try String(contentsOfFile: c.path("explain/shapley_importance.csv"), encoding: .utf8).split(separator: "\n")
        #expect(exact.count == 3 && linear.count == 3)
        for k in 1..<3 {
            let a = Double(exact[k].split(separator: ",")[1])!, b = Double(linear[k].split(separator: ",")[1])!
            #expect(abs(a - b) <= 1e-9 * max(1, abs(b)))
        }
        // Deterministic: the same seed writes the same validation.
        let first = try Data(contentsOf: URL(fileURLWithPath: c.path("explain/validation.json")))
        #expect(c.explain() == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("explain/validation.json"))) == first)
    }

    @Test("validation protocols side by side, each R² named by its protocol; fixed effects leave the coefficient table to the features")
    func protocolsSideBySide() throws {
        let c = try ExplainCase()
        #expect(c.explain(["--fixed-effects", "settlement,period"]) == nil)
        let table = try CSVTable.read(URL(fileURLWithPath: c.path("explain/validation_protocols.csv")))
        #expect(table.header == ["protocol", "model", "fixed_effects", "splits", "test_r2_mean", "test_r2_median", "test_r2_p2.5", "test_r2_p97.5"])
        #expect(table.rows.map { "\($0[0])/\($0[1])" } == ["random-rows/features", "random-rows/fixed_effects_only",
                                                          "held-out-settlements/features", "held-out-settlements/fixed_effects_only",
                                                          "held-out-periods/features", "held-out-periods/fixed_effects_only"])
        #expect(table.rows.allSatisfy { Double($0[4]) != nil })
        #expect(table.rows[0][2] == "settlement + period effects" && table.rows[0][3] == "30" && table.rows[4][3] == "2")   // 10 periods: the last 1 and the last 2 held out
        let coefficients = try CSVTable.read(URL(fileURLWithPath: c.path("explain/coefficients.csv")))
        #expect(coefficients.rows.map { $0[0] } == ["(intercept)", "gdp", "income"])
        let validation = try String(contentsOfFile: c.path("explain/validation.csv"), encoding: .utf8)
        for key in ["within_r2,", "fixed_effects_only_r2,", "in_sample_partial_r2_features_beyond_settlement_period_effects,"] {
            #expect(validation.contains(key), "\(key) missing")
        }
    }

    @Test("--transforms adds derived features declared in YAML")
    func transformsFromYAML() throws {
        let c = try ExplainCase()
        try "transforms:\n  - name: ln_gdp\n    log: gdp\n  - name: gdp_relative\n    ratio_to_national_mean: gdp\n"
            .write(toFile: c.path("t.yaml"), atomically: true, encoding: .utf8)
        #expect(c.explain(["--transforms", c.path("t.yaml"), "--feature", "ln_gdp", "--feature", "gdp_relative", "--feature", "income"]) == nil)
        let target = try CSVTable.read(URL(fileURLWithPath: c.path("explain/target.csv")))
        #expect(target.header == ["id", "period", "force", "fitted", "ln_gdp", "gdp_relative", "income"])
        let features = try FeaturesFile.read(URL(fileURLWithPath: c.path("features.csv")))
        let period = try #require(Period(label: "2003"))
        let gdp = try #require(features.value("gdp", id: "B", period: period))
        let row = try #require(target.rows.first { $0[0] == "B" && $0[1] == "2003" })
        #expect(abs(Double(row[4])! - log(gdp)) < 1e-9)
        try "transforms:\n  - name: bad\n    log: gdp\n    lag: gdp\n".write(toFile: c.path("bad.yaml"), atomically: true, encoding: .utf8)
        let e = c.explain(["--transforms", c.path("bad.yaml")])
        #expect(e?.contains("bad.yaml:2") == true && e?.contains("exactly one of") == true, "\(e ?? "accepted")")
    }

    @Test("bad inputs name the file, line or option and what was expected")
    func badInputs() throws {
        let c = try ExplainCase()
        let noID = try c.features(replacing: "id,period", with: "region,period")
        let e1 = c.explain(features: noID)
        #expect(e1?.contains("expected a column named 'id'") == true, "\(e1 ?? "accepted")")

        let stranger = try c.features(replacing: "C,2005,", with: "Z,2005,")
        let e2 = c.explain(features: stranger)
        #expect(e2?.contains(":31") == true && e2?.contains("'Z'") == true && e2?.contains("settlement of the fitted model") == true,
                "\(e2 ?? "accepted")")

        let notNumber = try c.features(replacing: "A,2001,", with: "A,2001,abc")
        let e3 = c.explain(features: notNumber)
        #expect(e3?.contains(":3") == true && e3?.contains("gdp") == true, "\(e3 ?? "accepted")")

        let e4 = c.explain(["--feature", "population"])
        #expect(e4?.contains("--feature population") == true && e4?.contains("gdp, income") == true, "\(e4 ?? "accepted")")

        let onlyA = try String(contentsOfFile: c.path("features.csv"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("C,") }.joined(separator: "\n") + "\n"
        try onlyA.write(toFile: c.path("noC.csv"), atomically: true, encoding: .utf8)
        let e5 = c.explain(features: c.path("noC.csv"))
        #expect(e5?.contains("no rows for 'C'") == true, "\(e5 ?? "accepted")")

        let e6 = runCommand(ExplainCommand.self, ["--fit", c.path("nothing.json"), "--features", c.path("features.csv"), "--output", c.path("x")])
        #expect(e6?.contains("nothing.json") == true && e6?.contains("existing JSON artifact") == true, "\(e6 ?? "accepted")")

        let e9 = c.explain(["--fixed-effects", "region"])
        #expect(e9?.contains("--fixed-effects") == true && e9?.contains("'region'") == true, "\(e9 ?? "accepted")")

        let e7 = c.explain(["--train-fraction", "1.5"])
        #expect(e7?.contains("--train-fraction") == true, "\(e7 ?? "accepted")")

        // Features outside the fitting window only: nothing to explain.
        let late = try String(contentsOfFile: c.path("features.csv"), encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("id,") || $0.contains(",2010,") || $0.contains(",2011,") }.joined(separator: "\n") + "\n"
        try late.write(toFile: c.path("late.csv"), atomically: true, encoding: .utf8)
        let e8 = c.explain(features: c.path("late.csv"))
        #expect(e8?.contains("inside the fitting window") == true, "\(e8 ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("explain/target.csv")))
    }
}
