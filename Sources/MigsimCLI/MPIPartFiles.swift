import DistributedSearch
import Foundation

/// Work dealt to the ranks of `mpirun` and gathered through files on the file system every rank
/// shares: each rank writes one part per unit of work into `<output>.mpi-parts/` (or the unit's error
/// message instead), and after a barrier rank 0 reads the parts in the order it asks for, throws the
/// first failure, and removes the folder. `migsim backtest` (origins) and `migsim forecast-ensemble`
/// (members) gather their results this way.
struct MPIPartFiles {
    let rank: Int
    let size: Int

    /// This process's rank when `mpirun` started several processes (MPI initialized); nil for a lone
    /// process, which never initializes MPI.
    static func join(environment: [String: String] = ProcessInfo.processInfo.environment) -> MPIPartFiles? {
        guard MPIRuntime.launchedWithSeveralProcesses(environment: environment) else { return nil }
        guard (try? MPIRuntime.initialize()) != nil else { return nil }
        return MPIPartFiles(rank: MPIRuntime.rank, size: MPIRuntime.size)
    }

    /// The parts folder beside `output`.
    static func folder(beside output: URL) -> URL {
        URL(fileURLWithPath: output.standardizedFileURL.path + ".mpi-parts")
    }

    /// Rank 0 clears what an earlier run left; after a barrier every rank has the folder.
    func prepare(_ folder: URL) throws {
        if rank == 0 { try? FileManager.default.removeItem(at: folder) }
        try MPIRuntime.barrier()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes unit `name`'s result, or its error message when `work` throws (`failure` names the unit);
    /// true when the result was written.
    @discardableResult
    func write<T: Encodable>(_ name: String, in folder: URL, failure: String, _ work: () throws -> T) -> Bool {
        do {
            try Self.encoder.encode(try work()).write(to: folder.appendingPathComponent("\(name).json"))
            return true
        } catch {
            try? Data("\(failure) on rank \(rank): \(error)".utf8).write(to: folder.appendingPathComponent("failed-\(name).txt"))
            return false
        }
    }

    /// After a barrier: on rank 0 the parts `names` in that order (the first failed unit's message is
    /// thrown), the folder removed; nil on the other ranks.
    func gather<T: Decodable>(_ type: T.Type, names: [String], from folder: URL) throws -> [T]? {
        try MPIRuntime.barrier()
        guard rank == 0 else { return nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try names.map { name in
            if let text = try? String(contentsOf: folder.appendingPathComponent("failed-\(name).txt"), encoding: .utf8) {
                throw PartFailure(description: text)
            }
            return try Self.decoder.decode(type, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        }
    }

    /// Part files carry non-finite numbers as strings (an origin without a validation fit has a NaN
    /// in-window score, which plain JSON cannot hold).
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

/// A unit's failure on some rank, as rank 0 reports it.
private struct PartFailure: Error, CustomStringConvertible { let description: String }
