/// A local method run from the best point of a global one (Matlab's `HybridFcn`).
public enum HybridRefinement: String, Sendable, CaseIterable {
    case none, patternSearch, nelderMead

    /// Refines `result` with the remaining trials of `budget`; trials, iterations and trace add up.
    func refine(_ result: OptimizationResult, _ problem: OptimizationProblem, _ budget: OptimizationBudget) throws -> OptimizationResult {
        guard self != .none, result.bestValue.isFinite, result.trials < budget.maxTrials else { return result }
        var localBudget = budget
        localBudget.maxTrials = budget.maxTrials - result.trials
        guard let local = try localRun(from: result.bestPoint, step: 0.01, problem, localBudget) else { return result }
        var refined = result
        let offset = result.trials
        refined.trace += local.trace.filter { $0.bestValue < result.bestValue }
            .map { TraceEntry(trials: $0.trials + offset, bestValue: $0.bestValue) }
        if local.bestValue < result.bestValue {
            refined.bestValue = local.bestValue; refined.bestPoint = local.bestPoint
        }
        refined.trials += local.trials
        refined.iterations += local.iterations
        refined.termination = local.termination
        refined.method = result.method + "+" + rawValue
        return refined
    }

    /// The local method alone from `start` within `budget`, its first step `step` of the box width
    /// (pattern search's initial mesh, Nelder–Mead's initial simplex); nil for `.none`.
    func localRun(from start: [Double], step: Double, _ problem: OptimizationProblem, _ budget: OptimizationBudget) throws -> OptimizationResult? {
        switch self {
        case .none: return nil
        case .patternSearch:
            return try PatternSearch(poll: .gps2N, initialMesh: step, start: start).minimize(problem, budget: budget, seed: 0)
        case .nelderMead:
            return try NelderMead(start: start, initialStepFraction: step).minimize(problem, budget: budget, seed: 0)
        }
    }
}
