import ArgumentParser
import DataIO
import Foundation
import Identification
import PhysicsInformed
@testable import Pipeline
import Testing
@testable import MigsimCLI

@Suite("migsim identify")
struct IdentifyCommandTests {
    func readArtifact(_ path: String) throws -> IdentifiedModel {
        try JSONArtifact.read(IdentifiedModel.self, format: IdentifiedModel.format, version: IdentifiedModel.version,
                              from: URL(fileURLWithPath: path))
    }

    @Test("zero force: writes the artifact, the parameter tables and the series; the YAML section loads back")
    func zeroForce() throws {
        let c = try FitCase()
        let message = runCommand(IdentifyCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("id"),
                                                        "--parameters", "alpha,delta,c", "--budget", "60"])
        #expect(message == nil, "\(message ?? "")")
        for name in ["identify.json", "parameters.csv", "parameters.yaml", "series.csv", "trace.csv", "uncertainty.csv", "uncertainty.json",
                     "trials.json"] {
            #expect(FileManager.default.fileExists(atPath: c.path("id/" + name)), "\(name) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("id/fit_identified.json")))
        #expect(!FileManager.default.fileExists(atPath: c.path("id/identify-checkpoint.json")))
        let a = try readArtifact(c.path("id/identify.json"))
        #expect(a.ids == ["A", "B", "C"] && a.times.count == 10 && a.force == "zero")
        #expect(Set(a.identified.keys) == ["alpha", "delta", "damping"])
        #expect(a.theilU >= 0 && a.theilU <= 1 && a.trials <= 60)
        #expect(a.theilU <= a.trace.map(\.bestValue).min()!)
        #expect(a.parameters.alpha == a.identified["alpha"] && a.parameters.gamma == 1.5)
        #expect(a.reference.pinnTheilU == nil && a.fittedModel == nil)
        #expect(a.fingerprint.keys.sorted() == ["balance", "configuration", "settlements"])
        let series = try String(contentsOfFile: c.path("id/series.csv"), encoding: .utf8).split(separator: "\n")
        #expect(series.first == "id,period,time,observed,simulated" && series.count == 1 + 3 * 10)
        let params = try String(contentsOfFile: c.path("id/parameters.csv"), encoding: .utf8).split(separator: "\n")
        #expect(params.contains { $0.hasPrefix("alpha,") && $0.contains(",true,0.001,10,log") })
        #expect(params.contains { $0.hasPrefix("gamma,1.5,false") })
        // parameters.yaml is a model: section a configuration accepts, with the identified values.
        let yaml = try String(contentsOfFile: c.path("id/parameters.yaml"), encoding: .utf8) + "simulation: {start: 2000, end: 2012}\n"
        let loaded = try ModelConfiguration.parse(yaml, file: "parameters.yaml", baseDirectory: c.dir)
        #expect(loaded.parameters == a.parameters)
    }

    @Test("an interrupted identification resumed from its checkpoint ends with the same artifact")
    func resumeIsExact() throws {
        let c = try FitCase()
        let common = ["--config", c.path("model.yaml"), "--parameters", "alpha,beta,damping", "--budget", "70", "--method", "ps-gps2n"]
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("whole")]) == nil)
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("parts"), "--stop-after", "25"]) == nil)
        #expect(FileManager.default.fileExists(atPath: c.path("parts/identify-checkpoint.json")))
        #expect(!FileManager.default.fileExists(atPath: c.path("parts/identify.json")))
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("parts"), "--resume"]) == nil)
        var whole = try readArtifact(c.path("whole/identify.json")), parts = try readArtifact(c.path("parts/identify.json"))
        #expect(parts.replayedTrials >= 25 && parts.newEvaluations == whole.newEvaluations - 25)
        whole.newEvaluations = 0; whole.replayedTrials = 0; parts.newEvaluations = 0; parts.replayedTrials = 0
        #expect(parts == whole)
        #expect(!FileManager.default.fileExists(atPath: c.path("parts/identify-checkpoint.json")))
        // A checkpoint of another identification is refused.
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("other"), "--stop-after", "5"]) == nil)
        let refused = runCommand(IdentifyCommand.self, ["--config", c.path("model.yaml"), "--parameters", "alpha,beta", "--budget", "70",
                                                        "--output", c.path("other"), "--resume"])
        #expect(refused?.contains("belongs to another identification") == true)
    }

    @Test("--resume --budget N extends a finished run to the result of a single run with budget N",
          arguments: [["--method", "index"], ["--method", "ps-gps2n"], ["--method", "sa-generalized", "--seed", "3"]])
    func resumeExtendsAFinishedRun(method: [String]) throws {
        let c = try FitCase()
        let common = ["--config", c.path("model.yaml"), "--parameters", "alpha,beta,damping"] + method
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("whole"), "--budget", "90"]) == nil)
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", "40"]) == nil)
        let first = try readArtifact(c.path("grown/identify.json"))
        let journal = try JSONArtifact.read(IdentifyCheckpoint.self, format: IdentifyCheckpoint.format, version: IdentifyCheckpoint.version,
                                            from: URL(fileURLWithPath: c.path("grown/trials.json")))
        #expect(journal.completed == .init(budget: 40, trials: first.trials))
        #expect(journal.trials.count == first.newEvaluations)
        // Extend 40 → 90: the 40-trial run's trials are replayed, the rest simulated.
        let m = runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", "90", "--resume"])
        #expect(m == nil, "\(m ?? "")")
        var whole = try readArtifact(c.path("whole/identify.json")), grown = try readArtifact(c.path("grown/identify.json"))
        #expect(grown.replayedTrials > 0 && grown.budget == 90)
        #expect(grown.newEvaluations < whole.newEvaluations)
        whole.newEvaluations = 0; whole.replayedTrials = 0; grown.newEvaluations = 0; grown.replayedTrials = 0
        #expect(grown == whole)
        for name in ["parameters.csv", "parameters.yaml", "series.csv", "trace.csv", "uncertainty.csv"] {
            #expect(FileManager.default.contents(atPath: c.path("grown/" + name)) == FileManager.default.contents(atPath: c.path("whole/" + name)),
                    "\(name) differs")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("grown/identify-checkpoint.json")))
        // A budget not above the finished one is refused, naming the option and the budget expected; the folder is unchanged.
        let before = FileManager.default.contents(atPath: c.path("grown/identify.json"))
        for budget in ["90", "60"] {
            let refused = runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", budget, "--resume"]) ?? ""
            #expect(refused.contains("--budget \(budget)") && refused.contains("is finished") && refused.contains("larger budget"), "\(refused)")
        }
        #expect(FileManager.default.contents(atPath: c.path("grown/identify.json")) == before)
        // Another identification's record is refused as a checkpoint is.
        let other = runCommand(IdentifyCommand.self, ["--config", c.path("model.yaml"), "--parameters", "alpha,beta", "--budget", "200",
                                                      "--output", c.path("grown"), "--resume"] + method) ?? ""
        #expect(other.contains("trials.json") && other.contains("belongs to another identification"), "\(other)")
    }

    @Test("an extension interrupted by --stop-after resumes from its checkpoint to the same result")
    func interruptedExtensionResumes() throws {
        let c = try FitCase()
        let common = ["--config", c.path("model.yaml"), "--parameters", "alpha,delta"]
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("whole"), "--budget", "80"]) == nil)
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", "30"]) == nil)
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", "80", "--resume", "--stop-after", "45"]) == nil)
        #expect(FileManager.default.fileExists(atPath: c.path("grown/identify-checkpoint.json")))
        #expect(try readArtifact(c.path("grown/identify.json")).budget == 30)   // the finished run's set is intact
        #expect(runCommand(IdentifyCommand.self, common + ["--output", c.path("grown"), "--budget", "80", "--resume"]) == nil)
        var whole = try readArtifact(c.path("whole/identify.json")), grown = try readArtifact(c.path("grown/identify.json"))
        whole.newEvaluations = 0; whole.replayedTrials = 0; grown.newEvaluations = 0; grown.replayedTrials = 0
        #expect(grown == whole)
    }

    @Test("with a fitted force: the PINN's U is reported and the fit is copied with the identified parameters")
    func fittedForce() throws {
        let c = try FitCase()
        #expect(runCommand(FitCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("fit")]) == nil)
        let fitted = try FitArtifact.read(URL(fileURLWithPath: c.path("fit/fit.json")))
        let message = runCommand(IdentifyCommand.self, ["--config", c.path("model.yaml"), "--output", c.path("id"),
                                                        "--force", c.path("fit/fit.json"), "--parameters", "alpha,damping", "--budget", "40"])
        #expect(message == nil, "\(message ?? "")")
        let a = try readArtifact(c.path("id/identify.json"))
        #expect(a.initialState == "fitted network")
        #expect(a.reference.pinnTheilU == fitted.metrics?.overall?.theilU)
        #expect(a.reference.fitParametersTheilU != nil)
        let copy = try FitArtifact.read(URL(fileURLWithPath: c.path("id/fit_identified.json")))
        #expect(copy.parameters == a.parameters && copy.forceWeights == fitted.forceWeights)
        #expect(a.fittedModel == copy)
        // Parameters not identified keep the fit's values.
        #expect(a.parameters.beta == fitted.parameters.beta && a.parameters.gamma == fitted.parameters.gamma)
    }

    @Test("bad input is refused with the option or file and what was expected, and nothing is written")
    func badInput() throws {
        let c = try FitCase(fitSection: "")
        let base = ["--config", c.path("model.yaml"), "--output", c.path("out"), "--budget", "10"]
        func error(_ extra: [String]) -> String { runCommand(IdentifyCommand.self, base + extra) ?? "" }
        #expect(error(["--bounds", "alpha=2:1"]).contains("bounds of 'alpha'") && error(["--bounds", "alpha=2:1"]).contains("lower < upper"))
        #expect(error(["--bounds", "alpha=0:1:log"]).contains("log-scale"))
        #expect(error(["--bounds", "alpha=1"]).contains("--bounds: 'alpha=1': expected name=lower:upper"))
        #expect(error(["--bounds", "alpha=1:x"]).contains("expected name=lower:upper[:log|linear] with two numbers"))
        #expect(error(["--bounds", "young=20:40"]).contains("not among the identified parameters"))
        #expect(error(["--bounds", "mass=1:2"]).contains("unknown parameter 'mass'"))
        #expect(error(["--parameters", "alpha,inertia"]).contains("--parameters: unknown parameter 'inertia'"))
        #expect(error(["--parameters", "alpha,alpha"]).contains("named twice"))
        #expect(error(["--method", "hill-climbing"]).contains("--method: expected index or one of"))
        #expect(error(["--budget", "0"]).contains("--budget"))
        // fuzz: --evolvents 100000 failed inside the index method without naming the option.
        let evolvents = error(["--evolvents", "100000"])
        #expect(evolvents.contains("--evolvents: expected 1…21") && evolvents.contains("N = 5"), "\(evolvents)")
        #expect(error(["--evolvents", "4", "--parameters", "alpha,beta"]).contains("--evolvents: expected 1…3"))
        #expect(!FileManager.default.fileExists(atPath: c.path("out")))
        #expect(error(["--force", c.path("nowhere/fit.json")]).contains("no such file"))
        #expect(runCommand(IdentifyCommand.self, ["--config", c.path("missing.yaml"), "--output", c.path("out")])?.contains("missing.yaml") == true)
        try "{ not json".write(toFile: c.path("broken.json"), atomically: true, encoding: .utf8)
        #expect(error(["--force", c.path("broken.json")]).contains("broken.json"))
        try #"{"format": "migsim-identify", "version": 1, "payload": {}}"#.write(toFile: c.path("other.json"), atomically: true, encoding: .utf8)
        #expect(error(["--force", c.path("other.json")]).contains("format 'migsim-fit'"))
        #expect(error(["--resume"]).contains("identify-checkpoint.json"))
        #expect(!FileManager.default.fileExists(atPath: c.path("out/identify.json")))
        #expect(!FileManager.default.fileExists(atPath: c.path("out/parameters.csv")))
        #expect(!FileManager.default.fileExists(atPath: c.path("out")))   // not even an empty folder
    }

    @Test("the identify: section of the configuration sets the search; its errors name the line")
    func yamlSection() throws {
        let good = try FitCase(fitSection: """

            identify:
              parameters: [alpha, c]
              bounds:
                alpha: [0.1, 2]
                damping: [0, 3, linear]
              method: nelder-mead
              budget: 30
              seed: 4
            """)
        #expect(runCommand(IdentifyCommand.self, ["--config", good.path("model.yaml"), "--output", good.path("id")]) == nil)
        let a = try readArtifact(good.path("id/identify.json"))
        #expect(a.method == "Nelder–Mead" || a.method.lowercased().contains("nelder"))
        #expect(a.seed == 4 && a.budget == 30)
        #expect(a.ranges == [ParameterRange(.alpha, lower: 0.1, upper: 2, scale: .log), ParameterRange(.damping, lower: 0, upper: 3, scale: .linear)])

        let bad = try FitCase(fitSection: """

            identify:
              bounds:
                alpha: [3, 2]
            """)
        let m = runCommand(IdentifyCommand.self, ["--config", bad.path("model.yaml"), "--output", bad.path("id")]) ?? ""
        #expect(m.contains("model.yaml:13") && m.contains("lower < upper"), "\(m)")
        let unknown = try FitCase(fitSection: """

            identify:
              bounds:
                mass: [1, 2]
            """)
        let u = runCommand(IdentifyCommand.self, ["--config", unknown.path("model.yaml"), "--output", unknown.path("id")]) ?? ""
        #expect(u.contains("model.yaml:13") && u.contains("identify.bounds.mass"), "\(u)")
        let unused = try FitCase(fitSection: """

            identify:
              parameters: [alpha]
              bounds:
                delta: [0.1, 1]
            """)
        let n = runCommand(IdentifyCommand.self, ["--config", unused.path("model.yaml"), "--output", unused.path("id")]) ?? ""
        #expect(n.contains("model.yaml:14") && n.contains("add 'delta'"), "\(n)")
        let shape = try FitCase(fitSection: """

            identify:
              budget: many
            """)
        let s = runCommand(IdentifyCommand.self, ["--config", shape.path("model.yaml"), "--output", shape.path("id")]) ?? ""
        #expect(s.contains("model.yaml:12") && s.contains("identify.budget"), "\(s)")
    }
}
