// C stdio's stdout and stderr are mutable C globals; this file imports Glibc alone and with
// @preconcurrency so that Swift 6 accepts references to them (Foundation re-exports Glibc without it).
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The process's standard streams through C stdio, the buffer that `print` writes into as well.
enum StandardStreams {
    /// Writes and flushes `text` on stdout; the errno of a failure, nil on success.
    static func writeOut(_ text: String) -> Int32? {
        var bytes = Array(text.utf8)
        let written = bytes.withUnsafeMutableBufferPointer { fwrite($0.baseAddress, 1, $0.count, stdout) }
        guard written == bytes.count, fflush(stdout) == 0, ferror(stdout) == 0 else { return errno == 0 ? EIO : errno }
        return nil
    }

    /// Flushes stdout; the errno of this or of any earlier failed write (stdio's error flag), nil if none.
    static func flushOut() -> Int32? {
        if fflush(stdout) != 0 { return errno == 0 ? EIO : errno }
        return ferror(stdout) != 0 ? EIO : nil   // an earlier write failed; its errno is gone
    }

    /// Writes `text` on stderr (unbuffered); failures are ignored, there is nowhere to report them.
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { fwrite($0.baseAddress, 1, $0.count, stderr) }
    }
}
