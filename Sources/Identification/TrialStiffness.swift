import Foundation
import LinearAlgebra
import MigrationModel

/// The stiffness K of one trial, assembled straight from the case's stored geometry (SPEC §2):
///
///     K_ij = −(α·(1 + d_ij/d₀)^(−γ) + β·S_ij)   (i ≠ j, coupled pairs)
///     K_ii = Σ_{j≠i} (α·(1 + d_ij/d₀)^(−γ) + β·S_ij) + δ·(1 − Aᵢ)
///
/// The kernel is evaluated as exp(−γ·ℓ_ij) with ℓ_ij = ln(1 + d_ij/d₀) stored once per case for the
/// base d₀ (`KernelLogarithms`), so a trial costs one exp per coupled pair (n(n−1)/2 dense, the
/// symmetric edges sparse) and no pow, geodesic or correlation. In the sparse layout only the edge
/// weights are computed until `matrix()` is asked for (the cost estimate needs no n×n storage).
struct TrialStiffness {
    let dimension: Int
    /// Dense layout: K with its off-diagonal filled (diagonal added by `matrix()`).
    let offDiagonal: Matrix?
    /// Sparse layout: the weight of every stored edge (i < j).
    let edges: [(i: Int, j: Int, w: Double)]
    /// Σⱼ w_ij and δ·(1 − Aᵢ).
    let degree: [Double]
    let restoring: [Double]
    /// Multiply-adds of one ∇V evaluation in the step-by-step path (for `SolverSelection`).
    let gradientCost: Int

    /// Gershgorin's bound maxᵢ (2·degreeᵢ + |Dᵢ|) on the largest eigenvalue of K.
    var rowBound: Double {
        var bound = 0.0
        for i in 0..<dimension { bound = max(bound, 2 * degree[i] + abs(restoring[i])) }
        return bound
    }

    /// K, dense n×n (both triangles filled).
    func matrix() -> Matrix {
        let n = dimension
        var k = offDiagonal ?? Matrix(rows: n, columns: n)
        k.storage.withUnsafeMutableBufferPointer { kp in
            for e in edges { kp[e.i * n + e.j] = -e.w; kp[e.j * n + e.i] = -e.w }
            for i in 0..<n { kp[i * n + i] = degree[i] + restoring[i] }
        }
        return k
    }
}

/// ℓ = ln(1 + d/d₀) per stored distance, for one d₀.
struct KernelLogarithms: Sendable {
    let scale: Double
    /// Dense: n×n row-major; sparse: one per stored edge.
    let values: [Double]
}

extension IdentificationCase {
    /// ℓ for the stored geometry and d₀.
    static func kernelLogarithms(_ geometry: Geometry, scale d0: Double) -> KernelLogarithms {
        switch geometry {
        case .dense(let d): return KernelLogarithms(scale: d0, values: d.storage.map { log1p($0 / d0) })
        case .sparse(let edges, _): return KernelLogarithms(scale: d0, values: edges.map { log1p($0.km / d0) })
        }
    }

    /// K for the parameters `p` (validated by the caller).
    func stiffness(for p: ModelParameters) -> TrialStiffness {
        let n = count
        let logs = p.distanceScale == kernelLogs.scale ? kernelLogs : Self.kernelLogarithms(geometry, scale: p.distanceScale)
        var degree = [Double](repeating: 0, count: n)
        let alpha = p.alpha, gamma = p.gamma, beta = p.beta
        var gradientCost = n
        var offDiagonal: Matrix? = nil
        var weights: [(i: Int, j: Int, w: Double)] = []
        switch geometry {
        case .dense:
            let similarity = beta > 0 ? positiveSimilarity : nil
            if alpha > 0 { gradientCost += n * n + n }
            if similarity != nil { gradientCost += n * n + n }
            var k = Matrix(rows: n, columns: n)
            if alpha > 0 || similarity != nil {
                k.storage.withUnsafeMutableBufferPointer { kp in
                    logs.values.withUnsafeBufferPointer { lp in
                        for i in 0..<n {
                            for j in (i + 1)..<max(n, i + 1) {
                                var w = alpha > 0 ? alpha * exp(-gamma * lp[i * n + j]) : 0
                                if let s = similarity { w += beta * s.storage[i * n + j] }
                                kp[i * n + j] = -w
                                kp[j * n + i] = -w
                                degree[i] += w
                                degree[j] += w
                            }
                        }
                    }
                }
            }
            offDiagonal = k
        case .sparse(let edges, _):
            let rho = beta > 0 ? edgeCorrelations : nil
            if alpha > 0 { gradientCost += 2 * edges.count + n }
            if rho != nil { gradientCost += 2 * edges.count + n }
            weights.reserveCapacity(edges.count)
            for (e, edge) in edges.enumerated() {
                var w = alpha > 0 ? alpha * exp(-gamma * logs.values[e]) : 0
                if let rho {
                    let s = Similarity.positivePart(rho[e])
                    if s > 0 { w += beta * s }
                }
                weights.append((edge.i, edge.j, w))
                degree[edge.i] += w
                degree[edge.j] += w
            }
        }
        let restoring = p.delta > 0 ? mobility(for: p).map { p.delta * (1 - $0) } : [Double](repeating: 0, count: n)
        return TrialStiffness(dimension: n, offDiagonal: offDiagonal, edges: weights, degree: degree, restoring: restoring,
                              gradientCost: gradientCost)
    }
}
