import ArgumentParser
import DistributedSearch
import Foundation
import GlobalOptimization

/// `migsim identify` started by `mpirun` with several processes (seed 002 §5.2, §6: the model's
/// identification by the parallel index method on a cluster): every process runs the same command,
/// the index method becomes `DistributedIndexMethod` (one evolvent per process, trials exchanged
/// asynchronously, the best point agreed at the end), and only rank 0 writes the outputs and
/// checkpoints. The Nelder–Mead polish of `--refine-share` then starts from the same agreed point on
/// every rank (deterministic, so all ranks reach the same result; only rank 0's is written). Resuming
/// from a checkpoint is not supported under mpirun (each process simulates different trials).
struct IdentifyUnderMPI {
    let optimizer: DistributedIndexMethod
    let isRoot: Bool

    /// Nil for a lone process, or a method other than the index method (which then runs on every rank
    /// alike, without MPI); otherwise MPI is initialized.
    static func start(optimizer: any Optimizer, resume: Bool,
                      environment: [String: String] = ProcessInfo.processInfo.environment) throws -> IdentifyUnderMPI? {
        guard MPIRuntime.launchedWithSeveralProcesses(environment: environment) else { return nil }
        guard let index = optimizer as? IndexMethod else {
            throw ValidationError("--method: under mpirun with several processes only the index method is distributed; got \(optimizer.name)")
        }
        guard !resume else { throw ValidationError("--resume: not supported under mpirun with several processes; resume in one process") }
        try MPIRuntime.initialize()
        let root = MPIRuntime.rank == 0
        if root { Log.info("mpi: \(MPIRuntime.size) processes, one evolvent each (asynchronous index method, seed 002 §5.2)") }
        return IdentifyUnderMPI(optimizer: DistributedIndexMethod(index.configuration), isRoot: root)
    }

    func finish() { MPIRuntime.finalize() }
}
