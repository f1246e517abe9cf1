import Foundation
import Testing
import Autodiff

/// The network and its Taylor-mode time derivatives: gradients with respect to weights and input,
/// u̇ and ü against differences in t, and tape-free evaluation bit-identical to the tape.
@Suite struct MLPTests {
    static let activations: [Activation] = [.tanh, .sin, .softplus]
    let times = Tensor.column([0, 0.15, 0.4, 0.7, 1])

    @Test func parameterLayoutAndInitialization() {
        let net = MLP(layerSizes: [2, 3, 1])
        #expect(net.parameterCount == 2 * 3 + 3 + 3 * 1 + 1)
        let θ = net.initialParameters(seed: 7)
        #expect(θ == net.initialParameters(seed: 7))
        #expect(θ != net.initialParameters(seed: 8))
        let limit1 = (6.0 / 5).squareRoot(), limit2 = (6.0 / 4).squareRoot()
        #expect(θ[0..<6].allSatisfy { abs($0) <= limit1 } && θ[6..<9].allSatisfy { $0 == 0 })
        #expect(θ[9..<12].allSatisfy { abs($0) <= limit2 } && θ[12] == 0)
    }

    @Test func forwardMatchesHandComputation() {
        // One hidden tanh unit: u = w₂ tanh(w₁ x + b₁) + b₂.
        let net = MLP(layerSizes: [1, 1, 1])
        let θ = [0.7, -0.2, 1.5, 0.3]
        let u = net.evaluate(.column([0.5]), parameters: θ)
        #expect(abs(u.values[0] - (1.5 * tanh(0.7 * 0.5 - 0.2) + 0.3)) < 1e-15)
    }

    @Test(arguments: activations)
    func forwardGradient(_ activation: Activation) {
        let net = MLP(layerSizes: [2, 5, 4, 3], activation: activation)
        let x = randomTensor(6, 2, seed: 11)
        let θ = Tensor.row(net.initialParameters(seed: 12))
        let error = gradientError([x, θ]) { net.forward($0[0], parameters: $0[1]) }
        #expect(error < 1e-6, "\(activation): \(error)")
    }

    @Test(arguments: activations, [1, 2])
    func timeDerivativeGradients(_ activation: Activation, _ order: Int) {
        let net = MLP(layerSizes: [1, 6, 5, 2], activation: activation)
        var θ = net.initialParameters(seed: 13)
        for i in θ.indices { θ[i] += 0.05 * Double(i % 7 - 3) }       // non-zero biases too
        let error = gradientError([.row(θ)]) { v in
            let tape = v[0].tape
            let jet = net.forwardWithTimeDerivatives(tape.constant(times), parameters: v[0])
            return order == 1 ? jet.first : jet.second
        }
        #expect(error < 1e-6, "\(activation), derivative \(order): \(error)")
    }

    /// u̇ and ü against Richardson-extrapolated central differences of u and u̇ in t.
    @Test(arguments: activations)
    func timeDerivativesMatchDifferences(_ activation: Activation) {
        let net = MLP(layerSizes: [1, 8, 8, 3], activation: activation)
        let θ = net.initialParameters(seed: 14)
        let jet = net.evaluateWithTimeDerivatives(times, parameters: θ)
        func difference(_ f: (Tensor) -> Tensor, _ h: Double) -> [Double] {
            func central(_ h: Double) -> [Double] {
                let plus = f(Tensor.column(times.values.map { $0 + h })), minus = f(Tensor.column(times.values.map { $0 - h }))
                return zip(plus.values, minus.values).map { ($0 - $1) / (2 * h) }
            }
            return zip(central(h / 2), central(h)).map { (4 * $0 - $1) / 3 }
        }
        let du = difference({ net.evaluate($0, parameters: θ) }, 1e-3)
        let d2u = difference({ net.evaluateWithTimeDerivatives($0, parameters: θ).first }, 1e-3)
        let scale1 = du.map(abs).max()!, scale2 = d2u.map(abs).max()!
        for k in du.indices {
            #expect(abs(jet.first.values[k] - du[k]) < 1e-7 * scale1, "u̇[\(k)] \(jet.first.values[k]) vs \(du[k])")
            #expect(abs(jet.second.values[k] - d2u[k]) < 1e-7 * scale2, "ü[\(k)] \(jet.second.values[k]) vs \(d2u[k])")
        }
    }

    @Test(arguments: activations)
    func tapeFreeEvaluationIsBitIdentical(_ activation: Activation) {
        let net = MLP(layerSizes: [1, 7, 5, 2], activation: activation)
        let θ = net.initialParameters(seed: 15)
        let tape = Tape()
        let parameters = tape.variable(.row(θ)), t = tape.constant(times)
        let jet = net.forwardWithTimeDerivatives(t, parameters: parameters)
        let plain = net.evaluateWithTimeDerivatives(times, parameters: θ)
        #expect(plain.value == jet.value.value)
        #expect(plain.first == jet.first.value)
        #expect(plain.second == jet.second.value)
        #expect(net.evaluate(times, parameters: θ) == net.forward(t, parameters: parameters).value)
        #expect(net.evaluate(times, parameters: θ) == plain.value)
    }

    @Test func codableRoundTrip() throws {
        let net = MLP(layerSizes: [1, 4, 2], activation: .softplus)
        let decoded = try JSONDecoder().decode(MLP.self, from: JSONEncoder().encode(net))
        #expect(decoded == net)
    }
}

