import Foundation
import LinearAlgebra
import Testing
@testable import MigrationModel

/// The exact modal integrator against Dormand–Prince: on a non-stiff case at the solver's
/// tolerance, on a stiff one against a tight-tolerance reference, and `solver: auto`'s choice.
@Suite struct ModalIntegratorTests {
    static func lineModel(n: Int, parameters p: ModelParameters, withSimilarity: Bool = true) throws -> LagrangianModel {
        let d = lineDistances(n)
        let mobility = (0..<n).map { 0.2 + 0.6 * Double($0) / Double(n) }
        var terms: [any PotentialTerm] = [
            LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p)),
            AgeRestoringTerm(delta: p.delta, mobility: mobility),
        ]
        if withSimilarity {
            let rho = Matrix(rows: n, columns: n) { i, j in i == j ? 1 : cos(Double(i + 2 * j)) }
            let symmetric = Matrix(rows: n, columns: n) { i, j in 0.5 * (rho[i, j] + rho[j, i]) }
            terms.append(LaplacianCouplingTerm(name: "similarity", weights: CouplingBuilder.denseSimilarityWeights(correlation: symmetric, parameters: p)))
        }
        return try LagrangianModel(inertia: [Double](repeating: p.inertia, count: n), damping: p.damping, terms: terms)
    }

    static func initialState(_ n: Int, seed: UInt64) -> ([Double], [Double]) {
        var rng = SeededGenerator(seed: seed)
        return ((0..<n).map { _ in 5 * rng.nextGaussian() }, (0..<n).map { _ in rng.nextGaussian() })
    }

    static func run(_ model: LagrangianModel, _ forcing: any Forcing, _ q0: [Double], _ v0: [Double], solver: SolverChoice,
                    rtol: Double = 1e-8, atol: Double = 1e-10, end: Double = 2024) throws -> SimulationResult {
        let settings = SimulationSettings(start: 2000, end: end, outputTimes: SimulationSettings.evenlySpaced(start: 2000, end: end, every: 1),
                                          solver: solver, rtol: rtol, atol: atol)
        return try Simulation.run(model: model, forcing: forcing, initialBalance: q0, initialVelocity: v0, settings: settings)
    }

    static func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> (difference: Double, scale: Double) {
        var d = 0.0, s = 0.0
        for k in a.indices { for i in a[k].indices { d = max(d, abs(a[k][i] - b[k][i])); s = max(s, abs(b[k][i])) } }
        return (d, s)
    }

    /// Non-stiff (λ_max ≈ 5): the automatic choice is the modal path, and it agrees with DP5 at
    /// rtol 1e-8 to within that tolerance (global error of a few local tolerances).
    @Test func automaticSolverMatchesDP5OnANonStiffCase() throws {
        let n = 12
        let model = try Self.lineModel(n: n, parameters: ModelParameters(alpha: 0.5, gamma: 1.5, beta: 0.2, delta: 0.3, damping: 0.8))
        let (q0, v0) = Self.initialState(n, seed: 3)
        let forcing = try TabulatedForcing(times: (0...24).map { 2000 + Double($0) }, values: (0...24).map { k in
            (0..<n).map { i in sin(0.7 * Double(k) + Double(i)) * 2 }
        })
        #expect(SolverSelection.choose(model: model, forcing: forcing, span: 24) == .modal)
        let exact = try Self.run(model, forcing, q0, v0, solver: .auto)
        let dp5 = try Self.run(model, forcing, q0, v0, solver: .dp5)
        #expect(exact.rhsEvaluations == 0)
        let q = Self.maxDifference(exact.balances, dp5.balances), v = Self.maxDifference(exact.velocities, dp5.velocities)
        #expect(q.difference <= 1e-8 * 100 * max(1, q.scale), "balances differ by \(q.difference) (scale \(q.scale))")
        #expect(v.difference <= 1e-8 * 100 * max(1, v.scale), "velocities differ by \(v.difference) (scale \(v.scale))")
        // and much closer to a tight DP5 run.
        let tight = try Self.run(model, forcing, q0, v0, solver: .dp5, rtol: 1e-12, atol: 1e-14)
        let t = Self.maxDifference(exact.balances, tight.balances)
        #expect(t.difference <= 1e-9 * max(1, t.scale), "exact vs DP5 at 1e-12: \(t.difference)")
    }

    /// A constant force and the zero force, with an output time off the yearly grid and the start
    /// itself among the outputs.
    @Test func constantAndZeroForce() throws {
        let n = 6
        let model = try Self.lineModel(n: n, parameters: ModelParameters(alpha: 1, delta: 0.5, damping: 0.4), withSimilarity: false)
        let (q0, v0) = Self.initialState(n, seed: 5)
        for forcing in [ConstantForcing((0..<n).map { Double($0) - 2.5 }) as any Forcing, ZeroForcing(dimension: n)] {
            let settings = SimulationSettings(start: 2000, end: 2010.5, outputTimes: [2000, 2003.3, 2007, 2010.5], solver: .modal)
            var reference = settings
            reference.solver = .dp5; reference.rtol = 1e-12; reference.atol = 1e-14
            let exact = try Simulation.run(model: model, forcing: forcing, initialBalance: q0, initialVelocity: v0, settings: settings)
            let tight = try Simulation.run(model: model, forcing: forcing, initialBalance: q0, initialVelocity: v0, settings: reference)
            #expect(exact.balances[0] == q0 || Self.maxDifference([exact.balances[0]], [q0]).difference < 1e-13)
            let d = Self.maxDifference(exact.balances, tight.balances)
            #expect(d.difference <= 1e-9 * max(1, d.scale), "\(type(of: forcing)): \(d.difference)")
        }
    }

    /// Stiff (α = 10⁴, λ_max ≈ 4·10⁴): DP5 needs thousands of steps; the exact path agrees with a
    /// tight-tolerance DP5 reference, and `auto` picks it.
    @Test func stiffCaseAgreesWithATightReference() throws {
        let n = 16
        let model = try Self.lineModel(n: n, parameters: ModelParameters(alpha: 1e4, gamma: 1.5, beta: 0, delta: 0.3, damping: 0.8),
                                       withSimilarity: false)
        let (q0, v0) = Self.initialState(n, seed: 9)
        let forcing = ConstantForcing((0..<n).map { 3 * sin(Double($0)) })
        let bound = try #require(model.stiffnessBound())
        #expect(bound > 1e4)
        #expect(SolverSelection.choose(model: model, forcing: forcing, span: 24) == .modal)
        let exact = try Self.run(model, forcing, q0, v0, solver: .auto)
        let reference = try Self.run(model, forcing, q0, v0, solver: .dp5, rtol: 1e-12, atol: 1e-14)
        #expect(reference.acceptedSteps > 2000, "DP5 took \(reference.acceptedSteps) steps")
        let d = Self.maxDifference(exact.balances, reference.balances)
        #expect(d.difference <= 1e-8 * max(1, d.scale), "exact vs tight DP5: \(d.difference) (scale \(d.scale))")
    }

    /// Explicit choices keep working; `modal` refuses a model it cannot integrate and names why;
    /// `auto` falls back to DP5 (bit for bit) for a force that is not piecewise linear.
    @Test func explicitChoicesAndFallbacks() throws {
        let n = 5
        let model = try Self.lineModel(n: n, parameters: ModelParameters(alpha: 0.5, damping: 0.8), withSimilarity: false)
        let (q0, v0) = Self.initialState(n, seed: 1)
        let smooth = ClosureForcing(dimension: n) { t, out in for i in 0..<n { out[i] = sin(t + Double(i)) } }
        let auto = try Self.run(model, smooth, q0, v0, solver: .auto)
        let dp5 = try Self.run(model, smooth, q0, v0, solver: .dp5)
        #expect(auto.balances == dp5.balances && auto.rhsEvaluations == dp5.rhsEvaluations)
        #expect(throws: ModelError.self) { try Self.run(model, smooth, q0, v0, solver: .modal) }
        do {
            _ = try Self.run(model, smooth, q0, v0, solver: .modal)
        } catch let error as ModelError {
            #expect(error.description.contains("piecewise linear") && error.description.contains("modal"))
        }
        let rk4 = try Self.run(model, ZeroForcing(dimension: n), q0, v0, solver: .rk4)
        let modal = try Self.run(model, ZeroForcing(dimension: n), q0, v0, solver: .modal)
        #expect(Self.maxDifference(rk4.balances, modal.balances).difference < 1e-6)
    }

    /// The stiffness K read off the model is the one whose product ∇V(q) = K q the terms compute.
    @Test func quadraticStiffnessIsTheGradientOperator() throws {
        let n = 7
        let model = try Self.lineModel(n: n, parameters: ModelParameters(alpha: 0.7, beta: 0.3, delta: 0.4))
        let k = try #require(model.quadraticStiffness())
        let (q, _) = Self.initialState(n, seed: 2)
        let kq = k * q
        let h = model.stiffnessTimes(q, at: q)
        for i in 0..<n { #expect(abs(kq[i] - h[i]) < 1e-12 * max(1, abs(h[i]))) }
        for i in 0..<n { for j in 0..<n { #expect(k[i, j] == k[j, i]) } }
    }
}
