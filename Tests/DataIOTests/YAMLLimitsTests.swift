import Foundation
import Testing
@testable import DataIO

/// Hostile YAML: deep nesting and alias bombs are refused by `YAMLLimits` before any tree is built,
/// with an error naming the file, the line and the limit.
struct YAMLLimitsTests {
    func limitError(_ text: String) -> DataError? {
        do { try YAMLLimits.check(text, file: "hostile.yaml"); return nil } catch { return error }
    }

    @Test func tenThousandNestedFlowSequencesHitTheDepthLimit() throws {
        let text = "model: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let error = try #require(limitError(text))
        #expect(error.kind == .outOfRange)
        #expect(error.line == 1)
        #expect(error.description.contains("nested at most \(YAMLLimits.maximumDepth) levels deep (the depth limit)"))
        // The model parser goes through the same check: no stack overflow, the same message.
        #expect(throws: error) { try ModelConfiguration.parse(text, file: "hostile.yaml", baseDirectory: URL(fileURLWithPath: "/")) }
        #expect(throws: error) { try ScenarioFile.parse(text, file: "hostile.yaml") }
    }

    @Test func deepBlockNestingHitsTheDepthLimit() throws {
        var text = ""
        for level in 0..<150 { text += String(repeating: " ", count: level) + "k\(level):\n" }
        text += String(repeating: " ", count: 150) + "leaf: 1\n"
        let error = try #require(limitError(text))
        #expect(error.line == YAMLLimits.maximumDepth + 1)
        #expect(error.found == "nesting \(YAMLLimits.maximumDepth + 1) levels deep")
    }

    @Test func billionLaughsHitsTheNodeLimit() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1..<10 { text += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let error = try #require(limitError(text))
        #expect(error.kind == .outOfRange)
        #expect(error.found == "more than \(YAMLLimits.maximumNodes) nodes")
        #expect(error.description.contains("with every alias expanded (the node limit"))
        #expect((5...10).contains(error.line ?? 0))
    }

    @Test func aliasesOfDeepAnchorsCountTheirDepth() throws {
        // Each alias nests the previous anchor one level deeper: 60 anchors of depth 1, 2, …
        var text = "a0: &a0 [x]\n"
        for k in 1..<120 { text += "a\(k): &a\(k) [*a\(k - 1)]\n" }
        let error = try #require(limitError(text))
        #expect(error.description.contains("the depth limit"))
    }

    @Test func ordinaryConfigurationsPass() throws {
        let text = try String(contentsOf: bundledKorea.appendingPathComponent("model.yaml"), encoding: .utf8)
        #expect(limitError(text) == nil)
        #expect(limitError("defaults: &d {alpha: 1, beta: 2}\nmodel: *d\nlist: [*d, *d, *d]\n") == nil)
        #expect(limitError("") == nil)
        // A syntax error is left to the composer.
        #expect(limitError("model: [1, 2\n") == nil)
    }
}
