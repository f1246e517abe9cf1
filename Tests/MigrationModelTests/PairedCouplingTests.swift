import CKernels
import Foundation
import LinearAlgebra
import ODE
import Testing
@testable import MigrationModel

/// The coupling products of two Runge–Kutta stages at once (`CouplingWeights.multiplyPair`, the C kernel
/// `migsim_symmetric_product_pair`) and the DP5 simulation that pairs them (`LagrangianModel.splitProblem`).
@Suite struct PairedCouplingTests {
    /// A seeded symmetric n×n matrix with zero diagonal and non-negative entries, as the builders make.
    private func symmetric(_ n: Int, seed: UInt64) -> Matrix {
        var g = SeededGenerator(seed: seed)
        var k = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { let w = g.nextUniform(); k[i, j] = w; k[j, i] = w } }
        return k
    }

    private func vector(_ n: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in g.nextGaussian() }
    }

    /// Both builds give the same bits, and y += K·x to rounding, on sizes with every tail (n mod 4).
    @Test(arguments: [1, 2, 3, 5, 8, 13, 98, 101])
    func kernelBuildsAgreeAndMultiply(n: Int) throws {
        let k = symmetric(n, seed: UInt64(n)), x1 = vector(n, seed: 1), x2 = vector(n, seed: 2)
        func run(_ build: Int32) -> ([Double], [Double]) {
            var y1 = vector(n, seed: 3), y2 = vector(n, seed: 4)
            k.storage.withUnsafeBufferPointer { migsim_symmetric_product_pair($0.baseAddress!, n, x1, x2, &y1, &y2, build) }
            return (y1, y2)
        }
        let portable = run(0)
        if migsim_cpu_has_avx2_fma() != 0 {
            let fast = run(1)
            #expect(fast.0.map(\.bitPattern) == portable.0.map(\.bitPattern))
            #expect(fast.1.map(\.bitPattern) == portable.1.map(\.bitPattern))
        }
        for (x, y, seed) in [(x1, portable.0, UInt64(3)), (x2, portable.1, UInt64(4))] {
            let y0 = vector(n, seed: seed)
            for i in 0..<n {
                var want = y0[i], scale = abs(y0[i])
                for j in 0..<n { want += k[i, j] * x[j]; scale += abs(k[i, j] * x[j]) }
                #expect(abs(y[i] - want) <= 1e-14 * scale)
            }
        }
    }

    /// `multiplyPair` against two `multiply` calls: equal to rounding where the pair kernel runs (n² ≥ 96²),
    /// to the bit below it; α = −1 and α = 0.5.
    @Test func multiplyPairMatchesTwoProducts() {
        for n in [20, 97, 130] {
            let weights = CouplingWeights.dense(symmetric(n, seed: 9))
            let x1 = vector(n, seed: 5), x2 = vector(n, seed: 6)
            for alpha in [-1.0, 0.5] {
                var p1 = vector(n, seed: 7), p2 = vector(n, seed: 8), s1 = p1, s2 = p2
                weights.multiplyPair(x1, into: &p1, x2, into: &p2, alpha: alpha)
                weights.multiply(x1, into: &s1, alpha: alpha, beta: 1)
                weights.multiply(x2, into: &s2, alpha: alpha, beta: 1)
                if n * n < CouplingWeights.symmetricProductMinimumEntries {
                    #expect(p1.map(\.bitPattern) == s1.map(\.bitPattern) && p2.map(\.bitPattern) == s2.map(\.bitPattern))
                } else {
                    for i in 0..<n {
                        #expect(abs(p1[i] - s1[i]) <= 1e-13 * max(1, abs(s1[i])))
                        #expect(abs(p2[i] - s2[i]) <= 1e-13 * max(1, abs(s2[i])))
                    }
                }
            }
        }
    }

    /// A dense model through `Simulation.run` (DP5, stages paired) against the first-order DP5 solve of
    /// `LagrangianModel.evaluate`: the same evaluations and steps; the states to the bit below 96²
    /// entries, to 1e-10 relative where the pair kernel runs.
    @Test(arguments: [12, 120])
    func simulationPairsStagesWithTheFirstOrderSteps(n: Int) throws {
        let (model, _) = try denseAndSparseModels(n: n, parameters: ModelParameters(alpha: 3, damping: 0.4))
        var rng = SeededGenerator(seed: 21)
        let q0 = (0..<n).map { _ in 5 * rng.nextGaussian() }, v0 = (0..<n).map { _ in rng.nextGaussian() }
        let forcing = ConstantForcing((0..<n).map { _ in rng.nextGaussian() })
        let times = SimulationSettings.evenlySpaced(start: 0, end: 15, every: 1)
        let settings = SimulationSettings(start: 0, end: 15, outputTimes: times, rtol: 1e-8, atol: 1e-10)
        let paired = try Simulation.run(model: model, forcing: forcing, initialBalance: q0, initialVelocity: v0, settings: settings)
        let problem = ODEProblem(initialState: q0 + v0, timeSpan: (0, 15)) { t, y, dydt in
            model.evaluate(t: t, y: y.baseAddress!, dydt: dydt.baseAddress!, forcing: forcing)
        }
        var options = SolverOptions(rtol: 1e-8, atol: 1e-10)
        options.saveAt = times
        let first = try solve(problem, DormandPrince5(), options: options)
        #expect(paired.rhsEvaluations == first.rhsEvaluations && paired.acceptedSteps == first.acceptedSteps)
        for k in times.indices {
            for i in 0..<n {
                let want = first.flatStates[k * 2 * n + i], got = paired.balances[k][i]
                if n * n < CouplingWeights.symmetricProductMinimumEntries {
                    #expect(got.bitPattern == want.bitPattern)
                } else {
                    #expect(abs(got - want) <= 1e-10 * max(1, abs(want)))
                }
            }
        }
    }
}
