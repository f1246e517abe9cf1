import Foundation
import Testing
@testable import GlobalOptimization

/// Optima on the boundary of the box: the evolvent's trials sit at the centres of its cells (range/2^{m+1}
/// from a face at density m), so only the final Hooke–Jeeves refinement, whose moves are projected onto the
/// box, lands on a face, an edge or a corner. `IndexMethodConfiguration.recommended` keeps 10% of the trial
/// budget for it.
struct IndexMethodBoundaryTests {
    static func minimize(_ text: String, lower: [Double], upper: [Double], budget: Int = 3_000,
                         configuration: IndexMethodConfiguration = .recommended) throws -> OptimizationResult {
        let f = try Formula(text)
        let problem = OptimizationProblem(name: "formula", lowerBounds: lower, upperBounds: upper, objective: f.closure)
        return try IndexMethod(configuration).minimize(problem, budget: OptimizationBudget(maxTrials: budget, tolerance: 1e-6), seed: 0)
    }

    /// The regression objective: min −57.2√x₁ + 0.036x₂ on [0, 40000] × [0, 700000] is at the
    /// corner (40000, 0), value −57.2·200 = −11440.
    @Test func regressionObjectiveReachesItsCorner() throws {
        let r = try Self.minimize("-57.2*sqrt(x1) + 0.036*x2", lower: [0, 0], upper: [40_000, 700_000])
        #expect(abs(r.bestPoint[0] - 40_000) <= 1e-6 * 40_000, "\(r.bestPoint)")
        #expect(r.bestPoint[1] <= 1e-6 * 700_000, "\(r.bestPoint)")
        #expect(abs(r.bestValue + 11_440) <= 1e-6 * 11_440, "\(r.bestValue)")
        #expect(r.trials <= 3_000)
        // Without the refinement the best trial stays a cell centre away from the corner.
        var global = IndexMethodConfiguration.recommended
        global.localRefinement = false
        let unrefined = try Self.minimize("-57.2*sqrt(x1) + 0.036*x2", lower: [0, 0], upper: [40_000, 700_000], configuration: global)
        #expect(unrefined.bestPoint[1] > 1e-6 * 700_000)
    }

    /// An edge: min (x₁ − 0.3)² + 2x₂ on [0, 1] × [0, 1] is at (0.3, 0) (x₁ interior, x₂ on its lower face);
    /// and the upper corner of a negated product (maximum of x₁x₂ at (3, 5) on [1, 3] × [2, 5]).
    @Test func edgeAndUpperCorner() throws {
        let edge = try Self.minimize("(x1 - 0.3)^2 + 2*x2", lower: [0, 0], upper: [1, 1])
        #expect(abs(edge.bestPoint[0] - 0.3) <= 1e-6 * 0.3, "\(edge.bestPoint)")
        #expect(edge.bestPoint[1] == 0, "\(edge.bestPoint)")
        let corner = try Self.minimize("-(x1*x2)", lower: [1, 2], upper: [3, 5])
        #expect(corner.bestPoint == [3, 5], "\(corner.bestPoint)")
        #expect(corner.bestValue == -15)
    }

    /// A refinement share outside [0, 1) is refused, naming the parameter.
    @Test func refinementShareIsValidated() throws {
        var c = IndexMethodConfiguration.recommended
        c.refinementShare = 1
        #expect(throws: IndexMethodError.invalidParameter(name: "refinementShare", value: 1, expected: "a share of the trial budget in [0, 1)")) {
            try Self.minimize("x1", lower: [0], upper: [1], configuration: c)
        }
    }
}
