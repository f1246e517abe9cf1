import DataIO
import Foundation
import MigrationModel
import Pipeline
import Testing

@Suite("force features of a case")
struct CaseFeaturesTests {
    /// Two settlements, yearly 2000–2005; `income` is empty for everyone in 2004 and 2005 (not yet published).
    static func table() throws -> FeatureTable {
        var text = "id,period,density,income\n"
        for (i, id) in ["A", "B"].enumerated() {
            for k in 0..<6 {
                let income = k >= 4 ? "" : String(10 + Double(i) + 0.5 * Double(k))
                text += "\(id),\(2000 + k),\(100 + 10 * Double(i) + Double(k)),\(income)\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-features-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try FeaturesFile.read(url)
    }

    static let settlements = [Settlement(id: "A", latitude: 37, longitude: 127, population: 2_000_000),
                              Settlement(id: "B", latitude: 35, longitude: 129, population: 1_000_000)]
    static let window = (0..<6).map { 2000.0 + Double($0) }

    @Test("named features that end early are held at their last complete period; by default such a column is left out")
    func trailingGap() throws {
        let t = try Self.table()
        // Named (a fitted force's features): the panel ends in 2003 and holds there.
        let named = try CaseFeatures.make(table: t, settlements: Self.settlements, names: ["density", "income"], lag: 1,
                                          windowTimes: Self.window, windowEnd: 2006)
        #expect(named.heldAfter == "2003")
        let f = named.forceFeatures
        #expect(f.times == [2000, 2001, 2002, 2003])
        #expect(f.rawRow(at: 2006) == f.rawRow(at: 2004) && f.rawRow(at: 2004) == [[103, 11.5], [113, 12.5]])
        // Default selection: income is not complete in the last period and is left out; density is whole.
        let chosen = try CaseFeatures.make(table: t, settlements: Self.settlements, names: nil, lag: 1,
                                           windowTimes: Self.window, windowEnd: 2006)
        #expect(chosen.forceFeatures.names == ["density"] && chosen.heldAfter == nil)
        #expect(chosen.skipped.map(\.name) == ["income"])
        // Inside a window that ends before the gap nothing is held.
        let early = try CaseFeatures.make(table: t, settlements: Self.settlements, names: ["density", "income"], lag: 1,
                                          windowTimes: Array(Self.window.prefix(4)), windowEnd: 2004)
        #expect(early.heldAfter == nil && early.forceFeatures.times.last == 2003)
    }
}
