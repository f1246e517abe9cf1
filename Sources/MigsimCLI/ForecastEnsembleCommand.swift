import ArgumentParser
import Foundation
import Pipeline

/// `migsim forecast-ensemble`: a forecast from several refits of the case (seed ensemble).
struct ForecastEnsembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast-ensemble",
        abstract: "Forecast from an ensemble of refits (one fit seed each): their average with conformal intervals, and their spread.",
        discussion: """
        Member k is the case fitted as `migsim fit` fits it, with the fit seed s₀ + k (s₀ = --seed, \
        default the configuration's fit.seed, so member 0 is the plain fit) and its own validation fit \
        choosing ρ, ω, λ, then carried to the origin as `migsim forecast` carries a fit. The ensemble \
        forecasts the members' average; its 80% and 95% intervals are conformal, from the average's own \
        scaled errors at up to 10 pseudo-origins inside the data (as `migsim forecast`'s and as every \
        method's in `migsim backtest`, where the same ensemble runs with --ensemble K). member_sd is the \
        standard deviation of the members' forecasts: the spread of refits. Members run on --jobs \
        threads, or under `mpirun -n p` on p processes (rank 0 combines and writes); every layout gives \
        the same numbers.

        Writes into --output (all files or none): forecast.csv (id, period, mean, lower80, upper80, \
        lower95, upper95, persons, member_sd), members.csv (member, seed, id, period, mean, persons) and \
        ensemble.json (seeds and each member's ρ, ω, λ).
        """
    )

    @OptionGroup var caseFiles: CaseFileOptions

    @Option(name: .long, help: "Refits in the ensemble.")
    var members: Int = 8

    @Option(name: .long, help: "Fit seed of member 0 (member k: seed + k; default: the configuration's fit.seed).")
    var seed: UInt64?

    @Option(name: .long, help: "Periods to forecast after the origin.")
    var horizon: Int

    @Option(name: .long, help: "Forecast origin: a period label of the balance file (default: its last period).")
    var origin: String?

    @Option(name: .long, help: "Interval levels in percent, comma-separated.")
    var level: String = "80,95"

    @Option(name: .long, help: "Members fitted at the same time (threads); under mpirun each process fits one at a time.")
    var jobs: Int = 1

    @Option(name: .long, help: "Adam iterations of every member's fit (overrides fit.adam_iterations).")
    var adamIterations: Int?

    @Option(name: .long, help: "L-BFGS iterations of every member's fit (overrides fit.lbfgs_iterations).")
    var lbfgsIterations: Int?

    @Option(name: .long, help: "Output folder.")
    var output: String

    func run() throws {
        var plan = EnsemblePlan(files: caseFiles.files, members: members, horizon: horizon)
        plan.firstSeed = seed
        plan.origin = origin
        plan.jobs = jobs
        plan.calibration.levels = try ForecastCommand.levels(level)
        plan.overrides = FitOverrides(adamIterations: adamIterations, lbfgsIterations: lbfgsIterations)

        let mpi = EnsembleUnderMPI.current()
        let target = URL(fileURLWithPath: output)
        let lock = (mpi?.rank ?? 0) == 0 ? try OutputLock(target: target) : nil
        defer { lock?.release() }
        Log.info("forecast ensemble: \(members) refit(s), horizon \(horizon)"
                 + (mpi.map { " on \($0.size) processes" } ?? ", \(jobs) job(s)"))
        let ensemble: EnsembleForecast
        if let mpi {
            guard let e = try mpi.run(plan, output: target, progress: { Log.info("member \($0) done") }) else { return }
            ensemble = e
        } else {
            ensemble = try ForecastEnsemble.run(plan, progress: { Log.info("member \($0) done") })
        }
        var set = try OutputSet(target: target)
        do {
            try set.add("forecast.csv", EnsembleOutputs.forecastTable(ensemble))
            try set.add("members.csv", EnsembleOutputs.membersTable(ensemble))
            try set.add("ensemble.json", data: EnsembleOutputs.settings(ensemble))
            try set.commit()
        } catch { set.discard(); throw error }
        let sd = ensemble.spread.flatMap { $0 }
        Log.info("ensemble from \(ensemble.run.originLabel) for \(ensemble.run.periodLabels.first!)–\(ensemble.run.periodLabels.last!): "
                 + "seeds \(ensemble.members.first!.seed)–\(ensemble.members.last!.seed); member sd median "
                 + String(format: "%.4g", sd.sorted()[sd.count / 2]) + ", max " + String(format: "%.4g", sd.max() ?? 0))
        Log.info("wrote \(output)/forecast.csv, members.csv and ensemble.json")
    }
}
