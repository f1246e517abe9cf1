import Foundation
import LinearAlgebra
import Testing
@testable import MigrationModel

/// Similarity over coupled pairs only (`Similarity.pearson(_:pairs:)`, `CentredSeries`) against
/// the dense n×n correlation matrix, with gaps, short overlaps and constant series.
@Suite struct PairSimilarityTests {
    /// 14 seeded series of 12 periods: complete ones, ones with gaps in the same periods, ones with
    /// gaps of their own, a constant one, one constant on its overlap with another, a short one, an empty one.
    static func seriesWithGaps() -> [[Double?]] {
        var rng = SeededGenerator(seed: 18)
        let t = 12
        var rows: [[Double?]] = (0..<8).map { _ in (0..<t).map { _ in rng.nextGaussian() * 100 + 5 } }
        for i in [2, 3] { rows[i][4] = nil; rows[i][9] = nil }              // same gaps: one dot product
        rows[5][0] = nil; rows[5][1] = nil; rows[5][7] = nil                  // gaps of its own
        rows[6] = rows[6].enumerated().map { $0.offset % 3 == 0 ? nil : $0.element }
        rows.append([Double?](repeating: 7, count: t))                       // constant
        rows.append((0..<t).map { k in k < 6 ? 3 : rng.nextGaussian() })      // constant on the first half
        rows.append((0..<t).map { k in k < 6 ? rng.nextGaussian() : nil })    // only the first half
        rows.append((0..<t).map { k in k == 2 || k == 5 || k == 11 ? rng.nextGaussian() : nil })  // 3 periods
        rows.append((0..<t).map { k in k == 1 || k == 5 ? rng.nextGaussian() : nil })  // 2 periods: undefined
        rows.append([Double?](repeating: nil, count: t))                     // nothing observed
        return rows
    }

    @Test func everyPairEqualsTheDenseMatrixEntry() {
        let series = Self.seriesWithGaps()
        let n = series.count
        let dense = Similarity.pearson(series)
        let pairs = (0..<n).flatMap { i in (0..<n).map { j in (i: i, j: j) } }
        let sparse = Similarity.pearson(series, pairs: pairs)
        var nonTrivial = 0
        for (p, r) in zip(pairs, sparse) {
            #expect(abs(r - dense[p.i, p.j]) <= 1e-12, "pair (\(p.i), \(p.j)): \(r) vs dense \(dense[p.i, p.j])")
            #expect(r == dense[p.i, p.j], "pair (\(p.i), \(p.j)) differs from the dense entry in its last bits")
            if r != 0 && p.i != p.j { nonTrivial += 1 }
        }
        #expect(nonTrivial > n * 4)   // the comparison is not all zeros
        // The documented zeros: constant series, fewer than 3 common periods, nothing observed.
        #expect(sparse[8 * n + 0] == 0 && sparse[0 * n + 12] == 0 && sparse[13 * n + 1] == 0)
        #expect(sparse[9 * n + 10] == 0)   // series 9 is constant where series 10 is present
    }

    @Test func pairsWithTheSameGapsShareOnePatternAndOneDotProduct() {
        let series = Self.seriesWithGaps()
        let c = CentredSeries(series)
        #expect(c.patternID[2] == c.patternID[3] && c.patternID[0] == c.patternID[1] && c.patternID[0] != c.patternID[2])
        #expect(c.patternID[0] != c.patternID[5] && c.patternID[5] != c.patternID[6])
        // Packed centred values: 12 per complete series, 10 for the two with the same two gaps.
        #expect(c.start[1] - c.start[0] == 12 && c.start[3] - c.start[2] == 10)
        let centredSum = (c.start[2]..<c.start[3]).reduce(0.0) { $0 + c.centred[$1] }
        #expect(abs(centredSum) < 1e-10)
        #expect(c.sumOfSquares[8] == 0 && c.sumOfSquares[12] == 0 && c.sumOfSquares[13] == 0)
        #expect(c.correlation(2, 3) == Similarity.pairwiseCorrelation(series[2], series[3]))
        #expect(c.correlation(4, 4) == 1)
    }

    /// The model assembled with the dense layout and with the sparse layout at k = n − 1 (every pair
    /// coupled), from series with gaps: same similarity weights and the same trajectories.
    @Test func denseAndSparseAssembliesAgreeWithGappySeries() throws {
        let places = tenSettlements()
        let series = Array(Self.seriesWithGaps().prefix(places.count))
        var p = ModelParameters(alpha: 1, beta: 0.8, delta: 0.4, damping: 0.6, metric: .sphere)
        let dense = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: series, parameters: p)
        p.denseLimit = 5
        p.neighbours = places.count - 1
        let sparse = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: series, parameters: p)
        #expect(dense.layout == .dense && sparse.layout == .sparse(k: 9, edges: 45))
        let weights = { (m: AssembledModel) -> Matrix? in
            m.model.terms.compactMap { $0 as? LaplacianCouplingTerm }.first { $0.name == "similarity" }?.weights.denseMatrix
        }
        let kd = try #require(weights(dense)), ks = try #require(weights(sparse))
        for i in 0..<places.count { for j in 0..<places.count { #expect(kd[i, j] == ks[i, j], "K^S[\(i), \(j)]") } }
        try expectSameTrajectories(dense, sparse)
    }
}
