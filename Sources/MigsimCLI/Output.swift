import DataIO
import Foundation

/// Where command results and progress go: tables to a file (atomically) or standard output,
/// progress and summaries to standard error so that piped output stays clean.
///
/// Standard output is written through C stdio only (the buffer `print` uses as well), and every
/// write is checked: a full disk or device gives an `OutputError` and a non-zero exit instead of a
/// trap or a silently lost result. `finishStandardOutput()` flushes and checks what `print` wrote.
enum Output {
    /// Writes the table to `path` (temporary file + rename: never half-written) or to stdout.
    static func emit(_ table: CSVTableWriter, to path: String?) throws {
        if let path {
            try table.write(to: URL(fileURLWithPath: path))
        } else {
            try standardOutput(table.text)
        }
    }

    /// Writes `text` to standard output and flushes it; throws when the system refuses any of it.
    static func standardOutput(_ text: String) throws {
        if let failure = StandardStreams.writeOut(text) { throw OutputError(errno: failure) }
    }

    /// Flushes standard output at the end of a command and reports an error that an earlier `print`
    /// ran into (stdio keeps the error flag; `print` itself never reports it).
    static func finishStandardOutput() throws {
        if let failure = StandardStreams.flushOut() { throw OutputError(errno: failure) }
    }
}

/// Standard output could not be written (a full disk or device, a closed file).
struct OutputError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String {
        "cannot write the results to standard output: \(String(cString: strerror(errno))) (errno \(errno)); "
            + "write them to a file with --output, or free space on the device standard output goes to"
    }
}

/// Progress lines on standard error.
enum Log {
    static func info(_ message: String) {
        write("migsim: " + message + "\n")
    }

    /// Writes raw text to standard error (unbuffered). A failure is ignored: there is nowhere left to
    /// report it, and progress must never stop a computation.
    static func write(_ text: String) {
        StandardStreams.writeError(text)
    }
}
