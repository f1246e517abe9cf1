import Testing
import Foundation
@testable import ODE

@Suite struct ErrorTests {
    let decay = ODEProblem(initialState: [1], timeSpan: (0, 1)) { _, y, dy in dy[0] = -y[0] }

    @Test func blowUpUnderflowsNearTheSingularity() throws {
        // y′ = y², y(0) = 1 has y = 1/(1 − t): the step size collapses at t → 1.
        let problem = ODEProblem(initialState: [1], timeSpan: (0, 2)) { _, y, dy in dy[0] = y[0] * y[0] }
        do {
            _ = try solve(problem, DormandPrince5())
            Issue.record("expected a step-size underflow")
        } catch let ODEError.stepSizeUnderflow(time, step) {
            #expect(abs(time - 1) < 1e-6, "underflow at \(time)")
            #expect(step < 1e-13)
            #expect(ODEError.stepSizeUnderflow(time: time, step: step).description.contains("t = \(time)"))
        }
    }

    @Test func nonFiniteRightHandSideIsReportedWithItsTime() throws {
        let problem = ODEProblem(initialState: [1, 2], timeSpan: (0, 1)) { t, y, dy in
            dy[0] = -y[0]
            dy[1] = t >= 0.5 ? .nan : -2 * y[1]
        }
        #expect(throws: ODEError.self) { try solve(problem, DormandPrince5()) }
        do {
            _ = try solve(problem, DormandPrince5())
        } catch let ODEError.nonFiniteState(time, component) {
            #expect(abs(time - 0.5) < 1e-9, "adaptive: reported t = \(time)")
            #expect(component == 1)
            #expect(ODEError.nonFiniteState(time: time, component: component).description.contains("t = \(time)"))
        }
        #expect(throws: ODEError.nonFiniteState(time: 0.5, component: 1)) { try solve(problem, RungeKutta4(step: 0.1)) }
        #expect(throws: ODEError.nonFiniteState(time: 0.5, component: 1)) { try solve(problem, DormandPrince5.fixedStep(0.1)) }
    }

    @Test func nonFiniteInitialStateIsRejected() {
        let problem = ODEProblem(initialState: [1, .infinity], timeSpan: (0, 1)) { _, y, dy in dy[0] = y[0]; dy[1] = 0 }
        #expect(throws: ODEError.nonFiniteState(time: 0, component: 1)) { try solve(problem, DormandPrince5()) }
    }

    @Test func tooManyStepsNamesTheTime() {
        #expect(throws: ODEError.self) { try solve(decay, DormandPrince5(), options: SolverOptions(rtol: 1e-12, maxSteps: 5)) }
        do {
            _ = try solve(decay, DormandPrince5(), options: SolverOptions(rtol: 1e-12, maxSteps: 5))
        } catch let ODEError.tooManySteps(time, steps) {
            #expect(steps == 5 && time > 0 && time < 1)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test(arguments: [
        (SolverOptions(rtol: -1e-6), "rtol"),
        (SolverOptions(rtol: .nan), "rtol"),
        (SolverOptions(atol: -1), "atol"),
        (SolverOptions(absoluteTolerances: [1e-9, 1e-9]), "absoluteTolerances.count"),
        (SolverOptions(absoluteTolerances: [-1]), "absoluteTolerances[0]"),
        (SolverOptions(initialStep: 0), "initialStep"),
        (SolverOptions(maxStep: -1), "maxStep"),
        (SolverOptions(minStep: -1), "minStep"),
        (SolverOptions(maxSteps: 0), "maxSteps"),
        (SolverOptions(saveAt: [0.5, 2]), "saveAt[1]"),
        (SolverOptions(saveAt: [0.5, 0.5]), "saveAt[1]"),
        (SolverOptions(saveAt: []), "saveAt.count"),
    ])
    func invalidOptionsNameTheParameter(options: SolverOptions, name: String) {
        do {
            _ = try solve(decay, DormandPrince5(), options: options)
            Issue.record("expected invalidOption(\(name))")
        } catch let ODEError.invalidOption(reported, _, expected) {
            #expect(reported == name)
            #expect(!expected.isEmpty)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func invalidProblemsNameTheParameter() {
        let backwards = ODEProblem(initialState: [1], timeSpan: (1, 1)) { _, _, dy in dy[0] = 0 }
        #expect(throws: ODEError.invalidOption(name: "timeSpan.1", value: 1, expected: "a finite end time greater than the start time 1.0")) {
            try solve(backwards, DormandPrince5())
        }
        let empty = ODEProblem(initialState: [], timeSpan: (0, 1)) { _, _, _ in }
        #expect(throws: ODEError.invalidOption(name: "initialState.count", value: 0, expected: "at least one component")) {
            try solve(empty, RungeKutta4(step: 0.1))
        }
        #expect(throws: ODEError.invalidOption(name: "step", value: 0, expected: "a finite step > 0")) {
            try solve(decay, RungeKutta4(step: 0))
        }
        #expect(throws: ODEError.invalidOption(name: "step", value: -0.1, expected: "a finite step > 0")) {
            try solve(decay, DormandPrince5.fixedStep(-0.1))
        }
        let mismatched = SecondOrderProblem(position: [1, 2], velocity: [0], timeSpan: (0, 1)) { _, _, _, _ in }
        #expect(throws: ODEError.invalidOption(name: "velocity.count", value: 1, expected: "2 (the position's length)")) {
            try solve(mismatched, VelocityVerlet(step: 0.1))
        }
        let description = ODEError.invalidOption(name: "rtol", value: -1, expected: "a finite number ≥ 0").description
        #expect(description.contains("rtol") && description.contains("≥ 0"))
    }
}
