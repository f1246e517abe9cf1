import Testing
@testable import GlobalOptimization

@Test func problemReportsItsDimensionAndBounds() {
    let p = OptimizationProblem(name: "sphere", lowerBounds: [-1, -2], upperBounds: [1, 2], knownMinimum: 0) { x in
        x.reduce(0) { $0 + $1 * $1 }
    }
    #expect(p.dimension == 2)
    #expect(p.objective([1, 2]) == 5)
    #expect(p.knownMinimum == 0)
}
