import DataIO
import Foundation
import Testing
@testable import MigsimCLI
@testable import Pipeline

/// `migsim identify` under `mpirun -n 2` (seed 002 §5.2, §6: identification by the asynchronous parallel
/// index method on a cluster): rank 0 alone writes the artifact, found by the distributed method.
@Suite(.serialized)
struct MPIIdentifyTests {
    @Test func twoProcessesIdentify() throws {
        let mpirun = try MPIOptimizeTests.mpirun(), migsim = try MPIOptimizeTests.migsim()
        let c = try FitCase()
        let r = try MPIOptimizeTests.run(mpirun, ["-n", "2", "--oversubscribe", "--allow-run-as-root", migsim.path, "identify",
                                                  "--config", c.path("model.yaml"), "--output", c.path("id"),
                                                  "--parameters", "alpha,delta", "--budget", "80"])
        try #require(r.status == 0, "mpirun -n 2 migsim identify exited with \(r.status): \(r.err)")
        #expect(r.err.contains("mpi: 2 processes"), "\(r.err)")
        let a = try JSONArtifact.read(IdentifiedModel.self, format: IdentifiedModel.format, version: IdentifiedModel.version,
                                      from: URL(fileURLWithPath: c.path("id/identify.json")))
        #expect(a.method.hasPrefix("index method (MPI)"), "method \(a.method)")
        #expect(a.theilU >= 0 && a.theilU <= 1)
        #expect(a.theilU <= a.trace.map(\.bestValue).min()!)
        #expect(Set(a.identified.keys) == ["alpha", "delta"])
        #expect(!FileManager.default.fileExists(atPath: c.path("id/identify-checkpoint.json")))
    }

    @Test func resumeIsRefusedUnderSeveralProcesses() throws {
        let mpirun = try MPIOptimizeTests.mpirun(), migsim = try MPIOptimizeTests.migsim()
        let c = try FitCase()
        let r = try MPIOptimizeTests.run(mpirun, ["-n", "2", "--oversubscribe", "--allow-run-as-root", migsim.path, "identify",
                                                  "--config", c.path("model.yaml"), "--output", c.path("id"),
                                                  "--parameters", "alpha,delta", "--budget", "20", "--resume"])
        #expect(r.status != 0)
        #expect(r.err.contains("--resume"), "\(r.err)")
    }
}
