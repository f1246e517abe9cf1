/// The outcome of a multi-objective run: the non-dominated points found and their objective vectors.
public struct ParetoResult: Sendable, Equatable, Codable {
    public var method: String
    /// Pareto set: decision vectors, one per front member.
    public var paretoSet: [[Double]]
    /// Pareto front: objective vectors, aligned with `paretoSet`.
    public var paretoFront: [[Double]]
    /// Objective evaluations used.
    public var trials: Int
    /// Generations run.
    public var iterations: Int
    public var termination: TerminationReason

    public init(method: String, paretoSet: [[Double]], paretoFront: [[Double]], trials: Int, iterations: Int,
                termination: TerminationReason) {
        self.method = method; self.paretoSet = paretoSet; self.paretoFront = paretoFront
        self.trials = trials; self.iterations = iterations; self.termination = termination
    }
}

/// A method that approximates the Pareto front of a box-constrained multi-objective problem.
public protocol MultiObjectiveOptimizer: Sendable {
    var name: String { get }
    func minimize(_ problem: MultiObjectiveProblem, budget: OptimizationBudget, seed: UInt64) throws -> ParetoResult
}
