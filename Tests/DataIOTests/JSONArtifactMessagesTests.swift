import Foundation
import Testing
@testable import DataIO

/// A damaged JSON artifact is reported by key path and expected kind, never with Foundation's
/// `DecodingError` text.
struct JSONArtifactMessagesTests {
    struct Sample: Codable, Equatable { var values: [Double]; var name: String }

    func readError(_ text: String) throws -> DataError? {
        let url = temporaryFile("artifact.json", text)
        do { _ = try JSONArtifact.read(Sample.self, format: "sample", version: 1, from: url); return nil } catch { return error }
    }

    @Test func wrongTypeNamesThePathAndTheExpectedKind() throws {
        let error = try #require(try readError(#"{"format": "sample", "version": 1, "payload": {"values": [1, "x"], "name": "a"}}"#))
        #expect(error.found == "payload.values[1]: a value of another type")
        #expect(error.expected == "a number at payload.values[1] in a 'sample' v1 payload")
        #expect(!error.description.contains("DecodingError"))
    }

    @Test func missingKeyNullAndSyntaxAreNamed() throws {
        let missing = try #require(try readError(#"{"format": "sample", "version": 1, "payload": {"values": []}}"#))
        #expect(missing.found == "no key 'name' at payload")
        let null = try #require(try readError(#"{"format": "sample", "version": 1, "payload": {"values": [null], "name": "a"}}"#))
        #expect(null.found == "payload.values[0]: null")
        let syntax = try #require(try readError(#"{"format": "sample", "#))
        #expect(syntax.found?.hasPrefix("text that is not JSON") == true)
        #expect(syntax.expected.hasPrefix("valid JSON (UTF-8)"))
        for e in [missing, null, syntax] { #expect(!e.description.contains("DecodingError"), "\(e)") }
    }

    @Test func nonFiniteValueOnWriteIsNamed() throws {
        let url = temporaryDirectory().appendingPathComponent("out.json")
        do {
            try JSONArtifact.write(Sample(values: [1, .nan], name: "a"), format: "sample", version: 1, to: url)
            Issue.record("NaN was written")
        } catch {
            #expect(error.found == "payload.values[1]: nan")
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
    }
}
