import Testing
import LinearAlgebra
@testable import FlowBalancing

/// A block-structured truth: n regions, 3 groups, ageing shifts d_g / L_g, larger intra-region blocks.
func syntheticAgeSplitTruth(n: Int, seed: UInt64) -> Matrix {
    let k = 3, shift = [1.0 / 16, 1.0 / 44]
    var g = SeededGenerator(seed: seed)
    let ageWeights = (0..<n).map { _ in [0.2 + 0.1 * g.nextUniform(), 0.55 + 0.1 * g.nextUniform(), 0.1 + 0.1 * g.nextUniform()] }
    let size = (0..<n).map { _ in 0.5 + 2 * g.nextUniform() }
    var q = Matrix(rows: n * k, columns: n * k)
    for a in 0..<n {
        for b in 0..<n {
            let base = 1000 * size[a] * size[b] * (a == b ? 8 : 0.3 + g.nextUniform())
            for h in 0..<k {
                let d = base * ageWeights[a][h] * (0.8 + 0.4 * g.nextUniform())
                q[a * k + h, b * k + h] = d
                if h < k - 1 { q[a * k + h, b * k + h + 1] = d * shift[h] }
            }
        }
    }
    return q
}

@Test func ageSplitRecoversSyntheticTruth() throws {
    let n = 12, k = 3
    let truth = syntheticAgeSplitTruth(n: n, seed: 2024)
    let m = AgeSplitEstimator.aggregate(truth, groups: k)
    let v = Matrix(rows: n, columns: k) { a, g in (0..<(n * k)).reduce(0) { $0 + truth[a * k + g, $1] } }
    let p = Matrix(rows: n, columns: k) { a, g in (0..<(n * k)).reduce(0) { $0 + truth[$1, a * k + g] } }
    let result = try AgeSplitEstimator.estimate(flows: m, departures: v, arrivals: p)
    #expect(result.balancing.converged)
    #expect(result.weightedMeanError <= 0.01)
    #expect(result.maxPairEqualityViolation <= 1e-6)
    // Q ≥ 0, block pattern kept, margins met.
    #expect(result.q.storage.allSatisfy { $0 >= 0 })
    for r in 0..<(n * k) {
        for c in 0..<(n * k) where !(c % k == r % k || c % k == r % k + 1) { #expect(result.q[r, c] == 0) }
    }
    // Block recovery error, reported (the truth is not identifiable from M, v, p alone).
    var diff = 0.0, total = 0.0
    for i in 0..<truth.storage.count { diff += abs(result.q.storage[i] - truth.storage[i]); total += truth.storage[i] }
    let blockError = diff / total
    print("age-split synthetic n=12: weighted mean error of JQJᵀ vs M = \(result.weightedMeanError), "
          + "max per-flow error = \(result.relativeErrors.maxAbs), Q block recovery error = \(blockError), "
          + "RAS iterations = \(result.balancing.iterations)")
    #expect(blockError < 0.1)
}

@Test func ageSplitRejectsBadConfiguration() {
    let m = Matrix([[10, 2], [3, 12]])
    let v = Matrix(rows: 2, columns: 3, repeating: 1), p = v
    #expect(throws: BalancingError.self) {
        try AgeSplitEstimator.estimate(flows: m, departures: v, arrivals: p,
                                       configuration: AgeSplitConfiguration(groups: 3, bandWidths: [16]))
    }
    #expect(throws: BalancingError.self) {
        try AgeSplitEstimator.estimate(flows: m, departures: Matrix(rows: 2, columns: 2), arrivals: p)
    }
    #expect(throws: BalancingError.invalidValue(what: "flow (1, 2)", value: -2)) {
        try AgeSplitEstimator.estimate(flows: Matrix([[10, -2], [3, 12]]), departures: v, arrivals: p)
    }
}
