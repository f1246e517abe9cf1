import DistributedSearch
import Foundation
import Pipeline

/// `migsim forecast-ensemble` started by `mpirun` with several processes: member k is fitted on rank
/// k mod p (the members cost the same), each rank writes its members to part files beside the
/// output, and after a barrier rank 0 combines them in member order (the same numbers as one
/// process) and the others return.
struct EnsembleUnderMPI {
    let rank: Int
    let size: Int

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> EnsembleUnderMPI? {
        guard MPIRuntime.launchedWithSeveralProcesses(environment: environment) else { return nil }
        guard (try? MPIRuntime.initialize()) != nil else { return nil }
        return EnsembleUnderMPI(rank: MPIRuntime.rank, size: MPIRuntime.size)
    }

    /// The combined ensemble on rank 0; nil on the other ranks. The parts go beside `output`
    /// (`<output>.mpi-parts`), on the file system every rank shares.
    func run(_ plan: EnsemblePlan, output: URL, progress: @escaping @Sendable (Int) -> Void) throws -> EnsembleForecast? {
        defer { MPIRuntime.finalize() }
        let parts = URL(fileURLWithPath: output.standardizedFileURL.path + ".mpi-parts")
        if rank == 0 { try? FileManager.default.removeItem(at: parts) }
        try MPIRuntime.barrier()
        try? FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        for k in Self.members(of: rank, ranks: size, count: plan.members) {
            do {
                let m = try ForecastEnsemble.member(k, plan: plan)
                try BacktestUnderMPI.encoder.encode(m).write(to: parts.appendingPathComponent("member-\(k).json"))
                progress(k)
            } catch {
                try? Data("member \(k) on rank \(rank): \(error)".utf8).write(to: parts.appendingPathComponent("failed-\(k).txt"))
            }
        }
        try MPIRuntime.barrier()
        guard rank == 0 else { return nil }
        defer { try? FileManager.default.removeItem(at: parts) }
        var members = [EnsembleMember]()
        for k in 0..<plan.members {
            if let text = try? String(contentsOf: parts.appendingPathComponent("failed-\(k).txt"), encoding: .utf8) {
                throw PartFailure(description: text)
            }
            members.append(try BacktestUnderMPI.decoder.decode(EnsembleMember.self,
                                                                from: Data(contentsOf: parts.appendingPathComponent("member-\(k).json"))))
        }
        return try ForecastEnsemble.combine(members, plan: plan)
    }

    /// The members rank r fits: k = r, r + p, r + 2p, …
    static func members(of rank: Int, ranks: Int, count: Int) -> [Int] {
        Array(stride(from: rank, to: count, by: max(1, ranks)))
    }
}

private struct PartFailure: Error, CustomStringConvertible { let description: String }
