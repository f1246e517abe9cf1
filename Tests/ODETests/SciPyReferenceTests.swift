import Testing
import Foundation
@testable import ODE

/// Reference values from SciPy 's `solve_ivp(method="RK45", rtol=1e-6, atol=1e-9)`, produced by
/// `python3 bench/ode_peer.py --reference`. With β = 0 the PI controller reduces to SciPy's integral
/// controller and the initial step is SciPy's, so the step sequence, the counts and the final state agree.
@Suite struct SciPyReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let problem: @Sendable () -> ODEProblem
        let scipyEvaluations: Int
        let scipyAccepted: Int
        let scipyFinal: [Double]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "Arenstorf orbit", problem: arenstorf, scipyEvaluations: 1310, scipyAccepted: 179,
             scipyFinal: [0.9940357806345067, 0.00010603468143803834, 0.01716508009657241, -1.9958278610031974]),
        Case(name: "van der Pol, mu = 10", problem: vanDerPol, scipyEvaluations: 2306, scipyAccepted: 355,
             scipyFinal: [1.9393581011785053, -0.07008155021285412]),
    ]

    @Test(arguments: cases)
    func integralControllerReproducesSciPy(_ reference: Case) throws {
        let solution = try solve(reference.problem(), DormandPrince5(beta: 0))
        #expect(solution.rhsEvaluations == reference.scipyEvaluations)
        #expect(solution.acceptedSteps == reference.scipyAccepted)
        #expect(maxDifference(solution.finalState, reference.scipyFinal) < 1e-9)
    }

    @Test(arguments: cases)
    func piControllerRejectsFewerSteps(_ reference: Case) throws {
        let scipyRejected = (reference.scipyEvaluations - 2) / 6 - reference.scipyAccepted
        let solution = try solve(reference.problem(), DormandPrince5(beta: 0.04))
        #expect(solution.rejectedSteps < scipyRejected)
        // The PI controller runs at a lower error level, so it spends a few percent more evaluations.
        #expect(Double(solution.rhsEvaluations) < 1.1 * Double(reference.scipyEvaluations))
    }

    /// The restricted three-body orbit of Hairer, Nørsett & Wanner I, §II.0 (period T = 17.0652…).
    @Sendable static func arenstorf() -> ODEProblem {
        let mu = 0.012277471, complement = 1 - mu
        return ODEProblem(initialState: [0.994, 0, 0, -2.00158510637908252240537862224],
                          timeSpan: (0, 17.0652165601579625588917206249)) { _, y, dy in
            let d1 = pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5)
            let d2 = pow((y[0] - complement) * (y[0] - complement) + y[1] * y[1], 1.5)
            dy[0] = y[2]
            dy[1] = y[3]
            dy[2] = y[0] + 2 * y[3] - complement * (y[0] + mu) / d1 - mu * (y[0] - complement) / d2
            dy[3] = y[1] - 2 * y[2] - complement * y[1] / d1 - mu * y[1] / d2
        }
    }

    @Sendable static func vanDerPol() -> ODEProblem {
        ODEProblem(initialState: [2, 0], timeSpan: (0, 20)) { _, y, dy in
            dy[0] = y[1]
            dy[1] = 10 * (1 - y[0] * y[0]) * y[1] - y[0]
        }
    }
}
