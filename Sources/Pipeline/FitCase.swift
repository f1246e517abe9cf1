import Autodiff
import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// Everything a physics-informed fit needs, loaded and checked: the model configuration, the
/// settlements, the observed balances split into fitting window and holdout, the force's feature
/// inputs, the fit settings and the SHA-256 fingerprint of the input files. `migsim fit`,
/// `forecast` and `backtest` all start here, so a backtest origin is fitted exactly as `fit`
/// would fit the same window.
public struct FitCase: Sendable {
    public let configuration: ModelConfiguration
    public let configurationFile: String
    public let settlements: [Settlement]
    public let ages: AgeStructure?
    /// Where the age term's structure came from (`CaseAges`): with `data.ages`, the year of the
    /// window's last fitting period (or of `ageTime`).
    public let ageTerm: AgeTermSource
    public let balance: BalanceTable
    public let data: FitData
    /// The feature table (nil: no features file; the force is then the time-only diagnostic).
    public let featureTable: FeatureTable?
    public let features: CaseFeatures?
    public let fitConfiguration: PINNConfiguration
    public let fingerprint: [String: String]
    /// How the case was loaded (a validation fit reloads it on a shorter window).
    public let files: Files
    public let variant: ModelVariant

    /// The input files of a case, as given on the command line or in the configuration's `data:`.
    public struct Files: Sendable {
        public var configuration: URL
        public var settlements: URL?
        public var balance: URL?
        public var features: URL?
        /// true: ignore data.features (the time-only diagnostic force).
        public var withoutFeatures = false
        public init(configuration: URL, settlements: URL? = nil, balance: URL? = nil, features: URL? = nil) {
            self.configuration = configuration; self.settlements = settlements; self.balance = balance; self.features = features
        }
    }

    /// Loads a case. `windowEnd` (a backtest origin's end) cuts the balances and features there;
    /// `holdout` periods at the end of the window are kept out of the fit. The age structure is that
    /// of the last fitting period (after the holdout), or of `ageTime` (a fit carried to a later
    /// origin keeps the ages it was fitted with).
    public static func load(_ files: Files, holdout: Int?, windowEnd: Double? = nil, variant: ModelVariant = .full,
                            ageTime: Double? = nil,
                            overrides: (inout PINNConfiguration) throws -> Void = { _ in }) throws -> FitCase {
        var configuration = try ModelConfiguration.load(files.configuration)
        configuration.parameters = variant.parameters(configuration.parameters)
        let configPath = files.configuration.path
        guard let settlementsURL = files.settlements ?? configuration.data.settlements else {
            throw PipelineError("no settlements file: give --settlements or data.settlements in \(configPath)")
        }
        guard let balanceURL = files.balance ?? configuration.data.balance else {
            throw PipelineError("no balance file: give --balance or data.balance in \(configPath)")
        }
        let featuresURL = files.withoutFeatures ? nil : (files.features ?? configuration.data.features)
        let (snapshot, snapshotAges) = try SettlementsFile.read(settlementsURL)
        let table = try BalanceFile.read(balanceURL)
        var simulation = configuration.simulation
        if let windowEnd { simulation.end = min(simulation.end, windowEnd) }
        let holdoutCount = holdout ?? configuration.fit.holdoutPeriods ?? 3
        let data = try FitData(table: table, settlements: snapshot, simulation: simulation, holdout: holdoutCount)
        let (places, ages, ageTerm) = try CaseAges.resolve(configuration: configuration, settlements: snapshot, ages: snapshotAges,
                                                           settlementsFile: settlementsURL.path,
                                                           time: ageTime ?? data.trainingTimes.last!)

        var fit = try FitCase.pinnConfiguration(configuration.fit, file: configPath)
        if configuration.fit.forceHidden == nil && featuresURL != nil { fit.forceHidden = PINNConfiguration.featureForceHidden }
        fit.learned = variant.learned(fit.learned)
        try overrides(&fit)
        var fileSet = ["settlements": settlementsURL, "balance": balanceURL]
        if let agesURL = configuration.data.ages { fileSet["ages"] = agesURL }
        var featureTable: FeatureTable? = nil, features: CaseFeatures? = nil
        if let featuresURL {
            let t = try FeaturesFile.read(featuresURL)
            let length = data.trainingPeriods[0].length
            features = try CaseFeatures.make(table: t, settlements: places, names: configuration.fit.forceFeatures,
                                             lag: configuration.fit.forceLag ?? 1, windowTimes: data.trainingTimes,
                                             windowEnd: data.trainingTimes.last! + length)
            featureTable = t
            fileSet["features"] = featuresURL
        }
        return FitCase(configuration: configuration, configurationFile: configPath, settlements: places, ages: ages,
                       ageTerm: ageTerm, balance: table, data: data, featureTable: featureTable, features: features,
                       fitConfiguration: fit, fingerprint: try FitCase.fingerprint(fileSet), files: files, variant: variant)
    }

    /// The PINN problem and loss of this case.
    public func loss() throws -> PINNLoss {
        let problem = try PINNProblem.make(settlements: settlements, ages: ages, times: data.trainingTimes,
                                           observations: data.training, parameters: configuration.parameters,
                                           forceFeatures: features?.forceFeatures)
        return try PINNLoss(problem: problem, configuration: fitConfiguration)
    }

    /// Identifies a fit: a checkpoint is only resumed by the same data, configuration and window.
    public var stateKey: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var h = SHA256()
        for k in fingerprint.keys.sorted() { h.update(k + "=" + fingerprint[k]! + ";") }
        h.update((try? encoder.encode(fitConfiguration)) ?? Data())
        h.update((try? encoder.encode(configuration.parameters)) ?? Data())
        h.update(data.trainingPeriods.map(\.label).joined(separator: ","))
        if let f = features?.forceFeatures { h.update((try? encoder.encode(f)) ?? Data()) }
        return h.hexDigest()
    }

    /// Populations of the closure Σ Pᵢ qᵢ = 0 when the configuration says `system: closed`.
    public var closurePopulations: [Double]? {
        configuration.system == .closed ? settlements.map(\.population) : nil
    }

    /// Trains to the end without interruption (backtests, tests): the same iterations as `migsim fit`.
    public func train(loss: PINNLoss) throws -> FittedModel {
        let trainer = PINNTrainer(loss: loss)
        var state = trainer.initialState(key: stateKey)
        while try trainer.advance(&state) {}
        return fittedModel(loss: loss, state: state)
    }

    /// The fitted model of a finished training state of this case's loss, with its inputs'
    /// fingerprint and period labels (the forecast settings are chosen by `chooseForecastSettings`).
    public func fittedModel(loss: PINNLoss, state: TrainingState) -> FittedModel {
        var fitted = FittedModel(loss: loss, state: state, fingerprint: fingerprint)
        fitted.periodLabels = data.trainingPeriods.map(\.label)
        fitted.periodLength = data.trainingPeriods[0].length
        fitted.ageTerm = ageTerm
        return fitted
    }

    /// Chooses the forecast settings ρ, ω, λ of a fit of this case (SPEC §12) out of the window it
    /// was fitted on: a validation model is fitted the same way on the window without its last
    /// h + 2 periods (h = `ForecastPlan.selectionHorizon`), and the candidates are compared on its
    /// forecasts from the three pseudo-origins after that shorter window (`PhysicsForecaster.select`,
    /// one-standard-error rule, persistence first; λ estimated on the same errors). Nil for the time-only force; persistence when the
    /// validation window would be shorter than `ForecastPlan.minimumValidationPeriods`.
    public func chooseForecastSettings(for fitted: FittedModel) throws -> (settings: ForecastSettings, score: Double)? {
        guard let features = fitted.forceFeatures else { return nil }
        let m = data.training.count, h = ForecastPlan.selectionHorizon
        let cut = m - h - 2
        guard cut >= ForecastPlan.minimumValidationPeriods else { return (ForecastSettings.persistence, .nan) }
        let length = data.trainingPeriods[0].length
        let own = fitConfiguration
        let shorter = try FitCase.load(files, holdout: 0, windowEnd: data.trainingTimes[cut - 1] + length, variant: variant) { $0 = own }
        var validation = try shorter.train(loss: shorter.loss())
        validation.forceFeatures = validation.forceFeatures!.replacingRaw(times: features.times, raw: features.raw)
        let n = settlements.count
        let series: [[Double?]] = (0..<n).map { i in shorter.data.training.map { Optional($0[i]) } }
        // The validation model as it was fitted: its own (earlier) window's age structure.
        let assembled = try ModelAssembly.build(settlements: shorter.settlements, ages: shorter.ages, similaritySeries: series,
                                                parameters: validation.parameters)
        let forecaster = try PhysicsForecaster(fit: validation, model: assembled.model, closurePopulations: closurePopulations)
        return try forecaster.select(history: data.training, times: data.trainingTimes, horizon: h, origins: [cut - 1, cut, cut + 1])
    }

    /// The fit configuration from the YAML `fit:` section; errors name the key and its line.
    public static func pinnConfiguration(_ s: FitSettings, file: String) throws -> PINNConfiguration {
        var c = PINNConfiguration()
        func fail(_ key: String, _ found: String, _ expected: String) -> DataError {
            DataError(.invalidParameter, file: file, line: s.lines["fit.\(key)"], found: "fit.\(key): \(found)", expected: expected)
        }
        if let v = s.solutionHidden { c.solutionHidden = v }
        if let v = s.forceHidden { c.forceHidden = v }
        if let v = s.activation {
            guard let a = Activation(rawValue: v) else { throw fail("activation", v, "tanh, sin or softplus") }
            c.activation = a
        }
        if let v = s.collocationPerInterval { c.collocationPerInterval = v }
        if let v = s.timeInputScale { c.timeInputScale = v }
        if let names = s.learn {
            var learned = [PhysicalParameter]()
            for name in names {
                guard let p = PhysicalParameter(configurationName: name) else {
                    throw fail("learn", name, "parameter names among alpha, gamma, beta, delta, damping, inertia")
                }
                learned.append(p)
            }
            c.learned = learned.sorted()
        }
        if !s.bounds.isEmpty {
            var bounds: [PhysicalParameter: PlausibleRange] = [:]
            for (name, pair) in s.bounds.sorted(by: { $0.key < $1.key }) {
                guard let p = PhysicalParameter(configurationName: name) else { throw fail("bounds", name, "parameter names among alpha, gamma, beta, delta, damping, inertia") }
                guard pair.allSatisfy(\.isFinite), pair[0] > 0, pair[0] < pair[1] else {
                    throw fail("bounds.\(name)", "[\(pair[0]), \(pair[1])]", "[lower, upper] with 0 < lower < upper (\(p.plausibleRange.unit))")
                }
                bounds[p] = PlausibleRange(lower: pair[0], upper: pair[1], unit: p.plausibleRange.unit)
            }
            c.bounds = bounds
        }
        if let v = s.weights["data"] { c.weights.data = v }
        if let v = s.weights["physics"] { c.weights.physics = v }
        if let v = s.weights["interpolation"] { c.weights.interpolation = v }
        if let v = s.weights["force_smoothness"] { c.weights.forceSmoothness = v }
        if let v = s.weights["weight_decay"] { c.weights.weightDecay = v }
        if let v = s.adamIterations {
            c.adamIterations = v
            c.adam.schedule = .cosine(totalSteps: max(v, 1), floor: 0.05)
        }
        if let v = s.learningRate { c.adam.learningRate = v }
        if let v = s.lbfgsIterations { c.lbfgsIterations = v }
        if let v = s.seed { c.seed = v }
        do { try c.validate() } catch let PhysicsInformedError.invalidConfiguration(key, value, expected) {
            throw fail(key, value, expected)
        }
        return c
    }

    /// SHA-256 of each input file, by role.
    public static func fingerprint(_ files: [String: URL]) throws -> [String: String] {
        var out: [String: String] = [:]
        for (role, url) in files {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DataError(.unreadableFile, file: url.path, expected: "a readable file")
            }
            out[role] = SHA256.hex(data)
        }
        return out
    }
}
