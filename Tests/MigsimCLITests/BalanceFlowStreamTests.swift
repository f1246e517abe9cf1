import Foundation
import Testing
@testable import MigsimCLI

/// The streaming flows reader of `migsim balance` (`BalanceCSV.streamFlowMatrix`) against the
/// whole-table path (`BalanceCSV.flowMatrix(read(_:))`): the same regions and matrix, and the same
/// messages naming file, line and column for bad inputs.
@Suite struct BalanceFlowStreamTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("balance-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Message of the error `body` throws ("" when it succeeds).
    static func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return String(describing: error) }
    }

    static let flows = """
    origin,destination,period,migrants,note
    Seoul,Busan,2012-Q1,5,a
    "Busan",Seoul,2012-Q2,4.25,
    Seoul,Busan,2012-Q3,6,"x, y"
     Daegu ,Seoul,2012-Q4,1e2,
    Seoul,"Dae""gu",2013-Q1,999,
    대구,Seoul,2012-Q2,0.1,
    Busan,Busan,2012-Q1,17,
    Seoul,Busan,2012-Q4,0.30000000000000004,
    e\u{0301}cole,Seoul,2012-Q1,3,
    \u{00E9}cole,Busan,2012-Q1,4,
    Daegu\u{00A0},Busan,2012-Q3, 8 ,

    """

    @Test func streamedAndWholeTablePathsGiveIdenticalMatrices() throws {
        let path = try Self.file("flows.csv", Self.flows)
        for period in [nil, "2012", "2013", "2012-Q1", ""] as [String?] {
            let old = try BalanceCSV.flowMatrix(BalanceCSV.read(path), period: period)
            let new = try BalanceCSV.streamFlowMatrix(path, period: period)
            #expect(new.0 == old.0, "period \(String(describing: period))")
            #expect(new.1.rows == old.1.rows && new.1.storage.map(\.bitPattern) == old.1.storage.map(\.bitPattern),
                    "period \(String(describing: period))")
        }
        // Canonically equal spellings are one region (String ==), as a [String: Int] index decides.
        let (names, matrix) = try BalanceCSV.streamFlowMatrix(path, period: "2012")
        #expect(names == ["Seoul", "Busan", "Daegu", "대구", "e\u{0301}cole"])
        #expect(matrix[0, 1] == 5 + 6 + 0.30000000000000004 && matrix[2, 1] == 8)
    }

    @Test func badNumberRaggedRowAndWrongHeaderNameFileLineAndColumn() throws {
        let cases: [(name: String, text: String, fragments: [String])] = [
            ("bad-number.csv", "origin,destination,migrants\nA,B,10\nB,A, ten \n", [":3:3: migrants is 'ten'", "expected a finite, non-negative number"]),
            ("negative.csv", "origin,destination,migrants\nA,B,10\nB,A,-3\n", [":3:3: migrants is '-3'"]),
            ("infinite.csv", "origin,destination,migrants\nA,B,1e999\n", [":2:3: migrants is '1e999'"]),
            ("hex.csv", "origin,destination,migrants\nA,B,0x10\nB,A,nan\n", [":3:3: migrants is 'nan'"]),
            ("empty-name.csv", "origin,destination,migrants\nA,B,1\n  ,A,2\n", [":3:1: empty origin; expected a region name"]),
            ("ragged.csv", "origin,destination,migrants\nA,B,10\nB,A\nA,A,1\n", [":3: found '2 fields'", "expected 3 fields as in the header"]),
            ("long-row.csv", "origin,destination,migrants\nA,B,10,4\n", [":2: found '4 fields'"]),
            ("wrong-header.csv", "from,to,migrants\nA,B,10\n", [":1: missing column 'origin'; the header is from,to,migrants"]),
            ("no-migrants.csv", "origin,destination,persons\nA,B,10\n", [":1: missing column 'migrants'"]),
            ("one-region.csv", "origin,destination,migrants\nA,A,10\n", ["expected flows between at least 2 regions, found 1"]),
            ("quote.csv", "origin,destination,migrants\nA,B\"x,10\n", [":2", "closing '\"'"]),
            ("ragged-after-bad-number.csv", "origin,destination,migrants\nA,B,x\nB,A\n", [":3: found '2 fields'"]),
        ]
        for c in cases {
            let path = try Self.file(c.name, c.text)
            let old = Self.message { try BalanceCSV.flowMatrix(BalanceCSV.read(path), period: nil) }
            let new = Self.message { try BalanceCSV.streamFlowMatrix(path, period: nil) }
            #expect(new == old, "\(c.name): streamed '\(new)' vs whole-table '\(old)'")
            #expect(new.contains(c.name), "\(c.name): \(new)")
            for f in c.fragments { #expect(new.contains(f), "\(c.name): '\(new)' lacks '\(f)'") }
        }
        // A period filter is applied before a row's cells are checked, in both paths.
        let path = try Self.file("period.csv", "origin,destination,period,migrants\nA,B,2012,1\nB,A,2013,x\nB,C,2012,2\n")
        let (names, _) = try BalanceCSV.streamFlowMatrix(path, period: "2012")
        #expect(names == ["A", "B", "C"])
        #expect(Self.message { try BalanceCSV.streamFlowMatrix(path, period: nil) }.contains(":3:4: migrants is 'x'"))
    }

    @Test func balanceWritesEveryCellAsSwiftPrintsIt() throws {
        let flows = try Self.file("flows.csv", "origin,destination,migrants\n\"A, north\",B,10\nB,\"A, north\",20\nA2,B,5\nB,A2,7.5\nA2,A2,1\n")
        let dir = (flows as NSString).deletingLastPathComponent
        try "region,departures,arrivals\n\"A, north\",12,20\nB,26,16\nA2,5,7\n".write(toFile: dir + "/margins.csv", atomically: true, encoding: .utf8)
        var command = try BalanceCommand.parseAsRoot(["--flows", flows, "--margins", dir + "/margins.csv",
                                                      "--output", dir + "/out.csv", "--summary", dir + "/s.txt"])
        try command.run()
        let out = try String(contentsOfFile: dir + "/out.csv", encoding: .utf8)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "origin,destination,migrants" && lines.last == "" && lines.count == 11)
        #expect(lines[1].hasPrefix("\"A, north\",\"A, north\",") && lines[2].hasPrefix("\"A, north\",B,"))
        for line in lines.dropFirst().dropLast() {
            let value = String(line.split(separator: ",").last!)
            #expect("\(Double(value)!)" == value, "\(line)")
        }
    }
}
