import Foundation
import GlobalOptimization
import Identification
import MigrationModel
import Testing

/// A run interrupted after some trials and resumed from its journal (through a JSON round trip,
/// as the checkpoint file stores it) ends exactly as the uninterrupted run, without repeating the
/// simulations already done.
@Suite struct ResumeTests {
    func objective() throws -> TheilObjective {
        let data = try SyntheticMigration.observedCase(years: 6)
        let space = try ParameterSpace([.alpha, .delta, .damping].map { ParameterRange(default: $0) }, base: SyntheticMigration.truth)
        return TheilObjective(data: data, space: space)
    }

    func check(_ optimizer: any Optimizer, budget: OptimizationBudget, interruptAfter: Int, refinementShare: Double = 0) throws {
        let f = try objective()
        let full = try #require(try Identification.run(f, optimizer: optimizer, budget: budget, seed: 7, refinementShare: refinementShare))

        let first = TrialJournal(evaluationLimit: interruptAfter)
        let interrupted = try Identification.run(f, optimizer: optimizer, budget: budget, seed: 7, journal: first,
                                                 refinementShare: refinementShare)
        #expect(interrupted == nil)
        #expect(first.newEvaluations == interruptAfter && first.count == interruptAfter)

        let encoded = try JSONEncoder().encode(first.trials)
        let restored = try JSONDecoder().decode([RecordedTrial].self, from: encoded)
        #expect(restored == first.trials)
        let resumed = try #require(try Identification.run(f, optimizer: optimizer, budget: budget, seed: 7,
                                                          journal: TrialJournal(trials: restored), refinementShare: refinementShare))
        #expect(resumed.point == full.point)
        #expect(resumed.theilU == full.theilU)
        #expect(resumed.parameters == full.parameters)
        #expect(resumed.trials == full.trials && resumed.iterations == full.iterations)
        #expect(resumed.trace == full.trace)
        #expect(resumed.termination == full.termination)
        #expect(resumed.replayedTrials >= interruptAfter)
        #expect(resumed.newEvaluations == full.newEvaluations - interruptAfter)
    }

    @Test func indexMethodResumesToTheSameResult() throws {
        try check(IndexMethod(IndexMethodConfiguration(density: 10, localRefinement: true)),
                  budget: OptimizationBudget(maxTrials: 150, tolerance: 0.05), interruptAfter: 60)
    }

    @Test func parallelIndexMethodResumesToTheSameResult() throws {
        try check(IndexMethod(IndexMethodConfiguration(density: 10, parallelism: 2)),
                  budget: OptimizationBudget(maxTrials: 80, tolerance: 1e-6), interruptAfter: 31)
    }

    @Test func interruptionDuringTheNelderMeadPolishResumesToTheSameResult() throws {
        // 100 trials of the index method, then Nelder–Mead; interrupted inside the polish.
        try check(IndexMethod(IndexMethodConfiguration(density: 10)),
                  budget: OptimizationBudget(maxTrials: 140, tolerance: 1e-6), interruptAfter: 120, refinementShare: 0.3)
    }

    @Test func simulatedAnnealingResumesToTheSameResult() throws {
        try check(SimulatedAnnealing(schedule: .fast), budget: OptimizationBudget(maxTrials: 120), interruptAfter: 45)
    }
}
