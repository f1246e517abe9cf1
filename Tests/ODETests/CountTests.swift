import Testing
import Foundation
@testable import ODE

/// Evaluation counts follow SciPy's `nfev` bookkeeping exactly.
@Suite struct CountTests {
    let network: OscillatorNetwork

    init() throws { network = try OscillatorNetwork(size: 6, damping: 0.1, forced: true) }

    /// A problem that counts its own right-hand-side calls.
    func countingProblem(_ box: CallCounter) -> ODEProblem {
        let inner = network.problem(timeSpan: (0, 20))
        return ODEProblem(initialState: inner.initialState, timeSpan: inner.timeSpan) { t, y, dy in
            box.calls += 1
            inner.rhs(t, y, dy)
        }
    }

    @Test func dormandPrinceAdaptiveIdentity() throws {
        // f(t₀, y₀) + the initial-step probe + six per attempted step (stages 2–7; stage 1 is FSAL).
        let counter = CallCounter()
        let solution = try solve(countingProblem(counter), DormandPrince5())
        #expect(solution.rejectedSteps > 0)
        #expect(solution.rhsEvaluations == 6 * (solution.acceptedSteps + solution.rejectedSteps) + 2)
        #expect(solution.rhsEvaluations == counter.calls)
        #expect(solution.times.count == solution.acceptedSteps + 1)
    }

    @Test func dormandPrinceWithGivenInitialStepIdentity() throws {
        let counter = CallCounter()
        let solution = try solve(countingProblem(counter), DormandPrince5(), options: SolverOptions(initialStep: 3))
        #expect(solution.rejectedSteps > 0)  // a first step of 3 cannot meet rtol = 1e-6
        #expect(solution.rhsEvaluations == 6 * (solution.acceptedSteps + solution.rejectedSteps) + 1)
        #expect(solution.rhsEvaluations == counter.calls)
    }

    @Test func fixedStepIdentities() throws {
        let problem = network.problem(timeSpan: (0, 2))
        let rk4 = try solve(problem, RungeKutta4(step: 0.1))
        #expect(rk4.acceptedSteps == 20 && rk4.rhsEvaluations == 4 * 20 + 1)
        let dp5 = try solve(problem, DormandPrince5.fixedStep(0.1))
        #expect(dp5.acceptedSteps == 20 && dp5.rhsEvaluations == 6 * 20 + 1 && dp5.rejectedSteps == 0)
        let verlet = try solve(network.secondOrderProblem(timeSpan: (0, 2)), VelocityVerlet(step: 0.1))
        #expect(verlet.acceptedSteps == 20 && verlet.rhsEvaluations == 20 + 1)
        #expect(verlet.dimension == 2 * network.size)
    }

    @Test func maxStepIsRespected() throws {
        let solution = try solve(network.problem(timeSpan: (0, 20)), DormandPrince5(), options: SolverOptions(maxStep: 0.05))
        let largest = zip(solution.times, solution.times.dropFirst()).map { $1 - $0 }.max()!
        #expect(largest <= 0.05 + 1e-15)
    }
}

final class CallCounter: @unchecked Sendable {
    var calls = 0
}
