import Foundation

/// A streaming CSV reader for large files (flow matrices of millions of rows): the file is read in
/// chunks into one buffer and tokenized in place, and each record is handed to a callback as byte
/// ranges (`CSVRecord`) — no `String` or array per field, memory bounded by the chunk size.
///
/// It reads exactly what `CSVTable.read` reads and fails exactly as it does: the same tokenizer rules
/// as CSV.swift (RFC 4180 quoting, doubled quotes, CR, LF or CRLF line ends, and CSV.swift's handling
/// of text after a closing quote), a UTF-8 byte order mark skipped, blank records skipped, header
/// fields trimmed, and the same `DataError`s naming file, line and column, raised in the same order.
/// `CSVTable` checks the whole file (bytes, then header, then fields per record) before a caller
/// sees any value; to keep that order in one pass, the byte checks (`CSVByteChecks`) and the
/// structure checks run over the whole file while records are handed out, a caller's error is held
/// until the end of the file, and it is thrown only when no whole-file or structural error came up.
/// After a structural error or a caller's error no more records are handed out; records handed out
/// always have as many fields as the header.
public enum CSVByteReader {
    /// Bytes read per `read(2)`; a record longer than this grows the buffer.
    public static let defaultChunkSize = 1 << 20

    /// Reads `url`: calls `header` once with the header's fields (as `CSVTable.header`), then `row`
    /// for every non-blank data record in file order. Returns the number of data records.
    @discardableResult
    public static func read(_ url: URL, chunkSize: Int = defaultChunkSize,
                            header: (_ fields: [String]) throws -> Void,
                            row: (CSVRecord) throws -> Void) throws -> Int {
        let file = url.path
        guard FileManager.default.fileExists(atPath: file) else {
            throw DataError(.missingFile, file: file, expected: "an existing CSV file")
        }
        var tokenizer = try CSVTokenizer(file: file, chunkSize: max(chunkSize, 16))
        var checks = CSVByteChecks()
        var names: [String] = [], seenHeader = false
        var structural: DataError? = nil, callerError: (any Error)? = nil
        var handingOut = true   // false after a structural or a caller's error
        var records = 0
        try tokenizer.forEachRecord(checks: &checks) { r in
            if r.count == 1 && r.text(0).isEmpty { return }
            guard seenHeader else {
                seenHeader = true
                names = (0..<r.count).map { r.text($0) }
                if let problem = CSVTable.Problem.header(names, file: file) {
                    structural = problem; handingOut = false
                } else {
                    do { try header(names) } catch { callerError = error; handingOut = false }
                }
                return
            }
            records += 1
            if r.count != names.count {
                if structural == nil { structural = CSVTable.Problem.fieldCount(file, line: r.line, fields: r.count, header: names) }
                handingOut = false
            }
            if handingOut {
                do { try row(r) } catch { callerError = error; handingOut = false }
            }
        }
        checks.finish()
        if let bad = checks.invalidUTF8 { throw CSVTable.Problem.notUTF8(file, line: bad.line, byte: bad.byte) }
        if try isWhiteSpaceOnly(checks, url: url) { throw CSVTable.Problem.whiteSpaceOnly(file) }
        if let line = checks.nulLine { throw CSVTable.Problem.nul(file, line: line) }
        if let line = checks.unterminatedQuoteLine { throw CSVTable.Problem.unterminatedQuote(file, line: line) }
        guard seenHeader else { throw CSVTable.Problem.noHeader(file) }
        if let structural { throw structural }
        if let callerError { throw callerError }
        return records
    }

    /// `CSVTable`'s "only white space" test. Decided from the byte checks unless the file holds no
    /// ASCII text but some non-ASCII bytes (which may all be Unicode white space): then read whole.
    private static func isWhiteSpaceOnly(_ checks: CSVByteChecks, url: URL) throws -> Bool {
        if checks.sawASCIIText { return false }
        if !checks.sawNonASCII { return true }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(.unreadableFile, file: url.path, expected: "a readable file")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.allSatisfy(\.isWhitespace)
    }
}

/// The chunked tokenizer behind `CSVByteReader` (CSV.swift's state machine on bytes).
struct CSVTokenizer: ~Copyable {
    let file: String
    private let fd: Int32
    /// Bytes [position, filled) of `buffer` are read but not yet tokenized.
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// Unquoted field contents of the current record (as large as `buffer`, so never reallocated mid-record).
    private var scratch: UnsafeMutableBufferPointer<UInt8>
    /// The current record's fields (grown by doubling; a record has at least one field).
    private var spans: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var spanCapacity = 64, spanCount = 0
    private var position = 0, filled = 0
    private var atEnd = false
    /// Whether the next bytes are the file's first (a byte order mark is skipped there).
    private var atStart = true

    init(file: String, chunkSize: Int) throws(DataError) {
        self.file = file
        fd = open(file, O_RDONLY)
        guard fd >= 0 else { throw DataError(.unreadableFile, file: file, expected: "a readable file") }
        buffer = .allocate(capacity: chunkSize)
        scratch = .allocate(capacity: chunkSize)
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        close(fd)
        buffer.deallocate()
        scratch.deallocate()
        spans.deallocate()
    }

    /// Reads more bytes after the unconsumed ones (moved to the front; the buffer doubles when full).
    private mutating func refill(checks: inout CSVByteChecks) throws(DataError) {
        if position > 0 {
            let rest = filled - position
            if rest > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + position, count: rest) }
            filled = rest; position = 0
        }
        if filled == buffer.count {
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 2 * buffer.count)
            bigger.baseAddress!.update(from: buffer.baseAddress!, count: filled)
            buffer.deallocate(); buffer = bigger
            scratch.deallocate(); scratch = .allocate(capacity: buffer.count)
        }
        var got = 0
        repeat { got = read(fd, buffer.baseAddress! + filled, buffer.count - filled) } while got < 0 && errno == EINTR
        guard got >= 0 else { throw DataError(.unreadableFile, file: file, expected: "a readable file") }
        if got == 0 { atEnd = true; return }
        let fresh = UnsafeBufferPointer(start: buffer.baseAddress! + filled, count: got)
        checks.consume(fresh)
        filled += got
        if atStart, filled >= 3 || atEnd {
            atStart = false
            if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
    }

    /// Calls `body` with every record (blank ones included), in order; `checks` sees every byte.
    mutating func forEachRecord(checks: inout CSVByteChecks, _ body: (CSVRecord) throws -> Void) throws {
        var line = 1
        while true {
            // Enough bytes to decide on a byte order mark.
            while atStart && !atEnd { try refill(checks: &checks) }
            let parsed = tokenizeRecord()
            switch parsed {
            case .needMore:
                try refill(checks: &checks)
            case .endOfFile:
                return
            case .record(let next, let newlines):
                position = next
                try body(CSVRecord(line: line, fields: UnsafeBufferPointer(start: spans, count: spanCount)))
                line += 1 + newlines
            }
        }
    }

    private enum Step { case needMore, endOfFile, record(next: Int, newlines: Int) }

    /// One record from `position`, or `.needMore` when the buffer ends before the record does and
    /// the file has more. Mirrors CSV.swift's `readRow`/`readField` byte for byte.
    private mutating func tokenizeRecord() -> Step {
        spanCount = 0
        let b = UnsafeBufferPointer(start: buffer.baseAddress!, count: filled)
        let base = buffer.baseAddress!, out = scratch.baseAddress!
        var q = position, used = 0, newlines = 0
        if q == filled { return atEnd ? .endOfFile : .needMore }
        while true {
            // Start of a field: q may be at the end only after a comma.
            if q == filled {
                if !atEnd { return .needMore }
                append(UnsafeBufferPointer(start: base + q, count: 0))
                return .record(next: q, newlines: newlines)
            }
            if b[q] == 34 {
                // Quoted: contents go to the scratch buffer.
                q += 1
                let start = used
                while true {
                    if q == filled {
                        if !atEnd { return .needMore }
                        append(UnsafeBufferPointer(start: out + start, count: used - start))
                        return .record(next: q, newlines: newlines)
                    }
                    let c = b[q]; q += 1
                    if c != 34 {
                        out[used] = c; used += 1
                        if c == 10 { newlines += 1 }
                        continue
                    }
                    // A quote: look at what follows.
                    if q == filled && !atEnd { return .needMore }
                    if q == filled || b[q] == 10 || b[q] == 13 {
                        if q < filled && b[q] == 13 {
                            q += 1
                            if q == filled && !atEnd { return .needMore }
                            if q < filled && b[q] == 10 { q += 1 }
                        } else if q < filled {
                            q += 1
                        }
                        append(UnsafeBufferPointer(start: out + start, count: used - start))
                        return .record(next: q, newlines: newlines)
                    }
                    if b[q] == 44 {
                        q += 1
                        append(UnsafeBufferPointer(start: out + start, count: used - start))
                        break
                    }
                    // A doubled quote is one quote; any other character after a quote is dropped
                    // and the quote kept (CSV.swift's rule), a whole UTF-8 scalar at a time.
                    out[used] = 34; used += 1
                    let skip = b[q] == 34 ? 1 : Self.scalarLength(b[q])
                    if q + skip > filled {
                        if !atEnd { return .needMore }
                        q = filled
                    } else {
                        q += skip
                    }
                }
            } else {
                // Unquoted: up to a comma or a line end, in place.
                var e = q
                while e < filled {
                    let c = b[e]
                    if c == 44 || c == 10 || c == 13 { break }
                    e += 1
                }
                if e == filled {
                    if !atEnd { return .needMore }
                    append(UnsafeBufferPointer(start: base + q, count: e - q))
                    return .record(next: e, newlines: newlines)
                }
                append(UnsafeBufferPointer(start: base + q, count: e - q))
                let c = b[e]
                q = e + 1
                if c == 44 { continue }
                if c == 13 {
                    if q == filled && !atEnd { return .needMore }
                    if q < filled && b[q] == 10 { q += 1 }
                }
                return .record(next: q, newlines: newlines)
            }
        }
    }

    /// Adds a field to the current record.
    @inline(__always)
    private mutating func append(_ field: UnsafeBufferPointer<UInt8>) {
        if spanCount == spanCapacity {
            let bigger = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: 2 * spanCapacity)
            bigger.initialize(from: spans, count: spanCount)
            spans.deallocate()
            spans = bigger; spanCapacity *= 2
        }
        (spans + spanCount).initialize(to: field)
        spanCount += 1
    }

    /// Bytes of the UTF-8 scalar led by `b` (1 for ASCII or a stray byte).
    private static func scalarLength(_ b: UInt8) -> Int {
        b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }
}
