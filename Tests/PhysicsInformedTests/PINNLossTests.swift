import Autodiff
import Foundation
import LinearAlgebra
import MigrationModel
import Testing
@testable import PhysicsInformed

@Suite("PINN loss")
struct PINNLossTests {
    static func smallLoss(learned: [PhysicalParameter] = PhysicalParameter.allCases) throws -> PINNLoss {
        let data = try SyntheticCase(years: 6, step: 0.5)
        let configuration = PINNConfiguration(solutionHidden: [6, 5], forceHidden: [4], collocationPerInterval: 2,
                                              weights: LossWeights(data: 1, physics: 0.7, interpolation: 0.3, forceSmoothness: 0.05, weightDecay: 1e-3),
                                              learned: learned, seed: 5)
        return try PINNLoss(problem: data.problem(start: SyntheticCase.truth), configuration: configuration)
    }

    @Test("gradient of the full loss w.r.t. weights and log-parameters matches central differences (rel. error < 1e-6)")
    func gradientCheck() throws {
        let loss = try Self.smallLoss()
        var theta = loss.initialParameters()
        // Move away from the Glorot start (zero biases) so every path carries a gradient.
        var rng = SeededGenerator(seed: 11)
        for k in theta.indices { theta[k] += 0.1 * rng.nextGaussian() }
        let (_, gradient) = loss.valueAndGradient(theta)
        let error = GradientCheck.maxRelativeError(x: theta, step: 1e-5, analytic: gradient) { loss.valueAndGradient($0).value }
        #expect(error < 1e-6, "max relative error \(error)")
        // Every physical parameter is learned here, so every one has a non-zero gradient.
        for k in loss.physicalOffset..<theta.count { #expect(gradient[k] != 0) }
    }

    @Test("parameters that are not learned get zero gradient and keep their configured values")
    func fixedParameters() throws {
        let loss = try Self.smallLoss(learned: [.alpha, .delta])
        var theta = loss.initialParameters()
        let (_, gradient) = loss.valueAndGradient(theta)
        for (k, p) in PhysicalParameter.allCases.enumerated() {
            let g = gradient[loss.physicalOffset + k]
            #expect((g != 0) == [.alpha, .delta].contains(p), "\(p): gradient \(g)")
        }
        for k in loss.physicalOffset..<theta.count { theta[k] += 0.5 }
        let p = loss.physicalParameters(theta)
        #expect(abs(p.alpha - SyntheticCase.truth.alpha * exp(0.5)) < 1e-12)
        #expect(p.beta == SyntheticCase.truth.beta && p.damping == SyntheticCase.truth.damping)
    }

    @Test("the loss is the weighted sum of its terms, each positive")
    func weightedSum() throws {
        let loss = try Self.smallLoss()
        let theta = loss.initialParameters()
        let t = loss.terms(theta)
        let w = loss.configuration.weights
        let sum = w.data * t.data + w.physics * t.physics + w.interpolation * t.interpolation
            + w.forceSmoothness * t.smoothness + w.weightDecay * t.weightDecay
        #expect(abs(t.total - sum) <= 1e-12 * abs(sum))
        #expect(t.data > 0 && t.physics > 0 && t.interpolation > 0 && t.weightDecay > 0)
    }

    @Test("bad problems are refused with a reason")
    func badProblems() throws {
        let data = try SyntheticCase(years: 6, step: 0.5)
        let good = try data.problem(start: SyntheticCase.truth)
        #expect(throws: PhysicsInformedError.self) {
            try PINNProblem(ids: good.ids, times: Array(good.times.prefix(3)), observations: Array(good.observations.prefix(3)),
                            coupling: good.coupling, mobility: good.mobility, parameters: good.parameters)
        }
        var gap = good.observations
        gap[2][1] = .nan
        #expect(throws: PhysicsInformedError.self) {
            try PINNProblem(ids: good.ids, times: good.times, observations: gap, coupling: good.coupling,
                             mobility: good.mobility, parameters: good.parameters)
        }
        #expect(throws: PhysicsInformedError.self) {
            try PINNLoss(problem: good, configuration: PINNConfiguration(solutionHidden: []))
        }
        #expect(throws: PhysicsInformedError.self) {
            try PINNLoss(problem: good, configuration: PINNConfiguration(weights: LossWeights(physics: -1)))
        }
    }
}
