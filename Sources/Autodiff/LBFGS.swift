public struct LBFGSOptions: Sendable, Codable, Equatable {
    /// Number of (s, y) pairs kept.
    public var memory: Int
    public var maxIterations: Int
    /// Stop when ‖∇f‖∞ ≤ gradientTolerance.
    public var gradientTolerance: Double
    /// Stop when |f_k − f_{k+1}| ≤ functionTolerance · max(|f_k|, |f_{k+1}|, 1); 0 turns it off.
    public var functionTolerance: Double
    /// Sufficient decrease (Armijo): φ(α) ≤ φ(0) + c1·α·φ′(0).
    public var c1: Double
    /// Strong curvature: |φ′(α)| ≤ c2·|φ′(0)|.
    public var c2: Double
    /// Function evaluations allowed per line search.
    public var maxLineSearchEvaluations: Int

    public init(memory: Int = 10, maxIterations: Int = 500, gradientTolerance: Double = 1e-10,
                functionTolerance: Double = 0, c1: Double = 1e-4, c2: Double = 0.9, maxLineSearchEvaluations: Int = 30) {
        precondition(memory >= 1, "LBFGSOptions: memory = \(memory), expected ≥ 1")
        precondition(0 < c1 && c1 < c2 && c2 < 1, "LBFGSOptions: c1 = \(c1), c2 = \(c2), expected 0 < c1 < c2 < 1")
        precondition(maxLineSearchEvaluations >= 1,
                     "LBFGSOptions: maxLineSearchEvaluations = \(maxLineSearchEvaluations), expected ≥ 1")
        self.memory = memory
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.functionTolerance = functionTolerance
        self.c1 = c1
        self.c2 = c2
        self.maxLineSearchEvaluations = maxLineSearchEvaluations
    }
}

public enum LBFGSStatus: String, Sendable, Codable {
    case running, gradientTolerance, functionTolerance, maxIterations, lineSearchFailed
}

/// Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithms 7.4–7.5)
/// with a line search satisfying the strong Wolfe conditions (Algorithms 3.5–3.6: bracketing, then
/// zoom by safeguarded cubic interpolation).
///
/// The direction is d = −H∇f by the two-loop recursion with H₀ = γI, γ = sᵀy / yᵀy of the newest
/// pair, so the first trial step is α = 1 (on the first iteration, with no pairs: d = −∇f and
/// α = min(1, 1/‖∇f‖₂)).
///
/// Step by step: `step` runs one iteration and returns false once stopped (`status`). The whole
/// state is Codable: a decoded optimizer continues exactly as the original would have.
public struct LBFGS: Sendable, Codable {
    public let options: LBFGSOptions
    public private(set) var x: [Double]
    public private(set) var value: Double = .nan
    public private(set) var gradient: [Double] = []
    public private(set) var iteration: Int = 0
    public private(set) var evaluations: Int = 0
    public private(set) var status: LBFGSStatus = .running
    /// Correction pairs, oldest first: s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k.
    private var s: [[Double]] = []
    private var y: [[Double]] = []

    public init(initial x: [Double], options: LBFGSOptions = LBFGSOptions()) {
        precondition(!x.isEmpty, "LBFGS: no parameters")
        self.x = x
        self.options = options
    }

    /// Runs iterations until a stopping rule holds.
    public static func minimize(_ x0: [Double], options: LBFGSOptions = LBFGSOptions(),
                                objective: ([Double]) throws -> (value: Double, gradient: [Double])) rethrows -> LBFGS {
        var solver = LBFGS(initial: x0, options: options)
        while try solver.step(objective) {}
        return solver
    }

    /// One iteration: a search direction, a strong-Wolfe line search along it, the memory update.
    /// Returns false (and does nothing) once `status` is not `.running`.
    public mutating func step(_ objective: ([Double]) throws -> (value: Double, gradient: [Double])) rethrows -> Bool {
        guard status == .running else { return false }
        if evaluations == 0 {
            let (f, g) = try objective(x)
            evaluations += 1
            precondition(g.count == x.count, "LBFGS: the objective returned \(g.count) gradient components for \(x.count) parameters")
            value = f
            gradient = g
        }
        if maxNorm(gradient) <= options.gradientTolerance { status = .gradientTolerance; return false }
        if iteration >= options.maxIterations { status = .maxIterations; return false }

        var direction = searchDirection()
        var slope = dot(direction, gradient)
        if !(slope < 0) {                      // not a descent direction: forget the curvature pairs
            s.removeAll(); y.removeAll()
            direction = gradient.map { -$0 }
            slope = dot(direction, gradient)
        }
        let initialStep = s.isEmpty ? min(1, 1 / dot(gradient, gradient).squareRoot()) : 1

        guard let accepted = try lineSearch(objective, direction: direction, slope: slope, initialStep: initialStep) else {
            if s.isEmpty { status = .lineSearchFailed; return false }
            s.removeAll(); y.removeAll()       // retry from steepest descent on the next call
            return true
        }
        let sNew = zip(accepted.x, x).map { $0 - $1 }
        let yNew = zip(accepted.gradient, gradient).map { $0 - $1 }
        if dot(sNew, yNew) > 1e-12 * dot(yNew, yNew) {    // curvature condition (holds under strong Wolfe)
            s.append(sNew); y.append(yNew)
            if s.count > options.memory { s.removeFirst(); y.removeFirst() }
        }
        let previous = value
        x = accepted.x
        value = accepted.value
        gradient = accepted.gradient
        iteration += 1

        if maxNorm(gradient) <= options.gradientTolerance {
            status = .gradientTolerance
        } else if options.functionTolerance > 0,
                  abs(previous - value) <= options.functionTolerance * max(abs(previous), abs(value), 1) {
            status = .functionTolerance
        } else if iteration >= options.maxIterations {
            status = .maxIterations
        }
        return status == .running
    }

    /// d = −H∇f by the two-loop recursion.
    private func searchDirection() -> [Double] {
        var q = gradient
        guard let sLast = s.last, let yLast = y.last else { return q.map { -$0 } }
        var alpha = [Double](repeating: 0, count: s.count)
        let rho = zip(s, y).map { 1 / dot($0, $1) }
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[i] = rho[i] * dot(s[i], q)
            axpy(-alpha[i], y[i], &q)
        }
        let gamma = dot(sLast, yLast) / dot(yLast, yLast)
        for i in q.indices { q[i] *= gamma }
        for i in 0..<s.count {
            let beta = rho[i] * dot(y[i], q)
            axpy(alpha[i] - beta, s[i], &q)
        }
        return q.map { -$0 }
    }

    private struct Trial {
        var step: Double, x: [Double], value: Double, gradient: [Double], slope: Double
    }

    /// A step α along d with φ(α) ≤ φ(0) + c1 α φ′(0) and |φ′(α)| ≤ c2 |φ′(0)| (strong Wolfe), or, if
    /// the evaluation budget runs out first, the lowest trial with sufficient decrease; nil if none.
    ///
    /// Bracketing doubles α until φ rises, fails sufficient decrease or φ′ ≥ 0; zoom then shrinks the
    /// bracket [lo, hi] (lo: the best point with sufficient decrease) by the minimizer of the cubic
    /// through φ, φ′ at both ends, safeguarded to the middle 80% of the bracket (else bisection).
    private mutating func lineSearch(_ objective: ([Double]) throws -> (value: Double, gradient: [Double]),
                                     direction d: [Double], slope φ0Slope: Double,
                                     initialStep: Double) rethrows -> Trial? {
        let φ0 = value
        let origin = Trial(step: 0, x: x, value: φ0, gradient: gradient, slope: φ0Slope)
        func sufficientDecrease(_ t: Trial) -> Bool { t.value.isFinite && t.value <= φ0 + options.c1 * t.step * φ0Slope }
        func curvature(_ t: Trial) -> Bool { abs(t.slope) <= -options.c2 * φ0Slope }

        var zooming = false
        var previous = origin
        var lo = origin, hi = origin
        var best: Trial? = nil
        var α = initialStep
        for trialNumber in 1...options.maxLineSearchEvaluations {
            var point = x
            axpy(α, d, &point)
            let (f, g) = try objective(point)
            evaluations += 1
            let trial = Trial(step: α, x: point, value: f, gradient: g, slope: dot(g, d))
            if sufficientDecrease(trial) && trial.value < (best?.value ?? .infinity) { best = trial }

            if !zooming {
                if !sufficientDecrease(trial) || (trialNumber > 1 && trial.value >= previous.value) {
                    lo = previous; hi = trial; zooming = true
                } else if curvature(trial) {
                    return trial
                } else if trial.slope >= 0 {
                    lo = trial; hi = previous; zooming = true
                } else {
                    previous = trial
                    α *= 2
                    continue
                }
            } else {
                if !sufficientDecrease(trial) || trial.value >= lo.value {
                    hi = trial
                } else {
                    if curvature(trial) { return trial }
                    if trial.slope * (hi.step - lo.step) >= 0 { hi = lo }
                    lo = trial
                }
            }
            if abs(hi.step - lo.step) <= 1e-16 * max(abs(lo.step), abs(hi.step)) { break }
            α = Self.cubicMinimizer(lo, hi)
        }
        return best
    }

    /// The minimizer of the cubic interpolating φ and φ′ at a and b (N&W eq. 3.59), kept within the
    /// middle 80% of [a, b]; the midpoint if the cubic has no minimizer there or values are not finite.
    private static func cubicMinimizer(_ a: Trial, _ b: Trial) -> Double {
        let (low, high) = (min(a.step, b.step), max(a.step, b.step))
        let margin = 0.1 * (high - low)
        let midpoint = 0.5 * (low + high)
        guard a.value.isFinite, b.value.isFinite, a.slope.isFinite, b.slope.isFinite else { return midpoint }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return midpoint }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        guard candidate.isFinite, candidate >= low + margin, candidate <= high - margin else { return midpoint }
        return candidate
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

@inline(__always) func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += alpha * x[i] }
}

@inline(__always) func maxNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
