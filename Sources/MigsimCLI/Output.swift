import DataIO
import Foundation

/// Where command results and progress go: tables to a file (atomically) or standard output,
/// progress and summaries to standard error so that piped output stays clean.
enum Output {
    /// Writes the table to `path` (temporary file + rename: never half-written) or to stdout.
    static func emit(_ table: CSVTableWriter, to path: String?) throws {
        if let path {
            try table.write(to: URL(fileURLWithPath: path))
        } else {
            FileHandle.standardOutput.write(Data(table.text.utf8))
        }
    }
}

/// Progress lines on standard error.
enum Log {
    static func info(_ message: String) {
        FileHandle.standardError.write(Data(("migsim: " + message + "\n").utf8))
    }
}
