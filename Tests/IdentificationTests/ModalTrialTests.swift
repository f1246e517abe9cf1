import Foundation
import GlobalOptimization
import Identification
import LinearAlgebra
import MigrationModel
import Testing

/// Trials through the exact modal path (stiffness assembled from the stored geometry) against
/// the step-by-step path (model rebuilt, DP5) on the synthetic case with a tabulated force.
@Suite struct ModalTrialTests {
    /// The synthetic case's sinusoidal force sampled at quarterly knots: piecewise linear, so the
    /// modal path applies.
    static let tabulated: TabulatedForcing = {
        let knots = (0...40).map { SyntheticMigration.t0 + Double($0) * 0.25 }
        let rows = knots.map { t -> [Double] in
            var f = [Double](repeating: 0, count: 5)
            f.withUnsafeMutableBufferPointer { SyntheticMigration.forcing.evaluate(at: t, into: $0.baseAddress!) }
            return f
        }
        return try! TabulatedForcing(times: knots, values: rows)
    }()

    static func makeCase(solver: SolverChoice, base: ModelParameters = SyntheticMigration.truth, observed: [[Double]]? = nil,
                         rtol: Double = 1e-9) throws -> IdentificationCase {
        let t = SyntheticMigration.times(years: 10)
        return try IdentificationCase(settlements: SyntheticMigration.settlements, ages: SyntheticMigration.ages,
                                      similaritySeries: SyntheticMigration.similaritySeries, base: base, times: t,
                                      observed: observed ?? t.map { _ in [Double](repeating: 0, count: 5) },
                                      initialBalance: SyntheticMigration.initialBalance, initialVelocity: SyntheticMigration.initialVelocity,
                                      forcing: tabulated, solver: solver, rtol: rtol, atol: 1e-11)
    }

    static func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
        zip(a, b).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
    }

    /// Dense and sparse geometry, several parameter points (including γ, d₀ and the age thresholds
    /// moved away from the base): modal and auto agree with DP5 at rtol 1e-9.
    @Test(arguments: [3000, 3])
    func modalTrialsMatchDP5(denseLimit: Int) throws {
        var base = SyntheticMigration.truth
        base.denseLimit = denseLimit
        base.neighbours = 2
        let dp5 = try Self.makeCase(solver: .dp5, base: base)
        let modal = try Self.makeCase(solver: .modal, base: base)
        let auto = try Self.makeCase(solver: .auto, base: base)
        var points = [base]
        var p = base; p.alpha = 3; p.gamma = 0.5; p.damping = 0.05; points.append(p)
        p = base; p.distanceScale = 40; p.beta = 2; p.delta = 0.01; points.append(p)
        p = base; p.ageFunction = .smoothStep(young: 25, old: 70); p.damping = 6; points.append(p)
        p = base; p.alpha = 0; p.beta = 0; p.delta = 0; points.append(p)   // no stiffness: free particles
        for q in points {
            let reference = try dp5.simulate(q).balances
            let exact = try modal.simulate(q)
            #expect(exact.rhsEvaluations == 0)
            let scale = reference.flatMap { $0 }.map(abs).max() ?? 1
            #expect(Self.maxDifference(exact.balances, reference) <= 1e-7 * max(1, scale), "modal vs dp5 at \(q)")
            #expect(Self.maxDifference(try auto.simulate(q).balances, reference) <= 1e-7 * max(1, scale), "auto vs dp5 at \(q)")
        }
    }

    /// The objective U is the same through either path (to the DP5 tolerance), and identification
    /// through the modal path recovers the truth as the DP5 one does.
    @Test func identificationThroughTheModalPathRecoversTheTruth() throws {
        let observed = try Self.makeCase(solver: .modal).simulate(SyntheticMigration.truth).balances
        var start = SyntheticMigration.truth
        start.alpha = 2; start.delta = 3; start.damping = 0.1
        let dp5 = try Self.makeCase(solver: .dp5, base: start, observed: observed, rtol: 1e-8)
        let modal = try Self.makeCase(solver: .auto, base: start, observed: observed)
        let space = try ParameterSpace([.alpha, .delta, .damping].map { ParameterRange(default: $0) }, base: start)
        let uDP5 = TheilObjective(data: dp5, space: space), uModal = TheilObjective(data: modal, space: space)
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<20 {
            let y = space.lowerBounds.indices.map { space.lowerBounds[$0] + (space.upperBounds[$0] - space.lowerBounds[$0]) * rng.nextUniform() }
            let a = uDP5(y), b = uModal(y)
            #expect(abs(a - b) <= 1e-6 * max(1e-3, a), "U at \(y): dp5 \(a), modal \(b)")
        }
        let method = IndexMethod(IndexMethodConfiguration(reliability: 3, density: 10, localRefinement: true, refinementStep: 1e-6))
        let budget = OptimizationBudget(maxTrials: 400, tolerance: 0.1)
        let result = try #require(try Identification.run(uModal, optimizer: method, budget: budget, seed: 1))
        let truth = SyntheticMigration.truth
        for (name, found, want) in [("alpha", result.parameters.alpha, truth.alpha), ("delta", result.parameters.delta, truth.delta),
                                    ("damping", result.parameters.damping, truth.damping)] {
            #expect(abs(found - want) / want < 0.05, "\(name): \(found) vs \(want)")
        }
        #expect(result.theilU < 1e-3)
    }
}
