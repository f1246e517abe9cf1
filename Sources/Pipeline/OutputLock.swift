import Foundation

/// One run at a time per output folder: a lock file `DIR.lock` beside the folder, created
/// exclusively (O_CREAT | O_EXCL) and holding the owner's process id. A second run into the same
/// folder is refused with a message naming the folder and the running process; a lock whose
/// process no longer exists (a run killed with SIGKILL) is taken over; one held by this process
/// (another thread) is refused like any other. Released by `release()`,
/// normally in a `defer` right after acquiring.
public final class OutputLock {
    public let target: URL
    public let lockFile: URL
    private var held = true

    public init(target: URL) throws {
        self.target = target.standardizedFileURL
        lockFile = self.target.deletingLastPathComponent().appendingPathComponent(self.target.lastPathComponent + ".lock")
        do {
            try FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw PipelineError("--output \(self.target.path): cannot create its parent folder (\(error.localizedDescription))")
        }
        for _ in 0..<2 {
            let fd = open(lockFile.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if fd >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                return
            }
            guard errno == EEXIST else {
                throw PipelineError("--output \(self.target.path): cannot create the lock file \(lockFile.path) (\(String(cString: strerror(errno))))")
            }
            let owner = (try? String(contentsOf: lockFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            if owner > 0 && (owner == getpid() || kill(owner, 0) == 0 || errno == EPERM) {
                throw PipelineError("--output \(self.target.path): another migsim run (process \(owner)) is writing into this folder; "
                                    + "wait for it or choose another --output (its lock is \(lockFile.path))")
            }
            // The owner is gone (killed) or unreadable: take the lock over.
            try? FileManager.default.removeItem(at: lockFile)
        }
        throw PipelineError("--output \(self.target.path): could not take the lock \(lockFile.path); remove it if no migsim run is writing there")
    }

    /// Removes the lock file (idempotent).
    public func release() {
        guard held else { return }
        held = false
        try? FileManager.default.removeItem(at: lockFile)
    }

    deinit { release() }
}
