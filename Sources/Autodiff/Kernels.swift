import CLinearAlgebra
import Foundation

/// Elementwise functions of one argument. Their derivatives are in `Backward.swift`.
enum UnaryKind: Sendable {
    case tanh, exp, log, sin, cos, sigmoid, softplus, square, sqrt
}

/// Elementwise functions of two (broadcast) arguments.
enum BinaryKind: Sendable {
    case add, subtract, multiply, divide

    var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        }
    }
}

/// The forward computations on plain tensors. The tape (`Tape`) and the tape-free network
/// evaluation (`MLP.evaluate`) both call these, so their values agree bit for bit.
enum Kernels {
    @inline(__always)
    static func apply(_ kind: UnaryKind, _ x: Double) -> Double {
        switch kind {
        case .tanh: tanhPolynomial(x)
        case .exp: exp(x)
        case .log: log(x)
        case .sin: sin(x)
        case .cos: cos(x)
        case .sigmoid: 1 / (1 + exp(-x))
        // softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), without overflow.
        case .softplus: Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
        case .square: x * x
        case .sqrt: x.squareRoot()
        }
    }

    static func unary(_ kind: UnaryKind, _ x: Tensor) -> Tensor {
        let out = written(x.count) { op in
            x.values.withUnsafeBufferPointer { xp in
                switch kind {
                // The cases are spelled out so that each loop is compiled for its own function.
                case .square: for i in 0..<xp.count { op[i] = xp[i] * xp[i] }
                case .tanh: if let x = xp.baseAddress, let y = op.baseAddress { tanh(x, into: y, count: xp.count) }
                case .exp: for i in 0..<xp.count { op[i] = exp(xp[i]) }
                default: for i in 0..<xp.count { op[i] = apply(kind, xp[i]) }
                }
            }
        }
        return Tensor(rows: x.rows, cols: x.cols, values: out)
    }

    /// y = s·x + c elementwise.
    static func affine(_ x: Tensor, scale s: Double, shift c: Double) -> Tensor {
        let out = written(x.count) { op in
            x.values.withUnsafeBufferPointer { xp in
                for i in 0..<xp.count { op[i] = s * xp[i] + c }
            }
        }
        return Tensor(rows: x.rows, cols: x.cols, values: out)
    }

    /// The shape of a broadcast binary operation: per dimension equal sizes, or one of them 1.
    static func broadcastShape(_ name: String, _ a: Tensor, _ b: Tensor) -> (rows: Int, cols: Int) {
        func dimension(_ x: Int, _ y: Int) -> Int? { x == y ? x : (x == 1 ? y : (y == 1 ? x : nil)) }
        guard let r = dimension(a.rows, b.rows), let c = dimension(a.cols, b.cols) else {
            preconditionFailure("\(name): shapes \(a.shapeDescription) and \(b.shapeDescription) do not broadcast "
                                + "(expected equal shapes, or a 1×1, 1×c or r×1 operand)")
        }
        return (r, c)
    }

    @inline(__always)
    static func combine(_ kind: BinaryKind, _ x: Double, _ y: Double) -> Double {
        switch kind {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        }
    }

    /// An array of `count` values, every one of them written by `fill` (no zero-fill first: for
    /// megabyte tensors the memset alone was a sixth of a training step).
    @inline(__always)
    static func written(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer)
            initialized = count
        }
    }

    static func binary(_ kind: BinaryKind, _ a: Tensor, _ b: Tensor) -> Tensor {
        let (rows, cols) = broadcastShape("operator \(kind.symbol)", a, b)
        let out = written(rows * cols) { op in
            a.values.withUnsafeBufferPointer { ap in
                b.values.withUnsafeBufferPointer { bp in
                    switch kind {
                    case .add: broadcastLoop(ap, a.rows, a.cols, bp, b.rows, b.cols, op, rows, cols) { $0 + $1 }
                    case .subtract: broadcastLoop(ap, a.rows, a.cols, bp, b.rows, b.cols, op, rows, cols) { $0 - $1 }
                    case .multiply: broadcastLoop(ap, a.rows, a.cols, bp, b.rows, b.cols, op, rows, cols) { $0 * $1 }
                    case .divide: broadcastLoop(ap, a.rows, a.cols, bp, b.rows, b.cols, op, rows, cols) { $0 / $1 }
                    }
                }
            }
        }
        return Tensor(rows: rows, cols: cols, values: out)
    }

    /// out[i, j] = f(a[i or 0, j or 0], b[i or 0, j or 0]), with a contiguous fast path per case.
    @inline(__always)
    static func broadcastLoop(_ a: UnsafeBufferPointer<Double>, _ ar: Int, _ ac: Int,
                              _ b: UnsafeBufferPointer<Double>, _ br: Int, _ bc: Int,
                              _ out: UnsafeMutableBufferPointer<Double>, _ rows: Int, _ cols: Int,
                              _ f: (Double, Double) -> Double) {
        let n = rows * cols
        if ar == rows && ac == cols && br == rows && bc == cols {
            for i in 0..<n { out[i] = f(a[i], b[i]) }
        } else if br == 1 && bc == 1 && ar == rows && ac == cols {
            let y = b[0]
            for i in 0..<n { out[i] = f(a[i], y) }
        } else if ar == 1 && ac == 1 && br == rows && bc == cols {
            let x = a[0]
            for i in 0..<n { out[i] = f(x, b[i]) }
        } else {
            let aRowStride = ar == 1 ? 0 : ac, bRowStride = br == 1 ? 0 : bc
            let aColStride = ac == 1 ? 0 : 1, bColStride = bc == 1 ? 0 : 1
            for i in 0..<rows {
                let ai = i * aRowStride, bi = i * bRowStride, oi = i * cols
                for j in 0..<cols { out[oi + j] = f(a[ai + j * aColStride], b[bi + j * bColStride]) }
            }
        }
    }

    /// The shape of op(A)·op(B), or a precondition failure naming both shapes.
    static func matmulShape(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> (m: Int, n: Int, k: Int) {
        let m = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols
        let kb = tb ? b.cols : b.rows, n = tb ? b.rows : b.cols
        precondition(k == kb, "matmul: op(A) is \(m)×\(k) and op(B) is \(kb)×\(n) "
                     + "(A \(a.shapeDescription)\(ta ? "ᵀ" : ""), B \(b.shapeDescription)\(tb ? "ᵀ" : "")): inner dimensions differ")
        return (m, n, k)
    }

    static func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool, transposeB tb: Bool) -> Tensor {
        let (m, n, k) = matmulShape(a, b, ta, tb)
        let out = written(m * n) { cp in
            a.values.withUnsafeBufferPointer { ap in
                b.values.withUnsafeBufferPointer { bp in
                    gemm(ta, tb, m, n, k, ap.baseAddress!, a.cols, bp.baseAddress!, b.cols, cp.baseAddress!, n, beta: 0)
                }
            }
        }
        return Tensor(rows: m, cols: n, values: out)
    }

    /// C ← op(A)·op(B) + β·C for row-major storage with leading dimensions lda, ldb, ldc (dgemm).
    @inline(__always)
    static func gemm(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int,
                     _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                     _ c: UnsafeMutablePointer<Double>, _ ldc: Int, beta: Double) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if beta == 0 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] = 0 } } }
            return
        }
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    static func sum(_ x: Tensor) -> Tensor {
        var s = 0.0
        x.values.withUnsafeBufferPointer { for v in $0 { s += v } }
        return .scalar(s)
    }

    static func mean(_ x: Tensor) -> Tensor {
        precondition(x.count > 0, "mean: empty tensor \(x.shapeDescription)")
        return .scalar(sum(x).values[0] / Double(x.count))
    }

    /// r×c → 1×c.
    static func sumRows(_ x: Tensor) -> Tensor {
        var out = [Double](repeating: 0, count: x.cols)
        x.values.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                for i in 0..<x.rows { for j in 0..<x.cols { op[j] += xp[i * x.cols + j] } }
            }
        }
        return Tensor(rows: 1, cols: x.cols, values: out)
    }

    /// r×c → r×1.
    static func sumColumns(_ x: Tensor) -> Tensor {
        var out = [Double](repeating: 0, count: x.rows)
        x.values.withUnsafeBufferPointer { xp in
            for i in 0..<x.rows {
                var s = 0.0
                for j in 0..<x.cols { s += xp[i * x.cols + j] }
                out[i] = s
            }
        }
        return Tensor(rows: x.rows, cols: 1, values: out)
    }

    /// x (rows×cols, row-major) into t (cols×rows), in 32×32 blocks so both sides stay in cache.
    static func transposeBlocked(_ x: UnsafePointer<Double>, _ rows: Int, _ cols: Int, into t: UnsafeMutablePointer<Double>) {
        let block = 32
        for i0 in stride(from: 0, to: rows, by: block) {
            let i1 = min(i0 + block, rows)
            for j0 in stride(from: 0, to: cols, by: block) {
                let j1 = min(j0 + block, cols)
                for i in i0..<i1 { for j in j0..<j1 { t[j * rows + i] = x[i * cols + j] } }
            }
        }
    }

    static func transpose(_ x: Tensor) -> Tensor {
        guard x.count > 0 else { return Tensor(rows: x.cols, cols: x.rows, values: []) }
        let out = written(x.count) { t in
            x.values.withUnsafeBufferPointer { transposeBlocked($0.baseAddress!, x.rows, x.cols, into: t.baseAddress!) }
        }
        return Tensor(rows: x.cols, cols: x.rows, values: out)
    }

    static func slice(_ x: Tensor, offset: Int, rows: Int, cols: Int) -> Tensor {
        precondition(offset >= 0 && rows >= 0 && cols >= 0 && offset + rows * cols <= x.count,
                     "slice: values[\(offset)..<\(offset + rows * cols)] as \(rows)×\(cols) is outside a "
                     + "\(x.shapeDescription) tensor of \(x.count) values")
        return Tensor(rows: rows, cols: cols, values: Array(x.values[offset..<(offset + rows * cols)]))
    }

    static func gatherRows(_ x: Tensor, _ indices: [Int]) -> Tensor {
        var out = [Double]()
        out.reserveCapacity(indices.count * x.cols)
        for r in indices {
            precondition(r >= 0 && r < x.rows, "gatherRows: row \(r) is outside a \(x.shapeDescription) tensor")
            out.append(contentsOf: x.values[(r * x.cols)..<((r + 1) * x.cols)])
        }
        return Tensor(rows: indices.count, cols: x.cols, values: out)
    }

    static func concatenateColumns(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatenateColumns: no parts")
        let rows = parts[0].rows
        for p in parts where p.rows != rows {
            preconditionFailure("concatenateColumns: parts have \(parts.map(\.shapeDescription).joined(separator: ", ")) "
                                + "(expected equal row counts)")
        }
        let cols = parts.reduce(0) { $0 + $1.cols }
        var out = [Double](repeating: 0, count: rows * cols)
        var start = 0
        for p in parts {
            for i in 0..<rows { for j in 0..<p.cols { out[i * cols + start + j] = p.values[i * p.cols + j] } }
            start += p.cols
        }
        return Tensor(rows: rows, cols: cols, values: out)
    }
}

