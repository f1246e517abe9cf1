import Foundation
import Testing
@testable import MigsimCLI

/// `> /dev/full`: a result that cannot be written to standard output is an error (exit status 1 and
/// a message on standard error), not a trap (distances, simulate) or a silent exit 0 (optimize).
struct FullStandardOutputTests {
    static func runWithFullStdout(_ arguments: [String]) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = try MPIOptimizeTests.migsim()
        process.arguments = arguments
        process.currentDirectoryURL = MPIOptimizeTests.root
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw MPIOptimizeTests.TestFailure("no /dev/full") }
        process.standardOutput = full
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ["distances", "models/korea/settlements.csv"],
        ["simulate", "--config", "models/korea/model.yaml", "--end", "1999"],
        ["optimize", "--builtin", "weber", "--method", "ps-gps2n", "--seed", "1", "--budget", "200"],
    ])
    func fullStandardOutputIsAnError(arguments: [String]) throws {
        let (status, err) = try Self.runWithFullStdout(arguments)
        #expect(status == 1)
        #expect(err.contains("cannot write the results to standard output: No space left on device"), "\(err)")
    }

    @Test func simulateNamesTheConfigurationKeyNotAnOptionNeverGiven() throws {
        let tiny = try TinyCase(model: """
            model: {alpha: 0.5}
            simulation: {start: 2020, end: 1.0e9, output_step: 0.25}
            data: {settlements: settlements.csv}
            """)
        let config = tiny.dir.appendingPathComponent("model.yaml").path
        let message = try #require(runCommand(SimulateCommand.self, ["--config", config]))
        #expect(message.contains("simulation.end in \(config) (1000000000.0)"), "\(message)")
        #expect(message.contains("simulation.output_step in \(config) (0.25)"), "\(message)")
        #expect(message.contains("the output limit"), "\(message)")
        #expect(!message.contains("--output-step"), "\(message)")
        let given = try #require(runCommand(SimulateCommand.self, ["--config", config, "--end", "2019"]))
        #expect(given.contains("--end (2019.0) must be a finite time after simulation.start in \(config) (2020.0)"), "\(given)")
    }
}

/// A diverging integration names the settlement and the inputs that set its scale, not a state
/// vector component.
@Test func simulateDivergenceNamesTheSettlementAndTheInputs() throws {
    let tiny = try TinyCase(model: """
        model: {alpha: 1.0e308, beta: 0.2, delta: 0.3, damping: 0.8}
        simulation: {start: 2020, end: 2025, output_step: 1}
        data: {settlements: settlements.csv, balance: balance.csv}
        """)
    let config = tiny.dir.appendingPathComponent("model.yaml").path
    let message = try #require(runCommand(SimulateCommand.self, ["--config", config, "--output", tiny.path("out.csv")]))
    #expect(message.contains("the simulation diverged at t = "), "\(message)")
    #expect(message.contains("of 'A' became NaN or infinite") || message.contains("of 'B' became NaN or infinite")
            || message.contains("of 'C' became NaN or infinite"), "\(message)")
    #expect(message.contains("the model parameters in \(config)"), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: tiny.path("out.csv")))
}

/// A settlement the model refuses (population 0) is named with its file and line.
@Test func simulateNamesTheFileAndLineOfARefusedSettlement() throws {
    let tiny = try TinyCase(settlements: """
        id,name,lat,lon,population
        A,Alpha,37.5,127.0,1000000
        B,Beta,35.1,129.0,0
        C,Gamma,36.3,127.4,250000
        """)
    let message = try #require(runCommand(SimulateCommand.self, ["--config", tiny.path("model.yaml")]))
    #expect(message.contains("\(tiny.path("settlements.csv")):3, settlement 'B': population is 0.0; expected a finite number > 0"),
            "\(message)")
}
