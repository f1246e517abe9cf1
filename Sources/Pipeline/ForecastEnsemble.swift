import DataIO
import Dispatch
import Forecasting
import Foundation
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

/// `migsim fit`'s training overrides of the configuration (`--adam-iterations`, `--lbfgs-iterations`,
/// `--seed`), applied to the loaded `PINNConfiguration`.
public struct FitOverrides: Sendable, Equatable {
    public var adamIterations: Int?
    public var lbfgsIterations: Int?
    public var seed: UInt64?

    public init(adamIterations: Int? = nil, lbfgsIterations: Int? = nil, seed: UInt64? = nil) {
        self.adamIterations = adamIterations; self.lbfgsIterations = lbfgsIterations; self.seed = seed
    }

    /// Sets the iterations (the cosine schedule follows the Adam iterations) and the seed.
    public func apply(_ c: inout PINNConfiguration) {
        if let adamIterations {
            c.adamIterations = adamIterations
            if case .cosine(_, let floor) = c.adam.schedule { c.adam.schedule = .cosine(totalSteps: max(adamIterations, 1), floor: floor) }
        }
        if let lbfgsIterations { c.lbfgsIterations = lbfgsIterations }
        if let seed { c.seed = seed }
    }
}

/// One member of an ensemble: its fit seed, the forecast settings its validation fit chose and its
/// forecast (mean, conformal bounds per level, persons), indexed [period][settlement].
public struct EnsembleMember: Sendable, Codable, Equatable {
    public var index: Int
    public var seed: UInt64
    public var settings: ForecastSettings
    public var calibrationErrors: Int
    public var levels: [Double]
    public var mean: [[Double]]
    /// lower[l][k][i] at levels[l].
    public var lower: [[[Double]]]
    public var upper: [[[Double]]]
    public var persons: [[Double]]
}

/// The combined forecast: members in index order, whatever process or thread fitted them.
public struct EnsembleForecast: Sendable {
    public var ids: [String]
    public var originLabel: String
    public var periodLabels: [String]
    public var times: [Double]
    public var members: [EnsembleMember]
    /// As `ForecastRun`: the members' average mean, the members' average bound at each level
    /// (quantile averaging) and the members' average persons.
    public var run: ForecastRun
    /// Standard deviation of the members' means (n − 1 denominator; 0 for one member): the spread of
    /// refits with other seeds, which the conformal intervals of one fit do not describe.
    public var spread: [[Double]]
}

/// A forecast ensemble over refits (seed ensemble): the case is fitted `members` times, each fit
/// with its own seed of the network initialization and collocation sampling and its own
/// validation fit choosing ρ, ω, λ, and each is forecast from the origin with its conformal
/// intervals. The ensemble forecast is the members' average (an equally weighted forecast
/// combination), its interval bounds the members' average bounds at each level (quantile averaging,
/// Lichtendahl, Grushka-Cockayne & Winkler 2013, "Is it better to average probabilities or
/// quantiles?", Management Science 59(7)), and the members' standard deviation is reported beside it.
/// Members are independent: `run` fits them on `jobs` threads; `migsim forecast-ensemble` under
/// `mpirun` deals them to processes. Either way the combination adds them in index order, so every
/// layout gives the same numbers.
public enum ForecastEnsemble {
    /// Fits member k and forecasts with it.
    public static func member(_ k: Int, plan: EnsemblePlan) throws -> EnsembleMember {
        var overrides = plan.overrides
        let c = try FitCase.load(plan.files, holdout: nil) { cfg in
            overrides.seed = (plan.firstSeed ?? cfg.seed) &+ UInt64(k)
            overrides.apply(&cfg)
        }
        guard c.features != nil else {
            throw PipelineError("the ensemble's members need a force of features to be forecast: give --features or data.features in "
                                + c.configurationFile)
        }
        var fitted = try c.train(loss: c.loss())
        fitted.forecastSettings = try c.chooseForecastSettings(for: fitted)?.settings ?? .persistence
        let prepared = try CaseForecast.prepare(fitted: fitted, files: plan.files, origin: plan.origin)
        let r = try CaseForecast.run(prepared.forecaster, history: prepared.history, horizon: plan.horizon, calibration: plan.calibration)
        let levels = plan.calibration.levels
        return EnsembleMember(index: k, seed: c.fitConfiguration.seed, settings: r.settings, calibrationErrors: r.calibrationErrors,
                              levels: levels, mean: r.mean, lower: levels.map { r.lower[$0]! }, upper: levels.map { r.upper[$0]! },
                              persons: r.persons)
    }

    /// Checks the plan and the case before any fit starts: the counts, a force of features (a
    /// time-only force cannot be forecast) and an origin that is a period of the balance file at or
    /// after the end of the fitting window.
    public static func validate(_ plan: EnsemblePlan) throws {
        guard plan.members >= 1 && plan.members <= 1000 else {
            throw PipelineError("--members: \(plan.members); expected 1 to 1000 refits")
        }
        guard plan.horizon >= 1 && plan.horizon <= 100 else {
            throw PipelineError("--horizon: \(plan.horizon); expected 1 to 100 periods")
        }
        guard plan.jobs >= 1 else { throw PipelineError("--jobs: \(plan.jobs); expected at least 1") }
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

    /// The combined forecast of the members (any order in, index order used). The metadata (ids,
    /// periods) come from loading the case once more, so they do not depend on which member ran where.
    public static func combine(_ members: [EnsembleMember], plan: EnsemblePlan) throws -> EnsembleForecast {
        let sorted = members.sorted { $0.index < $1.index }
        guard sorted.map(\.index) == Array(0..<plan.members) else {
            throw PipelineError("internal: ensemble members \(sorted.map(\.index)) instead of 0..<\(plan.members)")
        }
        let c = try FitCase.load(plan.files, holdout: 0)
        let labels = c.data.trainingPeriods.map(\.label)
        var last = c.data.trainingPeriods.last!
        if let origin = plan.origin, let s = labels.firstIndex(of: origin) { last = c.data.trainingPeriods[s] }
        let periods = (1...plan.horizon).map { Period.after(last, steps: $0) }
        let levels = plan.calibration.levels
        let h = plan.horizon, n = c.data.ids.count
        for m in sorted where m.mean.count != h || m.mean.contains(where: { $0.count != n }) || m.levels != levels {
            throw PipelineError("internal: ensemble member \(m.index) forecast \(m.mean.count) periods of \(m.mean.first?.count ?? 0) "
                                + "settlements at levels \(m.levels); expected \(h) of \(n) at \(levels)")
        }
        let count = Double(sorted.count)
        func average(_ value: (EnsembleMember) -> [[Double]]) -> [[Double]] {
            var out = [[Double]](repeating: [Double](repeating: 0, count: n), count: h)
            for m in sorted {
                let v = value(m)
                for k in 0..<h { for i in 0..<n { out[k][i] += v[k][i] } }
            }
            return out.map { $0.map { $0 / count } }
        }
        let mean = average(\.mean)
        var spread = [[Double]](repeating: [Double](repeating: 0, count: n), count: h)
        if sorted.count > 1 {
            for m in sorted { for k in 0..<h { for i in 0..<n { let d = m.mean[k][i] - mean[k][i]; spread[k][i] += d * d } } }
            spread = spread.map { $0.map { ($0 / (count - 1)).squareRoot() } }
        }
        var lower: [Double: [[Double]]] = [:], upper: [Double: [[Double]]] = [:]
        for (l, level) in levels.enumerated() {
            lower[level] = average { $0.lower[l] }
            upper[level] = average { $0.upper[l] }
        }
        let run = ForecastRun(ids: c.data.ids, originLabel: last.label, periodLabels: periods.map(\.label),
                              times: periods.map(\.decimalYear), mean: mean, lower: lower, upper: upper,
                              persons: average(\.persons), settings: sorted[0].settings,
                              calibrationErrors: sorted.map(\.calibrationErrors).min()!)
        return EnsembleForecast(ids: c.data.ids, originLabel: last.label, periodLabels: run.periodLabels, times: run.times,
                                members: sorted, run: run, spread: spread)
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
