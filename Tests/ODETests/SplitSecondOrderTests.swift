import Foundation
import Testing
@testable import ODE

/// `SplitSecondOrderProblem` under `DormandPrince5`: the position forces of stages 2–3, 4–5 and 6–7
/// paired, nothing else changed. With a `positionForce` that evaluates the pair as two single calls the
/// result must be the first-order solve's to the bit, with the same counts.
@Suite struct SplitSecondOrderTests {
    /// q″ = −ω²q − c q′ + F cos(Ωt) per component (g = F cos Ωt − ω² q, a = g − c v), ω differing by component.
    private func oscillators(_ m: Int, pairs: UnsafeMutablePointer<Int>? = nil) -> SplitSecondOrderProblem {
        let omega2 = (0..<m).map { 1 + Double($0) / Double(m) }, c = 0.3, force = 0.7, drive = 1.3
        let q0 = (0..<m).map { sin(Double($0) + 1) }, v0 = (0..<m).map { cos(2 * Double($0)) }
        return SplitSecondOrderProblem(position: q0, velocity: v0, timeSpan: (0, 12),
            positionForce: { t1, q1, g1, t2, q2, g2 in
                for i in 0..<m { g1[i] = force * cos(drive * t1) - omega2[i] * q1[i] }
                if let q2, let g2 {
                    pairs?.pointee += 1
                    for i in 0..<m { g2[i] = force * cos(drive * t2) - omega2[i] * q2[i] }
                }
            },
            acceleration: { _, v, a in for i in 0..<m { a[i] = a[i] - c * v[i] } })
    }

    @Test func pairedStagesEqualTheFirstOrderSolveToTheBit() throws {
        let pairs = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        defer { pairs.deallocate() }
        pairs.pointee = 0
        let problem = oscillators(7, pairs: pairs)
        var options = SolverOptions(rtol: 1e-8, atol: 1e-10)
        options.saveAt = [0, 3, 6, 12]
        let split = try solve(problem, DormandPrince5(), options: options)
        let steps = split.acceptedSteps + split.rejectedSteps
        #expect(pairs.pointee == 3 * steps)
        let first = try solve(problem.firstOrder, DormandPrince5(), options: options)
        #expect(split.rhsEvaluations == first.rhsEvaluations && split.rhsEvaluations == 6 * steps + 2)
        #expect(split.acceptedSteps == first.acceptedSteps && split.rejectedSteps == first.rejectedSteps)
        #expect(split.flatStates.map(\.bitPattern) == first.flatStates.map(\.bitPattern))
        // The fixed-step mode pairs the same way.
        let fixedSplit = try solve(problem, DormandPrince5.fixedStep(0.05), options: options)
        let fixedFirst = try solve(problem.firstOrder, DormandPrince5.fixedStep(0.05), options: options)
        #expect(fixedSplit.flatStates.map(\.bitPattern) == fixedFirst.flatStates.map(\.bitPattern))
    }

    /// An undamped, unforced oscillator q″ = −q: q = q₀ cos t + v₀ sin t, to the tolerance.
    @Test func exactSolution() throws {
        let problem = SplitSecondOrderProblem(position: [1, 0], velocity: [0, 2], timeSpan: (0, 10),
            positionForce: { _, q1, g1, _, q2, g2 in
                g1[0] = -q1[0]; g1[1] = -q1[1]
                if let q2, let g2 { g2[0] = -q2[0]; g2[1] = -q2[1] }
            },
            acceleration: { _, _, _ in })
        var options = SolverOptions(rtol: 1e-10, atol: 1e-12)
        options.saveAt = [10]
        let s = try solve(problem, DormandPrince5(), options: options)
        #expect(abs(s.finalState[0] - cos(10.0)) < 1e-8 && abs(s.finalState[1] - 2 * sin(10.0)) < 1e-8)
        #expect(abs(s.finalState[2] + sin(10.0)) < 1e-8 && abs(s.finalState[3] - 2 * cos(10.0)) < 1e-8)
    }

    /// A nonlinear position force (pendulum, g = −sin q) pairs as well: the same bits as first order.
    @Test func nonlinearPositionForce() throws {
        let problem = SplitSecondOrderProblem(position: [2.5, -1], velocity: [0, 0.5], timeSpan: (0, 20),
            positionForce: { _, q1, g1, _, q2, g2 in
                for i in 0..<2 { g1[i] = -sin(q1[i]) }
                if let q2, let g2 { for i in 0..<2 { g2[i] = -sin(q2[i]) } }
            },
            acceleration: { _, v, a in for i in 0..<2 { a[i] -= 0.05 * v[i] } })
        let split = try solve(problem, DormandPrince5())
        let first = try solve(problem.firstOrder, DormandPrince5())
        #expect(split.flatStates.map(\.bitPattern) == first.flatStates.map(\.bitPattern))
        #expect(split.rhsEvaluations == first.rhsEvaluations)
    }

    @Test func badInputIsRefused() {
        let mismatched = SplitSecondOrderProblem(position: [1, 2], velocity: [0], timeSpan: (0, 1),
                                                 positionForce: { _, _, _, _, _, _ in }, acceleration: { _, _, _ in })
        #expect(throws: ODEError.self) { try solve(mismatched, DormandPrince5()) }
        let nonFinite = SplitSecondOrderProblem(position: [.nan], velocity: [0], timeSpan: (0, 1),
                                                positionForce: { _, _, _, _, _, _ in }, acceleration: { _, _, _ in })
        #expect(throws: ODEError.nonFiniteState(time: 0, component: 0)) { try solve(nonFinite, DormandPrince5()) }
        let backwards = SplitSecondOrderProblem(position: [1], velocity: [0], timeSpan: (1, 0),
                                                positionForce: { _, _, _, _, _, _ in }, acceleration: { _, _, _ in })
        #expect(throws: ODEError.self) { try solve(backwards, DormandPrince5()) }
    }
}
