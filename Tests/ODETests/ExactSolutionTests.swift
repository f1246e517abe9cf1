import Testing
import Foundation
@testable import ODE

/// Adaptive Dormand–Prince against the closed-form solution of the driven, damped network.
@Suite struct ExactSolutionTests {
    let network: OscillatorNetwork

    init() throws { network = try OscillatorNetwork(size: 6, damping: 0.1, forced: true) }

    func maxError(_ solution: ODESolution) -> Double {
        (0..<solution.times.count).reduce(0) { max($0, maxDifference(solution.state($1), network.exact(solution.times[$1]))) }
    }

    @Test func modalSolutionSatisfiesTheEquationOfMotion() {
        // Central differences of the closed form reproduce q″ = F cos ωt − c q′ − K q.
        let t = 1.7, h = 1e-4, n = network.size
        let minus = network.exact(t - h), centre = network.exact(t), plus = network.exact(t + h)
        // The right-hand side at the exact state gives [q′; q″].
        var derivative = [Double](repeating: 0, count: 2 * n)
        centre.withUnsafeBufferPointer { y in
            derivative.withUnsafeMutableBufferPointer { network.problem.rhs(t, y, $0) }
        }
        let acceleration = Array(derivative[n...])
        for i in 0..<n {
            let secondDifference = (plus[i] - 2 * centre[i] + minus[i]) / (h * h)
            #expect(abs(secondDifference - acceleration[i]) < 1e-5)
            #expect(abs((plus[i] - minus[i]) / (2 * h) - centre[n + i]) < 1e-7)
        }
        #expect(maxDifference(network.exact(0), network.position + network.velocity) < 1e-13)
    }

    @Test func adaptiveErrorIsOfTheOrderOfTheTolerance() throws {
        var errors: [Double] = []
        for rtol in [1e-8, 1e-10] {
            let solution = try solve(network.problem(timeSpan: (0, 20)), DormandPrince5(),
                                     options: SolverOptions(rtol: rtol, atol: rtol * 1e-3))
            #expect(solution.status == .success)
            #expect(solution.times.first == 0 && solution.times.last == 20)
            let error = maxError(solution)
            #expect(error < 30 * rtol, "rtol \(rtol): error \(error)")
            errors.append(error)
        }
        // Tolerance proportionality: 100× tighter tolerance, about 100× smaller error.
        let ratio = errors[0] / errors[1]
        #expect(ratio > 30 && ratio < 300, "error ratio \(ratio)")
    }

    @Test func saveAtUsesTheContinuousExtension() throws {
        let times = stride(from: 0.0, through: 20.0, by: 0.37).map { $0 }
        let solution = try solve(network.problem(timeSpan: (0, 20)), DormandPrince5(),
                                 options: SolverOptions(rtol: 1e-9, atol: 1e-12, saveAt: times))
        #expect(solution.times == times)
        #expect(solution.series(of: 2) == solution.states.map { $0[2] })
        #expect(maxError(solution) < 3e-8)
        #expect(solution.acceptedSteps > times.count / 4)
    }

    @Test func denseOutputIsAccurateBetweenSteps() throws {
        let problem = network.problem(timeSpan: (0, 20))
        let dense = try solve(problem, DormandPrince5(), options: SolverOptions(rtol: 1e-9, atol: 1e-12, denseOutput: true))
        let plain = try solve(problem, DormandPrince5(), options: SolverOptions(rtol: 1e-9, atol: 1e-12))
        #expect(dense.hasDenseOutput && !plain.hasDenseOutput)
        #expect(dense.flatStates == plain.flatStates)
        var denseError = 0.0, hermiteError = 0.0
        for t in stride(from: 0.013, to: 20, by: 0.091) {
            denseError = max(denseError, maxDifference(dense(t), network.exact(t)))
            hermiteError = max(hermiteError, maxDifference(plain(t), network.exact(t)))
        }
        #expect(denseError < 3e-8, "continuous extension error \(denseError)")
        #expect(hermiteError < 1e-6, "Hermite error \(hermiteError)")
        #expect(maxDifference(dense(20), network.exact(20)) < 3e-8)
    }

    @Test func perComponentAbsoluteTolerances() throws {
        let n = network.size
        let tolerances = [Double](repeating: 1e-12, count: n) + [Double](repeating: 1e-6, count: n)
        let loose = try solve(network.problem(timeSpan: (0, 5)), DormandPrince5(),
                              options: SolverOptions(rtol: 0, absoluteTolerances: tolerances))
        let tight = try solve(network.problem(timeSpan: (0, 5)), DormandPrince5(),
                              options: SolverOptions(rtol: 0, atol: 1e-12))
        #expect(loose.acceptedSteps < tight.acceptedSteps)
        #expect(maxDifference(Array(tight.finalState), network.exact(5)) < 1e-9)
    }
}
