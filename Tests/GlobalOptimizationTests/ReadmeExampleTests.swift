import Testing
import GlobalOptimization

/// The example of Sources/GlobalOptimization/README.md, kept compiling and checked.
@Test func readmeExampleGlobalOptimization() throws {
    let f = try Formula("(x1 - 0.3)^2 + (x2 + 0.2)^2 + 1")
    let problem = OptimizationProblem(name: "bowl", lowerBounds: [-1, -1], upperBounds: [1, 1],
                                      knownMinimum: 1, objective: f.closure)
    let method = IndexMethod(IndexMethodConfiguration(reliability: 3, density: 10))
    let result = try method.minimize(problem, budget: OptimizationBudget(maxTrials: 2_000, tolerance: 1e-3), seed: 0)

    #expect(f.evaluate([0.3, -0.2]) == 1)
    #expect(result.trials <= 2_000)
    #expect(abs(result.bestValue - 1) < 1e-3)
    #expect(abs(result.bestPoint[0] - 0.3) < 0.05 && abs(result.bestPoint[1] + 0.2) < 0.05)
}
