import Testing
import Autodiff
import LinearAlgebra
import Foundation

/// The physics-informed loss of the benchmark (issue 3), at test sizes, gradient-checked with
/// respect to both networks' weights and the six log-parameters.
///
/// R = m·ü + c·u̇ + u ⊙ sumRows(K) − u K + δ·u ⊙ (1 − A) − F,  K = α·exp(−γΛ) ⊙ offdiag + β·S,
/// loss = mean((u(t_obs) − Q)²) + 0.1·mean(R²) + 1e-6·(|θ_u|² + |θ_f|²).
struct PINNLossFixture {
    let n: Int, uNet: MLP, forceNet: MLP
    let t: Tensor, observationTimes: Tensor, targets: Tensor
    let logDistance: Tensor, similarity: Tensor, attachment: Tensor, offDiagonal: Tensor

    init(settlements n: Int, collocation: Int, observations: Int, hidden: Int, seed: UInt64) {
        self.n = n
        uNet = MLP(layerSizes: [1, hidden, hidden, n])
        forceNet = MLP(layerSizes: [1, hidden, n])
        var rng = SeededGenerator(seed: seed)
        t = .column((0..<collocation).map { _ in rng.nextUniform() })
        observationTimes = .column((0..<observations).map { Double($0) / Double(observations - 1) })
        targets = Tensor(rows: observations, cols: n, values: (0..<(observations * n)).map { _ in rng.nextGaussian() })
        var distance = Tensor(rows: n, cols: n, repeating: 0), s = distance, mask = distance
        for i in 0..<n {
            for j in (i + 1)..<n where j > i {
                let kilometres: Double = 50 + 450 * rng.nextUniform()
                let d: Double = Foundation.log(1 + kilometres / 100), w = rng.nextUniform()
                distance[i, j] = d; distance[j, i] = d
                s[i, j] = w; s[j, i] = w
                mask[i, j] = 1; mask[j, i] = 1
            }
        }
        logDistance = distance; similarity = s; offDiagonal = mask
        attachment = .row((0..<n).map { _ in 0.05 + 0.9 * rng.nextUniform() })
    }

    /// The loss on `tape`; `p` = [θ_u, θ_f, a, g, b, dl, lc, lm].
    func loss(_ p: [Variable]) -> Variable {
        let tape = p[0].tape
        let (θu, θf) = (p[0], p[1])
        let (α, γ, β, δ, c, m) = (exp(p[2]), exp(p[3]), exp(p[4]), exp(p[5]), exp(p[6]), exp(p[7]))
        let jet = uNet.forwardWithTimeDerivatives(tape.constant(t), parameters: θu)
        let force = forceNet.forward(tape.constant(t), parameters: θf)
        let decay: Variable = exp(-(γ * tape.constant(logDistance)))
        let k: Variable = α * decay * tape.constant(offDiagonal) + β * tape.constant(similarity)
        let u = jet.value
        let inertial: Variable = m * jet.second + c * jet.first
        let coupling: Variable = u * sumRows(k) - matmul(u, k)
        let retention: Variable = δ * (u * (1 - tape.constant(attachment)))
        let residual: Variable = inertial + coupling + retention - force
        let fit = uNet.forward(tape.constant(observationTimes), parameters: θu)
        let data: Variable = mean(square(fit - tape.constant(targets)))
        let regularization: Variable = 1e-6 * (sum(square(θu)) + sum(square(θf)))
        return data + 0.1 * mean(square(residual)) + regularization
    }

    func initialInputs(seed: UInt64) -> [Tensor] {
        [.row(uNet.initialParameters(seed: seed)), .row(forceNet.initialParameters(seed: seed + 1)),
         .scalar(-0.3), .scalar(0.2), .scalar(-1.1), .scalar(-2.0), .scalar(0.4), .scalar(-0.7)]
    }
}

@Suite struct PINNLossTests {
    @Test func gradientWithRespectToWeightsAndLogParameters() {
        let fixture = PINNLossFixture(settlements: 3, collocation: 12, observations: 5, hidden: 6, seed: 21)
        let error = gradientError(fixture.initialInputs(seed: 22)) { fixture.loss($0) }
        #expect(error < 1e-6, "PINN loss: \(error)")
    }

    @Test func logParameterGradientsAreNonTrivial() {
        let fixture = PINNLossFixture(settlements: 3, collocation: 12, observations: 5, hidden: 6, seed: 21)
        let tape = Tape()
        let variables = fixture.initialInputs(seed: 22).map { tape.variable($0) }
        tape.backward(fixture.loss(variables))
        for k in 2..<8 { #expect(tape.gradient(variables[k]).values[0] != 0, "log-parameter \(k - 2)") }
    }
}
