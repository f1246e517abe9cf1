import Foundation
import Testing
@testable import GlobalOptimization

private struct GKLSReference: Decodable {
    struct Case: Decodable {
        let `class`: String
        let dimension: Int
        let number: Int
        let globalMinimizer: [Double]
        let minimizers: [[Double]]
        let radii: [Double]
        let minimumValues: [Double]
        let points: [[Double]]
        let values: [Double]
    }
    let cases: [Case]
}

/// Written by scripts/make_gkls_fixture.py from the GKLS port shipped in the iOpt package.
private func loadReference() throws -> GKLSReference {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/GlobalOptimization/gkls_reference.json")
    return try JSONDecoder().decode(GKLSReference.self, from: Data(contentsOf: url))
}

@Suite struct GKLSTests {
    @Test func reproducesThePublishedGeneratorBitForBit() throws {
        let reference = try loadReference()
        #expect(reference.cases.count == 32)
        for c in reference.cases {
            let difficulty = try #require(GKLSFunction.Difficulty(rawValue: c.class))
            let f = try GKLSFunction(difficulty, dimension: c.dimension, number: c.number)
            let label = "\(c.class) N=\(c.dimension) #\(c.number)"
            #expect(f.minimizers == c.minimizers, "\(label): minimizers")
            #expect(f.radii == c.radii, "\(label): radii")
            #expect(f.minimumValues == c.minimumValues, "\(label): minimum values")
            #expect(f.globalMinimizer == c.globalMinimizer, "\(label): global minimizer")
            for (p, v) in zip(c.points, c.values) {
                let mine = f.value(at: p)
                #expect(abs(mine - v) <= 1e-13 * max(1, abs(v)), "\(label): f\(p) = \(mine), reference \(v)")
            }
        }
    }

    @Test(arguments: GKLSFunction.Difficulty.allCases, [2, 3, 4, 5])
    func everyFunctionHasTheClassPropertiesOfThePaper(difficulty: GKLSFunction.Difficulty, n: Int) throws {
        let (distance, radius) = try #require(difficulty.parameters(dimension: n))
        for f in try GKLSFunction.standardClass(difficulty, dimension: n) {
            #expect(abs(GKLSFunction.distance(f.globalMinimizer, f.minimizers[0]) - distance) < 1e-12)
            #expect(f.value(at: f.globalMinimizer) == -1)
            #expect(f.radii[1] == radius)
            #expect(f.minimumValues[2...].allSatisfy { $0 > -1 }, "the global minimum is unique")
            // Local minima are minima: a small step away raises the value.
            for i in 1..<GKLSFunction.minimaCount {
                var y = f.minimizers[i]
                y[0] += f.radii[i] * 0.01 * (y[0] > 0 ? -1 : 1)
                #expect(f.value(at: y) > f.minimumValues[i])
            }
        }
    }

    /// With r = 5 the index method solved all 100 functions of the simple 2-D class (literature criterion,
    /// 819 trials at most; see the report); here the first ten, within 3000 trials including the Hooke–Jeeves refinement.
    @Test func indexMethodSolvesTheFirstSimpleTwoDimensionalFunctions() throws {
        let method = IndexMethod(IndexMethodConfiguration(reliability: 5, localRefinement: true))
        for number in 1...10 {
            let f = try GKLSFunction(.simple, dimension: 2, number: number)
            let result = try method.minimize(f.problem, budget: OptimizationBudget(maxTrials: 3000, tolerance: 1e-2), seed: 0)
            #expect(f.isSolved(by: result.bestPoint), "function \(number): best \(result.bestPoint), f = \(result.bestValue)")
            #expect(result.bestValue < -1 + 1e-9, "Hooke–Jeeves refines to the minimum: \(result.bestValue) after \(result.trials) trials")
        }
    }

    /// The success boxes: 0.01 of the side by default; the Δ-criterion's Δ^{1/N} (Δ = 10⁻⁴, 10⁻⁶, 10⁻⁶, 10⁻⁷
    /// for N = 2…5) is 0.01 up to N = 3 and wider at N = 4 and 5; on [−1, 1]ᴺ the box's half-width is 2δ.
    @Test func successBoxes() throws {
        #expect(GKLSFunction.sergeyevKvasovFraction(dimension: 2) == 0.01)
        #expect(GKLSFunction.sergeyevKvasovFraction(dimension: 3) == 0.01)
        #expect(abs(GKLSFunction.sergeyevKvasovFraction(dimension: 4)! - 0.031622776601683791) < 1e-16)
        #expect(abs(GKLSFunction.sergeyevKvasovFraction(dimension: 5)! - 0.039810717055349727) < 1e-16)
        #expect(GKLSFunction.sergeyevKvasovFraction(dimension: 1) == nil && GKLSFunction.sergeyevKvasovFraction(dimension: 6) == nil)
        let f = try GKLSFunction(.hard, dimension: 5, number: 7)
        let delta = GKLSFunction.sergeyevKvasovFraction(dimension: 5)!
        var y = f.globalMinimizer
        y[2] += 0.03                                   // outside 0.01·2 = 0.02, inside 0.0398·2 = 0.0796
        #expect(!f.isSolved(by: y) && f.isSolved(by: y, within: delta))
        y[2] = f.globalMinimizer[2] + 0.0199
        #expect(f.isSolved(by: y))
        y[2] = f.globalMinimizer[2] + 0.0201
        #expect(!f.isSolved(by: y))
    }

    @Test func rejectsBadParameters() {
        #expect(throws: GKLSError.invalidDimension(6)) { try GKLSFunction(.simple, dimension: 6, number: 1) }
        #expect(throws: GKLSError.invalidNumber(0)) { try GKLSFunction(.hard, dimension: 2, number: 0) }
        #expect(GKLSError.invalidNumber(101).description.contains("'number' = 101"))
        let f = try? GKLSFunction(.simple, dimension: 2, number: 1)
        #expect(f?.value(at: [1.5, 0]) == GKLSFunction.outsideValue)
    }
}
