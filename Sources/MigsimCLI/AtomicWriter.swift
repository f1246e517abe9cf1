import DataIO
import Foundation

/// What one output file holds: text built in memory, or a function that streams the file's bytes
/// (the n² cells of a balanced matrix) so that the whole text never sits in memory.
enum OutputContent {
    case text(String)
    case stream((BufferedFileWriter) throws -> Void)
}

/// Writes several files so that either all appear complete or none is touched: each goes to a
/// temporary file beside its destination, and only when all are written are they renamed into place.
enum AtomicWriter {
    static func write(_ files: [(path: String, text: String)]) throws {
        try write(files.map { (path: $0.path, content: OutputContent.text($0.text)) })
    }

    static func write(_ files: [(path: String, content: OutputContent)]) throws {
        let fm = FileManager.default
        var temporaries: [(String, String)] = []
        do {
            for (path, content) in files {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                let tmp = (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
                switch content {
                case .text(let text):
                    guard fm.createFile(atPath: tmp, contents: Data(text.utf8)) else {
                        throw BalanceInputError("\(path): cannot write the output file")
                    }
                    temporaries.append((tmp, path))
                case .stream(let produce):
                    let writer: BufferedFileWriter
                    do { writer = try BufferedFileWriter(path: tmp) } catch {
                        throw BalanceInputError("\(path): cannot write the output file")
                    }
                    temporaries.append((tmp, path))
                    try produce(writer)
                    do { try writer.finish() } catch {
                        throw BalanceInputError("\(path): cannot write the output file (\(error.found ?? "write failed"))")
                    }
                }
            }
            for (tmp, path) in temporaries {
                guard rename(tmp, path) == 0 else { throw BalanceInputError("\(path): cannot move the output into place") }
            }
        } catch {
            for (tmp, _) in temporaries { try? fm.removeItem(atPath: tmp) }
            throw error
        }
    }
}
