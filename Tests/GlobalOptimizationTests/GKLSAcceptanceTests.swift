import Foundation
import Testing
@testable import GlobalOptimization

/// The literature's acceptance on GKLS classes: a trial within 0.01·(b − a) of the global minimizer in
/// every coordinate solves the function, and the run stops there. The configuration is the one of the
/// bench (`migsim-bench gkls … r=6 alpha=10 freq=2`): mixed strategy, every second iteration global.
/// The subset runs always; all 100 functions of every class with MIGSIM_FULL_ACCEPTANCE=1.
@Suite struct GKLSAcceptanceTests {
    static let method = IndexMethod(IndexMethodConfiguration(reliability: 6, localAdaptation: 10, globalFrequency: 2))
    static let full = ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"

    static func trials(_ difficulty: GKLSFunction.Difficulty, dimension: Int, numbers: ClosedRange<Int>, maxTrials: Int) throws -> [Int?] {
        try numbers.map { number in
            let f = try GKLSFunction(difficulty, dimension: dimension, number: number)
            let result = try method.minimize(f.problem, budget: OptimizationBudget(maxTrials: maxTrials, tolerance: 1e-9), seed: 0,
                                             stopWhen: { y, _ in f.isSolved(by: y) })
            return result.termination == .targetReached ? result.trials : nil
        }
    }

    /// Functions 1–10 of the 2-D simple and hard classes; the budgets are about twice the largest count measured.
    @Test func firstTenTwoDimensionalFunctionsOfBothClasses() throws {
        let simple = try Self.trials(.simple, dimension: 2, numbers: 1...10, maxTrials: 800)
        #expect(simple.allSatisfy { $0 != nil }, "simple: \(simple)")
        let hard = try Self.trials(.hard, dimension: 2, numbers: 1...10, maxTrials: 4000)
        #expect(hard.allSatisfy { $0 != nil }, "hard: \(hard)")
    }

    @Test(.enabled(if: full), arguments: [(GKLSFunction.Difficulty.simple, 2, 1000), (.hard, 2, 5000), (.simple, 3, 10_000),
                                          (.hard, 3, 15_000), (.simple, 4, 100_000)])
    func allHundredFunctions(difficulty: GKLSFunction.Difficulty, dimension: Int, maxTrials: Int) throws {
        let counts = try Self.trials(difficulty, dimension: dimension, numbers: 1...100, maxTrials: maxTrials)
        #expect(counts.allSatisfy { $0 != nil }, "\(difficulty) N=\(dimension): unsolved \(counts.indices.filter { counts[$0] == nil }.map { $0 + 1 })")
    }
}
