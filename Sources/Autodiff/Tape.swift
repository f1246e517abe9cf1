/// The operation that produced a node, with the indices of its inputs on the tape.
enum Operation {
    case leaf
    case unary(UnaryKind, Int)
    case affine(scale: Double, Int)                 // s·x + c (the shift does not enter the gradient)
    case binary(BinaryKind, Int, Int)
    case matmul(Int, Int, transposeA: Bool, transposeB: Bool)
    case sum(Int)
    case mean(Int)
    case sumRows(Int)
    case sumColumns(Int)
    case transpose(Int)
    case slice(Int, offset: Int)
    case gatherRows(Int, [Int])
    case concatenateColumns([Int])
    case graphLaplacian(Int, weights: Int, EdgePattern)
}

struct Node {
    var operation: Operation
    var value: Tensor
    /// Whether a variable leaf reaches this node (only those nodes carry gradients).
    var requiresGradient: Bool
}

/// A reverse-mode tape: a flat array of nodes in creation order (a topological order).
/// One tape per loss evaluation; `backward` walks it once in reverse, accumulating each node's
/// adjoint in place into its inputs' adjoints (BLAS dgemm with transposes for products).
public final class Tape {
    var nodes: [Node] = []
    /// Adjoints, empty until a node is reached by `backward`.
    var adjoints: [[Double]] = []

    public init() {
        nodes.reserveCapacity(256)
    }

    /// A leaf whose gradient is wanted.
    public func variable(_ value: Tensor) -> Variable {
        record(.leaf, value, requiresGradient: true)
    }

    /// A leaf without gradient.
    public func constant(_ value: Tensor) -> Variable {
        record(.leaf, value, requiresGradient: false)
    }

    /// The number of nodes recorded so far.
    public var count: Int { nodes.count }

    func record(_ operation: Operation, _ value: Tensor, requiresGradient: Bool) -> Variable {
        nodes.append(Node(operation: operation, value: value, requiresGradient: requiresGradient))
        return Variable(tape: self, index: nodes.count - 1)
    }

    /// Reverse sweep from a 1×1 `loss`: afterwards `gradient(v)` is ∂loss/∂v.
    /// A second call replaces the gradients of the first.
    public func backward(_ loss: Variable) {
        precondition(loss.tape === self, "backward: the loss belongs to another tape")
        let value = nodes[loss.index].value
        precondition(value.rows == 1 && value.cols == 1, "backward: the loss must be 1×1, got \(value.shapeDescription)")
        adjoints = [[Double]](repeating: [], count: nodes.count)
        guard nodes[loss.index].requiresGradient else { return }
        adjoints[loss.index] = [1]
        for i in stride(from: loss.index, through: 0, by: -1) where !adjoints[i].isEmpty {
            let adjoint = adjoints[i]
            propagate(node: i, adjoint: adjoint)
            if case .leaf = nodes[i].operation {} else { adjoints[i] = [] }   // free intermediate adjoints
        }
    }

    /// ∂loss/∂v after `backward`; zeros if `v` does not reach the loss (or is a constant).
    public func gradient(_ v: Variable) -> Tensor {
        precondition(v.tape === self, "gradient: the variable belongs to another tape")
        let value = nodes[v.index].value
        if v.index < adjoints.count, !adjoints[v.index].isEmpty {
            return Tensor(rows: value.rows, cols: value.cols, values: adjoints[v.index])
        }
        return Tensor(rows: value.rows, cols: value.cols, repeating: 0)
    }

    /// Runs `body` on the adjoint buffer of input `j` (allocated as zeros on first use), or not at
    /// all if `j` does not need a gradient.
    @inline(__always)
    func accumulate(into j: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        guard nodes[j].requiresGradient else { return }
        if adjoints[j].isEmpty { adjoints[j] = [Double](repeating: 0, count: nodes[j].value.count) }
        adjoints[j].withUnsafeMutableBufferPointer { body($0) }
    }
}

/// A node on a tape: its value and a handle for its gradient.
public struct Variable {
    /// The tape this node lives on (for recording constants next to it).
    public let tape: Tape
    let index: Int

    public var value: Tensor { tape.nodes[index].value }
    public var rows: Int { tape.nodes[index].value.rows }
    public var cols: Int { tape.nodes[index].value.cols }
    var requiresGradient: Bool { tape.nodes[index].requiresGradient }
}
