import ArgumentParser
import Forecasting
import Foundation
import Pipeline

/// `migsim backtest`: rolling-origin evaluation of the model against the naive baselines (SPEC §12).
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin backtest: fit up to each origin, forecast, score against persistence, drift, mean, SES, ARIMA(0,1,1), pooled AR(1).",
        discussion: """
        For every origin T: the model (and its ablations migsim-no-coupling, α = β = 0, and \
        migsim-force-only, α = β = δ = 0) is fitted on the balances up to T with the configuration's \
        fit settings, exactly as `migsim fit` would, then forecast T+1…T+H (`migsim forecast`'s method: \
        the equations integrated from the observed state at T under the force of the features held at \
        their values at T, the level term ρ and starting velocity ω chosen on pseudo-origins inside the \
        window). The baselines forecast from the same origins. Every method gets 80% and 95% intervals \
        the same way: conformal, from its own scaled errors at up to 10 pseudo-origins inside the \
        window (each settlement's errors scaled by its in-sample one-step naive MAE).

        Scores: MASE (mean absolute error over the horizon / in-sample one-step naive MAE, averaged \
        over settlements), RMSE, bias (forecast − observed), coverage of the 80% and 95% intervals and \
        their Gneiting–Raftery interval scores, each averaged over origins.

        Writes into --output (all files or none): backtest.csv (every forecast cell), summary.csv (one \
        row per method), by_origin.csv, settings.csv (the ρ, ω chosen at each origin). With --ensemble K \
        the method migsim-ensemble is scored too: at each origin K fits of the full model with the fit \
        seeds s₀ … s₀+K−1 (s₀ = fit.seed), each with its own validation fit, forecasting their \
        average (`migsim forecast-ensemble`'s forecast). Under \
        `mpirun -n p` the origins are spread over the processes and rank 0 writes.
        """
    )

    @OptionGroup var caseFiles: CaseFileOptions

    @Option(name: .long, help: "Origins: period labels of the balance file, comma-separated (e.g. 2005,2008,2011,2014,2017).")
    var origins: String

    @Option(name: .long, help: "Periods forecast after each origin.")
    var horizon: Int = 3

    @Option(name: .long, help: "Output folder.")
    var output: String

    @Option(name: .long, help: "Origins fitted at the same time (threads).")
    var jobs: Int = 1

    @Option(name: .long, help: "Model variants: full, no-coupling, force-only (comma-separated; default all three).")
    var variants: String?

    @Option(name: .long, help: "Add migsim-ensemble: the average of K fits of the full model with the fit seeds s₀ … s₀+K−1 (K times the full model's cost).")
    var ensemble: Int = 0

    func run() throws {
        let files = caseFiles.files
        let labels = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var plan = BacktestPlan(files: files, origins: labels, horizon: horizon)
        plan.jobs = jobs
        guard ensemble >= 0 && ensemble <= 100 else { throw ValidationError("--ensemble: \(ensemble); expected 0 (none) to 100 members") }
        plan.ensembleMembers = ensemble
        if let variants {
            plan.variants = try variants.split(separator: ",").map { name in
                guard let v = ModelVariant(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--variants: '\(name)'; expected full, no-coupling or force-only")
                }
                return v
            }
        }
        let mpi = BacktestUnderMPI.current()
        // One run per output folder (under mpirun only rank 0 writes it).
        let lock = (mpi?.rank ?? 0) == 0 ? try OutputLock(target: URL(fileURLWithPath: output)) : nil
        defer { lock?.release() }
        if (mpi?.rank ?? 0) == 0 {
            // Each origin's fit takes the age structure of its own last period (data.ages); the panel's is shown.
            let panel = try Backtest.panel(files)
            let source = panel.ageTerm
            Log.info(source.active && source.year != nil
                     ? "age term active: each origin's fit uses the age structure of its last year from \(source.file) (data.ages)"
                     : AgeTermNotice.line(source))
        }
        Log.info("backtest: \(labels.count) origin(s), horizon \(horizon), \(plan.variants.count) model variant(s)" + (ensemble > 0 ? " + an ensemble of \(ensemble)" : "") + " + \(plan.baselines.count) baselines"
                 + (mpi.map { " on \($0.size) processes" } ?? ", \(jobs) job(s)"))
        let result: BacktestResult
        if let mpi {
            guard let r = try mpi.run(plan, output: URL(fileURLWithPath: output), progress: { Log.info("origin \($0) done") }) else { return }
            result = r
        } else {
            result = try Backtest.run(plan, progress: { Log.info("origin \($0) done") })
        }
        try BacktestOutputs.write(result, to: URL(fileURLWithPath: output))
        for s in result.summaries {
            Log.info(String(format: "%-20@ MASE %.3f  RMSE %.3f  coverage80 %.2f  coverage95 %.2f  IS80 %.2f  IS95 %.2f",
                            s.method as NSString, s.mase, s.rmse, s.coverage[0.8] ?? .nan, s.coverage[0.95] ?? .nan,
                            s.intervalScore[0.8] ?? .nan, s.intervalScore[0.95] ?? .nan))
        }
        let baselineBest = result.summaries.filter { !$0.method.hasPrefix("migsim") }.min { $0.mase < $1.mase }
        if let model = result.summaries.first(where: { $0.method == "migsim" }), let best = baselineBest {
            Log.info(String(format: "migsim MASE / best baseline (%@) MASE = %.3f", best.method, model.mase / best.mase))
        }
        Log.info("wrote \(output)/backtest.csv, summary.csv, by_origin.csv, settings.csv")
    }
}
