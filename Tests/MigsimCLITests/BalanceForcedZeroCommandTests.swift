import Foundation
import Testing
@testable import MigsimCLI

/// `migsim balance --method age-split` with its defaults on a panel where nobody changes age group
/// (each group's departures and arrivals have equal totals): the issue's "RAS step did not
/// converge" case. The ageing cells end at exactly zero and the summary counts them.
@Test func ageSplitCommandConvergesWhenTheMarginsForbidAgeing() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("balance-forced-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    // Q by (region, group): shares young/working/old of every flow by origin, no ageing.
    let flows: [(String, String, Double)] = [("A", "A", 400), ("A", "B", 120), ("A", "C", 60), ("B", "A", 90),
                                             ("B", "B", 300), ("B", "C", 45), ("C", "A", 30), ("C", "B", 75), ("C", "C", 200)]
    let shares: [String: [Double]] = ["A": [0.2, 0.7, 0.1], "B": [0.3, 0.6, 0.1], "C": [0.1, 0.6, 0.3]]
    var departures: [String: [Double]] = [:], arrivals: [String: [Double]] = [:]
    var flowsCSV = "origin,destination,migrants\n"
    for (o, d, m) in flows {
        flowsCSV += "\(o),\(d),\(m)\n"
        for g in 0..<3 {
            departures[o, default: [0, 0, 0]][g] += m * shares[o]![g]
            arrivals[d, default: [0, 0, 0]][g] += m * shares[o]![g]
        }
    }
    var ages = "region,age_group,departures,arrivals\n"
    for r in ["A", "B", "C"] {
        for (g, name) in ["young", "working", "old"].enumerated() { ages += "\(r),\(name),\(departures[r]![g]),\(arrivals[r]![g])\n" }
    }
    try flowsCSV.write(to: dir.appendingPathComponent("flows.csv"), atomically: true, encoding: .utf8)
    try ages.write(to: dir.appendingPathComponent("ages.csv"), atomically: true, encoding: .utf8)
    var command = try BalanceCommand.parseAsRoot([
        "--method", "age-split", "--flows", dir.appendingPathComponent("flows.csv").path,
        "--age-margins", dir.appendingPathComponent("ages.csv").path,
        "--output", dir.appendingPathComponent("q.csv").path, "--summary", dir.appendingPathComponent("summary.txt").path])
    try command.run()
    let summary = try String(contentsOf: dir.appendingPathComponent("summary.txt"), encoding: .utf8)
    #expect(summary.contains("ageing and other cells the margins force to zero (fixed at zero before the sweeps): 18"), "\(summary)")
    let rows = try String(contentsOf: dir.appendingPathComponent("q.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.count == 27)   // 9 pairs × 3 groups, every non-zero cell on a block diagonal
    for row in rows {
        let f = row.split(separator: ",")
        #expect(f[1] == f[3], "\(row)")   // nobody changes age group
    }
}
