import Testing
@testable import GlobalOptimization

struct PatternSearchTests {
    static let bowl = OptimizationProblem(lowerBounds: [-1, -1, -1], upperBounds: [1, 1, 1]) { x in
        (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] + 0.2) * (x[1] + 0.2) + 3 * (x[2] - 0.1) * (x[2] - 0.1)
    }

    @Test(arguments: PatternSearch.Poll.allCases)
    func meshShrinksToTheToleranceAtTheMinimum(poll: PatternSearch.Poll) throws {
        let r = try PatternSearch(poll: poll).minimize(Self.bowl, budget: OptimizationBudget(maxTrials: 20_000, tolerance: 1e-7), seed: 3)
        #expect(r.termination == .accuracyReached)
        #expect(abs(r.bestPoint[0] - 0.3) < 1e-5 && abs(r.bestPoint[1] + 0.2) < 1e-5 && abs(r.bestPoint[2] - 0.1) < 1e-5)
    }

    @Test func completePollEvaluatesEveryDirectionOpportunisticStopsEarly() throws {
        let budget = OptimizationBudget(maxTrials: 20_000, tolerance: 1e-7)
        let complete = try PatternSearch(poll: .gps2N, complete: true).minimize(Self.bowl, budget: budget, seed: 0)
        let opportunistic = try PatternSearch(poll: .gps2N, complete: false, order: .success).minimize(Self.bowl, budget: budget, seed: 0)
        #expect(complete.trials > opportunistic.trials)
        #expect(complete.bestValue < 1e-9 && opportunistic.bestValue < 1e-9)
    }
}

struct SimulatedAnnealingTests {
    @Test func functionToleranceStopsAFlatRun() throws {
        let flat = OptimizationProblem(lowerBounds: [0, 0], upperBounds: [1, 1]) { _ in 1 }
        let r = try SimulatedAnnealing(stallIterations: 100).minimize(flat, budget: OptimizationBudget(maxTrials: 10_000, tolerance: 1e-6), seed: 1)
        #expect(r.termination == .stalled)
        #expect(r.trials < 200)
    }

    @Test func targetValueStopsTheRun() throws {
        let r = try SimulatedAnnealing(hybrid: .none).minimize(.hill(centre: [0.1, 0.2]), budget: OptimizationBudget(maxTrials: 10_000, targetValue: -0.99), seed: 5)
        #expect(r.termination == .targetReached)
        #expect(r.bestValue <= -0.99)
    }
}

struct GeneticAlgorithmTests {
    @Test(arguments: [GeneticAlgorithm.Selection.tournament, .stochasticUniform])
    func eliteKeepsTheBestAndTheTraceFalls(selection: GeneticAlgorithm.Selection) throws {
        let r = try GeneticAlgorithm(populationSize: 30, selection: selection, crossover: .blend)
            .minimize(.rastrigin(dimension: 2), budget: OptimizationBudget(maxTrials: 3000), seed: 9)
        let values = r.trace.map(\.bestValue)
        #expect(values == values.sorted(by: >))
        #expect(r.bestValue < 1.0)
        #expect(r.trials <= 3000)
    }
}
