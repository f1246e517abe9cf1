import Testing
import Foundation
@testable import ODE

/// The Swift rebuild of the benchmark network agrees with `bench/ode_peer.py` (values printed by its
/// `network(5, 20261123)` with NumPy), so the SciPy comparison integrates the same problem.
@Suite struct PeerNetworkTests {
    @Test func generatorMatchesThePythonPeer() {
        #expect(abs(PeerNetwork.uniform(seed: 20_261_123, index: 1) - 0.71983128) < 1e-8)
        let network = PeerNetwork(size: 5)
        #expect(abs(network.stiffness[0, 1] - -0.14396625631596416) < 1e-15)
        #expect(abs(network.stiffness[2, 2] - 1.475612864181604) < 1e-14)
        #expect(abs(network.stiffness[4, 3] - -0.026064013902043402) < 1e-15)
        #expect(abs(network.position[4] - -0.28877217119870835) < 1e-14)
        #expect(abs(network.velocity[0] - -0.006384198053058779) < 1e-14)
        #expect(abs(network.force[3] - 0.3767933854615841) < 1e-14)
    }

    /// `python3 bench/ode_peer.py --n 40` reports nfev 776 and 129 steps for SciPy's RK45.
    @Test func integralControllerTakesSciPysStepsOnThePeerNetwork() throws {
        let problem = PeerNetwork(size: 40).problem
        let integral = try solve(problem, DormandPrince5(beta: 0))
        #expect(integral.rhsEvaluations == 776 && integral.acceptedSteps == 129)
        let proportionalIntegral = try solve(problem, DormandPrince5())
        #expect(proportionalIntegral.rhsEvaluations == 6 * (proportionalIntegral.acceptedSteps + proportionalIntegral.rejectedSteps) + 2)
    }
}
