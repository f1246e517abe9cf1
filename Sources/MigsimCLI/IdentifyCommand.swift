import ArgumentParser
import DataIO
import Dispatch
import Foundation
import Pipeline
import GlobalOptimization
import Identification
import MigrationModel
import PhysicsInformed
import Synchronization

/// `migsim identify`: identification of the model's physical parameters by global optimization of
/// Theil's inequality coefficient (seed 002; SPEC §7).
struct IdentifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify the physical parameters by minimizing Theil's U between simulated and observed balances.",
        discussion: """
        Minimizes  U = √mean(s − o)² / (√mean s² + √mean o²)  over the chosen parameters, where s are \
        the balances simulated by  M q̈ + c q̇ + (L_K + D) q = f(t)  at the observed periods of the fitting \
        window (the window of `migsim fit`: the periods inside simulation.start–end less the holdout) and \
        o the observed ones. Each trial rebuilds only the coupling and age terms; distances and \
        similarities are computed once.

        Force: --force zero (the free model, started from the observed balances of the first period), \
        or --force fit.json (the force of a `migsim fit` artifact, started from its network's state; \
        parameters not identified keep the fit's values).

        Parameters: alpha, gamma, beta, delta, damping (c), distance_scale (d0), young (x_young), \
        old (x_old); default alpha, gamma, beta, delta, damping. Bounds from --bounds, the YAML \
        identify.bounds, or defaults (alpha, beta, delta 0.001–10; gamma 0.1–8; damping 0.01–10; \
        distance_scale 10–1000 km; young 15–40; old 45–80). Ranges with a positive lower bound of the \
        rate and scale parameters are searched on a log scale (the optimizer sees ln θ), the age \
        thresholds and ranges from 0 linearly; write :log or :linear to choose. A trial with \
        invalid parameters (young ≥ old) or a failed integration scores U = 1, the worst value.

        Methods: index (Strongin's index method with Peano evolvents, then Hooke–Jeeves refinement once \
        its global stage reaches --tolerance; the default) or any method of `migsim optimize`: \
        \(OptimizeCommand.continuousMethods.joined(separator: ", ")). The last --refine-share of the budget \
        (default 0.2) polishes the method's best point by Nelder–Mead.

        Writes into --output: identify.json (the identified-model artifact), parameters.csv, \
        parameters.yaml (a `model:` section to paste into a configuration), series.csv (observed and \
        simulated), trace.csv, uncertainty.csv and uncertainty.json (95% intervals), trials.json (every \
        recorded trial), and with --force fit.json also fit_identified.json (the fit with the \
        identified parameters). Ctrl-C or kill writes a checkpoint and stops; --resume continues from \
        it to the same result as an uninterrupted run (the recorded trials are replayed, not simulated \
        again). On a finished run's folder, --resume --budget N with N above its budget extends it: \
        the method runs again with budget N, the trials of trials.json are replayed, and the result is \
        that of a single run with budget N (every method is deterministic given its seed).
        """
    )

    @Option(name: .long, help: "Model configuration (YAML) with the data paths, the base parameters and optionally an identify: section.")
    var config: String

    @Option(name: .long, help: "Settlements CSV (overrides data.settlements).")
    var settlements: String?

    @Option(name: .long, help: "Observed balances CSV id, period, value (overrides data.balance).")
    var balance: String?

    @Option(name: .long, help: "zero, or a fitted artifact (fit.json) whose force is used.")
    var force: String = "zero"

    @Option(name: .long, help: "Parameters to identify, comma-separated (overrides identify.parameters).")
    var parameters: String?

    @Option(name: .long, help: "Ranges name=lower:upper[:log|linear], comma-separated (override identify.bounds).")
    var bounds: String?

    @Option(name: .long, help: "index (default) or a method of `migsim optimize` (overrides identify.method).")
    var method: String?

    @Option(name: .long, help: "Trials, i.e. simulations (overrides identify.budget; default 2000).")
    var budget: Int?

    @Option(name: .long, help: "Random seed of the stochastic methods (overrides identify.seed; default 1).")
    var seed: UInt64?

    @Option(name: .long, help: "Accuracy of the method (index method, default 0.05: the global stage stops when the best interval has (length)^(1/N) ≤ ε and the rest of the budget refines by Hooke–Jeeves; other methods, default 1e-6: as in `migsim optimize`).")
    var tolerance: Double?

    @Option(name: .long, help: "Index method: reliability r > 1 of the Hölder-constant estimate (default: that of `migsim optimize` for the number of identified parameters).")
    var reliability: Double?

    @Option(name: .long, help: "Index method: number of rotated evolvents sharing the trials.")
    var evolvents: Int = 1

    @Option(name: .long, help: "Index method: trials per iteration, evaluated concurrently.")
    var parallel: Int = 1

    @Option(name: .customLong("refine-share"), help: "Share of the budget for a final Nelder–Mead polish from the best point of the method (0 to skip).")
    var refineShare: Double = 0.2

    @Option(name: .long, help: "Periods at the end kept out of the window (as `migsim fit`; default fit.holdout_periods or 3).")
    var holdout: Int?

    @Option(name: .customLong("initial-velocity"), help: "With --force zero: zero, or observed (backward difference up to the first period).")
    var initialVelocity: InitialVelocity = .zero

    @Option(name: .long, help: "Relative tolerance of the integration (default simulation.rtol).")
    var rtol: Double?

    @Option(name: .long, help: "Absolute tolerance of the integration (default simulation.atol).")
    var atol: Double?

    @Option(name: .long, help: "Output folder (created if missing).")
    var output: String

    @Option(name: .long, help: "Checkpoint file (default: <output>/identify-checkpoint.json).")
    var checkpoint: String?

    @Option(name: .customLong("checkpoint-every"), help: "Simulations between checkpoints.")
    var checkpointEvery: Int = 100

    @Flag(name: .long, help: "Continue from the checkpoint, or extend the finished run in --output to a larger --budget.")
    var resume = false

    @Option(name: .customLong("stop-after"), help: .hidden)
    var stopAfter: Int?

    func run() throws {
        let configuration = try ModelConfiguration.load(URL(fileURLWithPath: config))
        let settings = configuration.identify
        let budgetTrials = budget ?? settings.budget ?? 2000
        guard budgetTrials >= 1 else {
            throw ValidationError(budget != nil ? "--budget: expected a positive number of trials, got \(budgetTrials)"
                                  : "\(config): identify.budget: expected a positive number of trials, got \(budgetTrials)")
        }
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every: expected ≥ 1, got \(checkpointEvery)") }
        let methodName = (method ?? settings.method ?? "index").lowercased()
        let tolerance = self.tolerance ?? (methodName == "index" ? 0.05 : 1e-6)
        guard tolerance.isFinite, tolerance > 0 else { throw ValidationError("--tolerance: expected a positive number, got \(tolerance)") }
        // Checked before the data are loaded; the optimizer is built once the search space is known (the index
        // method's defaults depend on the number of identified parameters).
        try IdentifyCommand.checkMethod(methodName, origin: method != nil ? "--method" : "\(config): identify.method",
                                        reliability: reliability, evolvents: evolvents, parallel: parallel)
        let rtol = self.rtol ?? configuration.simulation.rtol, atol = self.atol ?? configuration.simulation.atol
        guard rtol.isFinite, rtol > 0, atol.isFinite, atol > 0 else {
            throw ValidationError("--rtol and --atol: expected positive numbers, got \(rtol) and \(atol)")
        }
        let seed = self.seed ?? settings.seed ?? 1
        guard refineShare >= 0, refineShare < 1 else { throw ValidationError("--refine-share: expected a share in [0, 1), got \(refineShare)") }
        if force != "zero", !FileManager.default.fileExists(atPath: force) {
            throw ValidationError("--force: expected zero or an existing fitted artifact (fit.json), got '\(force)' (no such file)")
        }

        let loaded = try IdentifyCase.load(configuration: configuration, configFile: config, settlements: settlements, balance: balance,
                                           force: force, holdout: holdout, initialVelocity: initialVelocity, rtol: rtol, atol: atol)
        AgeTermNotice.log(loaded.ageTerm)
        let space = try IdentifySearchSpace.make(parametersOption: parameters, boundsOption: bounds, settings: settings,
                                                 configFile: config, base: loaded.data.base)
        if methodName == "index" {
            // Rotated evolvents: at most N(N−1)+1 for N identified parameters (seed 002 §5).
            let most = EvolventRotation.count(dimension: space.parameters.count)
            guard evolvents <= most else {
                throw ValidationError("--evolvents: expected 1…\(most) = N(N−1)+1 rotated evolvents for the N = \(space.parameters.count) "
                                      + "identified parameters, got \(evolvents)")
            }
        }
        var optimizer = try IdentifyCommand.optimizer(methodName, reliability: reliability, evolvents: evolvents, parallel: parallel,
                                                      dimension: space.parameters.count)
        let objective = TheilObjective(data: loaded.data, space: space)
        let budget = OptimizationBudget(maxTrials: budgetTrials, tolerance: tolerance)
        let key = runKey(loaded: loaded, space: space, method: methodName, optimizer: optimizer, seed: seed, tolerance: tolerance,
                         rtol: rtol, atol: atol)

        // Under mpirun with several processes the index method runs the asynchronous scheme of seed 002
        // §5.2 (`IdentifyUnderMPI`); only rank 0 writes files.
        let cluster = try IdentifyUnderMPI.start(optimizer: optimizer, resume: resume)
        defer { cluster?.finish() }
        if let cluster { optimizer = cluster.optimizer }
        let writes = cluster?.isRoot ?? true

        let outputURL = URL(fileURLWithPath: output)
        let lock = writes ? try OutputLock(target: outputURL) : nil   // one run per output folder
        defer { lock?.release() }
        let checkpointURL = checkpoint.map { URL(fileURLWithPath: $0) } ?? outputURL.appendingPathComponent(IdentifyCheckpoint.checkpointFile)
        var recorded: [RecordedTrial] = []
        if resume {
            let saved = try IdentifyCheckpoint.resumable(checkpoint: checkpointURL, output: outputURL, key: key, budget: budgetTrials)
            recorded = saved.trials
            if let done = saved.completed {
                Log.info("extending the finished identification in \(outputURL.path) (\(done.trials) trials of a budget of \(done.budget)) "
                         + "to a budget of \(budgetTrials): its \(recorded.count) recorded trials are replayed")
            } else {
                Log.info("resuming from \(checkpointURL.path): \(recorded.count) recorded trials are replayed")
            }
        }
        if writes { try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true) }
        let journal = TrialJournal(trials: recorded, evaluationLimit: stopAfter.map { max(0, $0 - recorded.count) })

        Log.info("identifying \(space.parameters.map(\.rawValue).joined(separator: ", ")) of \(loaded.places.count) settlements on "
                 + "\(loaded.fitData.trainingPeriods.first!.label)–\(loaded.fitData.trainingPeriods.last!.label) "
                 + "(\(loaded.data.times.count) periods), force \(force), initial state \(loaded.initialStateDescription); "
                 + "method \(optimizer.name), budget \(budgetTrials) trials, seed \(seed)")
        let result = try IdentifyCommand.runWithProgress(objective: objective, optimizer: optimizer, budget: budget, seed: seed,
                                                         journal: journal, refinementShare: refineShare, label: methodName,
                                                         checkpointEvery: checkpointEvery) { trials in
            guard writes else { return }
            try IdentifyCheckpoint(key: key, trials: trials).write(to: checkpointURL)
        }
        guard let result else {
            Log.info("stopped after \(journal.newEvaluations) new simulations as asked; checkpoint \(checkpointURL.path) (continue with --resume)")
            return
        }

        guard writes else { return }
        let outputs = try IdentifyOutputs.make(result: result, objective: objective, loaded: loaded, space: space,
                                               force: force, budget: budgetTrials,
                                               journal: IdentifyCheckpoint(key: key, trials: journal.trials,
                                                                           completed: .init(budget: budgetTrials, trials: result.trials)))
        for line in outputs.messages { Log.info(line) }
        try outputs.write(to: outputURL)
        try? FileManager.default.removeItem(at: checkpointURL)
        let r = outputs.artifact.reference
        Log.info("Theil U \(FitCommand.fmt(result.theilU, 5)) after \(result.trials) trials (\(result.newEvaluations) simulated, "
                 + "\(result.replayedTrials) replayed; \(result.termination.rawValue)); with the starting parameters "
                 + "U \(FitCommand.fmt(r.configurationTheilU, 5))"
                 + (r.fitParametersTheilU.map { ", with the fit's parameters U \(FitCommand.fmt($0, 5))" } ?? "")
                 + (r.pinnTheilU.map { ", the PINN's U (fit.json metrics) \(FitCommand.fmt($0, 5))" } ?? ""))
        Log.info("identified: " + space.parameters.map { "\($0.rawValue) \(String(format: "%.5g", result.identified[$0.rawValue]!))" }.joined(separator: ", "))
        Log.info("wrote \(outputURL.path)/identify.json, parameters.csv, parameters.yaml, series.csv, trace.csv, uncertainty.csv, "
                 + "uncertainty.json, trials.json" + (loaded.fitted != nil ? ", fit_identified.json" : ""))
    }

    /// Checks a method name and the index method's options; `origin` names the option or key in errors.
    static func checkMethod(_ name: String, origin: String, reliability: Double?, evolvents: Int, parallel: Int) throws {
        if name == "index" {
            if let reliability, !(reliability.isFinite && reliability > 1) {
                throw ValidationError("--reliability: expected r > 1, got \(reliability)")
            }
            guard evolvents >= 1 else { throw ValidationError("--evolvents: expected at least 1, got \(evolvents)") }
            guard parallel >= 1 else { throw ValidationError("--parallel: expected at least 1 trial per iteration, got \(parallel)") }
        } else if !OptimizeCommand.continuousMethods.contains(name) {
            throw ValidationError("\(origin): expected index or one of \(OptimizeCommand.continuousMethods.joined(separator: ", ")), got '\(name)'")
        }
    }

    /// The optimizer for a checked method name (`checkMethod`). The index method takes the defaults of
    /// `migsim optimize` for `dimension` identified parameters (`IndexMethodConfiguration.recommended(dimension:)`:
    /// the mixed local-adaptive strategy, r, the Hölder estimate and the local search per dimension), with
    /// identify's coarser evolvent (density 10) and refinement; `reliability` (--reliability) overrides r.
    static func optimizer(_ name: String, reliability: Double?, evolvents: Int, parallel: Int, dimension: Int) throws -> any Optimizer {
        guard name == "index" else { return try OptimizeCommand().optimizer(name) }
        var c = IndexMethodConfiguration.recommended(dimension: dimension)
        if let reliability { c.reliability = reliability }
        c.density = 10; c.evolventCount = evolvents; c.parallelism = parallel
        c.refinementStep = 1e-6; c.refinementShare = nil
        return IndexMethod(c)
    }

    /// Identifies a run for its checkpoint: the data and force (fingerprints), the window, the
    /// search space, the method and its settings, the seed and the integration tolerances. The
    /// budget is not part of it: a resumed run may be given a larger one.
    func runKey(loaded: IdentifyCase, space: ParameterSpace, method: String, optimizer: any Optimizer, seed: UInt64, tolerance: Double,
                rtol: Double, atol: Double) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var h = SHA256()
        for k in loaded.fingerprint.keys.sorted() { h.update(k + "=" + loaded.fingerprint[k]! + ";") }
        h.update((try? encoder.encode(space)) ?? Data())
        h.update((try? encoder.encode(loaded.data.base)) ?? Data())
        h.update(loaded.data.times.map(\.description).joined(separator: ","))
        h.update("method=\(method);refine=\(refineShare);seed=\(seed);tolerance=\(tolerance);")
        // The index method's whole effective configuration (r, the strategy, the local search, the evolvents).
        if let index = optimizer as? IndexMethod { h.update((try? encoder.encode(index.configuration)) ?? Data()) }
        h.update("rtol=\(rtol);atol=\(atol);force=\(force == "zero" ? "zero" : "fit");velocity=\(initialVelocity.rawValue)")
        return h.hexDigest()
    }

    /// Runs the identification on a worker thread while this thread shows progress, writes a
    /// checkpoint every `checkpointEvery` simulations, and on Ctrl-C or kill writes the checkpoint
    /// and exits with 128 + signal. Returns nil when the run stopped early (`--stop-after`).
    static func runWithProgress(objective: TheilObjective, optimizer: any Optimizer, budget: OptimizationBudget, seed: UInt64,
                                journal: TrialJournal, refinementShare: Double, label: String, checkpointEvery: Int,
                                saveCheckpoint: ([RecordedTrial]) throws -> Void) throws -> IdentificationResult? {
        final class Outcome: Sendable { let value = Mutex<Result<IdentificationResult?, any Error>?>(nil) }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            let r = Result { try Identification.run(objective, optimizer: optimizer, budget: budget, seed: seed, journal: journal,
                                                         refinementShare: refinementShare) }
            outcome.value.withLock { $0 = r }
            done.signal()
        }
        worker.stackSize = 16 << 20
        let interrupt = InterruptFlag()
        defer { interrupt.uninstall() }
        var progress = ProgressDisplay(total: budget.maxTrials, label: "identify", startIteration: 0)
        var lastSaved = journal.count
        worker.start()
        while true {
            let finished = done.wait(timeout: .now() + .milliseconds(200)) == .success
            let calls = journal.newEvaluations + journal.replayed
            progress.update(iteration: min(calls, budget.maxTrials), phase: label, loss: journal.bestValue)
            if let sig = interrupt.signalReceived {
                journal.cancel()
                let recorded = journal.trials
                try saveCheckpoint(recorded)
                progress.finish()
                Log.info("interrupted by signal \(sig); checkpoint with \(recorded.count) recorded trials written (continue with --resume)")
                throw ExitCode(128 + sig)
            }
            if finished { break }
            if journal.count - lastSaved >= checkpointEvery {
                lastSaved = journal.count
                try saveCheckpoint(journal.trials)
            }
        }
        progress.finish()
        let result = try outcome.value.withLock { $0! }.get()
        if result == nil { try saveCheckpoint(journal.trials) }
        return result
    }
}
