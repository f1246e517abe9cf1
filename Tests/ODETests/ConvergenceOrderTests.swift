import Testing
import Foundation
@testable import ODE

/// Observed orders under step halving against the exact solution of the driven, damped network.
@Suite struct ConvergenceOrderTests {
    let network: OscillatorNetwork
    let steps = [0.05, 0.025, 0.0125, 0.00625]
    let end = 2.0

    init() throws { network = try OscillatorNetwork(size: 6, damping: 0.1, forced: true) }

    /// Error at t₁ and the largest dense-output error at the step midpoints, per step size.
    func errors(_ method: (Double) throws -> ODESolution) throws -> (final: [Double], midpoints: [Double]) {
        var final: [Double] = [], midpoints: [Double] = []
        for h in steps {
            let solution = try method(h)
            #expect(solution.acceptedSteps == Int((end / h).rounded()))
            final.append(maxDifference(solution.finalState, network.exact(end)))
            var worst = 0.0
            for k in 0..<Int((end / h).rounded()) {
                let t = (Double(k) + 0.5) * h
                worst = max(worst, maxDifference(solution(t), network.exact(t)))
            }
            midpoints.append(worst)
        }
        return (final, midpoints)
    }

    @Test func rungeKutta4IsFourthOrder() throws {
        let problem = network.problem(timeSpan: (0, end))
        let (final, midpoints) = try errors { try solve(problem, RungeKutta4(step: $0), options: SolverOptions(denseOutput: true)) }
        for order in observedOrders(final) { #expect(abs(order - 4) <= 0.2, "RK4 order \(order), errors \(final)") }
        // Cubic Hermite dense output: also fourth order.
        for order in observedOrders(midpoints) { #expect(abs(order - 4) <= 0.2, "RK4 dense order \(order), errors \(midpoints)") }
    }

    @Test func dormandPrinceIsFifthOrder() throws {
        let problem = network.problem(timeSpan: (0, end))
        let (final, midpoints) = try errors { try solve(problem, DormandPrince5.fixedStep($0), options: SolverOptions(denseOutput: true)) }
        for order in observedOrders(final) { #expect(abs(order - 5) <= 0.3, "DP5 order \(order), errors \(final)") }
        // The 4th-order continuous extension has local error O(h⁵), the same as the global error.
        for order in observedOrders(midpoints) { #expect(abs(order - 5) <= 0.3, "DP5 dense order \(order), errors \(midpoints)") }
    }

    @Test func velocityVerletIsSecondOrder() throws {
        let problem = try OscillatorNetwork(size: 6, damping: 0, forced: true)
        var final: [Double] = []
        for h in steps {
            let solution = try solve(problem.secondOrderProblem(timeSpan: (0, end)), VelocityVerlet(step: h))
            final.append(maxDifference(solution.finalState, problem.exact(end)))
        }
        for order in observedOrders(final) { #expect(abs(order - 2) <= 0.1, "Verlet order \(order), errors \(final)") }
    }

    @Test func lastFixedStepEndsExactlyAtTheEndTime() throws {
        // 2 / 0.3 is not an integer: six steps of 0.3 and a last one of 0.2.
        let solution = try solve(network.problem(timeSpan: (0, end)), RungeKutta4(step: 0.3))
        #expect(solution.times.count == 8)
        #expect(solution.times.last == end)
        #expect(abs(solution.times[6] - 1.8) < 1e-15)
    }
}
