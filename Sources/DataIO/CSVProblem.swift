/// The errors a CSV file can have before any column is read — the same text whichever reader
/// (`CSVTable`, `CSVByteReader`) finds them, each naming the file and line (and column).
extension CSVTable {
    enum Problem {
        static func notUTF8(_ file: String, line: Int, byte: Int) -> DataError {
            DataError(.unreadableFile, file: file, line: line, found: "a byte that is not UTF-8 at byte \(byte) of the line",
                      expected: "UTF-8 text")
        }

        static func whiteSpaceOnly(_ file: String) -> DataError {
            DataError(.emptyFile, file: file, line: 1, expected: "a header row and data rows")
        }

        static func nul(_ file: String, line: Int) -> DataError {
            DataError(.unreadableFile, file: file, line: line, found: "a NUL byte",
                      expected: "text without NUL bytes (a binary file or a damaged field?)")
        }

        static func unterminatedQuote(_ file: String, line: Int) -> DataError {
            DataError(.unterminatedQuote, file: file, line: line, expected: "a closing '\"' for the quote opened on this line")
        }

        static func noHeader(_ file: String) -> DataError {
            DataError(.emptyFile, file: file, line: 1, expected: "a header row")
        }

        /// An empty header name or a name twice (the first such field), nil for a good header.
        static func header(_ header: [String], file: String) -> DataError? {
            var seen: [String: Int] = [:]
            for (i, name) in header.enumerated() {
                if name.isEmpty {
                    return DataError(.emptyField, file: file, line: 1, column: .init(name: "", index: i + 1),
                                     expected: "a column name in every header field")
                }
                if let first = seen[name] {
                    return DataError(.duplicateColumn, file: file, line: 1, column: .init(name: name, index: i + 1),
                                     found: name, expected: "each column name once (already column #\(first + 1))")
                }
                seen[name] = i
            }
            return nil
        }

        static func fieldCount(_ file: String, line: Int, fields: Int, header: [String]) -> DataError {
            DataError(.fieldCount, file: file, line: line, found: "\(fields) fields",
                      expected: "\(header.count) fields as in the header (\(header.joined(separator: ",")))")
        }
    }
}
