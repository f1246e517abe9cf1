import Foundation
import LinearAlgebra

/// Pattern search (Hooke & Jeeves 1961; Torczon 1997; Audet & Dennis 2006), after Matlab's
/// `patternsearch` used in the monograph (Ch. 2–4).
///
/// The search works in the box scaled to [0, 1]ᴺ. Each iteration optionally tries `searchPoints`
/// random points (the search step), then polls x + Δ·d over a set of directions d:
/// - `.gps2N`: ±eᵢ (maximal positive basis);
/// - `.gpsNp1`: e₁…e_N and −(1,…,1) (minimal positive basis);
/// - `.gss`: ±eᵢ, each direction with its own step, which expands on success and contracts on
///   failure independently (generating set search with direction-wise steps, Kolda–Lewis–Torczon);
/// - `.mads`: ±the columns of a random Householder reflection I − 2vvᵀ (OrthoMADS-style), so the
///   directions become dense in the unit sphere as the mesh refines.
/// Poll points outside the box are projected onto it (`projectToBox`, the default) or not evaluated
/// (extreme barrier). With the barrier, the N+1 basis and MADS can stall at a bound: their
/// directions do not conform to the box's faces. The poll is complete (every direction, best
/// taken) or opportunistic (first improvement). On success the mesh expands (×`expansion`),
/// on failure it contracts (×`contraction`); the run stops when the mesh is below
/// `budget.tolerance`.
public struct PatternSearch: Optimizer {
    public enum Poll: String, Sendable, CaseIterable { case gps2N, gpsNp1, gss, mads }
    public enum Order: String, Sendable { case consecutive, success, random }
    public var poll: Poll
    public var complete: Bool
    public var order: Order
    public var initialMesh: Double
    public var expansion: Double
    public var contraction: Double
    public var searchPoints: Int
    public var start: [Double]?
    public var projectToBox: Bool

    public var name: String { "pattern-search-\(poll.rawValue)" }

    public init(poll: Poll = .gps2N, complete: Bool = false, order: Order = .consecutive, initialMesh: Double = 0.25,
                expansion: Double = 2, contraction: Double = 0.5, searchPoints: Int = 0, start: [Double]? = nil, projectToBox: Bool = true) {
        self.projectToBox = projectToBox
        self.poll = poll; self.complete = complete; self.order = order; self.initialMesh = initialMesh
        self.expansion = expansion; self.contraction = contraction; self.searchPoints = searchPoints; self.start = start
    }

    public func minimize(_ problem: OptimizationProblem, budget: OptimizationBudget, seed: UInt64) throws -> OptimizationResult {
        try Box.validate(problem, budget)
        try MetaheuristicError.require(initialMesh > 0 && initialMesh <= 1, "initialMesh", "a size in (0, 1] of the scaled box", "\(initialMesh)")
        try MetaheuristicError.require(expansion >= 1, "expansion", "a factor ≥ 1", "\(expansion)")
        try MetaheuristicError.require(contraction > 0 && contraction < 1, "contraction", "a factor in (0, 1)", "\(contraction)")
        try MetaheuristicError.require(searchPoints >= 0, "searchPoints", "a count ≥ 0", "\(searchPoints)")
        let lo = problem.lowerBounds, hi = problem.upperBounds, n = problem.dimension
        var rng = SeededGenerator(seed: seed)
        var ledger = TrialLedger(problem: problem, budget: budget)
        func unscale(_ u: [Double]) -> [Double] { (0..<n).map { lo[$0] + u[$0] * (hi[$0] - lo[$0]) } }
        var u: [Double]
        if let start {
            try MetaheuristicError.require(start.count == n, "start", "\(n) coordinates", "\(start.count)")
            u = (0..<n).map { min(max((start[$0] - lo[$0]) / (hi[$0] - lo[$0]), 0), 1) }
        } else {
            u = [Double](repeating: 0.5, count: n)
        }
        var fu = ledger.evaluate(unscale(u))
        var mesh = initialMesh
        var directionSteps: [Double] = []  // GSS: one step per direction
        var directions = baseDirections(n)
        if poll == .gss { directionSteps = [Double](repeating: initialMesh, count: directions.count) }
        var iterations = 0
        var termination = TerminationReason.trialBudgetExhausted

        while true {
            if let reason = ledger.stopReason { termination = reason; break }
            let currentMesh = poll == .gss ? directionSteps.max()! : mesh
            if currentMesh < budget.tolerance { termination = .accuracyReached; break }
            iterations += 1
            // Search step.
            var improved = false
            for _ in 0..<searchPoints where !ledger.exhausted {
                let candidate = Box.randomPoint([Double](repeating: 0, count: n), [Double](repeating: 1, count: n), &rng)
                let f = ledger.evaluate(unscale(candidate))
                if f < fu { u = candidate; fu = f; improved = true }
            }
            if improved { mesh *= expansion; continue }
            // Poll step.
            if poll == .mads { directions = madsDirections(n, &rng) }
            var indices = Array(directions.indices)
            if order == .random { indices.shuffle(using: &rng) }
            var bestIndex = -1, bestPoint = u, bestValue = fu
            for d in indices {
                if ledger.exhausted { break }
                let step = poll == .gss ? directionSteps[d] : mesh
                var candidate = u
                var inside = true
                for i in 0..<n {
                    candidate[i] += step * directions[d][i]
                    if projectToBox { candidate[i] = min(max(candidate[i], 0), 1) }
                    else if candidate[i] < -1e-15 || candidate[i] > 1 + 1e-15 { inside = false; break }
                }
                if inside && candidate == u { inside = false }
                guard inside else {
                    if poll == .gss { directionSteps[d] *= contraction }
                    continue
                }
                let f = ledger.evaluate(unscale(candidate))
                if f < bestValue {
                    bestValue = f; bestPoint = candidate; bestIndex = d
                    if !complete { break }
                } else if poll == .gss {
                    directionSteps[d] *= contraction
                }
            }
            if bestIndex >= 0 {
                u = bestPoint; fu = bestValue
                if poll == .gss { directionSteps[bestIndex] = min(1, directionSteps[bestIndex] * expansion) }
                else { mesh = min(1, mesh * expansion) }
                if order == .success && poll != .mads {
                    let d = directions.remove(at: bestIndex)
                    directions.insert(d, at: 0)
                    if poll == .gss { let s = directionSteps.remove(at: bestIndex); directionSteps.insert(s, at: 0) }
                }
            } else if poll != .gss {
                mesh *= contraction
            }
        }
        return ledger.result(method: name, iterations: iterations, termination: termination)
    }

    private func baseDirections(_ n: Int) -> [[Double]] {
        func unit(_ i: Int, _ s: Double) -> [Double] { var e = [Double](repeating: 0, count: n); e[i] = s; return e }
        switch poll {
        case .gps2N, .gss, .mads: return (0..<n).map { unit($0, 1) } + (0..<n).map { unit($0, -1) }
        case .gpsNp1: return (0..<n).map { unit($0, 1) } + [[Double](repeating: -1, count: n)]
        }
    }

    /// ±columns of H = I − 2vvᵀ for a random unit v: an orthonormal maximal positive basis.
    private func madsDirections(_ n: Int, _ rng: inout SeededGenerator) -> [[Double]] {
        var v = (0..<n).map { _ in rng.nextGaussian() }
        let norm = max(v.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-300)
        v = v.map { $0 / norm }
        var columns: [[Double]] = []
        for j in 0..<n {
            columns.append((0..<n).map { i in (i == j ? 1 : 0) - 2 * v[i] * v[j] })
        }
        return columns + columns.map { $0.map { -$0 } }
    }
}
