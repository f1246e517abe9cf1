import DistributedSearch
import Foundation
import Pipeline

/// `migsim forecast-ensemble` started by `mpirun` with several processes: member k is fitted on rank
/// k mod p (the members cost the same), each rank writes its members to part files beside the
/// output (`MPIPartFiles`), and after a barrier rank 0 combines them in member order (the same
/// numbers as one process) and the others return.
struct EnsembleUnderMPI {
    let parts: MPIPartFiles

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> EnsembleUnderMPI? {
        MPIPartFiles.join(environment: environment).map(EnsembleUnderMPI.init)
    }

    var rank: Int { parts.rank }
    var size: Int { parts.size }

    /// The combined ensemble on rank 0; nil on the other ranks. Every rank checks the plan first
    /// (`ForecastEnsemble.validate`), as `ForecastEnsemble.run` does.
    func run(_ plan: EnsemblePlan, output: URL, progress: @escaping @Sendable (Int) -> Void) throws -> EnsembleForecast? {
        defer { MPIRuntime.finalize() }
        try ForecastEnsemble.validate(plan)
        let folder = MPIPartFiles.folder(beside: output)
        try parts.prepare(folder)
        for k in Self.members(of: rank, ranks: size, count: plan.members) {
            if parts.write("member-\(k)", in: folder, failure: "member \(k)", { try ForecastEnsemble.member(k, plan: plan) }) {
                progress(k)
            }
        }
        guard let members = try parts.gather(EnsembleMember.self, names: (0..<plan.members).map { "member-\($0)" }, from: folder) else {
            return nil
        }
        return try ForecastEnsemble.combine(members, plan: plan)
    }

    /// The members rank r fits: k = r, r + p, r + 2p, …
    static func members(of rank: Int, ranks: Int, count: Int) -> [Int] {
        Array(stride(from: rank, to: count, by: max(1, ranks)))
    }
}
