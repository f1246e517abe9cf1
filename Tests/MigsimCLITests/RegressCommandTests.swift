import DataIO
import Foundation
import Testing
@testable import MigsimCLI

/// `migsim regress` on a table: terms as formulas, NIST Pontius through the CLI, fixed effects and
/// the errors that name the offending term or option.
@Suite("migsim regress")
struct RegressCommandTests {
    /// The first 20 observations of NIST Pontius (y, x; quadratic model) plus a constant and a one-level column.
    static func pontiusTable() throws -> URL {
        let dir = try scratchFolder()
        var text = "y,x,flat,group\n"
        let pontiusX = (1...20).map { Double($0) * 150_000 }
        let pontiusY: [Double] = [0.11019, 0.21956, 0.32949, 0.43899, 0.54803, 0.65694, 0.76562, 0.87487, 0.98292, 1.09146,
                                  1.20001, 1.30822, 1.41599, 1.52399, 1.63194, 1.73947, 1.84646, 1.95392, 2.06128, 2.16844]
        for i in 0..<20 { text += "\(pontiusY[i]),\(Int(pontiusX[i])),7,g\n" }
        try text.write(to: dir.appendingPathComponent("pontius.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("writes coefficients.csv with the intercept first and regression.json; --no-standardize keeps full rank")
    func quadraticTermsThroughTheCommandLine() throws {
        let dir = try Self.pontiusTable()
        for extra in [[], ["--no-standardize"]] {
            let out = dir.appendingPathComponent("out\(extra.count)")
            let error = runCommand(RegressCommand.self, ["--table", dir.appendingPathComponent("pontius.csv").path, "--response", "y",
                                                         "--terms", "x,x^2", "--output", out.path] + extra)
            #expect(error == nil, "\(error ?? "")")
            let table = try CSVTable.read(out.appendingPathComponent("coefficients.csv"))
            #expect(table.header == ["term", "estimate", "std_error", "t", "p"])
            #expect(table.rows.map { $0[0] } == ["(intercept)", "x", "x^2"])
            // x up to 3·10⁶ and x² up to 9·10¹²: full rank and a positive standard error for every term.
            for r in 0..<3 { #expect(Double(table.rows[r][2]) != nil && Double(table.rows[r][2])! > 0, "\(table.rows[r])") }
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("regression.json").path))
        }
    }

    @Test("terms are formulas: ln(x) equals a precomputed log column")
    func formulaTermsMatchPrecomputedColumns() throws {
        let dir = try scratchFolder()
        var text = "y,x,lnx\n"
        for i in 1...12 {
            let x = Double(i) * 1.7
            text += "\(2 + 3 * log(x) + 0.01 * sin(Double(i))),\(x),\(log(x))\n"
        }
        let file = dir.appendingPathComponent("t.csv").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(runCommand(RegressCommand.self, ["--table", file, "--response", "y", "--terms", "ln(x)", "--output", dir.appendingPathComponent("a").path]) == nil)
        #expect(runCommand(RegressCommand.self, ["--table", file, "--response", "y", "--terms", "lnx", "--output", dir.appendingPathComponent("b").path]) == nil)
        let a = try CSVTable.read(dir.appendingPathComponent("a/coefficients.csv")), b = try CSVTable.read(dir.appendingPathComponent("b/coefficients.csv"))
        for r in 0..<2 { #expect(abs(Double(a.rows[r][1])! - Double(b.rows[r][1])!) < 1e-9) }
    }

    @Test("--no-intercept fits through the origin (NIST NoInt2: b = 56/77); --weights reads a column and refuses a weight ≤ 0")
    func throughTheOriginAndWeights() throws {
        let dir = try scratchFolder()
        let file = dir.appendingPathComponent("noint2.csv").path
        try "y,x,w\n3,4,1\n4,5,2\n4,6,1\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(runCommand(RegressCommand.self, ["--table", file, "--response", "y", "--terms", "x", "--no-intercept",
                                                 "--output", dir.appendingPathComponent("a").path]) == nil)
        let a = try CSVTable.read(dir.appendingPathComponent("a/coefficients.csv"))
        #expect(a.rows.map { $0[0] } == ["x"])
        #expect(abs(Double(a.rows[0][1])! - 56.0 / 77.0) < 1e-15)
        #expect(abs(Double(a.rows[0][2])! - 0.420827318078432e-1) < 1e-12)
        // Weighted through the origin: b = Σwxy / Σwx² = (12 + 40 + 24) / (16 + 50 + 36).
        #expect(runCommand(RegressCommand.self, ["--table", file, "--response", "y", "--terms", "x", "--no-intercept", "--weights", "w",
                                                 "--output", dir.appendingPathComponent("b").path]) == nil)
        let b = try CSVTable.read(dir.appendingPathComponent("b/coefficients.csv"))
        #expect(abs(Double(b.rows[0][1])! - 76.0 / 102.0) < 1e-15)
        try "y,x,w\n3,4,1\n4,5,0\n4,6,1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let e = runCommand(RegressCommand.self, ["--table", file, "--response", "y", "--terms", "x", "--weights", "w",
                                                 "--output", dir.appendingPathComponent("c").path])
        #expect(e?.contains("noint2.csv:3") == true && e?.contains("--weights") == true, "\(e ?? "accepted")")
    }

    @Test("bad input names the term or option and writes nothing")
    func badInputIsNamed() throws {
        let dir = try Self.pontiusTable()
        let file = dir.appendingPathComponent("pontius.csv").path
        func run(_ args: [String]) -> String? {
            runCommand(RegressCommand.self, ["--table", file, "--output", dir.appendingPathComponent("bad").path] + args)
        }
        let missing = run(["--response", "y", "--terms", "x,ln(gdp)"])
        #expect(missing?.contains("ln(gdp)") == true && missing?.contains("'gdp'") == true, "\(missing ?? "accepted")")
        let tooMany = run(["--response", "y", "--terms", (1...20).map { "x^\($0)" }.joined(separator: ",")])
        #expect(tooMany?.contains("--terms") == true && tooMany?.contains("21 coefficients") == true, "\(tooMany ?? "accepted")")
        let oneLevel = run(["--response", "y", "--terms", "x", "--fixed-effects", "group"])
        #expect(oneLevel?.contains("--fixed-effects") == true && oneLevel?.contains("'group'") == true, "\(oneLevel ?? "accepted")")
        let constant = run(["--response", "flat", "--terms", "x"])
        #expect(constant?.contains("--response") == true && constant?.contains("constant") == true, "\(constant ?? "accepted")")
        let noColumn = run(["--response", "y", "--terms", "x", "--fixed-effects", "region"])
        #expect(noColumn?.contains("'region'") == true, "\(noColumn ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }
}
