import Foundation
import Testing
@testable import GlobalOptimization

/// `IndexMethodPeer`, the transport-free processor of the asynchronous scheme (seed 002 §5.2).
struct IndexMethodPeerTests {
    /// One peer on one evolvent, stepped until it stops, makes exactly the trials of `IndexMethod`.
    @Test(arguments: [
        IndexMethodConfiguration(reliability: 4),
        IndexMethodConfiguration(reliability: 6, localAdaptation: 10, globalFrequency: 2),
    ])
    func onePeerIsTheIndexMethod(configuration: IndexMethodConfiguration) throws {
        let f = try GKLSFunction(.simple, dimension: 2, number: 3)
        let budget = OptimizationBudget(maxTrials: 3_000, tolerance: 0.005)
        let reference = try IndexMethod(configuration).minimize(f.problem, budget: budget, seed: 0)
        var peer = try IndexMethodPeer(IndexMethod(configuration), problem: f.problem, line: 0)
        var termination = TerminationReason.trialBudgetExhausted
        while peer.state.trials < budget.maxTrials {
            if peer.step(budget: budget) == nil { termination = .accuracyReached; break }
        }
        let result = peer.result(budget: budget, trials: peer.ownTrials, iterations: peer.state.iterations, termination: termination)
        #expect(result == reference)
        #expect(reference.trials > 10)
    }

    /// With the local search during the run (the N ≥ 3 defaults), one peer still makes exactly the
    /// trials of `IndexMethod`: the Hooke–Jeeves trials too, on line 0 at their preimages.
    @Test func onePeerWithTheLocalSearchIsTheIndexMethod() throws {
        var configuration = IndexMethodConfiguration.recommended(dimension: 3)
        configuration.localRefinement = false
        #expect(configuration.localSearchStep != nil)
        let f = try GKLSFunction(.simple, dimension: 3, number: 2)
        let budget = OptimizationBudget(maxTrials: 4_000, tolerance: 0.001)
        var solved = 0
        let reference = try IndexMethod(configuration).minimize(f.problem, budget: budget, seed: 0,
                                                                stopWhen: { y, _ in solved += f.isSolved(by: y) ? 1 : 0; return false })
        var peer = try IndexMethodPeer(IndexMethod(configuration), problem: f.problem, line: 0)
        var termination = TerminationReason.trialBudgetExhausted
        var made: [IndexMethodPeer.Trial] = []
        while peer.state.trials < budget.maxTrials {
            guard let trials = peer.step(budget: budget) else { termination = .accuracyReached; break }
            made += trials
        }
        let result = peer.result(budget: budget, trials: peer.ownTrials, iterations: peer.state.iterations, termination: termination)
        #expect(result == reference)
        #expect(made.count == peer.ownTrials && made.count == reference.trials)
        #expect(solved > 0)   // the run reaches x*'s box: the local search had something to do
        #expect(peer.state.localMinima?.isEmpty == false)
    }

    /// Three peers on three rotated evolvents exchanging every trial (in turn, in one process) find the
    /// GKLS minimizer, and a received trial lands on every line.
    @Test func threePeersSharingTrialsSolveGKLS() throws {
        let f = try GKLSFunction(.simple, dimension: 2, number: 5)
        let method = IndexMethod(IndexMethodConfiguration(reliability: 4, evolventCount: 3))
        var peers = try (0..<3).map { try IndexMethodPeer(method, problem: f.problem, line: $0) }
        let budget = OptimizationBudget(maxTrials: 6_000, tolerance: 0.005)
        var stopped = false
        while !stopped, peers[0].state.trials < budget.maxTrials {
            for k in peers.indices {
                guard let made = peers[k].step(budget: budget) else { stopped = true; break }
                for t in made { for s in peers.indices where s != k { try peers[s].insert(t) } }
            }
        }
        #expect(peers.allSatisfy { $0.state.trials == peers[0].state.trials })
        #expect(peers[1].ownTrials > 0 && peers[2].ownTrials > 0)
        #expect(f.isSolved(by: peers[0].state.bestPoint), "best \(peers[0].state.bestPoint), minimizer \(f.globalMinimizer)")
    }

    @Test func aLineOutsideTheFamilyIsRejectedByName() throws {
        let f = try GKLSFunction(.simple, dimension: 2, number: 1)
        #expect(throws: IndexMethodError.self) {
            _ = try IndexMethodPeer(IndexMethod(IndexMethodConfiguration(evolventCount: 2)), problem: f.problem, line: 2)
        }
    }
}
