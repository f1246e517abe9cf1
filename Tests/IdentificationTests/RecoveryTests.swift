import GlobalOptimization
import Identification
import MigrationModel
import Testing

/// Identification on synthetic data with a known force: the index method (with its Hooke–Jeeves
/// refinement) recovers α, β, δ and c from the balances alone.
@Suite struct RecoveryTests {
    @Test func indexMethodRecoversAlphaBetaDeltaDamping() throws {
        var start = SyntheticMigration.truth
        start.alpha = 2; start.beta = 0.05; start.delta = 3; start.damping = 0.1   // unused: all four are identified
        let data = try SyntheticMigration.observedCase(base: start)
        let space = try ParameterSpace([.alpha, .beta, .delta, .damping].map { ParameterRange(default: $0) }, base: start)
        let objective = TheilObjective(data: data, space: space)
        let method = IndexMethod(IndexMethodConfiguration(reliability: 3, density: 10, localRefinement: true, refinementStep: 1e-6))
        let budget = OptimizationBudget(maxTrials: 900, tolerance: 0.1)
        let result = try #require(try Identification.run(objective, optimizer: method, budget: budget, seed: 1))
        let truth = SyntheticMigration.truth
        let errors = [
            ("alpha", result.parameters.alpha, truth.alpha), ("beta", result.parameters.beta, truth.beta),
            ("delta", result.parameters.delta, truth.delta), ("damping", result.parameters.damping, truth.damping),
        ].map { ($0.0, abs($0.1 - $0.2) / $0.2) }
        print("synthetic recovery: U = \(result.theilU), trials \(result.trials), relative errors "
              + errors.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        for (name, e) in errors { #expect(e < 0.05, "\(name): relative error \(e)") }
        #expect(result.theilU < 1e-3)
        // The parameters not identified keep the base values.
        #expect(result.parameters.gamma == start.gamma && result.parameters.distanceScale == start.distanceScale)
    }

    @Test func nelderMeadPolishImprovesTheGlobalStage() throws {
        let data = try SyntheticMigration.observedCase(years: 6)
        let space = try ParameterSpace([.alpha, .delta, .damping].map { ParameterRange(default: $0) }, base: SyntheticMigration.truth)
        let objective = TheilObjective(data: data, space: space)
        let method = IndexMethod(IndexMethodConfiguration(density: 10))
        let budget = OptimizationBudget(maxTrials: 300, tolerance: 1e-6)
        let global = try #require(try Identification.run(objective, optimizer: method, budget: budget, seed: 1))
        let polished = try #require(try Identification.run(objective, optimizer: method, budget: budget, seed: 1, refinementShare: 0.3))
        #expect(polished.trials <= 300 && polished.method == "index method + nelder-mead")
        #expect(polished.theilU < global.theilU)
        #expect(polished.trace.map(\.bestValue) == polished.trace.map(\.bestValue).sorted(by: >))
    }

    @Test func truthScoresZeroAndAWrongModelScoresWorse() throws {
        let data = try SyntheticMigration.observedCase()
        let space = try ParameterSpace([ParameterRange(default: .alpha)], base: SyntheticMigration.truth)
        let objective = TheilObjective(data: data, space: space)
        #expect(objective.evaluate(SyntheticMigration.truth).theilU == 0)
        var wrong = SyntheticMigration.truth
        wrong.alpha = 1.2
        let u = objective.evaluate(wrong).theilU
        #expect(u > 0.01 && u < 1)
    }
}
