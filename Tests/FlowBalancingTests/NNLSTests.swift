import Testing
import LinearAlgebra
@testable import FlowBalancing

@Test func nnlsMatchesUnconstrainedSolutionWhenItIsPositive() throws {
    let a = Matrix([[1, 0], [0, 2], [1, 1]])
    let xTrue = [1.5, 0.5]
    let b = a * xTrue
    let s = try NonNegativeLeastSquares.solve(a, b)
    for k in 0..<2 { #expect(abs(s.x[k] - xTrue[k]) <= 1e-12) }
    #expect(s.residualNorm <= 1e-12)
}

@Test func nnlsClampsAndSatisfiesKKT() throws {
    // Unconstrained optimum has x2 < 0; the NNLS optimum is x = (b·a1/‖a1‖², 0) for this design.
    let a = Matrix([[1, 1], [1, 2], [1, 3]])
    let b = [3.0, 2.0, 1.0]
    let s = try NonNegativeLeastSquares.solve(a, b)
    #expect(abs(s.x[0] - 2) <= 1e-12)
    #expect(s.x[1] == 0)
    // Gradient Aᵀ(b − Ax) ≤ 0 on the active variable.
    let r = zip(b, a * s.x).map { $0 - $1 }
    let w1 = (0..<3).reduce(0) { $0 + a[$1, 1] * r[$1] }
    #expect(w1 <= 1e-12)
}

@Test func nnlsOnRandomProblemsSatisfiesKKT() throws {
    var g = SeededGenerator(seed: 5)
    for _ in 0..<10 {
        let a = Matrix(rows: 12, columns: 6) { _, _ in g.nextGaussian() }
        let b = (0..<12).map { _ in g.nextGaussian() }
        let s = try NonNegativeLeastSquares.solve(a, b)
        let r = zip(b, a * s.x).map { $0 - $1 }
        for j in 0..<6 {
            let w = (0..<12).reduce(0) { $0 + a[$1, j] * r[$1] }
            #expect(s.x[j] >= 0)
            if s.x[j] > 0 { #expect(abs(w) <= 1e-10) } else { #expect(w <= 1e-10) }
        }
    }
}
