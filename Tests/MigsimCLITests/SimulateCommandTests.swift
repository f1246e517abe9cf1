import ArgumentParser
import Foundation
import Testing
@testable import MigsimCLI

/// A scratch folder with a tiny three-settlement case.
struct TinyCase {
    let dir: URL

    init(model: String? = nil, settlements: String? = nil, balance: String? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try (settlements ?? """
            id,name,lat,lon,population
            A,Alpha,37.5,127.0,1000000
            B,Beta,35.1,129.0,500000
            C,Gamma,36.3,127.4,250000
            """).write(to: dir.appendingPathComponent("settlements.csv"), atomically: true, encoding: .utf8)
        try (balance ?? """
            id,period,value
            A,2018,-5
            A,2019,-4
            A,2020,-3
            B,2018,2
            B,2019,3
            B,2020,1
            C,2018,4
            C,2019,2
            C,2020,5
            """).write(to: dir.appendingPathComponent("balance.csv"), atomically: true, encoding: .utf8)
        try (model ?? """
            model:
              alpha: 0.5
              beta: 0.2
              delta: 0.3
              damping: 0.8
            simulation:
              start: 2020
              end: 2025
              output_step: 1
            data:
              settlements: settlements.csv
              balance: balance.csv
            """).write(to: dir.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
}

/// Runs `migsim simulate` with arguments; returns the error's text, or nil on success.
func simulateError(_ arguments: [String]) -> String? { runCommand(SimulateCommand.self, arguments) }

@Test func simulateWritesBalancesForEveryOutputTime() throws {
    let c = try TinyCase()
    #expect(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]) == nil)
    let text = try String(contentsOfFile: c.path("out.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "id,time,balance,velocity")
    #expect(lines.count == 1 + 3 * 6)
    #expect(lines[1].hasPrefix("A,2020,-3,0"))            // starts from the observed 2020 state at rest
}

@Test func equilibriumForcingHoldsTheInitialState() throws {
    let c = try TinyCase()
    #expect(simulateError(["--config", c.path("model.yaml"), "--forcing", "equilibrium", "--rtol", "1e-10", "--atol", "1e-12",
                           "--output", c.path("out.csv")]) == nil)
    let rows = try String(contentsOfFile: c.path("out.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    for row in rows where row.hasPrefix("B,") {
        let balance = Double(row.split(separator: ",")[2])!
        #expect(abs(balance - 1) < 1e-8)
    }
}

@Test func forcingFileDrivesTheModel() throws {
    let c = try TinyCase()
    try "id,period,value\nA,2020,1\nB,2020,0\nC,2020,-1\nA,2025,2\nB,2025,0\nC,2025,-2\n"
        .write(toFile: c.path("force.csv"), atomically: true, encoding: .utf8)
    #expect(simulateError(["--config", c.path("model.yaml"), "--forcing", c.path("force.csv"), "--output", c.path("out.csv")]) == nil)
}

@Test func allSolversAgreeOnTheTinyCase() throws {
    let c = try TinyCase()
    var finals: [Double] = []
    for solver in ["dp5", "rk4", "verlet"] {
        #expect(simulateError(["--config", c.path("model.yaml"), "--solver", solver, "--step", "0.001",
                               "--rtol", "1e-10", "--atol", "1e-12", "--output", c.path("\(solver).csv")]) == nil)
        let last = try String(contentsOfFile: c.path("\(solver).csv"), encoding: .utf8).split(separator: "\n")[6]
        finals.append(Double(last.split(separator: ",")[2])!)
    }
    #expect(abs(finals[0] - finals[1]) < 1e-8)
    // Velocity Verlet is only first order in a velocity-dependent (damping) force: ~c·h error.
    #expect(abs(finals[0] - finals[2]) < 2e-3)
}

// MARK: bad input — every error names the file, option or parameter, and leaves no output behind.

@Test(arguments: [
    (["--config", "/nonexistent/model.yaml"], "/nonexistent/model.yaml"),
    (["--config", "MODEL", "--start", "2030"], "simulation.end in "),
    (["--config", "MODEL", "--output-step", "0"], "--output-step"),
    (["--config", "MODEL", "--output-step", "-1"], "--output-step"),
    (["--config", "MODEL", "--rtol", "-1e-6"], "--rtol"),
    (["--config", "MODEL", "--step", "0", "--solver", "rk4"], "--step"),
    (["--config", "MODEL", "--start", "2010"], "no observed period at or before"),
    (["--config", "MODEL", "--forcing", "/nonexistent/force.csv"], "/nonexistent/force.csv"),
    (["--config", "MODEL", "--settlements", "/nonexistent/s.csv"], "/nonexistent/s.csv"),
    (["--config", "MODEL", "--balance", "/nonexistent/b.csv"], "/nonexistent/b.csv"),
])
func simulateRejectsBadOptions(arguments: [String], mention: String) throws {
    let c = try TinyCase()
    let args = arguments.map { $0 == "MODEL" ? c.path("model.yaml") : $0 } + ["--output", c.path("out.csv")]
    let message = try #require(simulateError(args))
    #expect(message.contains(mention), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: c.path("out.csv")))
}

@Test func simulateRejectsAnUnknownSolverName() {
    #expect(throws: (any Error).self) { _ = try SimulateCommand.parse(["--config", "m.yaml", "--solver", "euler"]) }
    #expect(throws: (any Error).self) { _ = try SimulateCommand.parse(["--config", "m.yaml", "--initial-velocity", "fast"]) }
    #expect(throws: (any Error).self) { _ = try SimulateCommand.parse(["--rtol", "1e-6"]) }   // --config is required
}

@Test func simulateRejectsBalancesOfUnknownSettlements() throws {
    let c = try TinyCase(balance: "id,period,value\nA,2020,1\nZ,2020,2\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]))
    #expect(message.contains("Z") && message.contains("balance.csv"), "\(message)")
}

@Test func simulateRejectsAMissingInitialBalance() throws {
    let c = try TinyCase(balance: "id,period,value\nA,2020,1\nB,2020,2\nC,2019,2\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]))
    #expect(message.contains("'C'") && message.contains("2020"), "\(message)")
}

@Test func simulateRejectsABadModelParameterByKey() throws {
    let c = try TinyCase(model: "model:\n  alpha: -1\nsimulation:\n  start: 2020\n  end: 2025\ndata:\n  settlements: settlements.csv\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]))
    #expect(message.contains("alpha") && message.contains("model.yaml"), "\(message)")
}

@Test func simulateRejectsAnUnknownConfigurationKey() throws {
    let c = try TinyCase(model: "model:\n  alpah: 1\nsimulation:\n  start: 2020\n  end: 2025\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]))
    #expect(message.contains("alpah") && message.contains("model.yaml:2"), "\(message)")
}

@Test func simulateRejectsAForcingFileWithAGap() throws {
    let c = try TinyCase()
    try "id,period,value\nA,2020,1\nB,2020,0\n".write(toFile: c.path("force.csv"), atomically: true, encoding: .utf8)
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--forcing", c.path("force.csv"), "--output", c.path("out.csv")]))
    #expect(message.contains("'C'") && message.contains("force.csv"), "\(message)")
}

@Test func simulateRejectsObservedVelocityWithoutAPreviousPeriod() throws {
    let c = try TinyCase(balance: "id,period,value\nA,2020,1\nB,2020,2\nC,2020,2\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--initial-velocity", "observed", "--output", c.path("out.csv")]))
    #expect(message.contains("period before 2020"), "\(message)")
}

@Test func simulateRejectsSettlementsWithBadCoordinates() throws {
    let c = try TinyCase(settlements: "id,name,lat,lon,population\nA,Alpha,97.5,127.0,1000\nB,Beta,35,129,500\nC,Gamma,36,127,250\n")
    let message = try #require(simulateError(["--config", c.path("model.yaml"), "--output", c.path("out.csv")]))
    #expect(message.contains("settlements.csv") && message.contains("lat"), "\(message)")
}

/// `--solver modal` and `--solver auto` integrate the tiny case exactly and agree with dp5 to its
/// tolerance; `modal` with the equilibrium force (constant) works too.
@Test func modalAndAutoSolversAgreeWithDP5() throws {
    let c = try TinyCase()
    func balances(_ solver: String, forcing: String = "zero") throws -> [Double] {
        let out = c.path("out-\(solver)-\(forcing).csv")
        #expect(simulateError(["--config", c.path("model.yaml"), "--solver", solver, "--forcing", forcing,
                               "--rtol", "1e-10", "--atol", "1e-12", "--output", out]) == nil)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2])! }
    }
    for forcing in ["zero", "equilibrium"] {
        let dp5 = try balances("dp5", forcing: forcing), modal = try balances("modal", forcing: forcing), auto = try balances("auto", forcing: forcing)
        #expect(dp5.count == 18 && modal.count == 18 && auto == modal)
        for (a, b) in zip(dp5, modal) { #expect(abs(a - b) <= 1e-7 * max(1, abs(a)), "\(forcing): dp5 \(a) vs modal \(b)") }
    }
}
