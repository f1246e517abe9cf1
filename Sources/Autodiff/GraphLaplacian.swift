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
    /// The forward sweep, settlement-major: U is transposed once (n×R) so that each pair works on
    /// two contiguous rows of R values (vectorized), then the result is transposed back.
    static func graphLaplacian(_ u: Tensor, _ w: [Double], _ p: EdgePattern) -> Tensor {
        let rows = u.rows, n = u.cols, edges = p.count
        guard rows > 0, n > 0 else { return Tensor(rows: rows, cols: n, values: []) }
        let ut = written(rows * n) { t in u.values.withUnsafeBufferPointer { transposeBlocked($0.baseAddress!, rows, n, into: t.baseAddress!) } }
        var yt = [Double](repeating: 0, count: rows * n)
        ut.withUnsafeBufferPointer { ut in
            w.withUnsafeBufferPointer { w in
                p.first.withUnsafeBufferPointer { a in
                    p.second.withUnsafeBufferPointer { b in
                        yt.withUnsafeMutableBufferPointer { yt in
                            for e in 0..<edges {
                                let i = Int(a[e]) * rows, j = Int(b[e]) * rows, we = w[e]
                                let ui = ut.baseAddress! + i, uj = ut.baseAddress! + j
                                let yi = yt.baseAddress! + i, yj = yt.baseAddress! + j
                                for r in 0..<rows {
                                    let f = we * (ui[r] - uj[r])
                                    yi[r] += f
                                    yj[r] -= f
                                }
                            }
                        }
                    }
                }
            }
        }
        let out = written(rows * n) { t in yt.withUnsafeBufferPointer { transposeBlocked($0.baseAddress!, n, rows, into: t.baseAddress!) } }
        return Tensor(rows: rows, cols: n, values: out)
    }
}

extension Tape {
    /// The reverse sweep of `graphLaplacian` (see its formula), settlement-major like the forward
    /// sweep and in one pass over the pairs.
    func graphLaplacianAdjoint(_ ui: Int, _ wi: Int, _ p: EdgePattern, _ g: UnsafeBufferPointer<Double>) {
        let uv = nodes[ui].value, wv = nodes[wi].value.values
        let rows = uv.rows, n = uv.cols, edges = p.count
        let wantW = nodes[wi].requiresGradient, wantU = nodes[ui].requiresGradient
        guard rows > 0, n > 0 else { return }
        let gt = Kernels.written(rows * n) { Kernels.transposeBlocked(g.baseAddress!, rows, n, into: $0.baseAddress!) }
        let ut = Kernels.written(rows * n) { t in
            uv.values.withUnsafeBufferPointer { Kernels.transposeBlocked($0.baseAddress!, rows, n, into: t.baseAddress!) }
        }
        var gwOut = [Double](repeating: 0, count: wantW ? edges : 0)
        var guT = [Double](repeating: 0, count: wantU ? rows * n : 0)
        gt.withUnsafeBufferPointer { gt in
            ut.withUnsafeBufferPointer { ut in
                wv.withUnsafeBufferPointer { w in
                    p.first.withUnsafeBufferPointer { a in
                        p.second.withUnsafeBufferPointer { b in
                            gwOut.withUnsafeMutableBufferPointer { gw in
                                guT.withUnsafeMutableBufferPointer { gu in
                                    for e in 0..<edges {
                                        let i = Int(a[e]) * rows, j = Int(b[e]) * rows, we = w[e]
                                        let gi = gt.baseAddress! + i, gj = gt.baseAddress! + j
                                        if wantW {
                                            let ui = ut.baseAddress! + i, uj = ut.baseAddress! + j
                                            // Four partial sums, so the loop vectorizes (a fixed order: reproducible).
                                            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, r = 0
                                            while r + 4 <= rows {
                                                s0 += (gi[r] - gj[r]) * (ui[r] - uj[r])
                                                s1 += (gi[r + 1] - gj[r + 1]) * (ui[r + 1] - uj[r + 1])
                                                s2 += (gi[r + 2] - gj[r + 2]) * (ui[r + 2] - uj[r + 2])
                                                s3 += (gi[r + 3] - gj[r + 3]) * (ui[r + 3] - uj[r + 3])
                                                r += 4
                                            }
                                            while r < rows { s0 += (gi[r] - gj[r]) * (ui[r] - uj[r]); r += 1 }
                                            gw[e] = (s0 + s1) + (s2 + s3)
                                        }
                                        if wantU {
                                            let oi = gu.baseAddress! + i, oj = gu.baseAddress! + j
                                            for r in 0..<rows {
                                                let f = we * (gi[r] - gj[r])
                                                oi[r] += f
                                                oj[r] -= f
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if wantW { accumulate(into: wi) { out in for e in 0..<edges { out[e] += gwOut[e] } } }
        if wantU {
            guT.withUnsafeBufferPointer { gu in
                accumulate(into: ui) { out in
                    let block = 32
                    for i0 in stride(from: 0, to: n, by: block) {
                        for r0 in stride(from: 0, to: rows, by: block) {
                            for i in i0..<min(i0 + block, n) {
                                for r in r0..<min(r0 + block, rows) { out[r * n + i] += gu[i * rows + r] }
                            }
                        }
                    }
                }
            }
        }
    }
}
