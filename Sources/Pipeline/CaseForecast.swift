import DataIO
import Forecasting
import Foundation
import MigrationModel
import PhysicsInformed

/// A forecast of a case beyond its data (SPEC §12): point forecasts, prediction intervals and
/// persons, for each settlement and forecast period.
public struct ForecastRun: Sendable {
    public var ids: [String]
    public var originLabel: String
    /// Forecast periods: labels and start times.
    public var periodLabels: [String]
    public var times: [Double]
    /// mean[k][i] per 1,000 inhabitants per year; lower/upper by level.
    public var mean: [[Double]]
    public var lower: [Double: [[Double]]]
    public var upper: [Double: [[Double]]]
    /// Net migration in persons over each period (rate × population / 1000 × period length).
    public var persons: [[Double]]
    public var settings: ForecastSettings
    public var calibrationErrors: Int
}

/// Forecasts with a fitted artifact from the latest observed period, with conformal intervals.
public enum CaseForecast {
    /// The history up to `origin` (default: the last period of the balance file inside the
    /// simulation range) and the fit with its feature panel extended to the origin — the features
    /// observed after the fitting window and up to the origin are known at the origin; later ones are
    /// held at their last values (persistence) or changed by `transform` (a scenario).
    public static func prepare(fitted: FittedModel, files: FitCase.Files, origin: String?) throws
        -> (fit: FittedModel, history: FitCase, origin: Int, forecaster: PhysicsFitted) {
        guard let features = fitted.forceFeatures else {
            throw PipelineError("the fitted force is a function of time only (fitted without features) and cannot be carried beyond "
                                + "the data; fit again with data.features in the model configuration")
        }
        let whole = try FitCase.load(files, holdout: 0)
        let labels = whole.data.trainingPeriods.map(\.label)
        var end = whole.data.trainingTimes.last! + whole.data.trainingPeriods[0].length
        if let origin {
            guard let s = labels.firstIndex(of: origin) else {
                throw PipelineError("--origin: \(origin) is not a period of \(whole.balance.file) inside the simulation range "
                                    + "(\(labels.first!)–\(labels.last!))")
            }
            end = whole.data.trainingTimes[s] + whole.data.trainingPeriods[0].length
        }
        // The model as fitted: the age structure of the fitting window's end (`data.ages`), not the origin's.
        let c = try FitCase.load(files, holdout: 0, windowEnd: end, ageTime: fitted.fittingEnd)
        guard c.data.ids == fitted.ids else {
            throw PipelineError("the settlements of \(c.balance.file) (\(c.data.ids.prefix(4).joined(separator: ", "))…) differ from "
                                + "the fitted model's; expected the settlements the model was fitted to")
        }
        guard c.data.trainingTimes.last! >= fitted.fittingEnd - 1e-9 else {
            throw PipelineError("--origin: the forecast origin \(c.data.trainingPeriods.last!.label) is inside the fitting window, which "
                                + "ends at \(fitted.periodLabels.last ?? "?"); forecast from its end or later")
        }
        guard let table = c.featureTable else {
            throw PipelineError("the fitted force needs its features: give --features or data.features in \(c.configurationFile)")
        }
        let extended = try CaseFeatures.make(table: table, settlements: c.settlements, names: features.names, lag: features.lag,
                                             windowTimes: c.data.trainingTimes, windowEnd: end)
        var fit = fitted
        fit.forceFeatures = features.replacingRaw(times: extended.forceFeatures.times, raw: extended.forceFeatures.raw)
        // The model exactly as fitted: similarity over the fitting window's observations.
        let m = fitted.times.count
        let window = Array(c.data.training.prefix(m))
        let series: [[Double?]] = (0..<fitted.ids.count).map { i in window.map { Optional($0[i]) } }
        let forecaster = try PhysicsFitted(fit: fit, history: c.data.training, times: c.data.trainingTimes,
                                           settlements: c.settlements, ages: c.ages, similaritySeries: series,
                                           closurePopulations: c.closurePopulations)
        return (fit, c, c.data.training.count - 1, forecaster)
    }

    /// The forecast of `horizon` periods after the origin with intervals at `calibration.levels`;
    /// `transform` changes the projected features (a scenario), the intervals keep the baseline's
    /// calibrated error quantiles.
    public static func run(_ f: PhysicsFitted, history c: FitCase, horizon: Int, calibration: IntervalCalibration,
                           transform: PhysicsForecaster.FeatureTransform? = nil) throws -> ForecastRun {
        try checkHorizon(horizon)
        let base = try Conformal.forecast(f, history: f.history, horizon: horizon, calibration: calibration)
        var mean = base.mean, lower = base.lower, upper = base.upper
        if let transform {
            let changed = try f.forecaster.forecast(history: f.history, times: f.times, origin: f.history.count - 1, horizon: horizon,
                                                    settings: f.settings, transform: transform)
            func shifted(_ bound: [[Double]]) -> [[Double]] {
                var out = bound
                for k in 0..<horizon { for i in 0..<bound[k].count { out[k][i] = changed[k][i] + (bound[k][i] - base.mean[k][i]) } }
                return out
            }
            for level in calibration.levels {
                lower[level] = shifted(base.lower[level]!)
                upper[level] = shifted(base.upper[level]!)
            }
            mean = changed
        }
        return assemble(mean: mean, lower: lower, upper: upper, history: c, populations: personsWeights(f, history: c),
                        settings: f.settings, calibrationErrors: base.calibrationErrors)
    }

    /// The forecast of an ensemble of fits prepared at the same origin (`ForecastEnsemble`): the
    /// members' average with conformal intervals from the average's own errors at pseudo-origins.
    /// `settings` are member 0's.
    public static func run(ensemble: PhysicsEnsembleFitted, history c: FitCase, horizon: Int, calibration: IntervalCalibration) throws
        -> ForecastRun {
        try checkHorizon(horizon)
        let first = ensemble.members[0]
        let base = try Conformal.forecast(ensemble, history: first.history, horizon: horizon, calibration: calibration)
        return assemble(mean: base.mean, lower: base.lower, upper: base.upper, history: c, populations: personsWeights(first, history: c),
                        settings: first.settings, calibrationErrors: base.calibrationErrors)
    }

    /// 1 to 100 periods: beyond the data the features are held at their last values.
    public static func checkHorizon(_ horizon: Int) throws {
        guard horizon >= 1 && horizon <= 100 else {
            throw PipelineError("--horizon: \(horizon); expected 1 to 100 periods (beyond the data the features are held at their "
                                + "last values, so longer forecasts only extrapolate)")
        }
    }

    /// Persons with the closure weights of the origin (populations closing the observed state; see
    /// `PhysicsForecaster`), so that a closed system's persons sum to zero in every period; the
    /// settlements' populations for an open system.
    public static func personsWeights(_ f: PhysicsFitted, history c: FitCase) -> [Double] {
        f.forecaster.closureWeights(at: f.history[f.history.count - 1]) ?? c.settlements.map(\.population)
    }

    static func assemble(mean: [[Double]], lower: [Double: [[Double]]], upper: [Double: [[Double]]], history c: FitCase,
                         populations: [Double], settings: ForecastSettings, calibrationErrors: Int) -> ForecastRun {
        let last = c.data.trainingPeriods.last!
        let periods = (1...mean.count).map { Period.after(last, steps: $0) }
        return ForecastRun(ids: c.data.ids, originLabel: last.label, periodLabels: periods.map(\.label),
                           times: periods.map(\.decimalYear), mean: mean, lower: lower, upper: upper,
                           persons: mean.map { ClosedSystem.persons(rates: $0, populations: populations, periodLength: last.length) },
                           settings: settings, calibrationErrors: calibrationErrors)
    }
}
