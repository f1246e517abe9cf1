import Foundation

/// Writes a file atomically: the bytes go to a temporary file in the same directory, which is then
/// renamed over the destination (rename(2) is atomic on one file system), so a reader never sees a
/// half-written output and a failed write leaves the old file untouched.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws(DataError) {
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DataError(.writeFailed, file: url.path, found: "\(error)", expected: "a writable directory \(dir.path)")
        }
    }
}
