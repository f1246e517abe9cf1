import Foundation
import Testing
@testable import MigsimCLI

/// A fresh temporary directory with the given files.
private func workspace(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("balance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

private func run(_ dir: URL, _ args: [String]) throws {
    var command = try BalanceCommand.parseAsRoot(args.map { $0.replacingOccurrences(of: "@", with: dir.path + "/") })
    try command.run()
}

/// Expects `run` to fail with a message containing every fragment, and no output file.
private func expectFailure(_ dir: URL, _ args: [String], _ fragments: [String]) {
    var message = ""
    do { try run(dir, args) } catch { message = String(describing: error) }
    for f in fragments { #expect(message.contains(f), "message was: \(message)") }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path))
}

private let flows = """
origin,destination,migrants
A,A,50
A,B,10
A,C,30
B,A,20
B,B,40
C,A,5
C,B,15
C,C,60

"""
private let margins = "region,departures,arrivals\nA,90,83\nB,65,72\n\"C\",88,88\n"

@Test func balanceRASWritesBalancedFlowsAndStatistics() throws {
    let dir = try workspace(["flows.csv": flows, "margins.csv": margins])
    try run(dir, ["--flows", "@flows.csv", "--margins", "@margins.csv", "--fix-diagonal",
                  "--output", "@out.csv", "--summary", "@summary.txt", "--statistics", "@stats"])
    let out = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
    let lines = out.split(separator: "\n")
    #expect(lines.first == "origin,destination,migrants")
    #expect(lines.count == 10)
    var rows: [String: Double] = [:], cols: [String: Double] = [:]
    for line in lines.dropFirst() {
        let f = line.split(separator: ",")
        rows[String(f[0]), default: 0] += Double(f[2])!
        cols[String(f[1]), default: 0] += Double(f[2])!
        if f[0] == f[1] { #expect(["A": 50.0, "B": 40, "C": 60][String(f[0])] == Double(f[2])!) }
    }
    #expect(abs(rows["A"]! - 90) < 1e-8 && abs(cols["C"]! - 88) < 1e-8)
    let summary = try String(contentsOf: dir.appendingPathComponent("summary.txt"), encoding: .utf8)
    #expect(summary.contains("maximal relative margin error") && summary.contains("fixed cells: 3"))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stats/region_statistics.csv").path))
}

@Test func balanceAgeSplitReportsErrors() throws {
    // Truth: 2 regions × 2 groups with the ageing shift 1/16 on every block.
    let s: Double = 1.0 / 16
    let d: [[Double]] = [[100, 50], [20, 10], [30, 5], [80, 40]]   // blocks AA, AB, BA, BB: diagonals (young, old)
    func total(_ b: [Double]) -> Double { b[0] * (1 + s) + b[1] }
    let flowText = "origin,destination,migrants\nA,A,\(total(d[0]))\nA,B,\(total(d[1]))\nB,A,\(total(d[2]))\nB,B,\(total(d[3]))\n"
    let depAYoung: Double = (d[0][0] + d[1][0]) * (1 + s), depBYoung: Double = (d[2][0] + d[3][0]) * (1 + s)
    let arrAOld: Double = (d[0][0] + d[2][0]) * s + d[0][1] + d[2][1]
    let arrBOld: Double = (d[1][0] + d[3][0]) * s + d[1][1] + d[3][1]
    var ageText = "region,age_group,departures,arrivals\n"
    ageText += "A,young,\(depAYoung),130\nA,old,60,\(arrAOld)\n"
    ageText += "B,young,\(depBYoung),100\nB,old,45,\(arrBOld)\n"
    let dir = try workspace(["flows.csv": flowText, "age.csv": ageText])
    try run(dir, ["--method", "age-split", "--flows", "@flows.csv", "--age-margins", "@age.csv",
                  "--band-widths", "16", "--output", "@out.csv", "--summary", "@s.txt", "--statistics", "@stats"])
    let summary = try String(contentsOf: dir.appendingPathComponent("s.txt"), encoding: .utf8)
    #expect(summary.contains("weighted mean relative error"))
    let out = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
    #expect(out.hasPrefix("origin,origin_age_group,destination,destination_age_group,migrants\n"))
    #expect(!out.contains("old,A,young") && !out.contains("old,B,young"))   // nobody gets younger
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stats/flow_errors.csv").path))
}

@Test func malformedFlowsNameFileLineAndColumn() throws {
    let dir = try workspace([
        "bad-number.csv": "origin,destination,migrants\nA,B,10\nB,A,ten\n",
        "negative.csv": "origin,destination,migrants\nA,B,10\nB,A,-3\n",
        "short-row.csv": "origin,destination,migrants\nA,B,10\nB,A\n",
        "no-column.csv": "from,to,migrants\nA,B,10\n",
        "quote.csv": "origin,destination,migrants\nA,B\"x,10\n",
        "margins.csv": "region,departures,arrivals\nA,10,10\nB,10,10\n",
    ])
    expectFailure(dir, ["--flows", "@bad-number.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["bad-number.csv:3:3", "'ten'", "expected a finite, non-negative number"])
    expectFailure(dir, ["--flows", "@negative.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["negative.csv:3:3", "'-3'"])
    expectFailure(dir, ["--flows", "@short-row.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["short-row.csv:3", "expected 3 fields"])
    expectFailure(dir, ["--flows", "@no-column.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["no-column.csv:1", "missing column 'origin'"])
    expectFailure(dir, ["--flows", "@quote.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["quote.csv:2", "closing '\"'"])
    expectFailure(dir, ["--flows", "@missing.csv", "--margins", "@margins.csv", "--output", "@out.csv"],
                  ["missing.csv", "expected an existing CSV file"])
}

@Test func badMarginsNameFileLineAndColumnOrSayWhyInfeasible() throws {
    let dir = try workspace([
        "flows.csv": flows,
        "unknown.csv": "region,departures,arrivals\nA,100,80\nB,60,70\nD,70,80\n",
        "missing.csv": "region,departures,arrivals\nA,100,80\nB,60,70\n",
        "totals.csv": "region,departures,arrivals\nA,100,80\nB,60,70\nC,70,81\n",
        "exceed.csv": "region,departures,arrivals\nA,40,80\nB,60,70\nC,130,80\n",
        "bad-value.csv": "region,departures,arrivals\nA,100,80\nB,60,inf\nC,70,80\n",
    ])
    func args(_ m: String) -> [String] { ["--flows", "@flows.csv", "--margins", "@\(m)", "--fix-diagonal", "--output", "@out.csv"] }
    expectFailure(dir, args("unknown.csv"), ["unknown.csv:4:1", "region 'D' does not occur"])
    expectFailure(dir, args("missing.csv"), ["missing.csv", "no row for region 'C'"])
    expectFailure(dir, args("totals.csv"), ["totals.csv", "sum to 230", "231", "must be equal"])
    expectFailure(dir, args("exceed.csv"), ["exceed.csv", "fixed cells of row 1", "50", "40"])
    expectFailure(dir, args("bad-value.csv"), ["bad-value.csv:3:3", "'inf'"])
}

@Test func balanceOptionsAreValidated() throws {
    #expect(throws: (any Error).self) { try BalanceCommand.parseAsRoot(["--flows", "f", "--output", "o"]) }   // ras needs --margins
    #expect(throws: (any Error).self) {
        try BalanceCommand.parseAsRoot(["--flows", "f", "--margins", "m", "--output", "o", "--tolerance", "-1"])
    }
    #expect(throws: (any Error).self) {
        try BalanceCommand.parseAsRoot(["--method", "age-split", "--flows", "f", "--age-margins", "a", "--output", "o", "--band-widths", "16,x"])
    }
    let help = BalanceCommand.helpMessage()
    for word in ["RAS", "age-split", "--tolerance", "--fixed", "--fix-diagonal", "--period", "--band-widths",
                 "--statistics", "atomically", "file, line and column"] {
        #expect(help.contains(word), "help lacks \(word)")
    }
    _ = try MigsimCommand.parseAsRoot(["balance", "--flows", "f", "--margins", "m", "--output", "o"])
}

@Test func balanceNetWithPeriodAndFixedCells() throws {
    let quarterly = """
    origin,destination,period,migrants
    A,B,2012-Q1,5
    A,B,2012-Q2,5
    B,A,2012-Q1,4
    A,C,2012-Q3,6
    C,A,2012-Q4,3
    B,C,2012-Q2,2
    C,B,2012-Q2,7
    A,B,2013-Q1,999

    """
    let dir = try workspace([
        "flows.csv": quarterly,
        "net.csv": "region,net\nA,-2\nB,1\nC,1\n",
        "fixed.csv": "origin,destination\nB,C\n",
    ])
    try run(dir, ["--method", "net", "--flows", "@flows.csv", "--period", "2012", "--margins", "@net.csv",
                  "--fixed", "@fixed.csv", "--output", "@out.csv", "--summary", "@s.txt"])
    let lines = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    var cell: [String: Double] = [:]
    for line in lines { let f = line.split(separator: ","); cell["\(f[0])\(f[1])"] = Double(f[2])! }
    #expect(cell["BC"] == 2)                                   // marked: unchanged
    let netA = cell["BA"]! + cell["CA"]! - cell["AB"]! - cell["AC"]!
    #expect(abs(netA - (-2)) < 1e-8)
    #expect(cell["AB"]! < 20)                                  // the 2013 row was not summed in
    try FileManager.default.removeItem(at: dir.appendingPathComponent("out.csv"))
    expectFailure(dir, ["--method", "net", "--flows", "@flows.csv", "--period", "1999", "--margins", "@net.csv",
                        "--output", "@out.csv"], ["flows.csv", "at least 2 regions", "period '1999'"])
}
