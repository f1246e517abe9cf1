import Foundation

/// The reverse sweep of each operation: given the adjoint ḡ of a node, add its contribution to
/// the adjoints of the node's inputs (in place).
extension Tape {
    func propagate(node i: Int, adjoint g: [Double]) {
        let node = nodes[i]
        g.withUnsafeBufferPointer { g in
            switch node.operation {
            case .leaf:
                break
            case let .unary(kind, a):
                let x = nodes[a].value.values, y = node.value.values
                accumulate(into: a) { ga in
                    x.withUnsafeBufferPointer { x in
                        y.withUnsafeBufferPointer { y in
                            switch kind {
                            case .tanh: for k in 0..<g.count { ga[k] += g[k] * (1 - y[k] * y[k]) }
                            case .exp: for k in 0..<g.count { ga[k] += g[k] * y[k] }
                            case .log: for k in 0..<g.count { ga[k] += g[k] / x[k] }
                            case .sin: for k in 0..<g.count { ga[k] += g[k] * cos(x[k]) }
                            case .cos: for k in 0..<g.count { ga[k] -= g[k] * sin(x[k]) }
                            case .sigmoid: for k in 0..<g.count { ga[k] += g[k] * y[k] * (1 - y[k]) }
                            case .softplus:
                                for k in 0..<g.count { ga[k] += g[k] * Kernels.apply(.sigmoid, x[k]) }
                            case .square: for k in 0..<g.count { ga[k] += g[k] * 2 * x[k] }
                            case .sqrt: for k in 0..<g.count { ga[k] += g[k] * 0.5 / y[k] }
                            }
                        }
                    }
                }
            case let .affine(s, a):
                accumulate(into: a) { ga in for k in 0..<g.count { ga[k] += s * g[k] } }
            case let .binary(kind, a, b):
                binaryAdjoint(kind, a, b, node.value, g)
            case let .matmul(a, b, ta, tb):
                matmulAdjoint(a, b, ta, tb, node.value, g)
            case let .sum(a):
                accumulate(into: a) { ga in let s = g[0]; for k in 0..<ga.count { ga[k] += s } }
            case let .mean(a):
                accumulate(into: a) { ga in let s = g[0] / Double(ga.count); for k in 0..<ga.count { ga[k] += s } }
            case let .sumRows(a):
                let (r, c) = (nodes[a].value.rows, nodes[a].value.cols)
                accumulate(into: a) { ga in for i in 0..<r { for j in 0..<c { ga[i * c + j] += g[j] } } }
            case let .sumColumns(a):
                let (r, c) = (nodes[a].value.rows, nodes[a].value.cols)
                accumulate(into: a) { ga in for i in 0..<r { let s = g[i]; for j in 0..<c { ga[i * c + j] += s } } }
            case let .transpose(a):
                let (r, c) = (nodes[a].value.rows, nodes[a].value.cols)
                accumulate(into: a) { ga in for i in 0..<r { for j in 0..<c { ga[i * c + j] += g[j * r + i] } } }
            case let .slice(a, offset):
                accumulate(into: a) { ga in for k in 0..<g.count { ga[offset + k] += g[k] } }
            case let .gatherRows(a, rows):
                let c = nodes[a].value.cols
                accumulate(into: a) { ga in
                    for (k, r) in rows.enumerated() { for j in 0..<c { ga[r * c + j] += g[k * c + j] } }
                }
            case let .concatenateColumns(parts):
                let cols = node.value.cols
                var start = 0
                for p in parts {
                    let (r, c) = (nodes[p].value.rows, nodes[p].value.cols)
                    accumulate(into: p) { gp in for i in 0..<r { for j in 0..<c { gp[i * c + j] += g[i * cols + start + j] } } }
                    start += c
                }
            case let .graphLaplacian(u, w, pattern):
                graphLaplacianAdjoint(u, w, pattern, g)
            }
        }
    }

    /// Adjoints of a broadcast binary operation: the contribution of output (i, j) goes to the
    /// operand element it was read from (row/column stride 0 along a broadcast dimension), so the
    /// broadcast dimensions are summed.
    private func binaryAdjoint(_ kind: BinaryKind, _ a: Int, _ b: Int, _ out: Tensor, _ g: UnsafeBufferPointer<Double>) {
        let av = nodes[a].value, bv = nodes[b].value
        let rows = out.rows, cols = out.cols
        let aRow = av.rows == 1 ? 0 : av.cols, aCol = av.cols == 1 ? 0 : 1
        let bRow = bv.rows == 1 ? 0 : bv.cols, bCol = bv.cols == 1 ? 0 : 1
        let sameShape = av.rows == rows && av.cols == cols && bv.rows == rows && bv.cols == cols
        av.values.withUnsafeBufferPointer { x in
            bv.values.withUnsafeBufferPointer { y in
                // ∂/∂a: 1, 1, y, 1/y.
                accumulate(into: a) { ga in
                    if sameShape {
                        switch kind {
                        case .add, .subtract: for k in 0..<g.count { ga[k] += g[k] }
                        case .multiply: for k in 0..<g.count { ga[k] += g[k] * y[k] }
                        case .divide: for k in 0..<g.count { ga[k] += g[k] / y[k] }
                        }
                        return
                    }
                    switch kind {
                    case .add, .subtract: Self.broadcastReduce(ga, aRow, aCol, rows, cols) { o, _ in g[o] }
                    case .multiply: Self.broadcastReduce(ga, aRow, aCol, rows, cols) { o, ij in g[o] * y[ij.i * bRow + ij.j * bCol] }
                    case .divide: Self.broadcastReduce(ga, aRow, aCol, rows, cols) { o, ij in g[o] / y[ij.i * bRow + ij.j * bCol] }
                    }
                }
                // ∂/∂b: 1, −1, x, −x/y².
                accumulate(into: b) { gb in
                    if sameShape {
                        switch kind {
                        case .add: for k in 0..<g.count { gb[k] += g[k] }
                        case .subtract: for k in 0..<g.count { gb[k] -= g[k] }
                        case .multiply: for k in 0..<g.count { gb[k] += g[k] * x[k] }
                        case .divide: for k in 0..<g.count { gb[k] -= g[k] * x[k] / (y[k] * y[k]) }
                        }
                        return
                    }
                    switch kind {
                    case .add: Self.broadcastReduce(gb, bRow, bCol, rows, cols) { o, _ in g[o] }
                    case .subtract: Self.broadcastReduce(gb, bRow, bCol, rows, cols) { o, _ in -g[o] }
                    case .multiply: Self.broadcastReduce(gb, bRow, bCol, rows, cols) { o, ij in g[o] * x[ij.i * aRow + ij.j * aCol] }
                    case .divide:
                        Self.broadcastReduce(gb, bRow, bCol, rows, cols) { o, ij in
                            let yb = y[ij.i * bRow + ij.j * bCol]
                            return -(g[o] * x[ij.i * aRow + ij.j * aCol] / (yb * yb))
                        }
                    }
                }
            }
        }
    }

    /// target[i·rowStride + j·colStride] += term(i·cols + j, (i, j)) over the rows×cols output in
    /// row-major order (the order of the plain double loop, so sums are bit-identical to it), with
    /// the broadcast dimensions of the target (stride 0) summed in a register.
    @inline(__always)
    private static func broadcastReduce(_ target: UnsafeMutableBufferPointer<Double>, _ rowStride: Int, _ colStride: Int,
                                        _ rows: Int, _ cols: Int, _ term: (Int, (i: Int, j: Int)) -> Double) {
        guard rows > 0, cols > 0 else { return }
        if colStride == 0 {
            // One target element per row (a column or a scalar): accumulate the row in a register.
            for i in 0..<rows {
                var s = target[i * rowStride]
                for j in 0..<cols { s += term(i * cols + j, (i, j)) }
                target[i * rowStride] = s
            }
        } else {
            for i in 0..<rows {
                let t = target.baseAddress! + i * rowStride
                for j in 0..<cols { t[j] += term(i * cols + j, (i, j)) }
            }
        }
    }

    /// C = op(A)·op(B) (m×n, inner k). With Ḡ = ∂L/∂C:
    /// A not transposed: Ā += Ḡ·op(B)ᵀ;  A transposed (A is k×m): Ā += op(B)·Ḡᵀ;
    /// B not transposed: B̄ += op(A)ᵀ·Ḡ;  B transposed (B is n×k): B̄ += Ḡᵀ·op(A).
    /// Each is one dgemm with β = 1 straight into the adjoint buffer: no transposed copies.
    private func matmulAdjoint(_ a: Int, _ b: Int, _ ta: Bool, _ tb: Bool, _ out: Tensor, _ g: UnsafeBufferPointer<Double>) {
        let av = nodes[a].value, bv = nodes[b].value
        let m = out.rows, n = out.cols, k = ta ? av.rows : av.cols
        let gp = g.baseAddress!
        bv.values.withUnsafeBufferPointer { bp in
            accumulate(into: a) { ga in
                if ta {
                    Kernels.gemm(tb, true, k, m, n, bp.baseAddress!, bv.cols, gp, n, ga.baseAddress!, av.cols, beta: 1)
                } else {
                    Kernels.gemm(false, !tb, m, k, n, gp, n, bp.baseAddress!, bv.cols, ga.baseAddress!, av.cols, beta: 1)
                }
            }
        }
        av.values.withUnsafeBufferPointer { ap in
            accumulate(into: b) { gb in
                if tb {
                    Kernels.gemm(true, ta, n, k, m, gp, n, ap.baseAddress!, av.cols, gb.baseAddress!, bv.cols, beta: 1)
                } else {
                    Kernels.gemm(!ta, false, k, n, m, ap.baseAddress!, av.cols, gp, n, gb.baseAddress!, bv.cols, beta: 1)
                }
            }
        }
    }
}
