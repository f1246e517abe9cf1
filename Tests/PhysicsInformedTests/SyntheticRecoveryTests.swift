import Autodiff
import Foundation
import MigrationModel
import Testing
@testable import PhysicsInformed

/// Issue 3's synthetic recovery: simulate the model with known parameters and a known force, add 1%
/// noise, fit, and compare. The full-budget run is long in a debug build, so it runs when
/// MIGSIM_FULL_ACCEPTANCE=1; the always-on test runs a shortened fit.
@Suite("PINN synthetic recovery")
struct SyntheticRecoveryTests {
    static let start = ModelParameters(alpha: 0.4, distanceScale: 100, gamma: 1.5, beta: 0.25, delta: 0.35, damping: 1.0, inertia: 1)

    static func fit(adam: Int, lbfgs: Int) throws -> (FittedModel, SyntheticCase, PINNLoss) {
        let data = try SyntheticCase()
        let configuration = PINNConfiguration(
            solutionHidden: [32, 32], forceHidden: [8], collocationPerInterval: 2,
            weights: LossWeights(data: 1, physics: 1, interpolation: 0.1, forceSmoothness: 1e-2, weightDecay: 1e-7),
            learned: [.alpha, .beta, .delta, .damping],
            adamIterations: adam, adam: AdamOptions(learningRate: 5e-3, schedule: .cosine(totalSteps: max(adam, 1), floor: 0.05)),
            lbfgsIterations: lbfgs, seed: 1)
        let loss = try PINNLoss(problem: data.problem(start: start), configuration: configuration)
        let trainer = PINNTrainer(loss: loss)
        let state = try trainer.train(from: trainer.initialState(key: "synthetic"))
        return (FittedModel(loss: loss, state: state, fingerprint: [:]), data, loss)
    }

    static func forceR2(_ fitted: FittedModel, _ data: SyntheticCase) -> Double {
        let t = stride(from: data.times.first!, through: data.times.last!, by: 0.1).map { $0 }
        let learned = fitted.force(at: t).flatMap { $0 }
        let truth = t.flatMap { SyntheticCase.force($0) }
        return FitMetrics.rSquared(observed: truth, predicted: learned)
    }

    /// After 400 Adam and 150 L-BFGS iterations the stiff, well-identified parameters (α, δ, c) have
    /// moved towards the truth and the force is partly recovered; β (the similarity coupling, the
    /// weakest-identified with four settlements) is left to the full run.
    @Test("a shortened fit moves α, δ and c towards the truth and partly recovers the force")
    func shortenedFitImproves() throws {
        let (fitted, data, _) = try Self.fit(adam: 400, lbfgs: 150)
        let p = fitted.parameters, truth = SyntheticCase.truth, start = Self.start
        for (name, got, want, from) in [("alpha", p.alpha, truth.alpha, start.alpha), ("delta", p.delta, truth.delta, start.delta),
                                        ("damping", p.damping, truth.damping, start.damping)] {
            #expect(abs(got - want) < abs(from - want), "\(name): \(from) → \(got), truth \(want)")
        }
        let r2 = Self.forceR2(fitted, data)
        print("shortened synthetic fit: force R² \(r2), parameters \(p)")
        #expect(r2 > 0.9)
    }

    @Test("full fit: force R² ≥ 0.95 and α, β, δ, c within 10% of the truth",
          .enabled(if: ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"))
    func fullRecovery() throws {
        let (fitted, data, _) = try Self.fit(adam: 3000, lbfgs: 2000)
        let r2 = Self.forceR2(fitted, data)
        let p = fitted.parameters, truth = SyntheticCase.truth
        let errors = [("alpha", p.alpha, truth.alpha), ("beta", p.beta, truth.beta), ("delta", p.delta, truth.delta),
                      ("damping", p.damping, truth.damping)].map { ($0.0, abs($0.1 / $0.2 - 1)) }
        print("synthetic recovery: force R² \(r2); relative errors \(errors)")
        #expect(r2 >= 0.95)
        for (name, e) in errors { #expect(e < 0.10, "\(name) off by \(e)") }
    }
}
