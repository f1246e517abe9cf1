import Testing
@testable import GlobalOptimization

struct NelderMeadTests {
    @Test func rosenbrockToSixDigits() throws {
        let r = try NelderMead(start: [-1.2, 1]).minimize(.rosenbrock(dimension: 2), budget: OptimizationBudget(maxTrials: 2000, tolerance: 1e-10))
        #expect(abs(r.bestPoint[0] - 1) < 1e-5 && abs(r.bestPoint[1] - 1) < 1e-5)
        #expect(r.termination == .accuracyReached)
        #expect(r.trace.map(\.bestValue) == r.trace.map(\.bestValue).sorted(by: >))
    }

    @Test func quadraticOnTheBoundStaysInside() throws {
        let p = OptimizationProblem(lowerBounds: [0, 0], upperBounds: [1, 1]) { x in (x[0] + 1) * (x[0] + 1) + (x[1] - 0.3) * (x[1] - 0.3) }
        let r = try NelderMead().minimize(p, budget: OptimizationBudget(maxTrials: 1000, tolerance: 1e-9))
        #expect(r.bestPoint[0] == 0)
        #expect(abs(r.bestPoint[1] - 0.3) < 1e-4)
    }

    @Test func rejectsBadStart() {
        #expect(throws: MetaheuristicError(parameter: "start", expected: "2 coordinates", got: "3")) {
            try NelderMead(start: [0, 0, 0]).minimize(.rosenbrock(dimension: 2), budget: OptimizationBudget())
        }
    }
}
