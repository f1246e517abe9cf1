import Testing
import Foundation
@testable import ODE

/// With c = 0 and f = 0 the energy ½q′ᵀq′ + ½qᵀKq is conserved.
@Suite struct EnergyTests {
    let network: OscillatorNetwork

    init() throws { network = try OscillatorNetwork(size: 6, damping: 0, forced: false) }

    @Test func dormandPrinceDriftsLessThan1e8Over100Periods() throws {
        let end = 100 * network.longestPeriod
        let samples = stride(from: 0.0, to: end, by: end / 2_000).map { $0 } + [end]
        let solution = try solve(network.problem(timeSpan: (0, end)), DormandPrince5(),
                                 options: SolverOptions(rtol: 1e-12, atol: 1e-14, saveAt: samples))
        let initial = network.energy(network.position + network.velocity)
        let drift = (0..<solution.times.count).reduce(0.0) { max($0, abs(network.energy(solution.state($1)) - initial)) } / initial
        #expect(drift < 1e-8, "relative energy drift \(drift)")
        #expect(maxDifference(solution.finalState, network.exact(end)) < 1e-7)
    }

    @Test func velocityVerletEnergyErrorIsBoundedWithoutSecularGrowth() throws {
        let end = 1_000 * network.longestPeriod
        let h = 0.05
        let samples = stride(from: 0.0, to: end, by: end / 20_000).map { $0 }
        let solution = try solve(network.secondOrderProblem(timeSpan: (0, end)), VelocityVerlet(step: h),
                                 options: SolverOptions(saveAt: samples))
        let initial = network.energy(network.position + network.velocity)
        let deviations = (0..<solution.times.count).map { abs(network.energy(solution.state($0)) - initial) / initial }
        let tenth = deviations.count / 10
        let early = deviations.prefix(tenth).max()!, late = deviations.suffix(tenth).max()!
        // Bounded: O(h²) and no growth from the first to the last tenth of 1,000 periods.
        #expect(early < 5e-3 && late < 5e-3, "energy error early \(early), late \(late)")
        #expect(late < 1.5 * early, "secular growth: early \(early), late \(late)")
        // A non-symplectic method of higher order drifts over the same run: RK4 at the same step loses energy steadily.
        let rk4 = try solve(network.problem(timeSpan: (0, end)), RungeKutta4(step: h), options: SolverOptions(saveAt: samples))
        let rk4Deviations = (0..<rk4.times.count).map { (network.energy(rk4.state($0)) - initial) / initial }
        #expect(rk4Deviations.suffix(tenth).max()! < rk4Deviations.prefix(tenth).min()!)
    }
}
