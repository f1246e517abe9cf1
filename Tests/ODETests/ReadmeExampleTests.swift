import Foundation
import Testing
import ODE

/// The example of Sources/ODE/README.md, kept compiling and checked.
@Test func readmeExampleODE() throws {
    let decay = ODEProblem(initialState: [1], timeSpan: (0, 1)) { _, y, dydt in dydt[0] = -y[0] }
    let s = try solve(decay, DormandPrince5(), options: SolverOptions(rtol: 1e-8, atol: 1e-10))
    #expect(abs(s.finalState[0] - exp(-1)) < 1e-8)
    #expect(abs(s(0.5)[0] - exp(-0.5)) < 1e-5)

    let spring = SecondOrderProblem(position: [1], velocity: [0], timeSpan: (0, 1)) { _, q, _, a in a[0] = -q[0] }
    let v = try solve(spring, VelocityVerlet(step: 0.01))
    #expect(abs(v.finalState[0] - cos(1.0)) < 1e-4)
    #expect(abs(v.finalState[1] + sin(1.0)) < 1e-4)
    #expect(v.rhsEvaluations == 101)

    let split = SplitSecondOrderProblem(position: [1], velocity: [0], timeSpan: (0, 1),
        positionForce: { _, q1, g1, _, q2, g2 in
            g1[0] = -q1[0]
            if let q2, let g2 { g2[0] = -q2[0] }
        },
        acceleration: { _, v, a in a[0] -= 0.1 * v[0] })
    let d = try solve(split, DormandPrince5())
    let f = try solve(split.firstOrder, DormandPrince5())
    #expect(d.flatStates.map(\.bitPattern) == f.flatStates.map(\.bitPattern) && d.rhsEvaluations == f.rhsEvaluations)
}
