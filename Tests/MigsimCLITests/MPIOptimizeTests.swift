import Foundation
import Testing
import GlobalOptimization
@testable import MigsimCLI

/// `migsim optimize --method index` under Open MPI's `mpirun` (seed 002 §5.2: one evolvent per process,
/// trials exchanged asynchronously), run on the built `migsim` binary with 2 and 3 processes on this
/// machine (`--oversubscribe`), and the single-process result unchanged.
@Suite(.serialized)
struct MPIOptimizeTests {
    /// The package root, from this file's path (Tests/MigsimCLITests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `migsim` executable built beside the test bundle (or in .build/debug).
    static func migsim() throws -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("migsim")
        let candidates = [beside, root.appendingPathComponent(".build/debug/migsim")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("the migsim executable is not built (looked at \(candidates.map(\.path))); run swift build --build-tests")
        }
        return found
    }

    static func mpirun() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("mpirun")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw TestFailure("mpirun is not installed (apt package openmpi-bin); run `make deps`, which installs Open MPI")
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs a command; returns (exit status, stdout, stderr).
    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func optimizeArguments(number: Int, output: URL) -> [String] {
        ["optimize", "--builtin", "gkls", "--gkls-number", "\(number)", "--method", "index", "--reliability", "4",
         "--local-adaptation", "off", "--no-local-tuning", "--no-refine", "--tolerance", "0.005", "--budget", "20000", "--output", output.path]
    }

    static func result(_ url: URL) throws -> OptimizationResult {
        try JSONDecoder().decode(OptimizationResult.self, from: Data(contentsOf: url))
    }

    @Test(arguments: [2, 3])
    func severalProcessesSolveGKLS(processes: Int) throws {
        let mpirun = try Self.mpirun(), migsim = try Self.migsim()
        let dir = try OptimizeCommandTests.temporaryDirectory()
        for number in [1, 4, 7] {
            let f = try GKLSFunction(.simple, dimension: 2, number: number)
            let out = dir.appendingPathComponent("p\(processes)-\(number).json")
            let r = try Self.run(mpirun, ["-n", "\(processes)", "--oversubscribe", "--allow-run-as-root", migsim.path]
                                 + Self.optimizeArguments(number: number, output: out))
            try #require(r.status == 0, "mpirun -n \(processes) exited with \(r.status): \(r.err)")
            #expect(r.err.contains("mpi: \(processes) processes"), "rank 0's summary missing: \(r.err)")
            let result = try Self.result(out)
            #expect(result.method == "index method (MPI)")
            #expect(f.isSolved(by: result.bestPoint), "GKLS #\(number), \(processes) processes: best \(result.bestPoint), minimizer \(f.globalMinimizer)")
            #expect(abs(result.bestValue - GKLSFunction.globalValue) < 0.01)
        }
    }

    /// A single process (plain, and `mpirun -n 1`, which sets OMPI_COMM_WORLD_SIZE = 1) gives exactly
    /// the in-process `IndexMethod` result.
    @Test func oneProcessIsUnchanged() throws {
        let mpirun = try Self.mpirun(), migsim = try Self.migsim()
        let dir = try OptimizeCommandTests.temporaryDirectory()
        let f = try GKLSFunction(.simple, dimension: 2, number: 4)
        let expected = try IndexMethod(IndexMethodConfiguration(reliability: 4))
            .minimize(f.problem, budget: OptimizationBudget(maxTrials: 20_000, tolerance: 0.005), seed: 1)

        let inProcess = dir.appendingPathComponent("in-process.json")
        var command = try MigsimCommand.parseAsRoot(Self.optimizeArguments(number: 4, output: inProcess))
        try command.run()
        #expect(try Self.result(inProcess) == expected)

        let plain = dir.appendingPathComponent("plain.json")
        let r1 = try Self.run(migsim, Self.optimizeArguments(number: 4, output: plain))
        try #require(r1.status == 0, "migsim exited with \(r1.status): \(r1.err)")
        #expect(try Self.result(plain) == expected)

        let single = dir.appendingPathComponent("mpirun-1.json")
        let r2 = try Self.run(mpirun, ["-n", "1", "--allow-run-as-root", migsim.path] + Self.optimizeArguments(number: 4, output: single))
        try #require(r2.status == 0, "mpirun -n 1 exited with \(r2.status): \(r2.err)")
        #expect(try Data(contentsOf: single) == Data(contentsOf: plain))
    }
}
