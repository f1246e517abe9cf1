import Foundation
import LinearAlgebra

/// The 95% interval and the flags of one identified parameter.
public struct ParameterInterval: Sendable, Codable, Equatable {
    public var parameter: String
    public var value: Double
    /// Interval bounds in the parameter's units (the whole search range when not identified).
    public var lower: Double
    public var upper: Double
    /// Standard error on the search coordinate (ln θ on a log scale, θ on a linear one); nil when
    /// the data do not determine the parameter.
    public var standardError: Double?
    public var scale: SearchScale
    /// Whether the simulated balances depend on the parameter at all (rank of the Jacobian).
    public var identified: Bool
    /// Within 1% of the search range (on its scale: of ln upper − ln lower on a log scale) of a bound.
    public var atLowerBound: Bool
    public var atUpperBound: Bool
    /// upper / lower > 10: the data pin the parameter down to no better than an order of magnitude.
    public var spansMoreThanADecade: Bool
}

/// Confidence intervals of identified parameters (SPEC §7, identification; issue 15 item 5).
///
/// Method — Wald intervals from the Gauss–Newton Hessian at the optimum, not a profile of U: with
/// the residuals e(y) = s(y) − o over all N settlement-times and y the search coordinates
/// (ln θ on a log scale), Theil's U is minimized where Σe² is (U is that RMSE over the fixed-scale
/// denominator near the optimum), and
///   J = ∂s/∂y (central differences, one-sided at a bound),  σ̂² = Σe² / (N − k),
///   Cov(y) = σ̂² (JᵀJ)⁻¹,  y ± t_{0.975, N−k}·se,  θ = exp(y) on a log scale.
/// A parameter whose Jacobian column is (numerically) dependent on the others — the balances do
/// not change with it — is reported as not identified, its interval the whole search range. The
/// intervals are asymptotic: they assume independent errors of equal variance.
public struct ParameterUncertainty: Sendable, Codable, Equatable {
    public var method: String
    public var level: Double
    public var observations: Int
    public var residualSumOfSquares: Double
    public var intervals: [ParameterInterval]
    /// One sentence per flagged parameter (at a bound, not identified, wider than a decade).
    public var warnings: [String]

    public static let methodDescription = "Wald 95% interval from the Gauss–Newton Hessian of Σ(s − o)² at the optimum (search scale)"

    /// Intervals at box point `y` (usually the identified optimum); 2k + 1 simulations.
    public static func estimate(_ objective: TheilObjective, at y: [Double]) -> ParameterUncertainty {
        let space = objective.space
        let k = space.dimension
        let observed = objective.data.observed.flatMap { $0 }
        let n = observed.count
        let (jacobian, simulated) = jacobianAndSimulation(objective, at: y)
        var ssr = 0.0
        if let simulated { for i in 0..<n { ssr += (simulated[i] - observed[i]) * (simulated[i] - observed[i]) } } else { ssr = .nan }
        let df = n - k
        let sigma2 = df > 0 ? ssr / Double(df) : .nan
        let t = df > 0 ? StudentT(degreesOfFreedom: Double(df)).quantile(0.975) : .nan

        // Rank decision on unit-length columns; Cov = σ̂²(JᵀJ)⁻¹ over the identified ones.
        var se = [Double?](repeating: nil, count: k)
        if let jacobian { se = GaussNewtonCovariance.standardErrors(jacobian: jacobian, residualVariance: sigma2) }
        let identified = se.map { $0 != nil }

        var intervals: [ParameterInterval] = [], warnings: [String] = []
        for (j, range) in space.ranges.enumerated() {
            let value = range.value(y[j])
            let lo = range.coordinate(range.lower), hi = range.coordinate(range.upper)
            let tolerance = 0.01 * (hi - lo)
            let atLower = y[j] - lo <= tolerance, atUpper = hi - y[j] <= tolerance
            var lower = range.lower, upper = range.upper
            if identified[j], let s = se[j], s.isFinite {
                let a = y[j] - t * s, b = y[j] + t * s
                lower = range.scale == .log ? exp(a) : a
                upper = range.scale == .log ? exp(b) : b
            }
            let decade = lower > 0 ? upper / lower > 10 : false
            let name = range.parameter.rawValue
            if atLower || atUpper {
                warnings.append(String(format: "%@ = %.4g lies within 1%% of its %@ bound %.4g (%@ scale): the optimum is at the edge of the search range, not inside it",
                                       name, value, atLower ? "lower" : "upper", atLower ? range.lower : range.upper, range.scale.rawValue))
            }
            if !identified[j] {
                warnings.append("\(name) is not identified: the simulated balances do not change with it (dependent Jacobian column)")
            } else if decade {
                warnings.append(String(format: "%@: the 95%% interval [%.4g, %.4g] spans more than a decade", name, lower, upper))
            }
            intervals.append(ParameterInterval(parameter: name, value: value, lower: lower, upper: upper, standardError: identified[j] ? se[j] : nil,
                                               scale: range.scale, identified: identified[j], atLowerBound: atLower, atUpperBound: atUpper,
                                               spansMoreThanADecade: decade))
        }
        return ParameterUncertainty(method: methodDescription, level: 0.95, observations: n, residualSumOfSquares: ssr,
                                    intervals: intervals, warnings: warnings)
    }

    /// Gauss–Newton steps (Levenberg–Marquardt damped, kept inside the box) from `y`: a local
    /// least-squares optimum of Σ(s − o)² for a start near it. 2k + 1 simulations per step.
    public static func refine(_ objective: TheilObjective, from start: [Double], steps: Int = 6) -> [Double] {
        let space = objective.space
        let observed = objective.data.observed.flatMap { $0 }
        var y = start
        var mu = 1e-3
        func ssr(_ p: [Double]) -> Double {
            guard let s = objective.evaluate(space.parameters(at: p, base: objective.data.base)).simulated?.flatMap({ $0 }) else { return .infinity }
            return zip(s, observed).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        var current = ssr(y)
        for _ in 0..<steps {
            let (jac, sim) = jacobianAndSimulation(objective, at: y)
            guard let jac, let sim else { break }
            let k = y.count
            let e = zip(observed, sim).map { $0 - $1 }
            let jtj = jac.transposed * jac
            let jte = jac.transposed * e
            var accepted = false
            for _ in 0..<8 {
                var a = jtj
                for d in 0..<k { a[d, d] += mu * max(jtj[d, d], 1e-300) }
                guard let step = try? LAPACK.solve(a, Matrix(rows: k, columns: 1, storage: jte)).storage else { break }
                let candidate = (0..<k).map { min(max(y[$0] + step[$0], space.lowerBounds[$0]), space.upperBounds[$0]) }
                let value = ssr(candidate)
                if value < current { y = candidate; current = value; mu = max(mu / 10, 1e-9); accepted = true; break }
                mu *= 10
            }
            if !accepted { break }
        }
        return y
    }

    /// J = ∂s/∂y by central differences (h = 10⁻³ on a log scale, 10⁻³·max(1, |y|) on a linear one;
    /// one-sided at a bound) and s(y); nil when a simulation fails.
    static func jacobianAndSimulation(_ objective: TheilObjective, at y: [Double]) -> (Matrix?, [Double]?) {
        let space = objective.space
        func simulate(_ p: [Double]) -> [Double]? {
            objective.evaluate(space.parameters(at: p, base: objective.data.base)).simulated?.flatMap { $0 }
        }
        guard let center = simulate(y) else { return (nil, nil) }
        let n = center.count, k = y.count
        var jac = Matrix(rows: n, columns: k)
        for j in 0..<k {
            let h = space.ranges[j].scale == .log ? 1e-3 : 1e-3 * max(1, abs(y[j]))
            var plus = y, minus = y
            let canUp = y[j] + h <= space.upperBounds[j], canDown = y[j] - h >= space.lowerBounds[j]
            if canUp { plus[j] += h }
            if canDown { minus[j] -= h }
            guard let sp = canUp ? simulate(plus) : center, let sm = canDown ? simulate(minus) : center else { return (nil, center) }
            let width = (canUp ? h : 0) + (canDown ? h : 0)
            guard width > 0 else { continue }
            for i in 0..<n { jac[i, j] = (sp[i] - sm[i]) / width }
        }
        return (jac, center)
    }
}
