import CSV
import Foundation

/// A parsed CSV file (UTF-8, header row, comma separator, RFC 4180 quoting) that remembers where
/// every record came from, so that each typed accessor can raise a `DataError` naming file, line
/// and column. Parsing is done by CSV.swift; before it, one byte scan checks that every quote is
/// closed (CSV.swift would silently read an unterminated quote to the end of the file).
///
/// Blank lines are skipped. Fields are trimmed of surrounding spaces. Extra columns (not used by a
/// reader) are ignored; readers that care list them in their result.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let rows: [[String]]
    /// 1-based line on which each record starts (header = line 1).
    public let lines: [Int]

    public static func read(_ url: URL) throws(DataError) -> CSVTable {
        let file = url.path
        guard FileManager.default.fileExists(atPath: file) else {
            throw DataError(.missingFile, file: file, expected: "an existing CSV file")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DataError(.unreadableFile, file: file, expected: "a readable file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, byte) = firstInvalidUTF8(data)
            throw Problem.notUTF8(file, line: line, byte: byte)
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(DataError) -> CSVTable {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) { throw Problem.whiteSpaceOnly(file) }
        if let nul = text.utf8.firstIndex(of: 0) {
            throw Problem.nul(file, line: 1 + text.utf8[..<nul].reduce(0) { $0 + ($1 == 10 ? 1 : 0) })
        }
        if let line = unterminatedQuoteLine(text) { throw Problem.unterminatedQuote(file, line: line) }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false) } catch {
            throw DataError(.unreadableFile, file: file, expected: "CSV text (\(error))")
        }
        var header: [String]? = nil
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let raw = reader.next() {
            let start = line
            line += 1
            for f in raw where f.utf8.contains(10) { line += f.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
            let fields = raw.map(CSVTable.trimmed)
            if fields.count == 1 && fields[0].isEmpty { continue }
            if header == nil {
                header = fields
                continue
            }
            rows.append(fields)
            lines.append(start)
        }
        guard let header else { throw Problem.noHeader(file) }
        if let problem = Problem.header(header, file: file) { throw problem }
        for (r, fields) in rows.enumerated() where fields.count != header.count {
            throw Problem.fieldCount(file, line: lines[r], fields: fields.count, header: header)
        }
        return CSVTable(file: file, header: header, rows: rows, lines: lines)
    }

    /// The field without surrounding spaces and tabs (fast path: most fields have none).
    static func trimmed(_ f: String) -> String {
        guard let first = f.utf8.first, let last = f.utf8.last,
              first == 32 || first == 9 || last == 32 || last == 9 else { return f }
        return f.trimmingCharacters(in: .whitespaces)
    }

    /// Line of an opening quote that is never closed, or nil when all quotes are balanced.
    static func unterminatedQuoteLine(_ text: String) -> Int? {
        var line = 1, openedOn = 0, inQuote = false
        for b in text.utf8 {
            if b == 34 { inQuote.toggle(); if inQuote { openedOn = line } }
            else if b == 10 { line += 1 }
        }
        return inQuote ? openedOn : nil
    }

    // MARK: columns

    public func column(_ index: Int) -> DataError.Column { .init(name: header[index], index: index + 1) }

    /// 0-based index of a required column; `missingColumn` error when absent.
    public func requireColumn(_ name: String) throws(DataError) -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw DataError(.missingColumn, file: file, line: 1, column: .init(name: name, index: header.count + 1),
                            expected: "a column named '\(name)' (header has: \(header.joined(separator: ", ")))")
        }
        return i
    }

    public func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }

    // MARK: typed fields

    public func error(_ kind: DataError.Kind, row: Int, col: Int, expected: String) -> DataError {
        DataError(kind, file: file, line: lines[row], column: column(col), found: rows[row][col], expected: expected)
    }

    /// A non-empty text field.
    public func text(_ row: Int, _ col: Int) throws(DataError) -> String {
        let s = rows[row][col]
        if s.isEmpty { throw error(.emptyField, row: row, col: col, expected: "a non-empty value") }
        return s
    }

    /// A finite number; empty, non-numeric, NaN and ±inf are errors.
    public func number(_ row: Int, _ col: Int) throws(DataError) -> Double {
        guard let v = try optionalNumber(row, col) else {
            throw error(.emptyField, row: row, col: col, expected: "a number")
        }
        return v
    }

    /// A finite number, or nil for an empty cell (the only representation of a missing value).
    public func optionalNumber(_ row: Int, _ col: Int) throws(DataError) -> Double? {
        let s = rows[row][col]
        if s.isEmpty { return nil }
        guard let v = Double(s), !s.contains(where: { $0 == "x" || $0 == "X" }) else {
            throw error(.notANumber, row: row, col: col, expected: "a decimal number")
        }
        guard v.isFinite else { throw error(.nonFinite, row: row, col: col, expected: "a finite number (no NaN or infinity)") }
        return v
    }

    /// A period label (`YYYY`, `YYYY-Qn`, `YYYY-MM`).
    public func period(_ row: Int, _ col: Int) throws(DataError) -> Period {
        guard let p = Period(label: rows[row][col]) else {
            throw error(.badPeriod, row: row, col: col, expected: Period.expectedText)
        }
        return p
    }

    /// Checks that all periods in a column share one granularity.
    func requireOneGranularity(_ periods: [Period], col: Int) throws(DataError) {
        guard let first = periods.first else { return }
        for (r, p) in periods.enumerated() where p.granularity != first.granularity {
            throw error(.mixedPeriods, row: r, col: col,
                        expected: "the same kind of period in every row (\(first.granularity.rawValue)s, as on line \(lines[0]))")
        }
    }
}

/// The 1-based line and byte (within the line) of the first byte sequence that is not UTF-8.
func firstInvalidUTF8(_ data: Data) -> (line: Int, byte: Int) {
    let bytes = [UInt8](data)
    var line = 1, lineStart = 0, k = 0
    while k < bytes.count {
        let b = bytes[k]
        let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
        let end = k + length
        guard length > 0, end <= bytes.count, String(bytes: bytes[k..<end], encoding: .utf8) != nil else {
            return (line, k - lineStart + 1)
        }
        if b == 10 { line += 1; lineStart = end }
        k = end
    }
    return (line, k - lineStart + 1)
}

