import LinearAlgebra

/// The nonlinearity of the hidden layers.
public enum Activation: String, Sendable, Codable {
    case tanh, sin, softplus
}

/// A fully connected network: hidden layers a = σ(x Wᵀ + b), a linear output layer.
///
/// Parameters live in one flat vector, layer by layer: W₁ (out×in, row-major), b₁ (out), W₂, b₂, ….
/// `forward`/`forwardWithTimeDerivatives` record on a tape; `evaluate`/`evaluateWithTimeDerivatives`
/// run the same kernels in the same order without a tape and agree with them bit for bit.
public struct MLP: Sendable, Codable, Equatable {
    public let layerSizes: [Int]
    public let activation: Activation

    public init(layerSizes: [Int], activation: Activation = .tanh) {
        precondition(layerSizes.count >= 2 && layerSizes.allSatisfy { $0 > 0 },
                     "MLP: layer sizes \(layerSizes) (expected at least an input and an output size, all positive)")
        self.layerSizes = layerSizes
        self.activation = activation
    }

    public var parameterCount: Int {
        zip(layerSizes, layerSizes.dropFirst()).reduce(0) { $0 + $1.1 * $1.0 + $1.1 }
    }

    /// Offsets of W and b of each layer in the parameter vector.
    var layers: [(inputs: Int, outputs: Int, weights: Int, biases: Int)] {
        var result: [(Int, Int, Int, Int)] = []
        var offset = 0
        for (n, m) in zip(layerSizes, layerSizes.dropFirst()) {
            result.append((n, m, offset, offset + m * n))
            offset += m * n + m
        }
        return result
    }

    /// Glorot-uniform weights, W ~ U(−√(6/(in+out)), √(6/(in+out))), drawn in layout order from
    /// `SeededGenerator(seed:)`; zero biases.
    public func initialParameters(seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        var θ = [Double](repeating: 0, count: parameterCount)
        for layer in layers {
            let limit = (6.0 / Double(layer.inputs + layer.outputs)).squareRoot()
            for k in 0..<(layer.inputs * layer.outputs) { θ[layer.weights + k] = limit * (2 * rng.nextUniform() - 1) }
        }
        return θ
    }

    /// x: N×in, θ: 1×P → N×out.
    public func forward(_ x: Variable, parameters θ: Variable) -> Variable {
        checkParameters(θ.value, name: "MLP.forward")
        return output(TapeAlgebra(θ: θ), x)
    }

    /// u, du/dt, d²u/dt² at t (N×1), each N×out, differentiable with respect to θ.
    public func forwardWithTimeDerivatives(_ t: Variable, parameters θ: Variable) -> TimeJet {
        checkParameters(θ.value, name: "MLP.forwardWithTimeDerivatives")
        let (u, du, d2u) = jet(TapeAlgebra(θ: θ), t)
        return TimeJet(value: u, first: du, second: d2u)
    }

    /// Tape-free forward: bit-identical to `forward`.
    public func evaluate(_ x: Tensor, parameters: [Double]) -> Tensor {
        output(PlainAlgebra(θ: parameters, name: "MLP.evaluate", count: parameterCount), x)
    }

    /// Tape-free Taylor forward: bit-identical to `forwardWithTimeDerivatives`.
    public func evaluateWithTimeDerivatives(_ t: Tensor, parameters: [Double]) -> (value: Tensor, first: Tensor, second: Tensor) {
        jet(PlainAlgebra(θ: parameters, name: "MLP.evaluateWithTimeDerivatives", count: parameterCount), t)
    }

    /// Scratch values `evaluate(firstHidden:rows:parameters:scratch:into:)` needs for `rows` rows.
    public func scratchCount(rows: Int) -> Int {
        layerSizes.count < 3 ? 0 : 2 * rows * layerSizes[1...].max()!
    }

    /// The network from the first hidden layer's activations h₁ = σ(x W₁ᵀ + b₁) on, for many rows
    /// and without allocating: h (rows × layerSizes[1], row-major) → output (rows × layerSizes.last).
    /// `parameters` is the whole vector (W₁, b₁ are not read); `scratch` holds at least
    /// `scratchCount(rows:)` values. Each later layer runs the kernels of `evaluate` in its order
    /// (dgemm z = a Wᵀ, then + b, then σ), so for the same h a row's output equals `evaluate`'s up to
    /// BLAS's order of summation. For callers that form h₁ themselves (Kernel SHAP's coalition values).
    public func evaluate(firstHidden h: UnsafePointer<Double>, rows: Int, parameters θ: UnsafeBufferPointer<Double>,
                         scratch: UnsafeMutablePointer<Double>, into output: UnsafeMutablePointer<Double>) {
        precondition(layerSizes.count >= 3, "MLP.evaluate(firstHidden:): layers \(layerSizes) have no hidden layer")
        precondition(θ.count == parameterCount, "MLP.evaluate(firstHidden:): \(θ.count) parameters, expected \(parameterCount)")
        guard rows > 0 else { return }
        let all = layers
        let width = layerSizes[1...].max()!
        var a = h
        for l in 1..<all.count {
            let layer = all[l]
            let last = l == all.count - 1
            let z = last ? output : scratch + (l % 2) * rows * width
            Kernels.gemm(false, true, rows, layer.outputs, layer.inputs, a, layer.inputs,
                         θ.baseAddress! + layer.weights, layer.inputs, z, layer.outputs, beta: 0)
            let b = θ.baseAddress! + layer.biases
            for r in 0..<rows {
                let zr = z + r * layer.outputs
                for j in 0..<layer.outputs { zr[j] = zr[j] + b[j] }
            }
            if !last {
                let count = rows * layer.outputs
                switch activation {
                case .tanh: Kernels.tanh(z, into: z, count: count)
                case .sin, .softplus: for i in 0..<count { z[i] = Kernels.apply(activation.kind, z[i]) }
                }
            }
            a = UnsafePointer(z)
        }
    }

    private func checkParameters(_ θ: Tensor, name: String) {
        precondition(θ.rows == 1 && θ.cols == parameterCount,
                     "\(name): parameters are \(θ.shapeDescription), expected 1×\(parameterCount) for layers \(layerSizes)")
    }

    private func checkInput(_ rows: Int, _ cols: Int, name: String) {
        precondition(cols == layerSizes[0], "\(name): input is \(rows)×\(cols), expected N×\(layerSizes[0])")
    }

    private func output<A: NetworkAlgebra>(_ algebra: A, _ x: A.Value) -> A.Value {
        let shape = algebra.shape(x)
        checkInput(shape.rows, shape.cols, name: "MLP.forward")
        var a = x
        for (l, layer) in layers.enumerated() {
            let w = algebra.block(offset: layer.weights, rows: layer.outputs, cols: layer.inputs)
            let b = algebra.block(offset: layer.biases, rows: 1, cols: layer.outputs)
            let z = algebra.binary(.add, algebra.linear(a, w), b)
            a = l == layers.count - 1 ? z : algebra.unary(activation.kind, z)
        }
        return a
    }

    /// Taylor-mode propagation of (x, ẋ, ẍ) through the layers, for a scalar input t:
    ///   z = x Wᵀ + b,  ż = ẋ Wᵀ,  z̈ = ẍ Wᵀ;   a = σ(z),  ȧ = σ′(z) ż,  ä = σ″(z) ż² + σ′(z) z̈,
    /// starting from ẋ = 1, ẍ = 0 (so the first layer has ż = Wᵀ, a 1×out row broadcast over
    /// the N times, and no z̈). The output layer is linear.
    private func jet<A: NetworkAlgebra>(_ algebra: A, _ t: A.Value) -> (A.Value, A.Value, A.Value) {
        let shape = algebra.shape(t)
        precondition(layerSizes[0] == 1, "MLP.forwardWithTimeDerivatives: the input size is \(layerSizes[0]), expected 1 (time)")
        precondition(layerSizes.count >= 3, "MLP.forwardWithTimeDerivatives: layers \(layerSizes) need at least one hidden layer")
        checkInput(shape.rows, shape.cols, name: "MLP.forwardWithTimeDerivatives")
        var a = t
        var da = t, d2a = t                 // placeholders until the first layer sets them
        for (l, layer) in layers.enumerated() {
            let w = algebra.block(offset: layer.weights, rows: layer.outputs, cols: layer.inputs)
            let b = algebra.block(offset: layer.biases, rows: 1, cols: layer.outputs)
            let z = algebra.binary(.add, algebra.linear(a, w), b)
            if l == layers.count - 1 {
                return (z, algebra.linear(da, w), algebra.linear(d2a, w))
            }
            let y = algebra.unary(activation.kind, z)
            let (s1, s2) = activationDerivatives(algebra, z: z, y: y)
            if l == 0 {
                let dz = algebra.block(offset: layer.weights, rows: 1, cols: layer.outputs)   // Wᵀ, since in = 1
                da = algebra.binary(.multiply, s1, dz)
                d2a = algebra.binary(.multiply, s2, algebra.unary(.square, dz))
            } else {
                let dz = algebra.linear(da, w), d2z = algebra.linear(d2a, w)
                da = algebra.binary(.multiply, s1, dz)
                d2a = algebra.binary(.add, algebra.binary(.multiply, s2, algebra.unary(.square, dz)),
                                     algebra.binary(.multiply, s1, d2z))
            }
            a = y
        }
        preconditionFailure("unreachable: the loop returns at the output layer")
    }

    /// σ′(z), σ″(z) from z and y = σ(z):
    /// tanh: 1 − y², −2y(1 − y²);  sin: cos z, −y;  softplus: s = sigmoid(z), s(1 − s).
    private func activationDerivatives<A: NetworkAlgebra>(_ algebra: A, z: A.Value, y: A.Value) -> (A.Value, A.Value) {
        switch activation {
        case .tanh:
            let s1 = algebra.affine(algebra.unary(.square, y), scale: -1, shift: 1)
            return (s1, algebra.binary(.multiply, algebra.affine(y, scale: -2, shift: 0), s1))
        case .sin:
            return (algebra.unary(.cos, z), algebra.affine(y, scale: -1, shift: 0))
        case .softplus:
            let s = algebra.unary(.sigmoid, z)
            return (s, algebra.binary(.multiply, s, algebra.affine(s, scale: -1, shift: 1)))
        }
    }
}

/// u, du/dt and d²u/dt² of a network with a scalar time input (each N×out).
public struct TimeJet {
    public let value: Variable
    public let first: Variable
    public let second: Variable
}

extension Activation {
    var kind: UnaryKind {
        switch self {
        case .tanh: .tanh
        case .sin: .sin
        case .softplus: .softplus
        }
    }
}

/// The handful of operations a network needs, on tape variables or on plain tensors; both
/// conformances call the same `Kernels`, which is what makes them agree bit for bit.
protocol NetworkAlgebra {
    associatedtype Value
    func shape(_ x: Value) -> (rows: Int, cols: Int)
    /// values[offset ..< offset + rows·cols] of the parameter vector as rows × cols.
    func block(offset: Int, rows: Int, cols: Int) -> Value
    /// x Wᵀ (W is out×in).
    func linear(_ x: Value, _ w: Value) -> Value
    func binary(_ kind: BinaryKind, _ a: Value, _ b: Value) -> Value
    func unary(_ kind: UnaryKind, _ x: Value) -> Value
    func affine(_ x: Value, scale: Double, shift: Double) -> Value
}

struct TapeAlgebra: NetworkAlgebra {
    let θ: Variable
    func shape(_ x: Variable) -> (rows: Int, cols: Int) { (x.rows, x.cols) }
    func block(offset: Int, rows: Int, cols: Int) -> Variable { slice(θ, offset: offset, rows: rows, cols: cols) }
    func linear(_ x: Variable, _ w: Variable) -> Variable { matmul(x, w, transposeB: true) }
    func binary(_ kind: BinaryKind, _ a: Variable, _ b: Variable) -> Variable {
        switch kind {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        }
    }
    func unary(_ kind: UnaryKind, _ x: Variable) -> Variable {
        switch kind {
        case .tanh: tanh(x)
        case .exp: exp(x)
        case .log: log(x)
        case .sin: sin(x)
        case .cos: cos(x)
        case .sigmoid: sigmoid(x)
        case .softplus: softplus(x)
        case .square: square(x)
        case .sqrt: sqrt(x)
        }
    }
    func affine(_ x: Variable, scale: Double, shift: Double) -> Variable { Autodiff.affine(x, scale: scale, shift: shift) }
}

struct PlainAlgebra: NetworkAlgebra {
    let parameters: Tensor
    init(θ: [Double], name: String, count: Int) {
        precondition(θ.count == count, "\(name): \(θ.count) parameters, expected \(count)")
        parameters = .row(θ)
    }
    func shape(_ x: Tensor) -> (rows: Int, cols: Int) { (x.rows, x.cols) }
    func block(offset: Int, rows: Int, cols: Int) -> Tensor { Kernels.slice(parameters, offset: offset, rows: rows, cols: cols) }
    func linear(_ x: Tensor, _ w: Tensor) -> Tensor { Kernels.matmul(x, w, transposeA: false, transposeB: true) }
    func binary(_ kind: BinaryKind, _ a: Tensor, _ b: Tensor) -> Tensor { Kernels.binary(kind, a, b) }
    func unary(_ kind: UnaryKind, _ x: Tensor) -> Tensor { Kernels.unary(kind, x) }
    func affine(_ x: Tensor, scale: Double, shift: Double) -> Tensor { Kernels.affine(x, scale: scale, shift: shift) }
}
