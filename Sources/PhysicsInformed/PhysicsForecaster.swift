import Foundation
import MigrationModel

/// How a fitted model is carried from a forecast origin s into the future (SPEC §12).
///
/// The equations of motion M q̈ + C q̇ + (L_K + D) q = F(t) are integrated from the observed state
/// at the origin, under the fitted force of the projected features plus a level term Eᵢ(s) that
/// only uses data up to the origin:
///
///     F(t) = F_fit(t) + E(s),
///     E(s) = ρ·r(s) + (1 − ρ)·mean_{k ≤ s} r(k),     r(k) = (L_K + D) q_obs(k) − F_fit(k)
///
/// r(k) is the force that would hold the observed state of period k in equilibrium beyond what the
/// features and fitted effects explain. ρ = 1 makes the origin's state the equilibrium (under
/// unchanged features the model then reproduces persistence, and only feature changes, coupling
/// and momentum move it); ρ = 0 pulls every settlement back to the equilibrium of its window-mean
/// residual. The initial velocity is ω·(q_s − q_{s−1})/Δt: ω = 0 starts at rest, ω = 1 with the
/// last observed change, which the damping c and the stiffness then bend (a damped trend).
/// λ ∈ [0, 1] weighs the response to the projected features' own changes after the origin: the
/// force of a forecast period is F_fit(s) + λ·(F_fit(t) − F_fit(s)) + E(s). With a lag of one
/// period and features held at their last values, F_fit(t) − F_fit(s) is the force of the features'
/// last observed change, which the state has not yet answered. A scenario's change of
/// the features, F(x′(t)) − F(x(t)), is added in full whatever λ: it is the question asked.
///
/// ρ and ω are chosen inside the training window (`select`), never on the held-out data, and λ is
/// estimated there from out-of-window errors. With ρ = 1, ω = 0, λ = 0 the forecast is the observed
/// state at the origin (persistence): the null model every other candidate must beat in the window.
public struct ForecastSettings: Sendable, Codable, Equatable, Hashable {
    /// ρ ∈ [0, 1]: weight of the origin's own state in the level term.
    public var anchoring: Double
    /// ω ∈ [0, 1]: weight of the last observed change in the initial velocity.
    public var velocityWeight: Double
    /// λ ∈ [0, 1]: weight of the feature changes after the origin.
    public var featureResponse: Double

    public init(anchoring: Double, velocityWeight: Double, featureResponse: Double = 1) {
        self.anchoring = anchoring; self.velocityWeight = velocityWeight; self.featureResponse = featureResponse
    }

    /// The null candidate: the observed state at the origin carried forward.
    public static let persistence = ForecastSettings(anchoring: 1, velocityWeight: 0, featureResponse: 0)

    /// The level candidates (ρ, ω) `select` compares, simplest first: ρ ∈ {1, ¾, ½, ¼, 0} within
    /// ω ∈ {0, ½, 1}, each with λ = 0 (`select` estimates λ for each); the first is `persistence`.
    public static let grid: [ForecastSettings] = [0.0, 0.5, 1.0].flatMap { omega in
        [1.0, 0.75, 0.5, 0.25, 0.0].map { ForecastSettings(anchoring: $0, velocityWeight: omega, featureResponse: 0) }
    }
}

/// Forecasts of a fitted model with a force of features (`FittedModel.isForecastable`).
///
/// Closed systems (internal migration of one country) keep Σᵢ wᵢ qᵢ = 0 in persons: every forecast
/// period is projected onto that plane by the change that minimizes Σᵢ wᵢ Δqᵢ² — the same rate
/// correction for every settlement, i.e. persons moved in proportion to population. The weights w
/// are the settlements' populations P adjusted by the least change that closes the observed state
/// at the origin, w = P − (P·q_s / q_s·q_s)·q_s: observed rates are closed under the populations of
/// their own period, which a settlements file (one population per settlement, usually the latest)
/// does not carry; without the adjustment a backtest origin years before that population would be
/// shifted by a spurious common rate. When the adjustment would make a weight zero or negative,
/// P itself is used.
public struct PhysicsForecaster: Sendable {
    public let fit: FittedModel
    public let model: LagrangianModel
    /// Populations Pᵢ of the closure Σ Pᵢ qᵢ = 0; nil for an open system.
    public let closurePopulations: [Double]?

    public init(fit: FittedModel, model: LagrangianModel, closurePopulations: [Double]?) throws {
        guard fit.isForecastable else {
            throw PhysicsInformedError.invalidData("the fitted force is a function of time only and cannot be carried beyond the data; "
                                                   + "fit with features (data.features in the model configuration)")
        }
        guard model.dimension == fit.ids.count else {
            throw PhysicsInformedError.invalidData("the model has \(model.dimension) settlements, the fit \(fit.ids.count)")
        }
        if let p = closurePopulations, p.count != fit.ids.count || !p.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw PhysicsInformedError.invalidData("a closed system needs a positive population for each of the \(fit.ids.count) settlements")
        }
        self.fit = fit; self.model = model; self.closurePopulations = closurePopulations
    }

    /// The closure weights w at an origin whose observed state is `state` (see the type's doc);
    /// nil for an open system.
    public func closureWeights(at state: [Double]) -> [Double]? {
        closurePopulations.map { ClosedSystem.weights(populations: $0, closing: state) }
    }

    /// A change of the projected raw features (a scenario): given the period the features belong to
    /// (decimal year) and the raw row the projection would use (n×d), the row to use instead.
    public typealias FeatureTransform = @Sendable (_ period: Double, _ row: [[Double]]) -> [[Double]]

    /// The fitted force of the period starting at t as seen from an origin at `originTime`: the
    /// features of period t − ℓ, or — after the origin, where they are not known — the origin's
    /// (persistence); `transform` (a scenario) then changes that row.
    func fittedForce(at t: Double, originTime: Double, transform: FeatureTransform?) -> [Double] {
        let features = fit.forceFeatures!
        let period = t - Double(features.lag) * features.periodLength
        let row = features.raw[features.rowIndex(at: min(period, originTime))]
        guard let transform else { return fit.force(inputs: features.standardized(row)) }
        return fit.force(rawFeatures: transform(period, row))
    }

    /// Point forecasts of periods s+1 … s+h from origin s of `history` (rows periods at `times`,
    /// equally spaced, columns settlements): rows are horizons 1…h.
    public func forecast(history: [[Double]], times: [Double], origin s: Int, horizon h: Int, settings: ForecastSettings,
                         transform: FeatureTransform? = nil) throws -> [[Double]] {
        let n = fit.ids.count
        guard s >= 1, s < history.count, s < times.count else {
            throw PhysicsInformedError.invalidData("forecast origin \(s) needs at least one earlier period in a history of \(history.count)")
        }
        guard h >= 1 else { throw PhysicsInformedError.invalidData("the horizon must be at least 1 period (got \(h))") }
        let dt = times[1] - times[0]
        let origin = times[s]
        // Level term E(s) from the observed states up to s.
        var current = [Double](repeating: 0, count: n), average = [Double](repeating: 0, count: n)
        var atOrigin = [Double](repeating: 0, count: n)     // F_fit(s), the last force of the loop
        for k in 0...s {
            let stiff = model.stiffnessTimes(history[k], at: history[k])
            let f = fittedForce(at: times[k], originTime: times[k], transform: nil)
            for i in 0..<n {
                let r = stiff[i] - f[i]
                average[i] += r / Double(s + 1)
                if k == s { current[i] = r }
            }
            if k == s { atOrigin = f }
        }
        let rho = settings.anchoring
        let level = (0..<n).map { rho * current[$0] + (1 - rho) * average[$0] }
        var q = history[s]
        var v = (0..<n).map { settings.velocityWeight * (history[s][$0] - history[s - 1][$0]) / dt }
        var out = [[Double]]()
        let weights = closureWeights(at: history[s])
        let lambda = settings.featureResponse
        for k in 0..<h {
            let start = origin + Double(k) * dt
            // λ weighs the projected features' own drift; a scenario's change of them acts in full.
            let f = fittedForce(at: start, originTime: origin, transform: nil)
            let changed = transform.map { fittedForce(at: start, originTime: origin, transform: $0) } ?? f
            let forcing = ConstantForcing((0..<n).map { atOrigin[$0] + lambda * (f[$0] - atOrigin[$0]) + (changed[$0] - f[$0]) + level[$0] })
            let period = SimulationSettings(start: start, end: start + dt, outputTimes: [start + dt], solver: .dp5,
                                            rtol: 1e-8, atol: 1e-10, step: dt / 20)
            let result = try Simulation.run(model: model, forcing: forcing, initialBalance: q, initialVelocity: v, settings: period)
            q = result.balances[0]; v = result.velocities[0]
            out.append(weights.map { ClosedSystem.project(q, populations: $0) } ?? q)
        }
        return out
    }

    /// Chooses ρ, ω and λ on pseudo-origins: each origin in `origins` has h observed periods after
    /// it in `history`, and errors are scaled by the settlement's in-sample one-step naive MAE σᵢ.
    ///
    /// **λ, estimated.** For a level candidate (ρ, ω) the forecast is affine in λ (the equations are
    /// linear, the closure a linear projection): f(λ) = f(0) + λ·d with d = f(1) − f(0), the response
    /// to the features' change after the origin. λ is the least-squares coefficient of the scaled
    /// errors e = (y − f(0))/σ on d/σ over every (origin, horizon, settlement),
    /// λ̂ = clamp(Σ d·e / Σ d², 0, 1): the fitted force's feature response is kept in the proportion
    /// in which it predicted out of its window, and dropped when it did not (λ̂ = 0).
    ///
    /// **ρ, ω, chosen.** Each candidate, with its λ̂, scores every (origin, settlement) unit by its
    /// mean absolute scaled error over the h periods. The one-standard-error rule (Breiman et al.
    /// 1984, §3.4.3) then takes the *first* candidate of the list — the simplest, ρ = 1, ω = 0 first —
    /// whose mean score is within one standard error (over units) of the best mean: a departure from
    /// the origin's level has to beat it clearly, not by noise.
    ///
    /// The pseudo-origins must lie after the data this forecaster's fit saw (`FitCase` fits a
    /// validation model on a shorter window for this): forecasts from inside the fitting window reuse
    /// dynamics fitted to the very periods they forecast and favour the wrong candidates.
    public func select(history: [[Double]], times: [Double], horizon h: Int, origins: [Int],
                       candidates: [ForecastSettings] = ForecastSettings.grid) throws -> (settings: ForecastSettings, score: Double) {
        let usable = origins.filter { $0 >= 1 && $0 + h < history.count }
        guard !usable.isEmpty, !candidates.isEmpty else {
            throw PhysicsInformedError.invalidData("no pseudo-origin with \(h) periods after it to choose the forecast settings on")
        }
        let n = fit.ids.count
        let scale = (0..<n).map { i -> Double in
            let s = FitMetrics.naiveScale(training: history.map { $0[i] })
            return s > 0 && s.isFinite ? s : 1
        }
        var chosenSettings = [ForecastSettings](), means = [Double](), errors = [Double]()
        for level in candidates {
            var c = level
            c.featureResponse = 0
            var withoutResponse = [[[Double]]](), fullResponse = [[[Double]]]()
            var de = 0.0, dd = 0.0
            for s in usable {
                let f0 = try forecast(history: history, times: times, origin: s, horizon: h, settings: c)
                var full = c
                full.featureResponse = 1
                let f1 = try forecast(history: history, times: times, origin: s, horizon: h, settings: full)
                for k in 0..<h {
                    for i in 0..<n {
                        let d = (f1[k][i] - f0[k][i]) / scale[i], e = (history[s + 1 + k][i] - f0[k][i]) / scale[i]
                        de += d * e; dd += d * d
                    }
                }
                withoutResponse.append(f0); fullResponse.append(f1)
            }
            c.featureResponse = dd > 0 && de.isFinite ? min(max(de / dd, 0), 1) : 0
            var units = [Double]()
            for (j, s) in usable.enumerated() {
                let f = c.featureResponse == 0 ? withoutResponse[j] : c.featureResponse == 1 ? fullResponse[j]
                    : try forecast(history: history, times: times, origin: s, horizon: h, settings: c)
                for i in 0..<n {
                    var total = 0.0
                    for k in 0..<h { total += abs(f[k][i] - history[s + 1 + k][i]) / scale[i] }
                    units.append(total / Double(h))
                }
            }
            let m = units.reduce(0, +) / Double(units.count)
            let variance = units.count > 1 ? units.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(units.count - 1) : 0
            chosenSettings.append(c); means.append(m); errors.append((variance / Double(units.count)).squareRoot())
        }
        let best = means.indices.min { means[$0] < means[$1] }!
        let threshold = means[best] + errors[best]
        let chosen = means.indices.first { means[$0] <= threshold }!
        return (chosenSettings[chosen], means[chosen])
    }
}
