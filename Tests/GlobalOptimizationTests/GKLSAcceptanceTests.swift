import Foundation
import Testing
@testable import GlobalOptimization

/// The literature's acceptance on GKLS classes: a trial within 0.01·(b − a) of the global minimizer in
/// every coordinate solves the function, and the run stops there. The configuration is the command line's
/// default, `IndexMethodConfiguration.recommended(dimension:)` (`migsim-bench gkls … r=12 alpha=10 freq=2
/// tuning=1` at N = 2; `r=5 alpha=10 freq=2 ls=0.001 smr=0.15` at N = 3, r=6 at N ≥ 4): mixed strategy, every
/// second iteration global, from N = 3 on with the local search during the run from new incumbents and from
/// the sample minima. The subset runs always; all 100 functions of every class with MIGSIM_FULL_ACCEPTANCE=1,
/// where every class must also beat the best published average with 100/100 solved (Sovrasov's
/// ags_nlp_solver experiments, `experiments/report.csv` and the classes' JSON files at 3558e8a: NLopt DIRECT
/// 189.03 simple 2-D, AGSl 487.96 hard 2-D, DIRECT 973.64 simple 3-D, 2,298.74 hard 3-D, 7,824.32 simple
/// 4-D, AGSl 23,167.84 hard 4-D, DIRECT 7,166.49 simple 5-D, 66,327.42 hard 5-D; measured 2026-12-04 with
/// `migsim-bench gkls`: 169.6, 444.1, 643.4, 1,155.0, 3,066.9, 6,833.9, 2,705.9, 15,052.6).
@Suite struct GKLSAcceptanceTests {
    static func method(_ dimension: Int) -> IndexMethod { IndexMethod(.recommended(dimension: dimension)) }
    static let full = ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"

    static func trials(_ difficulty: GKLSFunction.Difficulty, dimension: Int, numbers: ClosedRange<Int>, maxTrials: Int,
                       within fraction: Double = 0.01) throws -> [Int?] {
        try numbers.map { number in
            let f = try GKLSFunction(difficulty, dimension: dimension, number: number)
            let result = try method(dimension).minimize(f.problem, budget: OptimizationBudget(maxTrials: maxTrials, tolerance: 1e-9), seed: 0,
                                             stopWhen: { y, _ in f.isSolved(by: y, within: fraction) })
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

    @Test(.enabled(if: full), arguments: [(GKLSFunction.Difficulty.simple, 2, 1000, 189.03), (.hard, 2, 5000, 487.96),
                                          (.simple, 3, 10_000, 973.64), (.hard, 3, 15_000, 2298.74),
                                          (.simple, 4, 100_000, 7824.32), (.hard, 4, 200_000, 23167.84),
                                          (.simple, 5, 300_000, 7166.49), (.hard, 5, 300_000, 66327.42)])
    func allHundredFunctions(difficulty: GKLSFunction.Difficulty, dimension: Int, maxTrials: Int, published: Double) throws {
        let counts = try Self.trials(difficulty, dimension: dimension, numbers: 1...100, maxTrials: maxTrials)
        #expect(counts.allSatisfy { $0 != nil }, "\(difficulty) N=\(dimension): unsolved \(counts.indices.filter { counts[$0] == nil }.map { $0 + 1 })")
        let solved = counts.compactMap { $0 }
        let average = Double(solved.reduce(0, +)) / Double(max(solved.count, 1))
        print("GKLS \(difficulty) N=\(dimension): solved \(solved.count), average \(average)")
        #expect(average < published)
    }

    /// The Δ-criterion's classes (`GKLSFunction.sergeyevKvasovFraction`), against AGS's averages in the same
    /// source (5,729.82 simple 4-D, 13,113.4 hard 4-D, 5,821.47 simple 5-D, 17,008.61 hard 5-D; measured
    /// 2026-12-04: 2,968.8, 6,717.8, 2,646.1, 14,521.6).
    @Test(.enabled(if: full), arguments: [(GKLSFunction.Difficulty.simple, 4, 100_000, 5729.82), (.hard, 4, 200_000, 13113.4),
                                          (.simple, 5, 300_000, 5821.47), (.hard, 5, 300_000, 17008.61)])
    func allHundredFunctionsWithTheDeltaCriterion(difficulty: GKLSFunction.Difficulty, dimension: Int, maxTrials: Int, published: Double) throws {
        let fraction = try #require(GKLSFunction.sergeyevKvasovFraction(dimension: dimension))
        let counts = try Self.trials(difficulty, dimension: dimension, numbers: 1...100, maxTrials: maxTrials, within: fraction)
        #expect(counts.allSatisfy { $0 != nil }, "\(difficulty) N=\(dimension) Δ: unsolved \(counts.indices.filter { counts[$0] == nil }.map { $0 + 1 })")
        let solved = counts.compactMap { $0 }
        let average = Double(solved.reduce(0, +)) / Double(max(solved.count, 1))
        print("GKLS \(difficulty) N=\(dimension) Δ: solved \(solved.count), average \(average)")
        #expect(average < published)
    }

    /// Functions 1–10 of the 3-D simple class with the 3-D defaults (r = 5, global Hölder estimate, local
    /// search); the rule per dimension.
    @Test func firstTenThreeDimensionalSimpleFunctions() throws {
        let counts = try Self.trials(.simple, dimension: 3, numbers: 1...10, maxTrials: 10_000)
        #expect(counts.allSatisfy { $0 != nil }, "simple 3-D: \(counts)")
        let c = IndexMethodConfiguration.recommended(dimension: 3)
        #expect(c.reliability == 5 && c.localTuning == false && c.localAdaptation == 10 && c.globalFrequency == 2 && c.localSearchStep == 0.001
                && c.sampleMinimumRadius == 0.15)
        let four = IndexMethodConfiguration.recommended(dimension: 4)
        #expect(four.reliability == 6 && four.localTuning == false && four.localSearchStep == 0.001)
        #expect(IndexMethodConfiguration.recommended(dimension: 5) == four)
        #expect(IndexMethodConfiguration.recommended(dimension: 2) == .recommended && IndexMethodConfiguration.recommended.localSearchStep == nil
                && IndexMethodConfiguration.recommended.sampleMinimumRadius == nil)
    }
}
