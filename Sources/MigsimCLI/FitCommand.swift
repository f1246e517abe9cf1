import ArgumentParser
import Autodiff
import DataIO
import Foundation
import MigrationModel
import PhysicsInformed
import Pipeline

/// `migsim fit`: the physics-informed fit of the inhomogeneity (SPEC §4).
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the external force and the physical parameters to observed balances (physics-informed network).",
        discussion: """
        Trains a solution network u_θ(t) and a force F so that u_θ follows the observed balances and \
        satisfies  M ü + c u̇ + (L_K + D) u = F  at collocation points, learning the physical parameters \
        of the configuration's `fit.learn` list jointly (Adam, then L-BFGS). With features (data.features \
        or --features) the force is Fᵢ(t) = s_F·(g(zᵢ(t)) + bᵢ): g of each settlement's lagged features \
        relative to the national mean, linear unless fit.force_hidden names hidden layers, plus a \
        settlement effect bᵢ; --time-force fits a network of time instead (a diagnostic that cannot be \
        forecast). A validation fit on the window without its last 5 periods then sets the forecast \
        settings: the feature response λ (least squares on its out-of-window errors) and the level and \
        momentum weights ρ, ω (one-standard-error rule, the origin's level first). The equations are \
        integrated with the learned force (Dormand–Prince 5(4)) and scored per settlement (R², RMSE, \
        Theil U); the last `holdout_periods` periods are kept out of the fit and forecast as migsim \
        forecast would, against persistence and a 5-period linear trend (MASE).

        Writes into --output, as one set (the folder holds the old files until the new ones are all \
        written): fit.json (the fitted model artifact), series.csv, force.csv (mean force per period: \
        the explanation target), force_curve.csv, metrics.csv, holdout.csv, parameters.csv. \
        Ctrl-C or kill writes a checkpoint and stops; --resume continues from it to the same result.
        """
    )

    @OptionGroup var caseFiles: CaseFileOptions

    @Option(name: .long, help: "Output folder (created if missing).")
    var output: String

    @Option(name: .long, help: "Periods at the end kept out of the fit for the forecast check (overrides fit.holdout_periods; default 3).")
    var holdout: Int?

    @Option(name: .customLong("adam-iterations"), help: "Adam iterations (overrides fit.adam_iterations).")
    var adamIterations: Int?

    @Option(name: .customLong("lbfgs-iterations"), help: "Maximum L-BFGS iterations (overrides fit.lbfgs_iterations).")
    var lbfgsIterations: Int?

    @Option(name: .long, help: "Seed of the network initialization (overrides fit.seed).")
    var seed: UInt64?

    @Option(name: .long, help: "Checkpoint file (default: <output>/checkpoint.json).")
    var checkpoint: String?

    @Option(name: .customLong("checkpoint-every"), help: "Iterations between checkpoints.")
    var checkpointEvery: Int = 100

    @Flag(name: .long, help: "Continue from the checkpoint.")
    var resume = false

    @Option(name: .long, help: "A fitted artifact (fit.json) to score and tabulate again instead of training; its data fingerprint must match.")
    var from: String?

    @Option(name: .customLong("stop-after"), help: .hidden)
    var stopAfter: Int?

    @Flag(name: .customLong("time-force"), help: "Fit the diagnostic force of time alone, F(t), ignoring data.features (cannot be forecast).")
    var timeForce = false

    func run() throws {
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every must be ≥ 1, got \(checkpointEvery)") }
        if from != nil && resume { throw ValidationError("--from rescores a saved artifact and --resume continues a checkpoint; give one of them") }
        var files = caseFiles.files
        files.withoutFeatures = timeForce
        let overrides = FitOverrides(adamIterations: adamIterations, lbfgsIterations: lbfgsIterations, seed: seed)
        if let problem = overrides.problem { throw ValidationError(problem) }
        let fitCase = try FitCase.load(files, holdout: holdout) { overrides.apply(&$0) }
        for s in fitCase.features?.skipped ?? [] { Log.info("feature '\(s.name)' left out of the force: \(s.reason)") }
        if fitCase.features == nil {
            Log.info("the force is a function of time only (no features): a diagnostic, it cannot be forecast")
        }
        let data = fitCase.data, places = fitCase.settlements, ages = fitCase.ages
        AgeTermNotice.log(fitCase.ageTerm)
        let fitConfiguration = fitCase.fitConfiguration
        let loss = try fitCase.loss()
        let problem = loss.problem
        let trainer = PINNTrainer(loss: loss)
        let fingerprint = fitCase.fingerprint
        let key = fitCase.stateKey
        let closure = fitCase.closurePopulations

        let outputURL = URL(fileURLWithPath: output)
        let lock = try OutputLock(target: outputURL)
        defer { lock.release() }
        if let from {
            var fitted = try FitArtifact.read(URL(fileURLWithPath: from))
            guard fitted.fingerprint == fingerprint else {
                throw ValidationError("\(from) was fitted to other data (its fingerprint differs from the settlements and balance files given); "
                                      + "fit again without --from")
            }
            guard fitted.ids == places.map(\.id) else {
                throw ValidationError("\(from) was fitted to other settlements (\(fitted.ids.count) settlements; the settlements file gives "
                                      + "\(places.count)); expected the same settlements in the same order; fit again without --from")
            }
            guard fitted.times == data.trainingTimes else {
                func span(_ labels: [String]) -> String { labels.isEmpty ? "no periods" : "\(labels.first!)–\(labels.last!) (\(labels.count) periods)" }
                let holdoutSource = holdout.map { "--holdout \($0)" }
                    ?? (fitCase.configuration.fit.holdoutPeriods.map { "fit.holdout_periods \($0) of \(caseFiles.config)" } ?? "the default holdout 3")
                throw ValidationError("--from \(from): the artifact was fitted on the window \(span(fitted.periodLabels)), but the balances "
                                      + "with \(holdoutSource) give the window \(span(data.trainingPeriods.map(\.label))); expected the "
                                      + "artifact's window: give the --holdout it was fitted with, or fit again without --from")
            }
            let uncertainty = FitCommand.uncertainty(loss: try? PINNLoss(problem: problem, configuration: fitted.configuration), fitted: fitted)
            let outputs = try FitOutputs.make(fitted: &fitted, data: data, settlements: places, ages: ages, closurePopulations: closure,
                                              uncertainty: uncertainty)
            try outputs.write(to: outputURL, fitted: fitted)
            FitCommand.logSummary(fitted, holdoutCount: data.holdoutPeriods.count)
            Log.info("rescored the artifact \(from); wrote \(outputURL.path)/fit.json and the fit tables")
            return
        }
        let checkpointURL = checkpoint.map { URL(fileURLWithPath: $0) } ?? outputURL.appendingPathComponent("checkpoint.json")
        var state: TrainingState
        if resume {
            state = try FitCheckpoint.read(checkpointURL, key: key)
            Log.info("resuming from \(checkpointURL.path) at iteration \(state.iterations) (\(state.phase.rawValue))")
        } else {
            state = trainer.initialState(key: key)
        }
        do { try FileManager.default.createDirectory(at: checkpointURL.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw ValidationError("--checkpoint \(checkpointURL.path): its folder cannot be created (\(error.localizedDescription))")
        }
        Log.info("fitting \(problem.count) settlements on \(data.trainingPeriods.first!.label)–\(data.trainingPeriods.last!.label) "
                 + "(\(data.trainingTimes.count) periods, \(loss.collocationTimes.count) collocation points, holdout \(data.holdoutPeriods.count)); "
                 + "\(loss.parameterCount) parameters; learning \(fitConfiguration.learned.map(\.rawValue).joined(separator: ", "))")

        let interrupt = InterruptFlag()
        defer { interrupt.uninstall() }
        var progress = ProgressDisplay(total: trainer.totalIterations, label: "fit", startIteration: state.iterations)
        while true {
            let going = try trainer.advance(&state)
            progress.update(iteration: state.iterations, phase: state.phase.rawValue, loss: state.lastLoss)
            if !going { break }
            let stopHere = stopAfter.map { state.iterations >= $0 } ?? false
            if state.iterations % checkpointEvery == 0 || stopHere || interrupt.signalReceived != nil {
                try FitCheckpoint.write(state, to: checkpointURL)
            }
            if let sig = interrupt.signalReceived {
                progress.finish()
                Log.info("interrupted by signal \(sig) at iteration \(state.iterations); checkpoint written to \(checkpointURL.path) "
                         + "(continue with --resume)")
                throw ExitCode(128 + sig)
            }
            if stopHere {
                progress.finish()
                Log.info("stopped after iteration \(state.iterations) as asked; checkpoint \(checkpointURL.path)")
                return
            }
        }
        progress.finish()

        var fitted = fitCase.fittedModel(loss: loss, state: state)
        if fitted.isForecastable {
            Log.info("choosing the forecast settings on a validation fit without the last \(ForecastPlan.selectionHorizon + 2) periods")
            if let chosen = try fitCase.chooseForecastSettings(for: fitted) {
                fitted.forecastSettings = chosen.settings
                let c = chosen.settings
                Log.info("forecast settings: anchoring ρ \(c.anchoring), velocity ω \(c.velocityWeight), feature response λ \(c.featureResponse)"
                         + (c == .persistence ? " (persistence: no candidate beat carrying the state forward by one standard error)" : ""))
            }
        }
        let uncertainty = FitCommand.uncertainty(loss: loss, fitted: fitted)
        let outputs = try FitOutputs.make(fitted: &fitted, data: data, settlements: places, ages: ages, closurePopulations: closure,
                                          uncertainty: uncertainty)
        try outputs.write(to: outputURL, fitted: fitted)
        try? FileManager.default.removeItem(at: checkpointURL)
        FitCommand.logSummary(fitted, holdoutCount: data.holdoutPeriods.count)
        Log.info("wrote \(outputURL.path)/fit.json and the fit tables")
    }

    static func logSummary(_ fitted: FittedModel, holdoutCount: Int) {
        if let all = fitted.metrics?.overall {
            Log.info("integrated solution in the fitting window: R² \(fmt(all.r2, 4)), RMSE \(fmt(all.rmse, 4)), Theil U \(fmt(all.theilU, 4))")
        }
        for row in fitted.metrics?.holdout ?? [] where row.id == "ALL" {
            Log.info("holdout (\(holdoutCount) periods) \(row.method): MAE \(fmt(row.mae, 4)), RMSE \(fmt(row.rmse, 4)), MASE \(fmt(row.mase, 3))")
        }
        let p = fitted.parameters
        Log.info("parameters: alpha \(fmt(p.alpha, 4)), gamma \(fmt(p.gamma, 4)), beta \(fmt(p.beta, 4)), delta \(fmt(p.delta, 4)), "
                 + "damping \(fmt(p.damping, 4)), inertia \(fmt(p.inertia, 4))")
    }

    /// The parameters' intervals and flags (`FitParameterUncertainty`), each warning logged on one line.
    static func uncertainty(loss: PINNLoss?, fitted: FittedModel) -> FitParameterUncertainty? {
        guard let loss, let u = FitParameterUncertainty.estimate(loss: loss, fitted: fitted) else {
            Log.info("parameter intervals not computed: the artifact's configuration differs from the model configuration's")
            return nil
        }
        for w in u.warnings { Log.info("warning: \(w)") }
        return u
    }

    static func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

}

extension TrainingState {
    /// The most recent recorded loss (NaN before the first iteration).
    var lastLoss: Double { history.last?.loss ?? .nan }
}
