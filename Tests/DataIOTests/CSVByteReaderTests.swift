import Foundation
import Testing
@testable import DataIO

/// The streaming reader (`CSVByteReader`) against `CSVTable.read` on the same bytes: the same
/// header, fields and lines for awkward but valid files, at chunk sizes that cut records anywhere,
/// and the same `DataError` (file, line, column, text) for broken ones.
struct CSVByteReaderTests {
    /// What the streaming reader makes of a file, in `CSVTable`'s terms.
    static func streamed(_ url: URL, chunkSize: Int) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        var header: [String] = [], rows: [[String]] = [], lines: [Int] = []
        let count = try CSVByteReader.read(url, chunkSize: chunkSize) { fields in
            header = fields
        } row: { r in
            rows.append((0..<r.count).map { r.text($0) })
            lines.append(r.line)
        }
        #expect(count == rows.count)
        return (header, rows, lines)
    }

    static func bytes(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }

    /// Quotes with commas, doubled quotes and line breaks inside; text after a closing quote; CRLF,
    /// a lone CR and LF line ends; blank lines; spaces, tabs and a no-break space around fields;
    /// Korean and combining characters; a quote inside an unquoted field; a trailing comma; no final
    /// line break.
    static let awkward: [UInt8] = bytes(
        [0xEF, 0xBB, 0xBF],
        Array("origin,destination, period ,migrants\r\n".utf8),
        Array("\"Seoul, city\",\"Bu\"\"san\",2012,10\r\n".utf8),
        Array("\n   \n".utf8),
        Array("\"multi\nline\",B,2012,\t 3.5 \n".utf8),
        Array("대구,\"x\"y\",2013,7\rA, \u{00A0}B\u{00A0} ,2013,1e3\n".utf8),
        Array("\"\",,,\n".utf8),
        Array("e\u{0301},\"\",2014,  ,\n".utf8),
        Array("la\"st,row,2015,42".utf8))

    @Test func awkwardFileReadsAsCSVTableReadsIt() throws {
        let url = temporaryDirectory().appendingPathComponent("awkward.csv")
        try Data(Self.awkward).write(to: url)
        let table = try? CSVTable.read(url)
        // The file has a ragged row (the trailing comma): both readers must refuse it alike.
        #expect(table == nil)
        var fixed = Self.awkward
        let ragged = Array("  ,\n".utf8)
        if let at = (0..<(fixed.count - ragged.count)).first(where: { Array(fixed[$0..<($0 + ragged.count)]) == ragged }) {
            fixed.replaceSubrange(at..<(at + ragged.count), with: Array("  \n".utf8))
        }
        let good = temporaryDirectory().appendingPathComponent("awkward-fixed.csv")
        try Data(fixed).write(to: good)
        let reference = try CSVTable.read(good)
        #expect(reference.rows.count == 7)
        for chunk in [16, 17, 23, 64, 1 << 20] {
            let s = try Self.streamed(good, chunkSize: chunk)
            #expect(s.header == reference.header, "chunk \(chunk)")
            #expect(s.rows == reference.rows, "chunk \(chunk)")
            #expect(s.lines == reference.lines, "chunk \(chunk)")
        }
        for chunk in [16, 1 << 20] {
            expectSameError(url, chunkSize: chunk)
        }
    }

    @Test func brokenFilesGiveTheSameErrors() throws {
        let dir = temporaryDirectory()
        let cases: [(String, [UInt8])] = [
            ("latin1.csv", Array("id,value\nA,1\nB,".utf8) + [0xE9] + Array("\n".utf8)),
            ("overlong.csv", Array("id,value\nA,".utf8) + [0xC0, 0xAF] + Array("\n".utf8)),
            ("cut.csv", Array("id,value\nA,1\nB,".utf8) + [0xE2, 0x82]),
            ("nul.csv", Array("id,value\nA,1\0 99\n".utf8)),
            ("open-quote.csv", Array("id,value\nA,1\nB,\"2\nC,3\n".utf8)),
            ("empty.csv", []),
            ("blank.csv", Array(" \n\t\r\n".utf8)),
            ("bom-only.csv", [0xEF, 0xBB, 0xBF] + Array("\n".utf8)),
            ("nbsp-only.csv", Array("\u{00A0}\n".utf8)),
            ("quoted-empty.csv", Array("\"\"\n".utf8)),
            ("duplicate.csv", Array("id,value,id\nA,1,2\n".utf8)),
            ("empty-name.csv", Array("id, ,value\nA,1,2\n".utf8)),
            ("ragged.csv", Array("id,value\nA,1\nB\nC,3,4\n".utf8)),
        ]
        for (name, bytes) in cases {
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            for chunk in [16, 1 << 20] { expectSameError(url, chunkSize: chunk) }
        }
        expectSameError(dir.appendingPathComponent("missing.csv"), chunkSize: 16)
    }

    /// Both readers fail on `url`, with equal errors.
    func expectSameError(_ url: URL, chunkSize: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        var old: DataError? = nil, new: DataError? = nil
        do { _ = try CSVTable.read(url) } catch { old = error }
        do { _ = try Self.streamed(url, chunkSize: chunkSize) } catch { new = error as? DataError }
        #expect(old != nil, "CSVTable accepted \(url.lastPathComponent)", sourceLocation: sourceLocation)
        #expect(new == old, "\(url.lastPathComponent), chunk \(chunkSize): \(String(describing: new)) vs \(String(describing: old))",
                sourceLocation: sourceLocation)
    }

    @Test func aCallersErrorComesAfterEveryStructuralCheck() throws {
        // Line 2 has a bad number for the caller, line 4 too few fields: the structural error wins,
        // as it does when CSVTable reads the whole file before any value is looked at. After the
        // caller's error no more records are handed out.
        struct BadNumber: Error {}
        let url = temporaryFile("order.csv", "id,value\nA,ten\nB,2\nC\n")
        var calls = 0
        let row = { (r: CSVRecord) throws in
            calls += 1
            if r.number(1) == nil { throw BadNumber() }
        }
        expectDataError(.fieldCount, line: 4) { try CSVByteReader.read(url) { _ in } row: { try row($0) } }
        #expect(calls == 1)
        // Without the ragged line the caller's own error comes out, and records after it are not handed out.
        let clean = temporaryFile("order.csv", "id,value\nA,ten\nB,2\n")
        calls = 0
        #expect(throws: BadNumber.self) { try CSVByteReader.read(clean) { _ in } row: { try row($0) } }
        #expect(calls == 1)
        // A bad header wins over everything but the whole-file checks; the caller sees nothing.
        let duplicate = temporaryFile("dup.csv", "id,id\nA,1\nB\n")
        var headers = 0
        expectDataError(.duplicateColumn, line: 1) { try CSVByteReader.read(duplicate) { _ in headers += 1 } row: { try row($0) } }
        #expect(headers == 0)
    }
}
