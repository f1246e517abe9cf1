// The differentiable operations on tape variables. Binary elementwise operations broadcast an
// operand of 1×1, 1×c or r×1 against the other's shape. Shape errors are programming errors:
// they stop with a precondition message naming the operation and both shapes.

@inline(__always)
private func sameTape(_ name: String, _ a: Variable, _ b: Variable) -> Tape {
    precondition(a.tape === b.tape, "\(name): operands live on different tapes")
    return a.tape
}

private func binary(_ kind: BinaryKind, _ a: Variable, _ b: Variable) -> Variable {
    let tape = sameTape("operator \(kind.symbol)", a, b)
    let value = Kernels.binary(kind, a.value, b.value)
    return tape.record(.binary(kind, a.index, b.index), value,
                       requiresGradient: a.requiresGradient || b.requiresGradient)
}

private func unary(_ kind: UnaryKind, _ x: Variable) -> Variable {
    x.tape.record(.unary(kind, x.index), Kernels.unary(kind, x.value), requiresGradient: x.requiresGradient)
}

/// s·x + c.
func affine(_ x: Variable, scale s: Double, shift c: Double) -> Variable {
    x.tape.record(.affine(scale: s, x.index), Kernels.affine(x.value, scale: s, shift: c),
                  requiresGradient: x.requiresGradient)
}

public func + (a: Variable, b: Variable) -> Variable { binary(.add, a, b) }
public func - (a: Variable, b: Variable) -> Variable { binary(.subtract, a, b) }
public func * (a: Variable, b: Variable) -> Variable { binary(.multiply, a, b) }
public func / (a: Variable, b: Variable) -> Variable { binary(.divide, a, b) }

public func * (s: Double, x: Variable) -> Variable { affine(x, scale: s, shift: 0) }
public func * (x: Variable, s: Double) -> Variable { affine(x, scale: s, shift: 0) }
public func / (x: Variable, s: Double) -> Variable { affine(x, scale: 1 / s, shift: 0) }
public func + (x: Variable, c: Double) -> Variable { affine(x, scale: 1, shift: c) }
public func + (c: Double, x: Variable) -> Variable { affine(x, scale: 1, shift: c) }
public func - (x: Variable, c: Double) -> Variable { affine(x, scale: 1, shift: -c) }
public func - (c: Double, x: Variable) -> Variable { affine(x, scale: -1, shift: c) }
public prefix func - (x: Variable) -> Variable { affine(x, scale: -1, shift: 0) }

/// op(A)·op(B) by BLAS dgemm; op transposes without copying.
public func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
    let tape = sameTape("matmul", a, b)
    let value = Kernels.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB)
    return tape.record(.matmul(a.index, b.index, transposeA: transposeA, transposeB: transposeB), value,
                       requiresGradient: a.requiresGradient || b.requiresGradient)
}

public func tanh(_ x: Variable) -> Variable { unary(.tanh, x) }
public func exp(_ x: Variable) -> Variable { unary(.exp, x) }
public func log(_ x: Variable) -> Variable { unary(.log, x) }
public func sin(_ x: Variable) -> Variable { unary(.sin, x) }
public func cos(_ x: Variable) -> Variable { unary(.cos, x) }
/// 1 / (1 + e⁻ˣ).
public func sigmoid(_ x: Variable) -> Variable { unary(.sigmoid, x) }
/// log(1 + eˣ), evaluated without overflow.
public func softplus(_ x: Variable) -> Variable { unary(.softplus, x) }
public func square(_ x: Variable) -> Variable { unary(.square, x) }
public func sqrt(_ x: Variable) -> Variable { unary(.sqrt, x) }

/// The sum of all elements (1×1).
public func sum(_ x: Variable) -> Variable {
    x.tape.record(.sum(x.index), Kernels.sum(x.value), requiresGradient: x.requiresGradient)
}

/// The mean of all elements (1×1).
public func mean(_ x: Variable) -> Variable {
    x.tape.record(.mean(x.index), Kernels.mean(x.value), requiresGradient: x.requiresGradient)
}

/// r×c → 1×c: the sum over rows of each column.
public func sumRows(_ x: Variable) -> Variable {
    x.tape.record(.sumRows(x.index), Kernels.sumRows(x.value), requiresGradient: x.requiresGradient)
}

/// r×c → r×1: the sum over columns of each row.
public func sumColumns(_ x: Variable) -> Variable {
    x.tape.record(.sumColumns(x.index), Kernels.sumColumns(x.value), requiresGradient: x.requiresGradient)
}

public func transpose(_ x: Variable) -> Variable {
    x.tape.record(.transpose(x.index), Kernels.transpose(x.value), requiresGradient: x.requiresGradient)
}

/// The contiguous values[offset ..< offset + rows·cols] of `x`, reshaped to rows × cols
/// (how parameter blocks are cut out of a 1×P parameter row).
public func slice(_ x: Variable, offset: Int, rows: Int, cols: Int) -> Variable {
    x.tape.record(.slice(x.index, offset: offset), Kernels.slice(x.value, offset: offset, rows: rows, cols: cols),
                  requiresGradient: x.requiresGradient)
}

/// The rows `rows` of `x`, in that order (repeats allowed; their gradients add).
public func gatherRows(_ x: Variable, _ rows: [Int]) -> Variable {
    x.tape.record(.gatherRows(x.index, rows), Kernels.gatherRows(x.value, rows), requiresGradient: x.requiresGradient)
}

/// [A | B | …]: the parts side by side (equal row counts).
public func concatenateColumns(_ parts: [Variable]) -> Variable {
    precondition(!parts.isEmpty, "concatenateColumns: no parts")
    let tape = parts[0].tape
    for p in parts { precondition(p.tape === tape, "concatenateColumns: parts live on different tapes") }
    return tape.record(.concatenateColumns(parts.map(\.index)), Kernels.concatenateColumns(parts.map(\.value)),
                       requiresGradient: parts.contains { $0.requiresGradient })
}
