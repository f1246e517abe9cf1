import Foundation
import Testing
@testable import GlobalOptimization

/// The literature's acceptance on GKLS classes: a trial within 0.01·(b − a) of the global minimizer in
/// every coordinate solves the function, and the run stops there. The configuration is the command line's
/// default, `IndexMethodConfiguration.recommended(dimension:)` (`migsim-bench gkls … r=12 alpha=10 freq=2
/// tuning=1` at N = 2; `r=5 alpha=10 freq=2 ls=0.001` at N = 3, r=6 at N ≥ 4): mixed strategy, every second
/// iteration global, from N = 3 on with the local search during the run. The subset runs always; all 100
/// functions of every class with MIGSIM_FULL_ACCEPTANCE=1, where the 2-D classes, simple 3-D and simple 4-D
/// must also beat the best published averages (NLopt DIRECT 189.0 on simple 2-D, "AGSl" 488.0 on hard 2-D,
/// DIRECT 973.6 on simple 3-D and 7,824 on simple 4-D, as quoted in issue 19 from Sovrasov's ags_nlp_solver
/// experiments; measured 2026-12-04: 169.6, 444.1, 727.4, 6,806.9).
@Suite struct GKLSAcceptanceTests {
    static func method(_ dimension: Int) -> IndexMethod { IndexMethod(.recommended(dimension: dimension)) }
    static let full = ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"

    static func trials(_ difficulty: GKLSFunction.Difficulty, dimension: Int, numbers: ClosedRange<Int>, maxTrials: Int) throws -> [Int?] {
        try numbers.map { number in
            let f = try GKLSFunction(difficulty, dimension: dimension, number: number)
            let result = try method(dimension).minimize(f.problem, budget: OptimizationBudget(maxTrials: maxTrials, tolerance: 1e-9), seed: 0,
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
                                          (.hard, 3, 15_000), (.simple, 4, 100_000), (.hard, 4, 200_000)])
    func allHundredFunctions(difficulty: GKLSFunction.Difficulty, dimension: Int, maxTrials: Int) throws {
        let counts = try Self.trials(difficulty, dimension: dimension, numbers: 1...100, maxTrials: maxTrials)
        #expect(counts.allSatisfy { $0 != nil }, "\(difficulty) N=\(dimension): unsolved \(counts.indices.filter { counts[$0] == nil }.map { $0 + 1 })")
        let solved = counts.compactMap { $0 }
        let average = Double(solved.reduce(0, +)) / Double(max(solved.count, 1))
        print("GKLS \(difficulty) N=\(dimension): solved \(solved.count), average \(average)")
        if dimension == 2 { #expect(average < (difficulty == .simple ? 189 : 488)) }
        if dimension == 3 && difficulty == .simple { #expect(average < 973.6) }
        if dimension == 4 && difficulty == .simple { #expect(average < 7824) }
    }

    /// Functions 1–10 of the 3-D simple class with the 3-D defaults (r = 5, global Hölder estimate, local
    /// search); the rule per dimension.
    @Test func firstTenThreeDimensionalSimpleFunctions() throws {
        let counts = try Self.trials(.simple, dimension: 3, numbers: 1...10, maxTrials: 10_000)
        #expect(counts.allSatisfy { $0 != nil }, "simple 3-D: \(counts)")
        let c = IndexMethodConfiguration.recommended(dimension: 3)
        #expect(c.reliability == 5 && c.localTuning == false && c.localAdaptation == 10 && c.globalFrequency == 2 && c.localSearchStep == 0.001)
        let four = IndexMethodConfiguration.recommended(dimension: 4)
        #expect(four.reliability == 6 && four.localTuning == false && four.localSearchStep == 0.001)
        #expect(IndexMethodConfiguration.recommended(dimension: 5) == four)
        #expect(IndexMethodConfiguration.recommended(dimension: 2) == .recommended && IndexMethodConfiguration.recommended.localSearchStep == nil)
    }
}
