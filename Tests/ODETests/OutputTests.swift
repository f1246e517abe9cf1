import Testing
import Foundation
@testable import ODE

/// Output bookkeeping: spans not starting at zero, `saveAt` end points, and fixed-step dense output.
@Suite struct OutputTests {
    let decay = ODEProblem(initialState: [1, 2], timeSpan: (5, 7)) { _, y, dy in
        dy[0] = -y[0]
        dy[1] = -3 * y[1]
    }

    func exact(_ t: Double) -> [Double] { [exp(-(t - 5)), 2 * exp(-3 * (t - 5))] }

    @Test func spanStartingAwayFromZero() throws {
        let solution = try solve(decay, DormandPrince5(), options: SolverOptions(rtol: 1e-10, atol: 1e-12))
        #expect(solution.times.first == 5 && solution.times.last == 7)
        #expect(maxDifference(solution.finalState, exact(7)) < 1e-9)
        #expect(maxDifference(solution(6.123), exact(6.123)) < 1e-8)
    }

    @Test func saveAtIncludingBothEndsMatchesThePlainRun() throws {
        let plain = try solve(decay, DormandPrince5())
        let saved = try solve(decay, DormandPrince5(), options: SolverOptions(saveAt: [5, 5.5, 7]))
        #expect(saved.times == [5, 5.5, 7])
        #expect(saved.state(0) == [1, 2])
        #expect(saved.finalState == plain.finalState)
        #expect(saved.acceptedSteps == plain.acceptedSteps && saved.rhsEvaluations == plain.rhsEvaluations)
        // The derivative stored at a saveAt time is that of the continuous extension.
        let k = 1, n = 2
        let derivative = Array(saved.flatDerivatives[(k * n)..<((k + 1) * n)])
        #expect(maxDifference(derivative, [-exact(5.5)[0], -3 * exact(5.5)[1]]) < 1e-5)
    }

    @Test func fixedStepSaveAtAndDenseOutputAgree() throws {
        let grid = stride(from: 5.0, through: 7.0, by: 0.05).map { $0 }
        let dense = try solve(decay, RungeKutta4(step: 0.1), options: SolverOptions(denseOutput: true))
        let saved = try solve(decay, RungeKutta4(step: 0.1), options: SolverOptions(saveAt: grid))
        for (k, t) in grid.enumerated() {
            #expect(maxDifference(saved.state(k), dense(t)) < 1e-14)
            // RK4 global error (≈ 2e-5) plus the Hermite bound h⁴/384·max|y⁗| = 1e-4/384·162 ≈ 4e-5.
            #expect(maxDifference(dense(t), exact(t)) < 1e-4)
        }
    }
}
