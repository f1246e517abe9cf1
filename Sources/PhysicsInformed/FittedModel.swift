import Autodiff
import Foundation
import MigrationModel

/// A fitted physics-informed model (SPEC §4.6): what was fitted (settlements, fitting window, data
/// fingerprint), how (configuration), the result (physical parameters, network weights,
/// normalization) and how well (metrics). Saved as the JSON artifact `migsim-fit` v2; every Double
/// is written in its shortest round-trip form, so a loaded artifact predicts bit-for-bit the same.
///
/// The force is forecastable when `forceFeatures` is present: Fᵢ(t) = s_F·(g_φ(zᵢ(t)) + bᵢ), with
/// zᵢ(t) the settlement's standardized, lagged features (`ForceFeatures`) and bᵢ its effect. Without
/// features it is the diagnostic network of time F_φ(t), which a forecast cannot use.
public struct FittedModel: Sendable, Codable, Equatable {
    public var ids: [String]
    /// The fitting window's observation times (decimal years).
    public var times: [Double]
    /// The periods' labels as in the balance file (`2012`, `2012-Q3`) and their length in years.
    public var periodLabels: [String]
    public var periodLength: Double
    public var configuration: PINNConfiguration
    /// Physical parameters after the fit (learned ones replaced).
    public var parameters: ModelParameters
    public var normalization: Normalization
    public var solutionNetwork: MLP
    public var solutionWeights: [Double]
    public var forceNetwork: MLP
    public var forceWeights: [Double]
    /// The force's feature inputs (nil: the time-only diagnostic force).
    public var forceFeatures: ForceFeatures?
    /// bᵢ in units of s_F (empty for the time-only force).
    public var settlementEffects: [Double]
    /// ρ, ω, λ of `PhysicsForecaster`, chosen when the model was fitted (on a validation fit's
    /// out-of-window pseudo-origins); nil for the time-only force or a fit too short to validate.
    public var forecastSettings: ForecastSettings?
    /// SHA-256 of the input files, by role (settlements, balance, configuration).
    public var fingerprint: [String: String]
    public var training: TrainingSummary
    public var metrics: FitReport?
    /// Where the age term's structure came from (nil in artifacts written before it was recorded).
    public var ageTerm: AgeTermSource?

    public struct TrainingSummary: Sendable, Codable, Equatable {
        public var adamIterations: Int
        public var lbfgsIterations: Int
        public var lbfgsStatus: String
        public var finalLoss: PINNLoss.Terms
        public var history: [TrainingState.LossRecord]
    }

    public init(loss: PINNLoss, state: TrainingState, fingerprint: [String: String]) {
        let theta = state.theta
        let pu = loss.solutionNetwork.parameterCount, pf = loss.forceNetwork.parameterCount
        ids = loss.problem.ids
        times = loss.problem.times
        periodLabels = times.map { String(format: "%.4f", $0) }
        periodLength = times.count > 1 ? times[1] - times[0] : 1
        configuration = loss.configuration
        parameters = loss.physicalParameters(theta)
        normalization = loss.normalization
        solutionNetwork = loss.solutionNetwork
        solutionWeights = Array(theta[0..<pu])
        forceNetwork = loss.forceNetwork
        forceWeights = Array(theta[pu..<(pu + pf)])
        forceFeatures = loss.problem.forceFeatures
        settlementEffects = Array(theta[loss.effectOffset..<loss.physicalOffset])
        forecastSettings = nil
        self.fingerprint = fingerprint
        training = TrainingSummary(adamIterations: state.adamIterations, lbfgsIterations: state.lbfgsIterations,
                                   lbfgsStatus: state.lbfgs?.status.rawValue ?? "not run",
                                   finalLoss: loss.terms(theta), history: state.history)
        metrics = nil
        ageTerm = nil
    }

    /// u_θ(t) for each time: rows are times, columns settlements (physical units).
    public func solution(at t: [Double]) -> [[Double]] {
        let v = solutionNetwork.evaluate(Tensor.column(t.map(normalization.tau)), parameters: solutionWeights)
        let n = ids.count
        return (0..<t.count).map { k in (0..<n).map { i in normalization.means[i] + normalization.scale * v.values[k * n + i] } }
    }

    /// (u, u̇) at one time (physical units, per year): the state the integration starts from.
    public func state(at t: Double) -> (balance: [Double], velocity: [Double]) {
        let jet = solutionNetwork.evaluateWithTimeDerivatives(Tensor.column([normalization.tau(t)]), parameters: solutionWeights)
        let n = ids.count, s = normalization.scale
        return ((0..<n).map { normalization.means[$0] + s * jet.value.values[$0] },
                (0..<n).map { s / normalization.timeScale * jet.first.values[$0] })
    }

    /// (u, u̇, ü) at one time (physical units, per year and per year²).
    public func jet(at t: Double) -> (balance: [Double], velocity: [Double], acceleration: [Double]) {
        let jet = solutionNetwork.evaluateWithTimeDerivatives(Tensor.column([normalization.tau(t)]), parameters: solutionWeights)
        let n = ids.count, s = normalization.scale, T = normalization.timeScale
        return ((0..<n).map { normalization.means[$0] + s * jet.value.values[$0] },
                (0..<n).map { s / T * jet.first.values[$0] },
                (0..<n).map { s / (T * T) * jet.second.values[$0] })
    }

    /// Whether the force can be carried beyond the data (a function of features, not of time).
    public var isForecastable: Bool { forceFeatures != nil }

    /// F(t) for each time: rows are times, columns settlements. With features, the inputs of each
    /// time come from the stored raw panel (held at its last row beyond it: persistence).
    public func force(at t: [Double]) -> [[Double]] {
        if let features = forceFeatures { return t.map { force(inputs: features.inputs(at: $0)) } }
        let v = forceNetwork.evaluate(Tensor.column(t.map(normalization.tau)), parameters: forceWeights)
        let n = ids.count
        return (0..<t.count).map { k in (0..<n).map { i in normalization.forceScale * v.values[k * n + i] } }
    }

    /// Fᵢ = s_F·(g_φ(zᵢ) + bᵢ) for standardized inputs z (n×d); only for a forecastable force.
    public func force(inputs z: [[Double]]) -> [Double] {
        precondition(forceFeatures != nil, "force(inputs:) needs a force of features")
        let d = z.first?.count ?? 0
        let g = forceNetwork.evaluate(Tensor(rows: z.count, cols: d, values: z.flatMap { $0 }), parameters: forceWeights)
        return (0..<z.count).map { normalization.forceScale * (g.values[$0] + settlementEffects[$0]) }
    }

    /// The force of raw feature rows (n×d, as in the features file): transformed with the fit's
    /// national-mean ratios and standardization. Scenarios use it to turn changed features into force.
    public func force(rawFeatures row: [[Double]]) -> [Double] {
        force(inputs: forceFeatures!.standardized(row))
    }

    /// The mean force over each period [s, s + length) (midpoint rule on `subintervals` points):
    /// rows are periods, columns settlements. This is the explanation target of SPEC §5.
    public func meanForce(periodStarts: [Double], length: Double, subintervals: Int = 24) -> [[Double]] {
        let n = ids.count
        return periodStarts.map { start in
            let grid = (0..<subintervals).map { start + length * (Double($0) + 0.5) / Double(subintervals) }
            var mean = [Double](repeating: 0, count: n)
            for row in force(at: grid) { for i in 0..<n { mean[i] += row[i] / Double(subintervals) } }
            return mean
        }
    }

    /// The mean force in each fitted period (rows periods, columns settlements).
    public func periodForces() -> [[Double]] { meanForce(periodStarts: times, length: periodLength) }

    /// The last time of the fitting window; beyond it the force is held at F_φ(t_end).
    public var fittingEnd: Double { times[times.count - 1] }

    /// The learned force as a `Forcing` for the integrators: F_φ(t) inside the fitting window,
    /// held constant at its end value beyond it (a forecast assumption, documented in reports).
    public func forcing() -> ClosureForcing {
        let model = self
        let end = fittingEnd, start = times[0]
        return ClosureForcing(dimension: ids.count) { t, out in
            let f = model.force(at: [min(max(t, start), end)])[0]
            for i in f.indices { out[i] = f[i] }
        }
    }
}
