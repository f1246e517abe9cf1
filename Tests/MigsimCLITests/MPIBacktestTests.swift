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

    @Test("a part file carries the NaN score of an origin without a validation fit (plain JSON cannot)")
    func partFilesCarryNonFiniteNumbers() throws {
        let data = try BacktestUnderMPI.encoder.encode([Double.nan, .infinity, 1.5])
        let back = try BacktestUnderMPI.decoder.decode([Double].self, from: data)
        #expect(back[0].isNaN && back[1] == .infinity && back[2] == 1.5)
    }
}
