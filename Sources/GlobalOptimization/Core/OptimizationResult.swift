/// Why a method stopped.
public enum TerminationReason: String, Sendable, Codable {
    case accuracyReached = "accuracy reached"
    case targetReached = "target value reached"
    case trialBudgetExhausted = "trial budget exhausted"
    case timeLimitReached = "time limit reached"
    case stalled = "no improvement (function tolerance)"
}

/// One step of a run's trace: after `trials` evaluations, the best value so far.
public struct TraceEntry: Sendable, Equatable, Codable {
    public var trials: Int
    public var bestValue: Double
    public init(trials: Int, bestValue: Double) { self.trials = trials; self.bestValue = bestValue }
}

/// The honest outcome of a single-objective run.
public struct OptimizationResult: Sendable, Equatable, Codable {
    public var method: String
    public var bestPoint: [Double]
    public var bestValue: Double
    /// Objective evaluations used.
    public var trials: Int
    /// Iterations of the method (generations, polls, index-method iterations…).
    public var iterations: Int
    public var termination: TerminationReason
    public var trace: [TraceEntry]

    public init(method: String, bestPoint: [Double], bestValue: Double, trials: Int, iterations: Int,
                termination: TerminationReason, trace: [TraceEntry]) {
        self.method = method; self.bestPoint = bestPoint; self.bestValue = bestValue
        self.trials = trials; self.iterations = iterations; self.termination = termination; self.trace = trace
    }
}

/// A method that minimizes a box-constrained problem. `seed` makes stochastic methods reproducible;
/// deterministic methods ignore it.
public protocol Optimizer: Sendable {
    var name: String { get }
    func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult
}
