import Foundation
import Testing
@testable import DataIO

private func load(_ yaml: String) throws -> ModelConfiguration {
    try ModelConfiguration.load(temporaryFile("model.yaml", yaml))
}

@Suite("fit: section of the model configuration")
struct FitSettingsTests {
    @Test("every key parses, with its line remembered")
    func parses() throws {
        let c = try load("""
        simulation: {start: 2000, end: 2010}
        fit:
          holdout_periods: 2
          solution_hidden: [24, 24]
          force_hidden: [8]
          activation: sin
          collocation_per_interval: 3
          learn: [alpha, delta, c]
          weights: {data: 1, physics: 0.5, force_smoothness: 0.01}
          adam_iterations: 100
          learning_rate: 0.002
          lbfgs_iterations: 50
          seed: 7
        """)
        let f = c.fit
        #expect(f.holdoutPeriods == 2 && f.solutionHidden == [24, 24] && f.forceHidden == [8])
        #expect(f.activation == "sin" && f.collocationPerInterval == 3 && f.learn == ["alpha", "delta", "c"])
        #expect(f.weights == ["data": 1, "physics": 0.5, "force_smoothness": 0.01])
        #expect(f.adamIterations == 100 && f.learningRate == 0.002 && f.lbfgsIterations == 50 && f.seed == 7)
        #expect(f.lines["fit.seed"] == 13)
    }

    @Test("absent section: every setting keeps the fit's default")
    func absent() throws {
        let c = try load("simulation: {start: 2000, end: 2010}\n")
        #expect(c.fit == FitSettings())
    }

    @Test("bad fit settings name the key and the line")
    func badSettings() throws {
        for (yaml, key, line) in [
            ("fit:\n  epochs: 3\n", "fit.epochs", 3),
            ("fit:\n  solution_hidden: 32\n", "fit.solution_hidden", 3),
            ("fit:\n  solution_hidden: [32, wide]\n", "fit.solution_hidden", 3),
            ("fit:\n  seed: -1\n", "fit.seed", 3),
            ("fit:\n  learn: alpha\n", "fit.learn", 3),
            ("fit:\n  weights: {physics: lots}\n", "fit.weights.physics", 3),
            ("fit:\n  weights: {curvature: 1}\n", "fit.weights.curvature", 3),
        ] {
            do {
                _ = try load("simulation: {start: 2000, end: 2010}\n" + yaml)
                Issue.record("accepted \(yaml)")
            } catch let e as DataError {
                #expect("\(e)".contains(key), "\(e)")
                #expect(e.line == line, "\(e)")
            }
        }
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 test vectors")
    func vectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        for _ in 0..<1000 { h.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
