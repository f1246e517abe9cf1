/// The undirected pairs {first[e], second[e]} of a sparse coupling, for `graphLaplacian`.
///
/// Each pair is stored once; its weight applies both ways (a symmetric coupling matrix K with
/// K_ij = K_ji = w_e). Pairs with first == second are not allowed (a self-pair adds nothing to a
/// Laplacian).
public struct EdgePattern: Sendable, Equatable {
    public let first: [Int32]
    public let second: [Int32]
    /// The number of nodes the pairs index into.
    public let nodeCount: Int

    public var count: Int { first.count }

    public init(nodeCount: Int, pairs: [(Int, Int)]) {
        precondition(nodeCount >= 0 && nodeCount <= Int(Int32.max), "EdgePattern: node count \(nodeCount) out of range")
        for (a, b) in pairs {
            precondition(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount && a != b,
                         "EdgePattern: pair (\(a), \(b)) is not two distinct nodes of 0..<\(nodeCount)")
        }
        self.nodeCount = nodeCount
        first = pairs.map { Int32($0.0) }
        second = pairs.map { Int32($0.1) }
    }
}

/// Y = U·L_K for a symmetric coupling K on the pairs of `pattern` with weights w (1×E), row by
/// row: for every row u of U (R×n),
///
///     y_i = Σ_{e = {i, j}} w_e·(u_i − u_j)      (L_K = diag(K·1) − K, so u·L_K = u∘(1ᵀK) − u·K)
///
/// It costs O(R·E) instead of the O(R·n²) of the dense form `u * sumRows(K) − matmul(u, K)`, and it
/// never forms K. Adjoints, with Ḡ = ∂L/∂Y and d_e = u_i − u_j, ḡ_e = ḡ_i − ḡ_j per row:
///
///     ∂L/∂w_e = Σ_rows ḡ_e·d_e,      ∂L/∂u_i += Σ_{e ∋ i} w_e·(±ḡ_e)   (+ at i, − at j).
public func graphLaplacian(_ u: Variable, weights w: Variable, pattern: EdgePattern) -> Variable {
    precondition(u.tape === w.tape, "graphLaplacian: u and the weights live on different tapes")
    precondition(u.cols == pattern.nodeCount, "graphLaplacian: u is \(u.value.shapeDescription), the pattern has \(pattern.nodeCount) nodes")
    precondition(w.rows == 1 && w.cols == pattern.count, "graphLaplacian: weights are \(w.value.shapeDescription), expected 1×\(pattern.count)")
    return u.tape.record(.graphLaplacian(u.index, weights: w.index, pattern),
                         Kernels.graphLaplacian(u.value, w.value.values, pattern),
                         requiresGradient: u.requiresGradient || w.requiresGradient)
}

extension Kernels {
    static func graphLaplacian(_ u: Tensor, _ w: [Double], _ p: EdgePattern) -> Tensor {
        let rows = u.rows, n = u.cols, edges = p.count
        var out = [Double](repeating: 0, count: rows * n)
        u.values.withUnsafeBufferPointer { u in
            w.withUnsafeBufferPointer { w in
                p.first.withUnsafeBufferPointer { a in
                    p.second.withUnsafeBufferPointer { b in
                        out.withUnsafeMutableBufferPointer { y in
                            for r in 0..<rows {
                                let ur = u.baseAddress! + r * n, yr = y.baseAddress! + r * n
                                for e in 0..<edges {
                                    let i = Int(a[e]), j = Int(b[e])
                                    let f = w[e] * (ur[i] - ur[j])
                                    yr[i] += f
                                    yr[j] -= f
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(rows: rows, cols: n, values: out)
    }
}

extension Tape {
    /// The reverse sweep of `graphLaplacian` (see its formula).
    func graphLaplacianAdjoint(_ ui: Int, _ wi: Int, _ p: EdgePattern, _ g: UnsafeBufferPointer<Double>) {
        let uv = nodes[ui].value, wv = nodes[wi].value.values
        let rows = uv.rows, n = uv.cols, edges = p.count
        p.first.withUnsafeBufferPointer { a in
            p.second.withUnsafeBufferPointer { b in
                accumulate(into: wi) { gw in
                    uv.values.withUnsafeBufferPointer { u in
                        for r in 0..<rows {
                            let ur = u.baseAddress! + r * n, gr = g.baseAddress! + r * n
                            for e in 0..<edges {
                                let i = Int(a[e]), j = Int(b[e])
                                gw[e] += (gr[i] - gr[j]) * (ur[i] - ur[j])
                            }
                        }
                    }
                }
                accumulate(into: ui) { gu in
                    wv.withUnsafeBufferPointer { w in
                        for r in 0..<rows {
                            let gr = g.baseAddress! + r * n, out = gu.baseAddress! + r * n
                            for e in 0..<edges {
                                let i = Int(a[e]), j = Int(b[e])
                                let f = w[e] * (gr[i] - gr[j])
                                out[i] += f
                                out[j] -= f
                            }
                        }
                    }
                }
            }
        }
    }
}
