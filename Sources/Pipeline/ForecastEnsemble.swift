import DataIO
import Dispatch
import Forecasting
import Foundation
import MigrationModel
import PhysicsInformed

/// What a forecast ensemble fits and forecasts: `members` refits of the case, member k with the fit
/// seed s₀ + k (s₀ = `firstSeed`, default the configuration's `fit.seed`), each then forecast as
/// `migsim forecast` would forecast it.
public struct EnsemblePlan: Sendable {
    public var files: FitCase.Files
    public var members: Int
    /// Seed of member 0 (nil: the configuration's `fit.seed`, so member 0 is the plain `migsim fit`).
    public var firstSeed: UInt64?
    public var horizon: Int
    /// Forecast origin: a period label of the balance file (nil: its last period).
    public var origin: String?
    public var calibration = IntervalCalibration(levels: [0.8, 0.95], calibrationOrigins: 10, minimumHistory: 3)
    /// Training overrides (as `migsim fit`'s options), applied to every member.
    public var overrides = FitOverrides()
    /// Members fitted at the same time (threads) in one process.
    public var jobs = 1

    public init(files: FitCase.Files, members: Int, horizon: Int) {
        self.files = files; self.members = members; self.horizon = horizon
    }
}

/// One member of an ensemble: its fit seed and the fitted model (with the forecast settings its
/// validation fit chose), as `migsim fit` would write it.
public struct EnsembleMember: Sendable, Codable, Equatable {
    public var index: Int
    public var seed: UInt64
    public var fitted: FittedModel
}

/// The combined forecast and each member's own.
public struct EnsembleForecast: Sendable {
    public var members: [EnsembleMember]
    /// The ensemble's forecast as `ForecastRun`: the members' average, with conformal intervals
    /// calibrated on the average's own errors at pseudo-origins (`settings` is member 0's).
    public var run: ForecastRun
    /// memberMeans[m][k][i]: member m's forecast.
    public var memberMeans: [[[Double]]]
    public var memberPersons: [[[Double]]]
    /// Standard deviation of the members' forecasts (n − 1 denominator; 0 for one member): the
    /// spread of refits with other seeds.
    public var spread: [[Double]]
}

/// A forecast ensemble over refits (seed ensemble): the case is fitted `members` times, member k
/// with the fit seed s₀ + k (network initialization and collocation sampling), each with its own
/// validation fit choosing ρ, ω, λ. The ensemble forecasts the members' equally weighted average
/// (`PhysicsEnsembleFitted`); its 80%/95% intervals are conformal, from the average's own scaled
/// errors at pseudo-origins inside the data — the construction every method gets in the backtest,
/// where the same ensemble runs as `migsim-ensemble`. The members' standard deviation is reported
/// beside it. Members are independent: `run` fits them on `jobs` threads; `migsim forecast-ensemble`
/// under `mpirun` deals them to processes. The combination takes them in index order, so every
/// layout gives the same numbers.
public enum ForecastEnsemble {
    /// Fits member k (as `migsim fit` fits, with the seed s₀ + k) and chooses its forecast settings.
    public static func member(_ k: Int, plan: EnsemblePlan) throws -> EnsembleMember {
        var overrides = plan.overrides
        let c = try FitCase.load(plan.files, holdout: nil) { cfg in
            overrides.seed = (plan.firstSeed ?? cfg.seed) &+ UInt64(k)
            overrides.apply(&cfg)
        }
        var fitted = try c.train(loss: c.loss())
        fitted.forecastSettings = try c.chooseForecastSettings(for: fitted)?.settings ?? .persistence
        return EnsembleMember(index: k, seed: c.fitConfiguration.seed, fitted: fitted)
    }

    /// Checks the plan and the case before any fit starts: the counts, the iterations, a force of features (a
    /// time-only force cannot be forecast) and an origin that is a period of the balance file at or
    /// after the end of the fitting window.
    public static func validate(_ plan: EnsemblePlan) throws {
        guard plan.members >= 1 && plan.members <= 1000 else {
            throw PipelineError("--members: \(plan.members); expected 1 to 1000 refits")
        }
        try CaseForecast.checkHorizon(plan.horizon)
        guard plan.jobs >= 1 else { throw PipelineError("--jobs: \(plan.jobs); expected at least 1") }
        try plan.overrides.validate()
        let fitting = try FitCase.load(plan.files, holdout: nil)
        guard fitting.features != nil else {
            throw PipelineError("the ensemble's members need a force of features to be forecast: give --features or data.features in "
                                + fitting.configurationFile)
        }
        if let origin = plan.origin {
            let whole = try FitCase.load(plan.files, holdout: 0)
            let labels = whole.data.trainingPeriods.map(\.label)
            guard let s = labels.firstIndex(of: origin) else {
                throw PipelineError("--origin: \(origin) is not a period of \(whole.balance.file) inside the simulation range "
                                    + "(\(labels.first!)–\(labels.last!))")
            }
            let end = fitting.data.trainingPeriods.last!
            guard whole.data.trainingTimes[s] >= fitting.data.trainingTimes.last! - 1e-9 else {
                throw PipelineError("--origin: \(origin) is inside the fitting window, which ends at \(end.label); forecast from its end or later")
            }
        }
    }

    /// Every member on `plan.jobs` threads, then the combination.
    public static func run(_ plan: EnsemblePlan, progress: (@Sendable (Int) -> Void)? = nil) throws -> EnsembleForecast {
        try validate(plan)
        let box = MemberBox()
        let workers = min(plan.jobs, plan.members)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for k in stride(from: w, to: plan.members, by: workers) {
                do {
                    box.store(try member(k, plan: plan))
                    progress?(k)
                } catch {
                    box.fail(k, error)
                }
            }
        }
        if let (k, error) = box.firstFailure(members: plan.members) { throw PipelineError("ensemble member \(k): \(error)") }
        return try combine(box.members, plan: plan)
    }

    /// The combined forecast of the members (any order in, index order used): each member carried
    /// to the origin as `migsim forecast` carries a fit (`CaseForecast.prepare`), their average
    /// forecast with conformal intervals (`CaseForecast.run`), and each member's own forecast.
    public static func combine(_ members: [EnsembleMember], plan: EnsemblePlan) throws -> EnsembleForecast {
        let sorted = members.sorted { $0.index < $1.index }
        guard sorted.map(\.index) == Array(0..<plan.members) else {
            throw PipelineError("internal: ensemble members \(sorted.map(\.index)) instead of 0..<\(plan.members)")
        }
        let prepared = try sorted.map { try CaseForecast.prepare(fitted: $0.fitted, files: plan.files, origin: plan.origin) }
        let history = prepared[0].history
        let ensemble = try PhysicsEnsembleFitted(members: prepared.map(\.forecaster))
        let run = try CaseForecast.run(ensemble: ensemble, history: history, horizon: plan.horizon, calibration: plan.calibration)
        let memberMeans = try prepared.map { try $0.forecaster.forecast(origin: $0.origin, horizon: plan.horizon) }
        let populations = CaseForecast.personsWeights(prepared[0].forecaster, history: history)
        let length = history.data.trainingPeriods[0].length
        let memberPersons = memberMeans.map { $0.map { ClosedSystem.persons(rates: $0, populations: populations, periodLength: length) } }
        let h = plan.horizon, n = history.data.ids.count
        var spread = [[Double]](repeating: [Double](repeating: 0, count: n), count: h)
        if memberMeans.count > 1 {
            let count = Double(memberMeans.count), mean = run.mean   // the members' average (PhysicsEnsembleFitted)
            for m in memberMeans { for k in 0..<h { for i in 0..<n { let d = m[k][i] - mean[k][i]; spread[k][i] += d * d } } }
            spread = spread.map { $0.map { ($0 / (count - 1)).squareRoot() } }
        }
        return EnsembleForecast(members: sorted, run: run, memberMeans: memberMeans, memberPersons: memberPersons, spread: spread)
    }
}

/// Collects members across worker threads.
private final class MemberBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [EnsembleMember] = []
    private var failures: [Int: any Error] = [:]
    var members: [EnsembleMember] { lock.lock(); defer { lock.unlock() }; return stored }
    func store(_ m: EnsembleMember) { lock.lock(); stored.append(m); lock.unlock() }
    func fail(_ k: Int, _ e: any Error) { lock.lock(); failures[k] = e; lock.unlock() }
    func firstFailure(members: Int) -> (Int, any Error)? {
        lock.lock(); defer { lock.unlock() }
        for k in 0..<members { if let e = failures[k] { return (k, e) } }
        return nil
    }
}
