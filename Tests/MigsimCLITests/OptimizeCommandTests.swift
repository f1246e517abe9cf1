import Foundation
import Testing
@testable import MigsimCLI

struct OptimizeCommandTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-optimize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    @Test func formulaOnTheCommandLine() throws {
        let dir = try Self.temporaryDirectory()
        let out = dir.appendingPathComponent("result.json"), trace = dir.appendingPathComponent("trace.csv")
        var command = try MigsimCommand.parseAsRoot([
            "optimize", "--objective", "(x1 - 1)^2 + (x2 + 0.5)^2", "--bounds=-2:2,-2:2",
            "--method", "ps-gps2n", "--budget", "2000", "--output", out.path, "--trace", trace.path,
        ])
        try command.run()
        let result = try Self.json(out)
        let x = result["bestPoint"] as! [Double]
        #expect(abs(x[0] - 1) < 1e-5 && abs(x[1] + 0.5) < 1e-5)
        let csv = try String(contentsOf: trace, encoding: .utf8)
        #expect(csv.hasPrefix("trials,best_value\n"))
        #expect(csv.split(separator: "\n").count >= 2)
    }

    @Test func generalizedAnnealingOnBuiltinRastrigin() throws {
        let dir = try Self.temporaryDirectory()
        let out = dir.appendingPathComponent("result.json")
        var command = try MigsimCommand.parseAsRoot([
            "optimize", "--builtin", "rastrigin", "--dimension", "3", "--method", "sa-generalized",
            "--budget", "3000", "--seed", "2", "--output", out.path,
        ])
        try command.run()
        let result = try Self.json(out)
        #expect(result["method"] as? String == "generalized-simulated-annealing+nelderMead")
        #expect((result["trials"] as! Int) <= 3000)
        let x = result["bestPoint"] as! [Double]
        #expect(x.count == 3)
        #expect((result["bestValue"] as! Double) < 1e-6, "\(result)")
    }

    @Test func yamlProblemWithTwoObjectivesRunsNSGA2() throws {
        let dir = try Self.temporaryDirectory()
        let yaml = dir.appendingPathComponent("problem.yaml"), out = dir.appendingPathComponent("pareto.json")
        try "objectives:\n  - x1^2\n  - (x1 - 2)^2\nbounds:\n  - [-1, 3]\n".write(to: yaml, atomically: true, encoding: .utf8)
        var command = try MigsimCommand.parseAsRoot(["optimize", "--problem", yaml.path, "--budget", "2000", "--seed", "3", "--output", out.path])
        try command.run()
        let front = try Self.json(out)["paretoSet"] as! [[Double]]
        #expect(!front.isEmpty)
        // Extremes of a finite run may lie a little past the true Pareto set [0, 2].
        #expect(front.allSatisfy { $0[0] >= -1e-2 && $0[0] <= 2 + 1e-2 }, "\(front.filter { $0[0] < -1e-6 || $0[0] > 2 + 1e-6 })")
    }

    @Test func builtinTSPOverACSV() throws {
        let dir = try Self.temporaryDirectory()
        let csv = dir.appendingPathComponent("square.csv"), out = dir.appendingPathComponent("tour.json")
        try "name,x,y\na,0,0\nb,1,1\nc,1,0\nd,0,1\ne,0.5,1.2\n".write(to: csv, atomically: true, encoding: .utf8)
        var command = try MigsimCommand.parseAsRoot(["optimize", "--builtin", "tsp", "--points", csv.path, "--method", "acs",
                                                     "--budget", "50", "--output", out.path])
        try command.run()
        let length = try Self.json(out)["length"] as! Double
        #expect(abs(length - (3 + 2 * (0.25 + 0.04).squareRoot())) < 1e-12)
    }

    static func failure(_ arguments: [String]) -> String {
        do {
            var command = try MigsimCommand.parseAsRoot(arguments)
            try command.run()
            return "no error"
        } catch {
            return MigsimCommand.message(for: error)
        }
    }

    @Test func badFormulaPointsAtTheCharacter() {
        let message = Self.failure(["optimize", "--objective", "x1 + * 2", "--bounds", "0:1"])
        #expect(message.contains("objective 1: column 6"))
        #expect(message.contains("x1 + * 2\n       ^"))
    }

    @Test func badInputsNameTheParameter() throws {
        #expect(Self.failure(["optimize", "--objective", "x1 + x2", "--bounds", "0:1"]).contains("use x2 but bounds are given for 1"))
        #expect(Self.failure(["optimize", "--objective", "x1", "--bounds", "1:0"]).contains("--bounds: bound 1 '1:0': expected lo < hi"))
        #expect(Self.failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "magic"]).contains("--method: expected one of"))
        #expect(Self.failure(["optimize", "--objective", "x1"]).contains("--bounds: expected lo:hi pairs"))
        #expect(Self.failure(["optimize", "--builtin", "nope"]).contains("--builtin: expected rastrigin"))
        #expect(Self.failure(["optimize", "--builtin", "rastrigin", "--budget", "0"]).contains("--budget: expected a positive"))
        let dir = try Self.temporaryDirectory()
        let yaml = dir.appendingPathComponent("bad.yaml")
        try "objective: x1\nbounds:\n  - [0, one]\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect(Self.failure(["optimize", "--problem", yaml.path]).contains("bad.yaml: bounds[0]: expected [lo, hi]"))
        let csv = dir.appendingPathComponent("bad.csv")
        try "x,y\n0,0\n1,zz\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(Self.failure(["optimize", "--builtin", "tsp", "--points", csv.path]).contains("bad.csv: line 3, column 2: expected a number, got 'zz'"))
    }

    @Test func failedRunLeavesNoOutput() throws {
        let dir = try Self.temporaryDirectory()
        let out = dir.appendingPathComponent("never.json")
        _ = Self.failure(["optimize", "--objective", "x1 +", "--bounds", "0:1", "--output", out.path])
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
