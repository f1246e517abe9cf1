import Foundation
import LinearAlgebra
import MigrationModel

/// One physical parameter of a fit: its value, bounds, 95% interval and flags.
public struct FitParameterInterval: Sendable, Codable, Equatable {
    public var parameter: PhysicalParameter
    public var value: Double
    public var learned: Bool
    /// The fit's bounds (for a fixed parameter, its plausible range, for reference).
    public var bounds: PlausibleRange
    /// The 95% interval in the parameter's units; nil when the parameter is fixed or not identified,
    /// or when the interval reaches 0 or ∞ (then `spansMoreThanADecade` is set).
    public var lower: Double?
    public var upper: Double?
    /// Standard error of ln θ; nil when fixed or not identified.
    public var standardError: Double?
    /// Whether the physics residual changes with the parameter in a direction the other learned
    /// quantities cannot reproduce (rank of the Jacobian). True for a fixed parameter.
    public var identified: Bool
    /// Within 1% of the bounds' width, on ln θ, of the lower or upper bound (learned parameters only).
    public var atLowerBound: Bool
    public var atUpperBound: Bool
    /// upper / lower > 10: known to no better than an order of magnitude.
    public var spansMoreThanADecade: Bool
}

/// Confidence intervals and bound flags of a fit's physical parameters (SPEC §4.3; issue 15 item 5).
///
/// Method — Wald intervals from the Gauss–Newton Hessian of the physics residual at the fitted
/// optimum, conditional on the fitted solution u(t): the physical parameters enter the PINN loss
/// only through R = m ü + c u̇ + (L_K + D) u − F, so with u held at its fit
///
///     r(y) = R/s_F at the N collocation times × n settlements,  y = (ln θ_learned, φ, b),
///     J = ∂r/∂y (central differences in ln θ and φ; ∂r/∂bᵢ = −1 on settlement i's entries),
///     Cov(y) = σ̂² (JᵀJ)⁻¹,  σ̂² = Σr² / ν,  ν = n·K − dim y,
///
/// with φ the force network's weights and K the number of observed periods. The settlement effects
/// b are profiled out exactly: projecting on their columns subtracts each settlement's mean over
/// time from every other column (the within transformation). The residual is counted as n·K
/// observations, not n·N: the collocation points interpolate between the K observation times and
/// carry no further independent information. What the intervals leave out: the uncertainty of u
/// itself (the data fit), and the correlation of the residual over time.
public struct FitParameterUncertainty: Sendable, Codable, Equatable {
    public var method: String
    public var level: Double
    /// n·K, the observations the residual variance is counted over.
    public var observations: Int
    public var degreesOfFreedom: Int
    public var residualSumOfSquares: Double
    /// Every physical parameter, learned or fixed, in `PhysicalParameter.allCases` order.
    public var intervals: [FitParameterInterval]
    /// One sentence per flagged parameter (at a bound, not identified, wider than a decade).
    public var warnings: [String]

    public static let methodDescription = "Wald 95% interval from the Gauss–Newton Hessian of the physics residual at the fitted optimum "
        + "(ln θ scale; conditional on the fitted solution u(t), force weights and settlement effects profiled out)"

    /// Intervals of `fitted` (trained with `loss`): 2·(learned + force weights) + 1 residual
    /// evaluations. Nil when `fitted` does not have the loss's layout (another configuration).
    public static func estimate(loss: PINNLoss, fitted: FittedModel) -> FitParameterUncertainty? {
        guard fitted.configuration == loss.configuration, fitted.ids == loss.problem.ids, fitted.times == loss.problem.times,
              fitted.solutionWeights.count == loss.solutionNetwork.parameterCount, fitted.forceWeights.count == loss.forceNetwork.parameterCount,
              fitted.settlementEffects.count == loss.effectCount else { return nil }
        let n = loss.problem.count, K = loss.problem.times.count
        let nc = loss.collocationTimes.count
        let learned = PhysicalParameter.allCases.enumerated().filter { loss.configuration.learned.contains($0.element) }
        var theta = fitted.solutionWeights + fitted.forceWeights + fitted.settlementEffects
        theta += PhysicalParameter.allCases.map { Foundation.log(max($0.value(in: fitted.parameters), .leastNormalMagnitude)) }

        // Columns: ln θ of each learned parameter, then the force network's weights.
        let forceOffset = loss.solutionNetwork.parameterCount, pf = loss.forceNetwork.parameterCount
        let columns: [Int] = learned.map { loss.physicalOffset + $0.offset } + (forceOffset..<(forceOffset + pf)).map { $0 }
        let residual = loss.physicsResidual(theta)
        let rows = residual.count
        var jacobian = Matrix(rows: rows, columns: columns.count)
        for (j, index) in columns.enumerated() {
            let h = 1e-4 * max(1, abs(theta[index]))
            var plus = theta, minus = theta
            plus[index] += h; minus[index] -= h
            let rp = loss.physicsResidual(plus), rm = loss.physicsResidual(minus)
            for i in 0..<rows { jacobian[i, j] = (rp[i] - rm[i]) / (2 * h) }
        }
        let effects = loss.effectCount
        var r = residual
        if effects > 0 {
            // Profile the settlement effects out: subtract each settlement's mean over the collocation times.
            func within(_ value: (Int) -> Double, _ set: (Int, Double) -> Void) {
                for i in 0..<n {
                    var mean = 0.0
                    for c in 0..<nc { mean += value(c * n + i) }
                    mean /= Double(nc)
                    for c in 0..<nc { set(c * n + i, value(c * n + i) - mean) }
                }
            }
            for j in 0..<columns.count {
                var before = 0.0, after = 0.0
                for i in 0..<rows { before += jacobian[i, j] * jacobian[i, j] }
                within({ jacobian[$0, j] }, { jacobian[$0, j] = $1 })
                for i in 0..<rows { after += jacobian[i, j] * jacobian[i, j] }
                // A column the effects take up whole (the force's intercept) leaves only
                // finite-difference noise: zero it, or the rank decision would see that noise.
                if after <= 1e-16 * before { for i in 0..<rows { jacobian[i, j] = 0 } }
            }
            within({ r[$0] }, { r[$0] = $1 })
        }
        let ssr = r.reduce(0) { $0 + $1 * $1 }
        let observations = n * K
        let df = observations - columns.count - effects
        let variance = df > 0 ? ssr / Double(df) : .nan
        let t = df > 0 ? StudentT(degreesOfFreedom: Double(df)).quantile(0.975) : .nan
        let se = GaussNewtonCovariance.standardErrors(jacobian: jacobian, residualVariance: variance)

        var intervals: [FitParameterInterval] = [], warnings: [String] = []
        for (k, q) in PhysicalParameter.allCases.enumerated() {
            let value = q.value(in: fitted.parameters)
            let bounds = loss.configuration.bounds(of: q)
            guard let column = learned.firstIndex(where: { $0.offset == k }) else {
                intervals.append(FitParameterInterval(parameter: q, value: value, learned: false, bounds: bounds, lower: nil, upper: nil,
                                                      standardError: nil, identified: true, atLowerBound: false, atUpperBound: false,
                                                      spansMoreThanADecade: false))
                continue
            }
            let near = bounds.nearLogBounds(value)
            var lower: Double?, upper: Double?
            let identified = se[column] != nil
            var unbounded = false
            if let s = se[column], s.isFinite, t.isFinite {
                let a = exp(log(value) - t * s), b = exp(log(value) + t * s)
                if a > 0 && b.isFinite { lower = a; upper = b } else { unbounded = true }
            }
            let decade = unbounded || (lower.flatMap { l in upper.map { $0 / l > 10 } } ?? false)
            let name = q.rawValue
            if near.lower || near.upper {
                warnings.append(String(format: "%@ = %.4g lies within 1%% of its %@ bound %.4g %@ (log scale): the fit pressed against "
                                       + "the bound; widen fit.bounds.%@ if a value beyond it is plausible",
                                       name, value, near.lower ? "lower" : "upper", near.lower ? bounds.lower : bounds.upper, bounds.unit, name))
            }
            if !identified {
                warnings.append("\(name) is not identified: the physics residual does not change with it in a direction the force and the other "
                                + "parameters cannot take up (dependent Jacobian column)")
            } else if unbounded {
                warnings.append("\(name): the 95% interval reaches 0 or infinity on the log scale: the residual hardly changes with it")
            } else if decade, let lower, let upper {
                warnings.append(String(format: "%@: the 95%% interval [%.4g, %.4g] %@ spans more than a decade", name, lower, upper, bounds.unit))
            }
            intervals.append(FitParameterInterval(parameter: q, value: value, learned: true, bounds: bounds, lower: lower, upper: upper,
                                                  standardError: identified ? se[column] : nil, identified: identified,
                                                  atLowerBound: near.lower, atUpperBound: near.upper, spansMoreThanADecade: decade))
        }
        return FitParameterUncertainty(method: methodDescription, level: 0.95, observations: observations, degreesOfFreedom: df,
                                       residualSumOfSquares: ssr, intervals: intervals, warnings: warnings)
    }
}
