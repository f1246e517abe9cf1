import Foundation
import Testing
@testable import GlobalOptimization

private struct GrishaginReference: Decodable {
    struct Case: Decodable {
        let number: Int
        let a00: Double, b66: Double, c34: Double, d12: Double
        let points: [[Double]]
        let values: [Double]
    }
    let cases: [Case]
}

@Suite struct GrishaginTests {
    /// Values written by scripts/make_grishagin_fixture.py from the generator's port in iOpt 0.5.0.
    @Test func reproducesThePublishedGenerator() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/GlobalOptimization/grishagin_reference.json")
        let reference = try JSONDecoder().decode(GrishaginReference.self, from: Data(contentsOf: url))
        #expect(reference.cases.count == 5)
        for c in reference.cases {
            let f = try GrishaginFunction(number: c.number)
            #expect(f.a[0][0] == c.a00 && f.b[6][6] == c.b66 && f.c[3][4] == c.c34 && f.d[1][2] == c.d12, "#\(c.number)")
            for (p, v) in zip(c.points, c.values) {
                #expect(abs(f.value(at: p) - v) <= 1e-12 * max(1, abs(v)), "#\(c.number) at \(p): \(f.value(at: p)) vs \(v)")
            }
        }
    }

    /// The published minimizer is the best of a 101 × 101 grid up to the grid's resolution (checked on 4 functions).
    @Test func publishedMinimizersAreGlobal() throws {
        for number in [1, 34, 67, 100] {
            let f = try GrishaginFunction(number: number)
            var gridBest = Double.infinity
            for i in 0...100 { for j in 0...100 { gridBest = min(gridBest, f.value(at: [Double(i) / 100, Double(j) / 100])) } }
            #expect(f.value(at: f.publishedMinimizer) <= gridBest + 1e-3, "#\(number)")
        }
    }

    /// The index method (mixed strategy) puts a trial within 0.01 of the published minimizer on functions 1–10.
    @Test func indexMethodSolvesTheFirstTenFunctions() throws {
        let method = IndexMethod(IndexMethodConfiguration(reliability: 6, localAdaptation: 10, globalFrequency: 2))
        for number in 1...10 {
            let f = try GrishaginFunction(number: number)
            let target = f.publishedMinimizer
            let result = try method.minimize(f.problem, budget: OptimizationBudget(maxTrials: 3000, tolerance: 1e-9), seed: 0,
                                             stopWhen: { y, _ in zip(y, target).allSatisfy { abs($0 - $1) <= 0.01 } })
            #expect(result.termination == .targetReached, "#\(number): \(result.trials) trials, best \(result.bestPoint)")
        }
    }

    @Test func rejectsBadNumber() {
        #expect(throws: GrishaginError.invalidNumber(0)) { try GrishaginFunction(number: 0) }
        #expect(GrishaginError.invalidNumber(101).description.contains("'number' = 101"))
    }
}
