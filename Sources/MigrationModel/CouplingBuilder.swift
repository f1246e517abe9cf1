import Foundation
import LinearAlgebra

/// Builds the coupling weights of the distance and similarity terms (SPEC §2):
///
///     K^D_ij = α·G(d_ij),  G(d) = (1 + d/d₀)^(−γ)     K^S_ij = β·max(0, ρ_ij)
public enum CouplingBuilder {
    /// G(d) = (1 + d/d₀)^(−γ): 1 at d = 0, decaying like (d/d₀)^(−γ) far away.
    @inlinable
    public static func kernel(_ d: Double, scale d0: Double, exponent gamma: Double) -> Double {
        pow(1 + d / d0, -gamma)
    }

    /// Dense K^D from an n×n distance table (km).
    public static func denseDistanceWeights(distances: Matrix, parameters p: ModelParameters) -> CouplingWeights {
        let n = distances.rows
        var k = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                k[i, j] = p.alpha * kernel(distances[i, j], scale: p.distanceScale, exponent: p.gamma)
            }
        }
        return .dense(k)
    }

    /// Dense K^S from a correlation matrix ρ.
    public static func denseSimilarityWeights(correlation rho: Matrix, parameters p: ModelParameters) -> CouplingWeights {
        let s = Similarity.positivePart(rho)
        return .dense(p.beta * s)
    }

    /// The symmetrized k-nearest-neighbour pattern: edge {i, j} when j is among i's neighbours or
    /// i among j's. Returned as sorted unique pairs (i < j) with their distance.
    public static func symmetricEdges(neighbourIndices: [[Int]], neighbourKilometres: [[Double]]) -> [(i: Int, j: Int, km: Double)] {
        var edges: [Int: Double] = [:]
        let n = neighbourIndices.count
        for i in 0..<n {
            for (idx, j) in neighbourIndices[i].enumerated() where j != i {
                let a = min(i, j), b = max(i, j)
                edges[a * n + b] = neighbourKilometres[i][idx]
            }
        }
        return edges.keys.sorted().map { key in (i: key / n, j: key % n, km: edges[key]!) }
    }

    /// Sparse K^D on the symmetrized k-NN pattern.
    public static func sparseDistanceWeights(n: Int, edges: [(i: Int, j: Int, km: Double)], parameters p: ModelParameters) -> CouplingWeights {
        var triplets: [(row: Int, column: Int, value: Double)] = []
        triplets.reserveCapacity(2 * edges.count)
        for e in edges {
            let w = p.alpha * kernel(e.km, scale: p.distanceScale, exponent: p.gamma)
            triplets.append((e.i, e.j, w))
            triplets.append((e.j, e.i, w))
        }
        return .sparse(SparseMatrix(rows: n, columns: n, triplets: triplets))
    }

    /// Sparse K^S on the same pattern (similarity is only kept between neighbours).
    public static func sparseSimilarityWeights(n: Int, edges: [(i: Int, j: Int, km: Double)], correlation rho: Matrix,
                                               parameters p: ModelParameters) -> CouplingWeights {
        sparseSimilarityWeights(n: n, edges: edges, edgeCorrelations: edges.map { rho[$0.i, $0.j] }, parameters: p)
    }

    /// Sparse K^S on the pattern from one ρ per edge (`Similarity.pearson(_:pairs:)`, no n×n matrix):
    /// K^S_ij = K^S_ji = β·max(0, ρ_ij) on every edge {i, j}; edges with ρ ≤ 0 are not stored.
    public static func sparseSimilarityWeights(n: Int, edges: [(i: Int, j: Int, km: Double)], edgeCorrelations rho: [Double],
                                               parameters p: ModelParameters) -> CouplingWeights {
        precondition(rho.count == edges.count, "sparseSimilarityWeights: \(rho.count) correlations for \(edges.count) edges")
        var triplets: [(row: Int, column: Int, value: Double)] = []
        for (e, r) in zip(edges, rho) {
            let s = Similarity.positivePart(r)
            guard s > 0 else { continue }
            triplets.append((e.i, e.j, p.beta * s))
            triplets.append((e.j, e.i, p.beta * s))
        }
        return .sparse(SparseMatrix(rows: n, columns: n, triplets: triplets))
    }
}
