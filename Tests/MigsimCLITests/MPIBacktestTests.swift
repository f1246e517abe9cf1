import Foundation
import Testing
@testable import MigsimCLI

/// `migsim backtest` under `mpirun -n 2`: origin k on rank k mod 2, rank 0 merges the parts into the
/// tables one process writes, byte for byte.
@Suite(.serialized)
struct MPIBacktestTests {
    @Test("two processes write the same tables as one")
    func twoProcessesMatchOne() throws {
        let mpirun = try MPIOptimizeTests.mpirun(), migsim = try MPIOptimizeTests.migsim()
        let c = try ForecastCase()
        let arguments = ["backtest", "--config", c.path("model.yaml"), "--origins", "2013,2014", "--horizon", "1"]
        let one = try MPIOptimizeTests.run(migsim, arguments + ["--output", c.path("one")])
        try #require(one.status == 0, "migsim backtest exited with \(one.status): \(one.err)")
        let two = try MPIOptimizeTests.run(mpirun, ["-n", "2", "--oversubscribe", "--allow-run-as-root", migsim.path]
                                                    + arguments + ["--output", c.path("two")])
        try #require(two.status == 0, "mpirun -n 2 migsim backtest exited with \(two.status): \(two.err)")
        #expect(two.err.contains("on 2 processes"), "\(two.err)")
        for name in ["backtest.csv", "summary.csv", "by_origin.csv", "settings.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("one/" + name))) == Data(contentsOf: URL(fileURLWithPath: c.path("two/" + name))),
                    "\(name) differs")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("two.mpi-parts")))
    }

    @Test("forecast-ensemble: two processes write the same files as one")
    func ensembleTwoProcessesMatchOne() throws {
        let mpirun = try MPIOptimizeTests.mpirun(), migsim = try MPIOptimizeTests.migsim()
        let c = try ForecastCase()
        let arguments = ["forecast-ensemble", "--config", c.path("model.yaml"), "--members", "3", "--horizon", "2"]
        let one = try MPIOptimizeTests.run(migsim, arguments + ["--output", c.path("one")])
        try #require(one.status == 0, "migsim forecast-ensemble exited with \(one.status): \(one.err)")
        let two = try MPIOptimizeTests.run(mpirun, ["-n", "2", "--oversubscribe", "--allow-run-as-root", migsim.path]
                                                    + arguments + ["--output", c.path("two")])
        try #require(two.status == 0, "mpirun -n 2 migsim forecast-ensemble exited with \(two.status): \(two.err)")
        #expect(two.err.contains("on 2 processes"), "\(two.err)")
        for name in ["forecast.csv", "members.csv", "ensemble.json"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("one/" + name))) == Data(contentsOf: URL(fileURLWithPath: c.path("two/" + name))),
                    "\(name) differs")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("two.mpi-parts")))
    }

    @Test("origins are dealt longest first to the least-loaded rank")
    func assignment() {
        // The Korean backtest: origins 2005…2017 are periods 8, 11, 14, 17, 20 of 1997–2020; costs 9, 12, 15 + 10, 18 + 13, 21 + 16.
        let owner = BacktestUnderMPI.assignment(origins: [8, 11, 14, 17, 20], ranks: 2)
        #expect(owner == [0, 0, 1, 1, 0])   // loads 9 + 12 + 37 = 58 and 25 + 31 = 56, against 9 + 25 + 37 = 71 and 12 + 31 = 43 round-robin
        #expect(BacktestUnderMPI.assignment(origins: [8, 11], ranks: 1) == [0, 0])
        #expect(Set(BacktestUnderMPI.assignment(origins: [3, 4, 5, 6], ranks: 4)) == [0, 1, 2, 3])
    }

    @Test("a part file carries the NaN score of an origin without a validation fit (plain JSON cannot)")
    func partFilesCarryNonFiniteNumbers() throws {
        let data = try MPIPartFiles.encoder.encode([Double.nan, .infinity, 1.5])
        let back = try MPIPartFiles.decoder.decode([Double].self, from: data)
        #expect(back[0].isNaN && back[1] == .infinity && back[2] == 1.5)
    }
}
