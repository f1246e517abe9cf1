import ArgumentParser
import DataIO
import Foundation
import MigrationModel
import PhysicsInformed
import Pipeline
import Testing
@testable import MigsimCLI

/// A small fitting case: three settlements, 12 yearly balances that follow damped oscillations
/// around slowly drifting levels, and a model configuration with a small, quick fit section.
struct FitCase {
    let dir: URL

    init(fitSection: String = "", dropRow: String? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
            id,name,lat,lon,population
            A,Alpha,37.5,127.0,1000000
            B,Beta,35.1,129.0,500000
            C,Gamma,36.3,127.4,250000
            """.write(to: dir.appendingPathComponent("settlements.csv"), atomically: true, encoding: .utf8)
        var balance = "id,period,value\n"
        for (i, id) in ["A", "B", "C"].enumerated() {
            for k in 0..<12 {
                let t = Double(k)
                let v = [-4.0, 2.5, 1.0][i] + 0.2 * t * Double(i - 1) + 1.5 * exp(-0.3 * t) * cos(1.1 * t + Double(i))
                let row = "\(id),\(2000 + k),\(String(format: "%.4f", v))"
                if row.hasPrefix(dropRow ?? "#") { continue }
                balance += row + "\n"
            }
        }
        try balance.write(to: dir.appendingPathComponent("balance.csv"), atomically: true, encoding: .utf8)
        try ("""
            model: {alpha: 0.5, beta: 0.2, delta: 0.3, damping: 0.8}
            simulation: {start: 2000, end: 2012}
            data: {settlements: settlements.csv, balance: balance.csv}
            fit:
              holdout_periods: 2
              solution_hidden: [8]
              force_hidden: [4]
              adam_iterations: 30
              learning_rate: 0.01
              lbfgs_iterations: 15
            """ + fitSection).write(to: dir.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
}

@Suite("migsim fit")
struct FitCommandTests {
    @Test("writes the artifact and every table; the loaded artifact predicts bit-for-bit")
    func writesEverything() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")]) == nil)
        for name in ["fit.json", "series.csv", "force.csv", "force_curve.csv", "metrics.csv", "holdout.csv", "parameters.csv"] {
            #expect(FileManager.default.fileExists(atPath: c.path("fit/" + name)), "\(name) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("fit/checkpoint.json")))
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        #expect(fitted.ids == ["A", "B", "C"] && fitted.times.count == 10)
        #expect(fitted.training.adamIterations == 30 && fitted.training.lbfgsIterations >= 1)
        // Re-encode and decode: the predictions are the same bits.
        let again = try JSONDecoder().decode(FittedModel.self, from: JSONEncoder().encode(fitted))
        let t = stride(from: 2000.0, through: 2012, by: 0.37).map { $0 }
        #expect(again.solution(at: t) == fitted.solution(at: t))
        #expect(again.force(at: t) == fitted.force(at: t))
        // The series table has the network and the integrated solution for train and holdout.
        let series = try String(contentsOfFile: c.path("fit/series.csv"), encoding: .utf8).split(separator: "\n")
        #expect(series.first == "id,period,time,observed,network,integrated,split")
        #expect(series.count == 1 + 3 * 12)
        #expect(series.filter { $0.hasSuffix(",holdout") }.count == 6)
        let metrics = try String(contentsOfFile: c.path("fit/metrics.csv"), encoding: .utf8).split(separator: "\n")
        #expect(metrics.count == 1 + 3 + 1 && metrics.last!.hasPrefix("ALL,"))
        let holdout = try String(contentsOfFile: c.path("fit/holdout.csv"), encoding: .utf8).split(separator: "\n")
        #expect(holdout.count == 1 + 3 * 3 + 3)
        // Every learned parameter has its bounds, a 95% interval around its value and its flags.
        let parameters = try CSVTable.read(URL(fileURLWithPath: c.path("fit/parameters.csv")))
        #expect(parameters.header == ["name", "value", "learned", "unit", "bound_lower", "bound_upper", "lower_95", "upper_95",
                                      "identified", "at_lower_bound", "at_upper_bound", "spans_more_than_a_decade"])
        for r in parameters.rows.indices where try parameters.text(r, 2) == "true" {
            let value = try parameters.number(r, 1), lower = try parameters.optionalNumber(r, 6), upper = try parameters.optionalNumber(r, 7)
            #expect(try parameters.number(r, 4) <= value && value <= parameters.number(r, 5))
            if let lower, let upper {
                #expect(try parameters.text(r, 8) == "true" && lower < value && value < upper)
            } else if try parameters.text(r, 8) == "true" {   // identified, but the interval reaches 0 or ∞ on the log scale
                #expect(try parameters.text(r, 11) == "true")
            }
        }
    }

    @Test("above dense_limit the fit runs in the sparse k-NN layout end to end: every table written, the layout kept in the artifact")
    func sparseLayoutFit() throws {
        let c = try FitCase()
        let yaml = c.path("model.yaml")
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
            .replacingOccurrences(of: "model: {alpha: 0.5, beta: 0.2, delta: 0.3, damping: 0.8}",
                                  with: "model: {alpha: 0.5, beta: 0.2, delta: 0.3, damping: 0.8, dense_limit: 2, neighbours: 1}")
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        #expect(runCommand(FitCommand.self, ["--config", yaml, "--output", c.path("fit")]) == nil)
        for name in ["fit.json", "series.csv", "force.csv", "force_curve.csv", "metrics.csv", "holdout.csv", "parameters.csv"] {
            #expect(FileManager.default.fileExists(atPath: c.path("fit/" + name)), "\(name) missing")
        }
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        #expect(fitted.parameters.denseLimit == 2 && fitted.parameters.neighbours == 1)
        #expect(fitted.metrics?.overall?.rmse.isFinite == true)
    }

    @Test("bounds from fit.bounds keep a learned parameter inside them, and a parameter pressed against one is flagged")
    func boundsHoldAndAreFlagged() throws {
        // The balances decay like e^(−0.3t), c ≈ 0.6; kept in [5, 6], the damping term c·u̇ is a residual the fit
        // pushes down: damping starts at the lower bound (configured 0.8) and stays there.
        let c = try FitCase(fitSection: "\n  bounds: {c: [5, 6]}\n")
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")]) == nil)
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        #expect(fitted.parameters.damping >= 5 && fitted.parameters.damping <= 6)
        #expect(fitted.configuration.bounds?[.damping] == PlausibleRange(lower: 5, upper: 6, unit: "1/year"))
        let parameters = try CSVTable.read(URL(fileURLWithPath: c.path("fit/parameters.csv")))
        let row = try #require(try parameters.rows.indices.first { try parameters.text($0, 0) == "damping" })
        #expect(try parameters.text(row, 4) == "5" && parameters.text(row, 5) == "6")
        #expect(try parameters.text(row, 9) == "true" && parameters.text(row, 10) == "false", "\(parameters.rows[row])")
    }

    @Test("a fit replaces its output folder as a whole: the old set until the new one is complete, never a mix")
    func outputFolderIsOneSet() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")]) == nil)
        let first = try Data(contentsOf: URL(fileURLWithPath: c.path("fit/fit.json")))
        // A stray file of an older run, then a run that fails after loading: the old set stays whole.
        try "old".write(toFile: c.path("fit/stale.csv"), atomically: true, encoding: .utf8)
        let failed = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit"), "--from", c.path("missing.json")])
        #expect(failed != nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("fit/fit.json"))) == first)
        // A run stopped early leaves its checkpoint beside the old set; the finished run swaps in only its own files.
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit"), "--stop-after", "10"]) == nil)
        #expect(FileManager.default.fileExists(atPath: c.path("fit/checkpoint.json")))
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit"), "--resume"]) == nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: c.path("fit")).sorted()
        #expect(names == ["fit.json", "force.csv", "force_curve.csv", "holdout.csv", "metrics.csv", "parameters.csv", "series.csv"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("fit/fit.json"))) == first)
        // Nothing is left beside the folder (staging or old copies).
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.dir.path).filter { $0.hasPrefix("fit.") }.isEmpty)
    }

    @Test("--from an artifact reproduces every table and the artifact itself byte for byte")
    func fromArtifact() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("a")]) == nil)
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("b"), "--from", c.path("a/fit.json")]) == nil)
        for name in ["fit.json", "series.csv", "force.csv", "force_curve.csv", "metrics.csv", "holdout.csv", "parameters.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: c.path("a/" + name)))
            let b = try Data(contentsOf: URL(fileURLWithPath: c.path("b/" + name)))
            #expect(a == b, "\(name) differs")
        }
        // Other data: refused.
        let other = try FitCase()
        var lines = try String(contentsOfFile: other.path("balance.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = "A,2000,0.0000"
        try (lines.joined(separator: "\n") + "\n").write(toFile: other.path("balance.csv"), atomically: true, encoding: .utf8)
        let e = runCommand(FitCommand.self, ["--config", other.path("model.yaml"), "--output", other.path("b"), "--from", c.path("a/fit.json")])
        #expect(e?.contains("fitted to other data") == true, "\(e ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: other.path("b/fit.json")))
    }

    @Test("--from with another window (--holdout) names --holdout and both windows; an artifact with a bad age threshold names the file and key")
    func fromArtifactChecks() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("a")]) == nil)
        // fuzz: `fit --holdout 0` with --from said "fitted to other settlements or another window".
        let e = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("b"), "--from", c.path("a/fit.json"),
                                             "--holdout", "0"]) ?? "accepted"
        #expect(e.contains("--holdout 0") && e.contains("2000–2009 (10 periods)") && e.contains("2000–2011 (12 periods)")
                && e.contains("expected the artifact's window"), "\(e)")
        #expect(!FileManager.default.fileExists(atPath: c.path("b/fit.json")))
        // fuzz: young = 1e308 in fit.json failed later naming 'age_function.young' but not the file.
        let text = try String(contentsOfFile: c.path("a/fit.json"), encoding: .utf8)
        let young = try #require(text.range(of: #""young" : [0-9.e+-]+"#, options: .regularExpression))
        try text.replacingCharacters(in: young, with: #""young" : 1e308"#).write(toFile: c.path("young.json"), atomically: true, encoding: .utf8)
        for command in [["fit", "--config", c.path("model.yaml"), "--output", c.path("b"), "--from", c.path("young.json")],
                        ["identify", "--config", c.path("model.yaml"), "--output", c.path("b"), "--force", c.path("young.json"), "--budget", "5"]] {
            let m = (command[0] == "fit" ? runCommand(FitCommand.self, Array(command.dropFirst()))
                                         : runCommand(IdentifyCommand.self, Array(command.dropFirst()))) ?? "accepted"
            #expect(m.contains("young.json") && m.contains("parameters.ageFunction.smoothStep.young") && m.contains("young < old"), "\(m)")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("b")))
    }

    @Test("an interrupted fit resumed from its checkpoint ends with the same artifact")
    func resumeIsExact() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("whole")]) == nil)
        // Stop inside Adam, resume, stop inside L-BFGS, resume to the end.
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("parts"), "--stop-after", "17"]) == nil)
        #expect(FileManager.default.fileExists(atPath: c.path("parts/checkpoint.json")))
        #expect(!FileManager.default.fileExists(atPath: c.path("parts/fit.json")))
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("parts"), "--resume",
                                             "--stop-after", "36"]) == nil)
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("parts"), "--resume"]) == nil)
        let whole = try Data(contentsOf: URL(fileURLWithPath: c.path("whole/fit.json")))
        let parts = try Data(contentsOf: URL(fileURLWithPath: c.path("parts/fit.json")))
        #expect(whole == parts)
    }

    @Test("resuming another fit's checkpoint, or none, is refused")
    func resumeChecks() throws {
        let c = try FitCase()
        let missing = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("x"), "--resume"])
        #expect(missing?.contains("checkpoint.json") == true, "\(missing ?? "accepted")")
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("x"), "--stop-after", "5"]) == nil)
        let other = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("x"), "--resume", "--seed", "9"])
        #expect(other?.contains("belongs to another fit") == true, "\(other ?? "accepted")")
    }

    @Test("bad inputs name the file, key or option and leave no artifact")
    func badInputs() throws {
        let gap = try FitCase(dropRow: "B,2004")
        let e1 = runCommand(FitCommand.self, ["--config", gap.path("model.yaml"), "--output", gap.path("fit")])
        #expect(e1?.contains("no balance for 'B' in period 2004") == true, "\(e1 ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: gap.path("fit/fit.json")))

        let c = try FitCase()
        let e2 = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit"), "--holdout", "10"])
        #expect(e2?.contains("the fit needs at least 4") == true, "\(e2 ?? "accepted")")
        let e3 = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit"), "--adam-iterations", "-3"])
        #expect(e3?.contains("--adam-iterations") == true, "\(e3 ?? "accepted")")

        let relu = try FitCase(fitSection: "\n  activation: relu\n")
        let e4 = runCommand(FitCommand.self, ["--config", relu.path("model.yaml"), "--output", relu.path("fit")])
        #expect(e4?.contains("fit.activation") == true && e4?.contains("model.yaml:11") == true, "\(e4 ?? "accepted")")
        let learn = try FitCase(fitSection: "\n  learn: [alpha, kappa]\n")
        let e5 = runCommand(FitCommand.self, ["--config", learn.path("model.yaml"), "--output", learn.path("fit")])
        #expect(e5?.contains("fit.learn") == true && e5?.contains("kappa") == true, "\(e5 ?? "accepted")")
        let reversed = try FitCase(fitSection: "\n  bounds: {alpha: [10, 0.001]}\n")
        let e7 = runCommand(FitCommand.self, ["--config", reversed.path("model.yaml"), "--output", reversed.path("fit")])
        #expect(e7?.contains("fit.bounds.alpha") == true && e7?.contains("model.yaml:11") == true && e7?.contains("0 < lower < upper") == true,
                "\(e7 ?? "accepted")")
        let unknown = try FitCase(fitSection: "\n  bounds: {kappa: [1, 2]}\n")
        let e8 = runCommand(FitCommand.self, ["--config", unknown.path("model.yaml"), "--output", unknown.path("fit")])
        #expect(e8?.contains("kappa") == true && e8?.contains("model.yaml") == true, "\(e8 ?? "accepted")")
        let single = try FitCase(fitSection: "\n  bounds: {damping: [0.5]}\n")
        let e9 = runCommand(FitCommand.self, ["--config", single.path("model.yaml"), "--output", single.path("fit")])
        #expect(e9?.contains("fit.bounds.damping") == true && e9?.contains("[lower, upper]") == true, "\(e9 ?? "accepted")")
        let hidden = try FitCase(fitSection: "\n  collocation_per_interval: 0\n")
        let e6 = runCommand(FitCommand.self, ["--config", hidden.path("model.yaml"), "--output", hidden.path("fit")])
        #expect(e6?.contains("fit.collocation_per_interval") == true, "\(e6 ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: hidden.path("fit/fit.json")))
    }
}

@Suite("output folder lock")
struct OutputLockTests {
    @Test("a second run into a folder that a live process holds is refused, naming the folder; a dead owner's lock is taken over")
    func lock() throws {
        let c = try FitCase()
        let target = URL(fileURLWithPath: c.path("fit"))
        // A live process (this one's parent) holds the lock: fit refuses and writes nothing.
        let lockFile = c.path("fit.lock")
        try "\(getppid())\n".write(toFile: lockFile, atomically: true, encoding: .utf8)
        let refused = runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")])
        #expect(refused?.contains("another migsim run (process \(getppid()))") == true && refused?.contains(target.path) == true,
                "\(refused ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("fit")))
        // A lock left by a process that no longer exists is taken over, and released at the end.
        try "999999999\n".write(toFile: lockFile, atomically: true, encoding: .utf8)
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")]) == nil)
        #expect(FileManager.default.fileExists(atPath: c.path("fit/fit.json")))
        #expect(!FileManager.default.fileExists(atPath: lockFile))
        // In-process: a second lock on the same folder fails while the first is held.
        let first = try OutputLock(target: target)
        #expect(throws: PipelineError.self) { try OutputLock(target: target) }
        first.release()
        let second = try OutputLock(target: target)
        second.release()
    }
}
