import CFileSystem
import DataIO
import Foundation

/// The files of one command's run, written together or not at all: every file is written into a
/// staging folder beside the target (`DIR.staging-<pid>`), and `commit` swaps the finished folder in
/// with one atomic exchange of the two folders (renameat2 with RENAME_EXCHANGE), so `DIR` holds
/// either the complete old set or the complete new one at every instant — never a mix, never
/// nothing (SPEC §8). A failed or killed run leaves only the staging folder (or, killed right after
/// the exchange, the old set under the staging name), which the next run into the same target
/// removes. Where the file system cannot exchange, two renames are used (a kill between them
/// leaves `DIR.old-<pid>` and no `DIR`).
public struct OutputSet {
    public let target: URL
    private let staging: URL
    private var files: [String] = []

    public init(target: URL) throws {
        self.target = target.standardizedFileURL
        let parent = self.target.deletingLastPathComponent()
        let name = self.target.lastPathComponent
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            // Staging folders of runs that were killed before they committed.
            for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(name + ".staging-") {
                let pid = Int32(entry.dropFirst((name + ".staging-").count)) ?? 0
                if pid > 0 && pid != getpid() && kill(pid, 0) != 0 { try? fm.removeItem(at: parent.appendingPathComponent(entry)) }
            }
            staging = parent.appendingPathComponent("\(name).staging-\(getpid())")
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError("--output \(target.path): cannot create a folder there (\(error.localizedDescription))")
        }
    }

    /// Adds a CSV table under `name`.
    public mutating func add(_ name: String, _ table: CSVTableWriter) throws {
        try table.write(to: staging.appendingPathComponent(name))
        files.append(name)
    }

    /// Adds raw bytes (JSON, text) under `name`.
    public mutating func add(_ name: String, data: Data) throws {
        try AtomicFile.write(data, to: staging.appendingPathComponent(name))
        files.append(name)
    }

    /// Adds a `JSONArtifact` (format, version envelope) under `name`.
    public mutating func add<T: Codable>(_ name: String, artifact value: T, format: String, version: Int, allowNonFinite: Bool = false) throws {
        try JSONArtifact.write(value, format: format, version: version, to: staging.appendingPathComponent(name), allowNonFinite: allowNonFinite)
        files.append(name)
    }

    /// Swaps the staged files in: the target folder then holds exactly this run's files.
    public func commit() throws {
        let fm = FileManager.default
        let old = target.deletingLastPathComponent().appendingPathComponent("\(target.lastPathComponent).old-\(getpid())")
        do {
            if fm.fileExists(atPath: target.path) {
                if migsim_exchange_paths(staging.path, target.path) == 0 {
                    try? fm.removeItem(at: staging)   // now the old set
                    return
                }
                try fm.moveItem(at: target, to: old)
            }
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } catch {
            throw PipelineError("--output \(target.path): could not put the new outputs in place (\(error.localizedDescription))")
        }
    }

    /// Removes the staging folder (a run that failed before `commit`).
    public func discard() { try? FileManager.default.removeItem(at: staging) }
}
