import Testing
import Autodiff

/// The example of Sources/Autodiff/README.md, kept compiling and checked.
@Test func readmeExampleAutodiff() throws {
    let tape = Tape()
    let x = tape.variable(Tensor(rows: 2, cols: 2, values: [1, 2, 3, 4]))
    let loss = sum(square(x)) + 3 * sum(x)
    tape.backward(loss)
    let g = tape.gradient(x)
    #expect(loss.value.values == [30 + 30])
    #expect(g.values == [5, 7, 9, 11])

    let net = MLP(layerSizes: [1, 8, 1])
    let θ = net.initialParameters(seed: 1)
    let u = net.evaluate(Tensor.column([0, 0.5, 1]), parameters: θ)
    #expect(net.parameterCount == 25 && θ.count == 25)
    #expect(u.rows == 3 && u.cols == 1)
    // Tape-free evaluation agrees with the taped forward pass bit for bit.
    let t2 = Tape()
    let taped = net.forward(t2.constant(Tensor.column([0, 0.5, 1])), parameters: t2.constant(Tensor.row(θ)))
    #expect(taped.value == u)

    let lbfgs = LBFGS.minimize([0, 0]) { p in
        ((p[0] - 1) * (p[0] - 1) + 10 * (p[1] + 2) * (p[1] + 2), [2 * (p[0] - 1), 20 * (p[1] + 2)])
    }
    #expect(abs(lbfgs.x[0] - 1) < 1e-6 && abs(lbfgs.x[1] + 2) < 1e-6)
    #expect(lbfgs.status != .running && lbfgs.status != .lineSearchFailed)
}
