import Foundation
import Testing

/// Golden-file comparison: the rendered text must equal `Fixtures/<name>` byte for byte.
/// `MIGSIM_UPDATE_GOLDEN=1 swift test --filter ReportsTests` rewrites the fixtures in the source
/// tree (then rebuild so the bundled copies follow) instead of comparing.
enum GoldenFile {
    static var sourceFixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["MIGSIM_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: sourceFixtures.appendingPathComponent(name))
            return
        }
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil),
              let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Fixtures/\(name); run with MIGSIM_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let k = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) ?? min(a.count, b.count)
            Issue.record("\(name) differs from its golden file at line \(k + 1):\n golden: \(k < a.count ? String(a[k]) : "<end>")\n now:    \(k < b.count ? String(b[k]) : "<end>")\n(MIGSIM_UPDATE_GOLDEN=1 to accept)",
                         sourceLocation: sourceLocation)
        }
    }
}
