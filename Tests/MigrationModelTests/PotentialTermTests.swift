import Foundation
import LinearAlgebra
import Testing
@testable import MigrationModel

/// A small random symmetric weight matrix with zero diagonal.
func randomWeights(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    var k = Matrix(rows: n, columns: n)
    for i in 0..<n { for j in (i + 1)..<n { let w = rng.nextUniform(); k[i, j] = w; k[j, i] = w } }
    return k
}

@Test func laplacianEnergyIsThePairwiseSum() {
    let n = 7
    let k = randomWeights(n, seed: 1)
    let term = LaplacianCouplingTerm(name: "distance", weights: .dense(k))
    var rng = SeededGenerator(seed: 2)
    let q = (0..<n).map { _ in rng.nextGaussian() }
    var pairwise = 0.0
    for i in 0..<n { for j in (i + 1)..<n { pairwise += 0.5 * k[i, j] * (q[i] - q[j]) * (q[i] - q[j]) } }
    #expect(abs(term.energy(q) - pairwise) < 1e-13 * max(1, pairwise))
}

@Test func gradientsMatchCentralDifferencesOfTheEnergy() {
    let n = 6
    var rng = SeededGenerator(seed: 3)
    let terms: [any PotentialTerm] = [
        LaplacianCouplingTerm(name: "distance", weights: .dense(randomWeights(n, seed: 4))),
        AgeRestoringTerm(delta: 0.7, mobility: (0..<n).map { _ in rng.nextUniform() }),
    ]
    let q = (0..<n).map { _ in rng.nextGaussian() }
    for term in terms {
        let g = term.gradient(q)
        for i in 0..<n {
            let h = 1e-5
            var qp = q, qm = q
            qp[i] += h; qm[i] -= h
            let fd = (term.energy(qp) - term.energy(qm)) / (2 * h)
            #expect(abs(fd - g[i]) <= 1e-8 * max(1, abs(g[i])), "term \(term.name), component \(i)")
        }
    }
}

@Test func denseAndSparseWeightsActIdentically() {
    let n = 9
    let k = randomWeights(n, seed: 5)
    var triplets: [(row: Int, column: Int, value: Double)] = []
    for i in 0..<n { for j in 0..<n where i != j { triplets.append((i, j, k[i, j])) } }
    let dense = LaplacianCouplingTerm(name: "d", weights: .dense(k))
    let sparse = LaplacianCouplingTerm(name: "s", weights: .sparse(SparseMatrix(rows: n, columns: n, triplets: triplets)))
    var rng = SeededGenerator(seed: 6)
    let q = (0..<n).map { _ in rng.nextGaussian() }
    let gd = dense.gradient(q), gs = sparse.gradient(q)
    for i in 0..<n { #expect(abs(gd[i] - gs[i]) < 1e-14) }
}

@Test func similarityFromPerfectlyCorrelatedAndAnticorrelatedSeries() {
    let a: [Double?] = [1, 2, 3, 4, 5]
    let b: [Double?] = [2, 4, 6, 8, 10]
    let c: [Double?] = [5, 4, 3, 2, 1]
    let d: [Double?] = [1, nil, 3, 2, nil]          // only 3 common periods with a
    let rho = Similarity.pearson([a, b, c, d])
    #expect(abs(rho[0, 1] - 1) < 1e-15)
    #expect(abs(rho[0, 2] + 1) < 1e-15)
    // a vs d on periods {0, 2, 3}: (1,1), (3,3), (4,2) → hand value.
    let xs = [1.0, 3, 4], ys = [1.0, 3, 2]
    let mx = 8.0 / 3, my = 2.0
    let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = ys.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    #expect(abs(rho[0, 3] - sxy / (sxx * syy).squareRoot()) < 1e-14)
    let s = Similarity.positivePart(rho)
    #expect(s[0, 2] == 0 && s[0, 0] == 0 && s[0, 1] == 1)
}

@Test func constantOrShortSeriesHaveNoSimilarity() {
    #expect(Similarity.pairwiseCorrelation([1, 1, 1, 1], [1, 2, 3, 4]) == 0)
    #expect(Similarity.pairwiseCorrelation([1, 2], [2, 1]) == 0)
}

@Test func modelRejectsNonPositiveInertiaByIndex() {
    #expect(throws: ModelError.invalidParameter(name: "inertia[1]", value: 0, expected: "a finite number > 0")) {
        _ = try LagrangianModel(inertia: [1, 0], damping: 0, terms: [])
    }
    #expect(throws: ModelError.self) {
        _ = try LagrangianModel(inertia: [1, 1], damping: 0, terms: [AgeRestoringTerm(stiffness: [1, 1, 1])])
    }
}

@Test func tabulatedForcingInterpolatesLinearlyAndHoldsEnds() throws {
    let f = try TabulatedForcing(times: [2000, 2001, 2003], values: [[0, 10], [1, 20], [3, 0]])
    var out = [0.0, 0.0]
    out.withUnsafeMutableBufferPointer { f.evaluate(at: 2002, into: $0.baseAddress!) }
    #expect(out == [2, 10])
    out.withUnsafeMutableBufferPointer { f.evaluate(at: 1990, into: $0.baseAddress!) }
    #expect(out == [0, 10])
    out.withUnsafeMutableBufferPointer { f.evaluate(at: 2100, into: $0.baseAddress!) }
    #expect(out == [3, 0])
    #expect(throws: ModelError.self) { _ = try TabulatedForcing(times: [1, 1], values: [[0], [0]]) }
}

@Test("dense coupling above 96² entries (dsymv, upper triangle) and below (dgemv) both give L_K q = d∘q − K q")
func denseCouplingProductOnBothPaths() {
    var g = SeededGenerator(seed: 5)
    for n in [40, 150] {
        var k = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in (i + 1)..<n { let w = g.nextUniform(); k[i, j] = w; k[j, i] = w } }
        #expect((n * n >= CouplingWeights.symmetricProductMinimumEntries) == (n == 150))
        let term = LaplacianCouplingTerm(name: "distance", weights: .dense(k))
        let q = (0..<n).map { _ in g.nextGaussian() }
        var gradient = [Double](repeating: 0, count: n)
        q.withUnsafeBufferPointer { qp in gradient.withUnsafeMutableBufferPointer { term.addGradient(qp.baseAddress!, into: $0.baseAddress!, scale: 2) } }
        for i in 0..<n {
            var expected = 0.0
            for j in 0..<n where j != i { expected += k[i, j] * (q[i] - q[j]) }
            #expect(abs(gradient[i] - 2 * expected) <= 1e-12 * max(1, abs(expected)), "n = \(n), i = \(i)")
        }
        // V = ½ qᵀ L_K q = ½ Σ_{i<j} K_ij (qᵢ − qⱼ)²
        var energy = 0.0
        for i in 0..<n { for j in (i + 1)..<n { energy += 0.5 * k[i, j] * (q[i] - q[j]) * (q[i] - q[j]) } }
        #expect(abs(term.energy(q) - energy) <= 1e-11 * energy)
    }
}
