import Foundation
import LinearAlgebra
import MigrationModel

/// One undirected coupled pair {i, j} (i < j) of a sparse fit: its distance (km) and its
/// similarity S_ij = max(0, ρ_ij) over the fitting window.
public struct CoupledPair: Sendable, Equatable {
    public let i: Int
    public let j: Int
    public let kilometres: Double
    public let similarity: Double

    public init(i: Int, j: Int, kilometres: Double, similarity: Double) {
        self.i = i; self.j = j; self.kilometres = kilometres; self.similarity = similarity
    }
}

/// Which pairs of settlements the fit's coupling K_ij = α·(1 + d_ij/d₀)^(−γ) + β·S_ij joins: the
/// same layout `ModelAssembly` chooses for the simulator, so the fitted parameters mean the same
/// thing in the fit and in the simulation that forecasts with them.
public enum PINNCoupling: Sendable {
    /// All pairs (n ≤ `dense_limit`): distances (km) and S, both n×n with a zero diagonal.
    case dense(distances: Matrix, similarity: Matrix)
    /// The symmetrized k-nearest-neighbour pattern (n > `dense_limit`): each coupled pair once.
    /// The physics residual then costs O(N·pairs) per evaluation instead of O(N·n²).
    case sparse(k: Int, pairs: [CoupledPair])

    /// The layout in the simulator's terms (its description is what `migsim simulate` logs).
    public var layout: CouplingLayout {
        switch self {
        case .dense: return .dense
        case .sparse(let k, let pairs): return .sparse(k: k, edges: pairs.count)
        }
    }

    /// Checks sizes and values for n settlements; the message names what is wrong.
    func validate(count n: Int) throws {
        switch self {
        case .dense(let d, let s):
            guard d.rows == n, d.columns == n, s.rows == n, s.columns == n else {
                throw PhysicsInformedError.invalidData("distance and similarity matrices are \(d.rows)×\(d.columns) and \(s.rows)×\(s.columns); expected \(n)×\(n)")
            }
        case .sparse(let k, let pairs):
            guard k >= 1 else { throw PhysicsInformedError.invalidData("sparse coupling with k = \(k) neighbours; expected k ≥ 1") }
            var previous = (-1, -1)
            for (e, p) in pairs.enumerated() {
                guard p.i >= 0, p.i < p.j, p.j < n else {
                    throw PhysicsInformedError.invalidData("coupled pair \(e) is (\(p.i), \(p.j)); expected 0 ≤ i < j < \(n)")
                }
                guard (p.i, p.j) > previous else {
                    throw PhysicsInformedError.invalidData("coupled pair \(e) (\(p.i), \(p.j)) repeats or is out of order; expected pairs sorted by (i, j), each once")
                }
                guard p.kilometres.isFinite, p.kilometres >= 0, p.similarity.isFinite, p.similarity >= 0 else {
                    throw PhysicsInformedError.invalidData("coupled pair \(e) (\(p.i), \(p.j)) has distance \(p.kilometres) km and similarity \(p.similarity); expected finite values ≥ 0")
                }
                previous = (p.i, p.j)
            }
        }
    }
}
