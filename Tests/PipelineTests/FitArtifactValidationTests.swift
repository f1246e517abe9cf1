import DataIO
import Foundation
import PhysicsInformed
import Pipeline
import Testing

/// Artifacts are untrusted input: `FitArtifact.read` refuses one whose fields would stop the
/// program later, naming the file and the field. The inputs are edits of the JSON fuzz target's
/// seed (Fuzz/corpus/json/seed_fit_features.json, a tiny synthetic fit with a force of features).
@Suite("fit.json validation")
struct FitArtifactValidationTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/json/seed_fit_features.json")

    /// The seed with `edit` applied to its payload, written to a temporary file.
    func edited(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> URL {
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.seed)) as? [String: Any])
        var payload = try #require(document["payload"] as? [String: Any])
        edit(&payload)
        document["payload"] = payload
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-artifact-\(UUID().uuidString)-\(name).json")
        try JSONSerialization.data(withJSONObject: document).write(to: url)
        return url
    }

    func features(_ payload: inout [String: Any], _ key: String, _ value: Any) {
        var f = payload["forceFeatures"] as! [String: Any]
        f[key] = value
        payload["forceFeatures"] = f
    }

    @Test("the seed is a whole artifact, and its force can be evaluated far outside its window")
    func seedIsWhole() throws {
        let model = try FitArtifact.read(Self.seed)
        let f = try #require(model.forceFeatures)
        // Times far outside the panel (and NaN) clamp to its first or last row instead of stopping the program.
        #expect(f.rowIndex(at: -1e308) == 0 && f.rowIndex(at: .nan) == 0 && f.rowIndex(at: -.infinity) == 0)
        #expect(f.rowIndex(at: 1e308) == f.times.count - 1 && f.rowIndex(at: .infinity) == f.times.count - 1)
        #expect(model.force(at: [1e300, -1e300]).allSatisfy { $0.count == model.ids.count })
    }

    // Crafted for the JSON fuzz target: each of these passed validation and then trapped in
    // ForceFeatures.rowIndex (Double → Int conversion) when the force was evaluated.
    @Test("a feature panel with a period length beyond 100 years, non-finite or unsorted times is refused naming the file and field; a tiny period length or huge times are accepted and evaluate",
          arguments: [("periodLength", "1e-300", nil),
                      ("periodLength", "1000", "forceFeatures.periodLength"),
                      ("periodLength", "-1", "forceFeatures"),
                      ("times", #"["nan", 2001, 2002, 2003, 2004, 2005]"#, "forceFeatures.times"),
                      ("times", "[-1e308, 2001, 2002, 2003, 2004, 2005]", nil),
                      ("times", "[2005, 2004, 2003, 2002, 2001, 2000]", "forceFeatures.times")])
    func badFeaturePanel(key: String, json: String, field: String?) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        let url = try edited(key) { features(&$0, key, value) }
        defer { try? FileManager.default.removeItem(at: url) }
        if let field {
            let error = try #require(throws: (any Error).self) { try FitArtifact.read(url) }
            let text = "\(error)"
            #expect(text.contains(url.path) && text.contains(field), "\(text)")
        } else {
            // Accepted: the force at the window's times and beyond is then computed without trapping.
            let model = try FitArtifact.read(url)
            #expect(model.force(at: [model.fittingEnd + 10]).count == 1)
            #expect(model.force(at: model.times).count == model.times.count)
        }
    }

    @Test("window times of 1e300 pass validation and the force still evaluates (the row index clamps)")
    func hugeWindowTimes() throws {
        let url = try edited("times") { p in p["times"] = (p["times"] as! [NSNumber]).map { $0.doubleValue * 1e300 } }
        defer { try? FileManager.default.removeItem(at: url) }
        let model = try FitArtifact.read(url)
        #expect(model.periodForces().count == model.times.count)
    }

    @Test("an invalid physical parameter is refused naming the file and the artifact's key")
    func badParameter() throws {
        let url = try edited("young") { p in
            var parameters = p["parameters"] as! [String: Any]
            parameters["ageFunction"] = ["smoothStep": ["young": 1e308, "old": 60]]
            p["parameters"] = parameters
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: (any Error).self) { try FitArtifact.read(url) }
        #expect("\(error)".contains(url.path) && "\(error)".contains("parameters.ageFunction.smoothStep.young"), "\(error)")
    }
}
