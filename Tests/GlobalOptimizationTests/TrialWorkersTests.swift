import Foundation
import Testing
@testable import GlobalOptimization

@Suite struct TrialWorkersTests {
    /// Every task of every round runs exactly once, the k-th on its own thread, and its result lands in
    /// its own slot; the calling thread runs task 0.
    @Test func everyTaskRunsOnceOnItsOwnThread() {
        let workers = TrialWorkers(workers: 3)
        #expect(workers.capacity == 4)
        let caller = pthread_self()
        for round in 0..<500 {
            let outcomes = TrialOutcomes(count: 4)
            let threads = ThreadRecord(count: 4)
            workers.run((0..<4).map { k in {
                outcomes.buffer[k] = (index: k, value: Double(round * 10 + k))
                threads.ids[k] = pthread_self()
            } })
            #expect(Array(outcomes.buffer).map(\.value) == (0..<4).map { Double(round * 10 + $0) })
            #expect(pthread_equal(threads.ids[0], caller) != 0)
            #expect(Set((1..<4).map { threads.ids[$0] }).count == 3)
            #expect((1..<4).allSatisfy { pthread_equal(threads.ids[$0], caller) == 0 })
        }
    }

    /// Fewer tasks than threads use only the first workers.
    @Test func partialRounds() {
        let workers = TrialWorkers(workers: 2)
        for count in [1, 2, 3, 1, 3, 2] {
            let outcomes = TrialOutcomes(count: count)
            workers.run((0..<count).map { k in { outcomes.buffer[k] = (index: k + 1, value: Double(k)) } })
            #expect(Array(outcomes.buffer).map(\.index) == Array(1...count))
        }
    }

    /// p = 2 with the workers gives the same trials, iterations and answer on every run.
    @Test func parallelIndexMethodIsReproducible() throws {
        let f = try GKLSFunction(.simple, dimension: 2, number: 3)
        var c = IndexMethodConfiguration()
        c.parallelism = 2
        let a = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: 3000, tolerance: 1e-3), seed: 0)
        let b = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: 3000, tolerance: 1e-3), seed: 0)
        #expect(a.trials == b.trials && a.bestPoint == b.bestPoint && a.bestValue == b.bestValue)
        #expect(a.trials > 0)
    }
}

/// pthread ids written from several threads, each into its own element.
private final class ThreadRecord: @unchecked Sendable {
    var ids: [pthread_t]
    init(count: Int) { ids = Array(repeating: pthread_self(), count: count) }
}
