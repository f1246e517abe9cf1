import GlobalOptimization
import MigrationModel

/// The outcome of an identification: the parameters of least Theil U found and how they were found.
public struct IdentificationResult: Sendable, Codable, Equatable {
    /// The optimizer's name.
    public var method: String
    public var seed: UInt64
    /// The identified parameters by name (`alpha`, `damping`, …).
    public var identified: [String: Double]
    /// The full model parameters (identified ones replaced in the base parameters).
    public var parameters: ModelParameters
    /// U at the identified parameters.
    public var theilU: Double
    /// The best box point (optimizer coordinates: ln θ on log scales).
    public var point: [Double]
    /// Trials the method counted (its budget unit).
    public var trials: Int
    public var iterations: Int
    public var termination: TerminationReason
    /// Simulations run by this invocation, and trials answered from a checkpoint's record.
    public var newEvaluations: Int
    public var replayedTrials: Int
    public var trace: [TraceEntry]
}

/// Identification of the model's parameters by global optimization (seed 002): minimize Theil's U
/// (`TheilObjective`) over the box of a `ParameterSpace` with any method of the optimization core.
public enum Identification {
    /// Runs `optimizer` on the objective with every evaluation through `journal` (pass the journal
    /// of an interrupted run to resume it). Returns nil when the journal was cancelled during the run
    /// (the optimizer's result then rests on abandoned trials and is discarded; the journal holds
    /// the checkpoint).
    ///
    /// With `refinementShare` s > 0 the run has two stages: the global method gets the budget
    /// ⌈(1 − s)·B⌉ trials, then Nelder–Mead starts from its best point with the rest (a local polish
    /// of the basin the global stage found; the simplex starts at 5% of each box side). Both stages
    /// are deterministic given the seed, so a resumed run replays them alike.
    public static func run(_ objective: TheilObjective, optimizer: any Optimizer, budget: OptimizationBudget, seed: UInt64,
                           journal: TrialJournal = TrialJournal(), refinementShare: Double = 0) throws -> IdentificationResult? {
        precondition(refinementShare >= 0 && refinementShare < 1, "refinementShare must lie in [0, 1)")
        let space = objective.space
        let before = (evaluated: journal.newEvaluations, replayed: journal.replayed)
        let problem = OptimizationProblem(name: "identify", lowerBounds: space.lowerBounds, upperBounds: space.upperBounds) { y in
            journal.value(at: y) { objective($0) }
        }
        let refinementTrials = Int((refinementShare * Double(budget.maxTrials)).rounded(.down))
        var globalBudget = budget
        globalBudget.maxTrials = max(1, budget.maxTrials - refinementTrials)
        var result = try optimizer.minimize(problem, budget: globalBudget, seed: seed)
        if journal.isCancelled { return nil }
        let left = budget.maxTrials - result.trials
        if refinementTrials > 0, left > 0, result.bestValue.isFinite {
            var localBudget = budget
            localBudget.maxTrials = left
            localBudget.tolerance = 1e-10
            let local = try NelderMead(start: result.bestPoint).minimize(problem, budget: localBudget, seed: seed)
            if journal.isCancelled { return nil }
            let offset = result.trials
            result.trace += local.trace.filter { $0.bestValue < result.bestValue }.map { TraceEntry(trials: $0.trials + offset, bestValue: $0.bestValue) }
            if local.bestValue < result.bestValue {
                result.bestPoint = local.bestPoint
                result.bestValue = local.bestValue
            }
            result.method += " + " + local.method
            result.trials += local.trials
            result.iterations += local.iterations
            result.termination = local.termination
        }
        let parameters = space.parameters(at: result.bestPoint, base: objective.data.base)
        return IdentificationResult(method: result.method, seed: seed, identified: space.values(at: result.bestPoint),
                                    parameters: parameters, theilU: result.bestValue, point: result.bestPoint,
                                    trials: result.trials, iterations: result.iterations, termination: result.termination,
                                    newEvaluations: journal.newEvaluations - before.evaluated,
                                    replayedTrials: journal.replayed - before.replayed, trace: result.trace)
    }
}
