import Testing
import Foundation
@testable import ODE

/// DOP853: order, dense output, tolerance proportionality, counts, errors and SciPy reference values.
@Suite struct DormandPrince853Tests {
    let network: OscillatorNetwork

    init() throws { network = try OscillatorNetwork(size: 6, damping: 0.1, forced: true) }

    @Test func fixedStepIsEighthOrderWithEighthOrderDenseOutput() throws {
        // Steps 0.4, 0.2, 0.1 keep the smallest error (≈ 4e-12) well above rounding.
        let end = 2.0
        var final: [Double] = [], midpoints: [Double] = []
        for h in [0.4, 0.2, 0.1] {
            let solution = try solve(network.problem(timeSpan: (0, end)), DormandPrince853.fixedStep(h),
                                     options: SolverOptions(denseOutput: true))
            let steps = Int((end / h).rounded())
            #expect(solution.rhsEvaluations == 15 * steps + 1)  // 12 stages + 3 extension stages
            final.append(maxDifference(solution.finalState, network.exact(end)))
            midpoints.append((0..<steps).reduce(0.0) { worst, k in
                let t = (Double(k) + 0.5) * h
                return max(worst, maxDifference(solution(t), network.exact(t)))
            })
        }
        for order in observedOrders(final) { #expect(abs(order - 8) <= 0.3, "DOP853 order \(order), errors \(final)") }
        // The 7th-order extension has local error O(h⁸), like the global error.
        for order in observedOrders(midpoints) { #expect(abs(order - 8) <= 0.3, "DOP853 dense order \(order), errors \(midpoints)") }
    }

    @Test func adaptiveErrorIsOfTheOrderOfTheTolerance() throws {
        for rtol in [1e-8, 1e-10, 1e-12] {
            let solution = try solve(network.problem(timeSpan: (0, 20)), DormandPrince853(),
                                     options: SolverOptions(rtol: rtol, atol: rtol * 1e-3))
            let error = (0..<solution.times.count).reduce(0.0) {
                max($0, maxDifference(solution.state($1), network.exact(solution.times[$1])))
            }
            #expect(error < 30 * rtol && error > rtol / 30, "rtol \(rtol): error \(error)")
        }
    }

    @Test func evaluationCountIdentities() throws {
        let problem = network.problem(timeSpan: (0, 20))
        let plain = try solve(problem, DormandPrince853(), options: SolverOptions(rtol: 1e-9, atol: 1e-12))
        #expect(plain.rejectedSteps > 0)
        #expect(plain.rhsEvaluations == 12 * (plain.acceptedSteps + plain.rejectedSteps) + 2)
        let dense = try solve(problem, DormandPrince853(), options: SolverOptions(rtol: 1e-9, atol: 1e-12, denseOutput: true))
        #expect(dense.acceptedSteps == plain.acceptedSteps && dense.flatStates == plain.flatStates)
        #expect(dense.rhsEvaluations == plain.rhsEvaluations + 3 * dense.acceptedSteps)
        var worst = 0.0
        for t in stride(from: 0.017, to: 20, by: 0.13) { worst = max(worst, maxDifference(dense(t), network.exact(t))) }
        #expect(worst < 1e-8, "dense output error \(worst)")
    }

    @Test func conservesEnergyAtTightTolerance() throws {
        let conservative = try OscillatorNetwork(size: 6, damping: 0, forced: false)
        let end = 100 * conservative.longestPeriod
        let samples = stride(from: 0.0, to: end, by: end / 1_000).map { $0 }
        let solution = try solve(conservative.problem(timeSpan: (0, end)), DormandPrince853(),
                                 options: SolverOptions(rtol: 1e-12, atol: 1e-14, saveAt: samples))
        let initial = conservative.energy(conservative.position + conservative.velocity)
        let drift = (0..<solution.times.count).reduce(0.0) { max($0, abs(conservative.energy(solution.state($1)) - initial)) } / initial
        #expect(drift < 1e-8, "relative energy drift \(drift)")
    }

    @Test func errorsNameTheirTime() throws {
        let blowUp = ODEProblem(initialState: [1], timeSpan: (0, 2)) { _, y, dy in dy[0] = y[0] * y[0] }
        do {
            _ = try solve(blowUp, DormandPrince853())
            Issue.record("expected a step-size underflow")
        } catch let ODEError.stepSizeUnderflow(time, _) {
            #expect(abs(time - 1) < 1e-6)
        }
        let poisoned = ODEProblem(initialState: [1], timeSpan: (0, 1)) { t, y, dy in dy[0] = t >= 0.5 ? .nan : -y[0] }
        do {
            _ = try solve(poisoned, DormandPrince853())
            Issue.record("expected a non-finite state")
        } catch let ODEError.nonFiniteState(time, component) {
            #expect(abs(time - 0.5) < 1e-9 && component == 0)
        }
        #expect(throws: ODEError.nonFiniteState(time: 0.5, component: 0)) { try solve(poisoned, DormandPrince853.fixedStep(0.1)) }
    }

    /// SciPy `solve_ivp(method="DOP853")` values (`python3 bench/ode_peer.py --reference`). Van der Pol
    /// follows the same step sequence. On the Arenstorf orbit the first steps' error estimates are pure
    /// rounding (h ≈ 4e-6), so the sequences part after step 1 and only the accuracy is compared.
    @Test func agreesWithSciPy() throws {
        for (rtol, atol, evaluations, final) in [(1e-6, 1e-9, 1934, [1.9393584699611468, -0.07008150673111374]),
                                                 (1e-10, 1e-12, 7010, [1.9393585327742742, -0.0700815057363459])] {
            let solution = try solve(SciPyReferenceTests.vanDerPol(), DormandPrince853(), options: SolverOptions(rtol: rtol, atol: atol))
            #expect(solution.rhsEvaluations == evaluations)
            #expect(maxDifference(solution.finalState, final) < 1e-9)
        }
        let orbit = try solve(SciPyReferenceTests.arenstorf(), DormandPrince853(), options: SolverOptions(rtol: 1e-10, atol: 1e-12))
        #expect(abs(Double(orbit.rhsEvaluations - 3314)) <= 0.02 * 3314)
        // The orbit is periodic: it returns to its initial state after one period.
        #expect(maxDifference(orbit.finalState, [0.994, 0, 0, -2.00158510637908252240537862224]) < 1e-6)
    }
}
