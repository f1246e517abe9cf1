import Autodiff
import Foundation
import LinearAlgebra
import MigrationModel
import Testing
@testable import PhysicsInformed

@Suite("fit parameter intervals and bounds")
struct FitParameterUncertaintyTests {
    /// A fitted model at the loss's starting θ, moved off it a little (no training needed: the
    /// checks below hold at any θ).
    static func fitted(_ loss: PINNLoss, seed: UInt64 = 23) -> FittedModel {
        var state = PINNTrainer(loss: loss).initialState(key: "t")
        var rng = SeededGenerator(seed: seed)
        for k in 0..<loss.physicalOffset { state.theta[k] += 0.05 * rng.nextGaussian() }
        return FittedModel(loss: loss, state: state, fingerprint: [:])
    }

    @Test("profiling the settlement effects out (within transformation) gives the errors of keeping their columns in J")
    func profiledEffectsMatchExplicitColumns() throws {
        let loss = try FeatureForceTests.featureLoss(hidden: [])
        let fitted = Self.fitted(loss)
        let u = try #require(FitParameterUncertainty.estimate(loss: loss, fitted: fitted))
        // The same Jacobian built by hand, with an explicit −1 column per settlement effect.
        var theta = fitted.solutionWeights + fitted.forceWeights + fitted.settlementEffects
        theta += PhysicalParameter.allCases.map { log($0.value(in: fitted.parameters)) }
        let learned = PhysicalParameter.allCases.indices.filter { loss.configuration.learned.contains(PhysicalParameter.allCases[$0]) }
        let pu = loss.solutionNetwork.parameterCount, pf = loss.forceNetwork.parameterCount
        let columns = learned.map { loss.physicalOffset + $0 } + Array(pu..<(pu + pf))
        let n = loss.problem.count
        let rows = loss.physicsResidual(theta).count
        var j = Matrix(rows: rows, columns: columns.count + n)
        for (c, index) in columns.enumerated() {
            let h = 1e-4 * max(1, abs(theta[index]))
            var plus = theta, minus = theta
            plus[index] += h; minus[index] -= h
            let rp = loss.physicsResidual(plus), rm = loss.physicsResidual(minus)
            for i in 0..<rows { j[i, c] = (rp[i] - rm[i]) / (2 * h) }
        }
        for i in 0..<rows { j[i, columns.count + i % n] = -1 }
        let variance = u.residualSumOfSquares / Double(u.degreesOfFreedom)
        let explicit = GaussNewtonCovariance.standardErrors(jacobian: j, residualVariance: variance)
        for (c, k) in learned.enumerated() {
            let interval = u.intervals[k]
            let se = try #require(interval.standardError), reference = try #require(explicit[c])
            #expect(abs(se - reference) <= 1e-8 * reference, "\(interval.parameter): \(se) vs \(reference)")
            #expect(interval.lower! < interval.value && interval.value < interval.upper!)
        }
        #expect(u.observations == n * loss.problem.times.count)
        #expect(u.degreesOfFreedom == u.observations - columns.count - n)
        // A fixed parameter has no interval and no flags.
        let inertia = u.intervals[PhysicalParameter.allCases.firstIndex(of: .inertia)!]
        #expect(!inertia.learned && inertia.lower == nil && !inertia.atLowerBound && !inertia.atUpperBound)
    }

    @Test("β with a similarity that is zero everywhere does not enter the residual: not identified, and said so")
    func unidentifiedBeta() throws {
        let base = try FeatureForceTests.featureLoss(hidden: []).problem
        let problem = try PINNProblem(ids: base.ids, times: base.times, observations: base.observations, distances: base.denseDistances,
                                      similarity: Matrix(rows: 4, columns: 4), mobility: base.mobility, parameters: base.parameters,
                                      forceFeatures: base.forceFeatures)
        let loss = try PINNLoss(problem: problem, configuration: FeatureForceTests.featureLoss(hidden: []).configuration)
        let u = try #require(FitParameterUncertainty.estimate(loss: loss, fitted: Self.fitted(loss)))
        let beta = u.intervals[PhysicalParameter.allCases.firstIndex(of: .beta)!]
        #expect(!beta.identified && beta.lower == nil && beta.standardError == nil)
        #expect(u.warnings.contains { $0.hasPrefix("beta is not identified") })
        let alpha = u.intervals[PhysicalParameter.allCases.firstIndex(of: .alpha)!]
        #expect(alpha.identified && alpha.standardError != nil)
    }

    @Test("the bound penalty is exactly zero inside the bounds and has the gradient of central differences outside them")
    func boundPenalty() throws {
        let loss = try FeatureForceTests.featureLoss(hidden: [])
        var theta = loss.initialParameters()
        let tape = Tape()
        let (recorded, _) = loss.record(theta, on: tape)
        #expect(loss.valueAndGradient(theta).value == recorded.value.value.values[0])
        #expect(loss.terms(theta).bounds == nil)
        // α = 40 and δ = 10⁻⁴: beyond the plausible range [10⁻³, 10] on both sides.
        let k = loss.physicalOffset
        theta[k + PhysicalParameter.allCases.firstIndex(of: .alpha)!] = log(40)
        theta[k + PhysicalParameter.allCases.firstIndex(of: .delta)!] = log(1e-4)
        let terms = loss.terms(theta)
        let expected = PINNLoss.boundPenalty * (pow(log(40.0 / 10), 2) + pow(log(1e-3 / 1e-4), 2))
        #expect(abs(try #require(terms.bounds) - expected) <= 1e-12 * expected)
        let (_, gradient) = loss.valueAndGradient(theta)
        let error = GradientCheck.maxRelativeError(x: theta, step: 1e-6, analytic: gradient) { loss.valueAndGradient($0).value }
        #expect(error < 1e-6, "max relative error \(error)")
        // The parameters read from θ are clamped to the bounds.
        let p = loss.physicalParameters(theta)
        #expect(p.alpha == 10 && p.delta == 1e-3)
    }

    @Test("a learned parameter configured outside its bounds starts at the nearer bound")
    func startClamped() throws {
        let base = try FeatureForceTests.featureLoss(hidden: [])
        var configuration = base.configuration
        configuration.bounds = [.damping: PlausibleRange(lower: 2, upper: 3, unit: "1/year")]
        let loss = try PINNLoss(problem: base.problem, configuration: configuration)
        let theta = loss.initialParameters()
        #expect(theta[loss.physicalOffset + PhysicalParameter.allCases.firstIndex(of: .damping)!] == log(2))
        configuration.bounds = [.damping: PlausibleRange(lower: 3, upper: 2, unit: "1/year")]
        #expect(throws: PhysicsInformedError.self) { try PINNLoss(problem: base.problem, configuration: configuration) }
    }
}
