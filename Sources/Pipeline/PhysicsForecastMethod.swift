import Forecasting
import Foundation
import MigrationModel
import PhysicsInformed

/// migsim's own forecasting method for rolling-origin evaluation (SPEC §12): at each origin the
/// physics-informed fit of the case on the data up to it (the configuration's settings, nothing
/// tuned per origin), then `PhysicsForecaster` with its ρ, ω, λ chosen by the validation fit
/// (`FitCase.chooseForecastSettings`).
public struct PhysicsForecastMethod: ForecastMethod {
    public let files: FitCase.Files
    public let variant: ModelVariant
    /// Start times of the panel's periods (the full panel the history is a prefix of).
    public let periodTimes: [Double]
    public let periodLength: Double
    /// Training overrides of the configuration (an ensemble member's seed).
    public var overrides = FitOverrides()

    public init(files: FitCase.Files, variant: ModelVariant, periodTimes: [Double], periodLength: Double) {
        self.files = files; self.variant = variant; self.periodTimes = periodTimes; self.periodLength = periodLength
    }

    public var name: String { variant.methodName }

    public func fit(history: [[Double]]) throws -> any FittedForecaster { try fitPhysics(history: history) }

    /// `fit` with its concrete result (the chosen settings are visible).
    public func fitPhysics(history: [[Double]]) throws -> PhysicsFitted {
        let end = periodTimes[history.count - 1] + periodLength
        let c = try FitCase.load(files, holdout: 0, windowEnd: end, variant: variant) { overrides.apply(&$0) }
        guard c.data.training == history else {
            throw PipelineError("internal: the case's window up to \(end) does not match the backtest panel")
        }
        var fitted = try c.train(loss: c.loss())
        let chosen = try c.chooseForecastSettings(for: fitted)
        fitted.forecastSettings = chosen?.settings ?? .persistence
        return try PhysicsFitted(fit: fitted, fitCase: c, score: chosen?.score ?? .nan)
    }
}

/// A fitted physics model as a `FittedForecaster`: forecasts from any origin of its window.
public struct PhysicsFitted: FittedForecaster, Sendable {
    public let forecaster: PhysicsForecaster
    public let history: [[Double]]
    public let times: [Double]
    public let settings: ForecastSettings
    public let selectionScore: Double

    /// A fit of the case's own window (a backtest origin): history and similarity are that window.
    public init(fit: FittedModel, fitCase c: FitCase, score: Double = .nan) throws {
        let n = c.settlements.count
        let series: [[Double?]] = (0..<n).map { i in c.data.training.map { Optional($0[i]) } }
        try self.init(fit: fit, history: c.data.training, times: c.data.trainingTimes, settlements: c.settlements, ages: c.ages,
                      similaritySeries: series, closurePopulations: c.closurePopulations, score: score)
    }

    /// A fit carried to a later origin: `history` holds the observations up to the origin (they may
    /// extend beyond the fitting window), `similaritySeries` the fitting window's series (the model
    /// as fitted). The forecast settings are the fit's own (`FittedModel.forecastSettings`, chosen
    /// when it was fitted), persistence when it has none.
    public init(fit: FittedModel, history: [[Double]], times: [Double], settlements: [Settlement], ages: AgeStructure?,
                similaritySeries: [[Double?]], closurePopulations: [Double]?, score: Double = .nan) throws {
        let assembled = try ModelAssembly.build(settlements: settlements, ages: ages, similaritySeries: similaritySeries,
                                                parameters: fit.parameters)
        forecaster = try PhysicsForecaster(fit: fit, model: assembled.model, closurePopulations: closurePopulations)
        self.history = history
        self.times = times
        settings = fit.forecastSettings ?? .persistence
        selectionScore = score
    }

    public func forecast(origin s: Int, horizon: Int) throws -> [[Double]] {
        try forecaster.forecast(history: history, times: times, origin: s, horizon: horizon, settings: settings)
    }
}

/// Several fitted physics models as one forecaster: the equally weighted average of their forecasts,
/// added in member order (a forecast ensemble, `ForecastEnsemble`).
public struct PhysicsEnsembleFitted: FittedForecaster, Sendable {
    public let members: [PhysicsFitted]

    public init(members: [PhysicsFitted]) throws {
        guard !members.isEmpty else { throw PipelineError("internal: an ensemble without members") }
        self.members = members
    }

    public func forecast(origin s: Int, horizon: Int) throws -> [[Double]] {
        var sum = try members[0].forecast(origin: s, horizon: horizon)
        for m in members.dropFirst() {
            let f = try m.forecast(origin: s, horizon: horizon)
            for k in sum.indices { for i in sum[k].indices { sum[k][i] += f[k][i] } }
        }
        let count = Double(members.count)
        return sum.map { $0.map { $0 / count } }
    }
}

/// The backtest's ensemble method (`migsim-ensemble`): at each origin, `members` fits of the full
/// model with the fit seeds s₀ + k (s₀ the override's seed, else the configuration's `fit.seed`,
/// `configurationSeed`), each with its own validation fit, forecasting their average.
public struct PhysicsEnsembleMethod: ForecastMethod {
    public let base: PhysicsForecastMethod
    public let members: Int
    /// The case's `fit.seed` (the caller has loaded the case already: the method does not read it again
    /// at every origin).
    public let configurationSeed: UInt64

    public init(base: PhysicsForecastMethod, members: Int, configurationSeed: UInt64) {
        self.base = base; self.members = members; self.configurationSeed = configurationSeed
    }

    public var name: String { "migsim-ensemble" }

    public func fit(history: [[Double]]) throws -> any FittedForecaster {
        let first = base.overrides.seed ?? configurationSeed
        return try PhysicsEnsembleFitted(members: (0..<members).map { k in
            var method = base
            method.overrides.seed = first &+ UInt64(k)
            return try method.fitPhysics(history: history)
        })
    }
}
