import Foundation
import GlobalOptimization

/// The index method across MPI processes by the asynchronous scheme of seed 002 §5.2 (Strongin 1991;
/// Barkalov, Ryabov, Sidorov 2009): each process solves the one-dimensional problem (40) of its own
/// evolvent yˡ of the rotated (or shifted) family with an `IndexMethodPeer`, sends every trial it makes
/// (y, ν, z and its x on curve l) to all other processes without blocking, and before each iteration
/// inserts all trials that have arrived, each at its preimage on every curve — the processes never wait
/// for each other while searching.
///
/// With p processes the family has L = min(p, N(N−1)+1) rotated curves (min(p, density) shifted ones);
/// process r iterates on curve r mod L and, when several processes share a curve, takes the
/// (⌊r/L⌋ + 1)-th best interval. A process stops when its interval of largest characteristic is shorter
/// than ε, when the trials it knows of (its own and the received ones) reach the budget, when the target
/// or the `stopWhen` criterion is met, or when another process tells it to stop; a stopping process tells
/// all others. Then every process receives all trials still in flight, the stopping reasons are agreed
/// by MPI_Allreduce, and rank 0's best point (over all trials) is broadcast, so every rank returns the
/// same result. `trials` in the result is the sum of all processes' own trials (it may exceed the budget
/// by the trials in flight when the budget was reached). Call between `MPIRuntime.initialize` and
/// `finalize` on every rank.
public struct DistributedIndexMethod: Optimizer {
    public let configuration: IndexMethodConfiguration
    public var name: String { "index method (MPI)" }

    public init(_ configuration: IndexMethodConfiguration = IndexMethodConfiguration()) {
        self.configuration = configuration
    }

    /// The outcome on one rank: the agreed result and every rank's own trial count.
    public struct Run: Sendable {
        public var result: OptimizationResult
        /// Trials made by each rank (index = rank).
        public var trialsPerRank: [Int]
        /// Iterations made by each rank.
        public var iterationsPerRank: [Int]
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try run(problem, budget: budget).result
    }

    /// The configuration process `rank` of `size` uses: the family's curve count L and its curve and slot.
    public static func assignment(rank: Int, size: Int, configuration c: IndexMethodConfiguration,
                                  dimension n: Int) -> (configuration: IndexMethodConfiguration, line: Int, slot: Int) {
        let largest = c.evolventFamily == .rotated ? n * (n - 1) + 1 : c.density
        var own = c
        own.evolventCount = max(1, min(size, largest))
        return (own, rank % own.evolventCount, rank / own.evolventCount)
    }

    /// Runs this rank's part (collective: every rank of MPI_COMM_WORLD calls it with the same arguments).
    public func run(_ problem: OptimizationProblem, budget: OptimizationBudget,
                    stopWhen: (([Double], Double) -> Bool)? = nil) throws -> Run {
        let rank = MPIRuntime.rank, size = MPIRuntime.size
        let (own, line, slot) = Self.assignment(rank: rank, size: size, configuration: configuration, dimension: problem.dimension)
        var peer = try IndexMethodPeer(IndexMethod(own), problem: problem, line: line, slot: slot)
        let channel = TrialChannel(dimension: problem.dimension)
        let start = Date()
        var reason: TerminationReason?

        search: while true {
            for (_, message) in try channel.drain() {
                switch message {
                case .trial(let t): try peer.insert(t, stopWhen: stopWhen)
                case .stop: break search
                }
            }
            if peer.state.solved { reason = .targetReached }
            else if let target = budget.targetValue, peer.state.bestValue <= target { reason = .targetReached }
            else if peer.state.trials >= budget.maxTrials { reason = .trialBudgetExhausted }
            else if let seconds = budget.maxSeconds, Date().timeIntervalSince(start) >= seconds { reason = .timeLimitReached }
            else if let made = peer.step(budget: budget, stopWhen: stopWhen) {
                for t in made { try channel.broadcast(.trial(t)) }
                if peer.state.solved { reason = .targetReached }
            } else {
                reason = .accuracyReached
            }
            if reason != nil {
                try channel.broadcast(.stop)
                break
            }
        }
        for (_, message) in try channel.close() {
            if case .trial(let t) = message { try peer.insert(t, stopWhen: stopWhen) }
        }

        let codes: [TerminationReason] = [.accuracyReached, .trialBudgetExhausted, .timeLimitReached, .targetReached]
        let code = try MPIRuntime.maximum(Int32(reason.flatMap { codes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0))
        let termination = code > 0 ? codes[Int(code) - 1] : .accuracyReached
        var trialsPerRank: [Int] = [], iterationsPerRank: [Int] = []
        for r in 0..<size {
            let counts = try MPIRuntime.broadcast([Double(peer.ownTrials), Double(peer.state.iterations)], from: r)
            trialsPerRank.append(Int(counts[0]))
            iterationsPerRank.append(Int(counts[1]))
        }
        var result = peer.result(budget: budget, trials: trialsPerRank.reduce(0, +),
                                 iterations: iterationsPerRank.reduce(0, +), termination: termination)
        result.method = name
        // Rank 0's best (identical on all ranks up to ties, since all saw all trials) for everyone.
        let shared = try MPIRuntime.broadcast([result.bestValue, Double(result.trials)] + result.bestPoint, from: 0)
        result.bestValue = shared[0]
        result.trials = Int(shared[1])
        result.bestPoint = Array(shared[2...])
        return Run(result: result, trialsPerRank: trialsPerRank, iterationsPerRank: iterationsPerRank)
    }
}
