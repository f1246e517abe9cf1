import DataIO
import Dispatch
import Forecasting
import Foundation

/// Rolling-origin evaluation of a case (SPEC §12): for every origin T, the model and its ablations
/// are fitted on the data up to T exactly as `migsim fit` would (same configuration), forecast
/// T+1…T+h with conformal intervals, and scored against the observations beside the built-in
/// baselines on the same origins and with the same interval construction.
public struct BacktestPlan: Sendable {
    public var files: FitCase.Files
    /// Origin period labels as in the balance file (`2005`).
    public var origins: [String]
    public var horizon: Int
    /// Origins fitted at the same time (threads).
    public var jobs: Int = 1
    public var variants: [ModelVariant] = ModelVariant.allCases
    /// Members of the `migsim-ensemble` method (`PhysicsEnsembleMethod`); 0: no ensemble.
    public var ensembleMembers = 0
    public var baselines: [any ForecastMethod] = BacktestPlan.defaultBaselines
    public var calibration = IntervalCalibration(levels: [0.8, 0.95], calibrationOrigins: 10, minimumHistory: 3)

    public static var defaultBaselines: [any ForecastMethod] {
        [Persistence(), Drift(window: 5), TrainingMean(), SimpleExponentialSmoothing(), ARIMA011(), PooledAR1()]
    }

    public init(files: FitCase.Files, origins: [String], horizon: Int) {
        self.files = files; self.origins = origins; self.horizon = horizon
    }
}

public struct BacktestResult: Sendable {
    public var ids: [String]
    public var periodLabels: [String]
    public var records: [ForecastRecord]
    public var summaries: [MethodSummary]
    /// The forecast settings ρ, ω each model variant chose at each origin (inside its window).
    public var chosenSettings: [(origin: String, method: String, settings: ForecastSettingsRecord)]

    public init(ids: [String], periodLabels: [String], records: [ForecastRecord], summaries: [MethodSummary],
                chosenSettings: [(origin: String, method: String, settings: ForecastSettingsRecord)]) {
        self.ids = ids; self.periodLabels = periodLabels; self.records = records; self.summaries = summaries
        self.chosenSettings = chosenSettings
    }
}

/// ρ, ω, λ and the in-window score they won with.
public struct ForecastSettingsRecord: Sendable, Equatable {
    public var anchoring: Double
    public var velocityWeight: Double
    public var featureResponse: Double
    public var score: Double
    public init(anchoring: Double, velocityWeight: Double, featureResponse: Double, score: Double) {
        self.anchoring = anchoring; self.velocityWeight = velocityWeight; self.featureResponse = featureResponse; self.score = score
    }
}

public enum Backtest {
    /// The panel of the whole case (every period of the balance file inside the simulation range).
    public static func panel(_ files: FitCase.Files) throws -> FitCase {
        try FitCase.load(files, holdout: 0)
    }

    /// Origin labels → panel indices, with errors naming the option.
    public static func originIndices(_ labels: [String], horizon: Int, in c: FitCase, calibration: IntervalCalibration) throws -> [Int] {
        guard horizon >= 1 else { throw PipelineError("--horizon: \(horizon); expected a number of periods ≥ 1") }
        guard !labels.isEmpty else { throw PipelineError("--origins: expected at least one period label, e.g. 2005,2008") }
        let periods = c.data.trainingPeriods.map(\.label)
        let file = c.balance.file
        var out = [Int]()
        for label in labels {
            guard let s = periods.firstIndex(of: label) else {
                throw PipelineError("--origins: \(label) is not a period of \(file) inside the simulation range "
                                    + "(\(periods.first!)–\(periods.last!))")
            }
            guard s + horizon < periods.count else {
                throw PipelineError("--origins: \(label) with --horizon \(horizon) needs observations up to "
                                    + "\(horizon - (periods.count - 1 - s)) period(s) after \(periods.last!), where \(file) ends")
            }
            let required = calibration.minimumHistory + ForecastPlan.selectionHorizon + 1
            guard s + 1 >= max(required, calibration.minimumHistory + horizon) else {
                throw PipelineError("--origins: \(label) has \(s + 1) periods up to it; the fit and the calibration of its "
                                    + "intervals need at least \(max(required, calibration.minimumHistory + horizon))")
            }
            do {
                try RollingOrigin.checkCalibrationSize(s, horizon: horizon, settlements: c.data.ids.count, calibration: calibration)
            } catch {
                throw PipelineError("--origins: \(label): \(error)")
            }
            if out.contains(s) { throw PipelineError("--origins: \(label) is given twice") }
            out.append(s)
        }
        return out
    }

    /// Runs the plan; `progress` is told when an origin is done (from any thread).
    public static func run(_ plan: BacktestPlan, progress: (@Sendable (String) -> Void)? = nil) throws -> BacktestResult {
        guard plan.jobs >= 1 else { throw PipelineError("--jobs: \(plan.jobs); expected an integer ≥ 1") }
        let full = try panel(plan.files)
        let indices = try originIndices(plan.origins, horizon: plan.horizon, in: full, calibration: plan.calibration)
        guard full.features != nil else {
            throw PipelineError("the backtest needs a force of features: give data.features in \(full.configurationFile) "
                                + "(a force of time alone cannot be forecast)")
        }
        let labels = full.data.trainingPeriods.map(\.label)
        let outcome = try runOrigins(indices, plan: plan, full: full, labels: labels, progress: progress)
        var records = [ForecastRecord](), chosen = [(origin: String, method: String, settings: ForecastSettingsRecord)]()
        for s in indices {
            records += outcome[s]!.records
            chosen += outcome[s]!.chosen
        }
        return BacktestResult(ids: full.data.ids, periodLabels: labels, records: records,
                              summaries: RollingOrigin.summary(records), chosenSettings: chosen)
    }

    /// The records of one origin: every model variant and baseline.
    public static func runOrigin(_ s: Int, plan: BacktestPlan, full: FitCase, labels: [String]) throws
        -> (records: [ForecastRecord], chosen: [(origin: String, method: String, settings: ForecastSettingsRecord)]) {
        let panel = full.data.training
        let length = full.data.trainingPeriods[0].length
        let recorder = SettingsRecorder()
        var methods: [any ForecastMethod] = plan.variants.map {
            RecordingMethod(base: PhysicsForecastMethod(files: plan.files, variant: $0, periodTimes: full.data.trainingTimes,
                                                        periodLength: length), recorder: recorder)
        }
        if plan.ensembleMembers > 0 {
            methods.append(PhysicsEnsembleMethod(base: PhysicsForecastMethod(files: plan.files, variant: .full, periodTimes: full.data.trainingTimes,
                                                                             periodLength: length), members: plan.ensembleMembers,
                                                 configurationSeed: full.fitConfiguration.seed))
        }
        methods += plan.baselines
        let records = try RollingOrigin.evaluate(panel: panel, origins: [s], horizon: plan.horizon, methods: methods,
                                                 calibration: plan.calibration, periodLabels: labels)
        return (records, recorder.values.map { (labels[s], $0.0, $0.1) })
    }

    static func runOrigins(_ indices: [Int], plan: BacktestPlan, full: FitCase, labels: [String],
                           progress: (@Sendable (String) -> Void)?) throws
        -> [Int: (records: [ForecastRecord], chosen: [(origin: String, method: String, settings: ForecastSettingsRecord)])] {
        let box = ResultBox()
        let workers = min(plan.jobs, indices.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for k in stride(from: w, to: indices.count, by: workers) {
                let s = indices[k]
                do {
                    let r = try runOrigin(s, plan: plan, full: full, labels: labels)
                    box.store(s, r)
                    progress?(labels[s])
                } catch {
                    box.fail(s, error)
                }
            }
        }
        if let (s, error) = box.firstFailure(order: indices) {
            throw PipelineError("origin \(labels[s]): \(error)")
        }
        return box.results
    }
}

/// Collects results across worker threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    var results: [Int: (records: [ForecastRecord], chosen: [(origin: String, method: String, settings: ForecastSettingsRecord)])] = [:]
    private var failures: [Int: any Error] = [:]
    func store(_ s: Int, _ r: (records: [ForecastRecord], chosen: [(origin: String, method: String, settings: ForecastSettingsRecord)])) {
        lock.lock(); results[s] = r; lock.unlock()
    }
    func fail(_ s: Int, _ e: any Error) { lock.lock(); failures[s] = e; lock.unlock() }
    func firstFailure(order: [Int]) -> (Int, any Error)? {
        for s in order { if let e = failures[s] { return (s, e) } }
        return nil
    }
}

/// Records which ρ, ω a physics method chose when it was fitted.
final class SettingsRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [(String, ForecastSettingsRecord)] = []
    func record(_ method: String, _ r: ForecastSettingsRecord) { lock.lock(); values.append((method, r)); lock.unlock() }
}

struct RecordingMethod: ForecastMethod {
    let base: PhysicsForecastMethod
    let recorder: SettingsRecorder
    var name: String { base.name }
    func fit(history: [[Double]]) throws -> any FittedForecaster {
        let f = try base.fitPhysics(history: history)
        recorder.record(name, ForecastSettingsRecord(anchoring: f.settings.anchoring, velocityWeight: f.settings.velocityWeight,
                                                     featureResponse: f.settings.featureResponse, score: f.selectionScore))
        return f
    }
}
