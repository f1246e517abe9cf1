import LinearAlgebra

/// The Nelder–Mead simplex method (1965) for local refinement, with the standard coefficients
/// reflection ρ = 1, expansion χ = 2, contraction γ = ½, shrink σ = ½ (Lagarias et al. 1998).
///
/// The initial simplex is the start point plus, for each coordinate, a step of `initialStepFraction`
/// of the box width; trial points are clamped into the box. The run stops when both the spread of
/// the simplex values and its diameter (relative to the box) fall below `budget.tolerance`.
public struct NelderMead: Optimizer {
    public var name: String { "nelder-mead" }
    /// Start point; nil starts from the centre of the box.
    public var start: [Double]?
    public var initialStepFraction: Double

    public init(start: [Double]? = nil, initialStepFraction: Double = 0.05) {
        self.start = start
        self.initialStepFraction = initialStepFraction
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64 = 0) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        try MetaheuristicError.require(initialStepFraction > 0 && initialStepFraction <= 1, "initialStepFraction",
                                       "a number in (0, 1]", "\(initialStepFraction)")
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        var x0 = start ?? zip(lo, hi).map { ($0 + $1) / 2 }
        try MetaheuristicError.require(x0.count == n, "start", "\(n) coordinates", "\(x0.count)")
        Box.clamp(&x0, lo, hi)
        var ledger = TrialLedger(problem: problem, budget: budget)

        var simplex: [[Double]] = [x0]
        for i in 0..<n {
            var v = x0
            let step = initialStepFraction * (hi[i] - lo[i])
            v[i] = v[i] + step <= hi[i] ? v[i] + step : v[i] - step
            simplex.append(v)
        }
        var values: [Double] = []
        for v in simplex {
            values.append(ledger.evaluate(v))
            if ledger.exhausted { break }
        }
        var iterations = 0
        var termination: TerminationReason = .trialBudgetExhausted
        if values.count < n + 1 {
            return ledger.result(method: name, iterations: 0, termination: ledger.stopReason ?? .trialBudgetExhausted)
        }
        func point(_ base: [Double], _ towards: [Double], _ t: Double) -> [Double] {
            var p = (0..<n).map { base[$0] + t * (towards[$0] - base[$0]) }
            Box.clamp(&p, lo, hi)
            return p
        }
        while true {
            if let reason = ledger.stopReason { termination = reason; break }
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            var diameter = 0.0
            for v in simplex.dropFirst() {
                for i in 0..<n { diameter = max(diameter, abs(v[i] - simplex[0][i]) / (hi[i] - lo[i])) }
            }
            if spread <= budget.tolerance * max(1, abs(values[0])) && diameter <= budget.tolerance {
                termination = .accuracyReached; break
            }
            iterations += 1
            var centroid = [Double](repeating: 0, count: n)
            for v in simplex.dropLast() { for i in 0..<n { centroid[i] += v[i] / Double(n) } }
            let worst = simplex[n]
            let reflected = point(centroid, worst, -1)
            let fr = ledger.evaluate(reflected)
            if fr < values[0] {
                if ledger.exhausted { simplex[n] = reflected; values[n] = fr; continue }
                let expanded = point(centroid, worst, -2)
                let fe = ledger.evaluate(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                if ledger.exhausted { continue }
                let outside = fr < values[n]
                let contracted = outside ? point(centroid, worst, -0.5) : point(centroid, worst, 0.5)
                let fc = ledger.evaluate(contracted)
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for j in 1...n {
                        if ledger.exhausted { break }
                        simplex[j] = point(simplex[0], simplex[j], 0.5)
                        values[j] = ledger.evaluate(simplex[j])
                    }
                }
            }
        }
        return ledger.result(method: name, iterations: iterations, termination: termination)
    }
}
