/// A local method run from the best point of a global one (Matlab's `HybridFcn`).
public enum HybridRefinement: String, Sendable, CaseIterable {
    case none, patternSearch, nelderMead

    /// Refines `result` with the remaining trials of `budget`; trials, iterations and trace add up.
    func refine(_ result: OptimizationResult, _ problem: OptimizationProblem, _ budget: OptimizationBudget) throws -> OptimizationResult {
        guard self != .none, result.bestValue.isFinite, result.trials < budget.maxTrials else { return result }
        var localBudget = budget
        localBudget.maxTrials = budget.maxTrials - result.trials
        let local: OptimizationResult
        switch self {
        case .none: return result
        case .patternSearch:
            local = try PatternSearch(poll: .gps2N, initialMesh: 0.01, start: result.bestPoint).minimize(problem, budget: localBudget, seed: 0)
        case .nelderMead:
            local = try NelderMead(start: result.bestPoint, initialStepFraction: 0.01).minimize(problem, budget: localBudget, seed: 0)
        }
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
}
