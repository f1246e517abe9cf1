import Autodiff
import LinearAlgebra

/// A tensor of seeded uniform values in [low, high).
func randomTensor(_ rows: Int, _ cols: Int, seed: UInt64, in range: ClosedRange<Double> = -1...1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return Tensor(rows: rows, cols: cols,
                  values: (0..<(rows * cols)).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUniform() })
}

/// The largest relative error between the tape gradient and central differences of
/// L = Σ wᵢⱼ·outᵢⱼ (fixed seeded weights w, so that no component is trivially symmetric),
/// with respect to every element of every input.
func gradientError(_ inputs: [Tensor], step: Double = 1e-4, _ build: ([Variable]) -> Variable) -> Double {
    let shapes = inputs.map { ($0.rows, $0.cols) }
    func unflatten(_ x: [Double]) -> [Tensor] {
        var offset = 0
        return shapes.map { r, c in
            defer { offset += r * c }
            return Tensor(rows: r, cols: c, values: Array(x[offset..<(offset + r * c)]))
        }
    }
    func loss(_ tape: Tape, _ variables: [Variable]) -> Variable {
        let out = build(variables)
        let weights = tape.constant(randomTensor(out.rows, out.cols, seed: 99, in: 0.5...1.5))
        return sum(out * weights)
    }
    let x = inputs.flatMap(\.values)
    let tape = Tape()
    let variables = inputs.map { tape.variable($0) }
    tape.backward(loss(tape, variables))
    let analytic = variables.flatMap { tape.gradient($0).values }
    return GradientCheck.maxRelativeError(x: x, step: step, analytic: analytic) { x in
        let tape = Tape()
        return loss(tape, unflatten(x).map { tape.constant($0) }).value.values[0]
    }
}
