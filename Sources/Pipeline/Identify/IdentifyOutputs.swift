import DataIO
import Foundation
import Identification
import MigrationModel
import PhysicsInformed

/// The files `migsim identify` writes: the artifact, the parameters as CSV and YAML, the observed
/// and simulated series at the identified parameters, the trace, and with a fitted force the fit's
/// artifact with the identified parameters, and the 95% interval of every identified parameter
/// with its bound and identifiability flags (uncertainty.csv, uncertainty.json), and the recorded trials
/// (trials.json, which `--resume --budget N` extends). All are made before anything is written and written as one
/// `OutputSet`.
public struct IdentifyOutputs {
    public var artifact: IdentifiedModel
    public var parameters: CSVTableWriter
    public var yaml: String
    public var series: CSVTableWriter
    public var trace: CSVTableWriter
    /// 95% intervals and bound / identifiability flags of the identified parameters.
    public var uncertainty: ParameterUncertainty
    public var uncertaintyTable: CSVTableWriter
    /// Lines for the log: the intervals and their warnings.
    public var messages: [String]
    /// The run's recorded trials with its budget (`trials.json`), which `--resume --budget N` extends.
    public var journal: IdentifyCheckpoint?

    public static func make(result: IdentificationResult, objective: TheilObjective, loaded: IdentifyCase, space: ParameterSpace,
                     force: String, budget: Int, journal: IdentifyCheckpoint? = nil) throws -> IdentifyOutputs {
        let data = objective.data
        let best = objective.evaluate(result.parameters)
        guard let simulated = best.simulated else {
            throw PipelineError("no valid parameters were found: every trial failed (last failure: \(best.failure ?? "unknown")); "
                                  + "narrow --bounds or raise --budget")
        }
        let configurationU = objective.evaluate(loaded.configurationParameters).theilU
        let fitU = loaded.fitted.map { objective.evaluate($0.parameters).theilU }
        let pinnU = loaded.fitted?.metrics?.overall?.theilU

        var fittedCopy: FittedModel? = nil
        if var copy = loaded.fitted {
            copy.parameters = result.parameters
            // Re-score the copy: its metrics must describe its own parameters.
            _ = try FitOutputs.make(fitted: &copy, data: loaded.fitData, settlements: loaded.places, ages: loaded.ages)
            fittedCopy = copy
        }
        let artifact = IdentifiedModel(
            ids: data.ids, times: data.times, periodLabels: loaded.fitData.trainingPeriods.map(\.label), force: force,
            initialState: loaded.initialStateDescription, method: result.method, seed: result.seed, budget: budget,
            ranges: space.ranges, identified: result.identified, parameters: result.parameters, theilU: result.theilU,
            reference: .init(configurationTheilU: configurationU, fitParametersTheilU: fitU, pinnTheilU: pinnU),
            trials: result.trials, iterations: result.iterations, termination: result.termination.rawValue,
            newEvaluations: result.newEvaluations, replayedTrials: result.replayedTrials, solver: data.solver.rawValue,
            rtol: data.rtol, atol: data.atol, fingerprint: loaded.fingerprint, trace: result.trace, fittedModel: fittedCopy)

        let f = CSVTableWriter.format
        var parameters = CSVTableWriter(header: ["name", "value", "identified", "lower", "upper", "scale"])
        for p in IdentifiedParameter.allCases {
            guard let v = p.value(in: result.parameters) else { continue }
            if let r = space.ranges.first(where: { $0.parameter == p }) {
                parameters.append([p.rawValue, f(v), "true", f(r.lower), f(r.upper), r.scale.rawValue])
            } else {
                parameters.append([p.rawValue, f(v), "false", "", "", ""])
            }
        }
        parameters.append(["inertia", f(result.parameters.inertia), "false", "", "", ""])
        parameters.append(["theil_u", f(result.theilU), "", "", "", ""])

        var series = CSVTableWriter(header: ["id", "period", "time", "observed", "simulated"])
        for (i, id) in data.ids.enumerated() {
            for (k, t) in data.times.enumerated() {
                series.append([id, loaded.fitData.trainingPeriods[k].label, f(t), f(data.observed[k][i]), f(simulated[k][i])])
            }
        }
        var trace = CSVTableWriter(header: ["trials", "best_theil_u"])
        for e in result.trace { trace.append(["\(e.trials)", f(e.bestValue)]) }
        let uncertainty = ParameterUncertainty.estimate(objective, at: result.point)
        var uncertaintyTable = CSVTableWriter(header: ["name", "value", "lower_95", "upper_95", "std_error_on_search_scale", "scale",
                                                       "identified", "at_lower_bound", "at_upper_bound", "spans_more_than_a_decade"])
        for i in uncertainty.intervals {
            uncertaintyTable.append([i.parameter, f(i.value), f(i.lower), f(i.upper), f(i.standardError), i.scale.rawValue,
                                     "\(i.identified)", "\(i.atLowerBound)", "\(i.atUpperBound)", "\(i.spansMoreThanADecade)"])
        }
        let messages = ["95% intervals (\(ParameterUncertainty.methodDescription)): "
                        + uncertainty.intervals.map { String(format: "%@ %.4g [%.4g, %.4g]", $0.parameter, $0.value, $0.lower, $0.upper) }
                            .joined(separator: ", ")] + uncertainty.warnings.map { "warning: \($0)" }
        return IdentifyOutputs(artifact: artifact, parameters: parameters, yaml: yamlSection(result, U: result.theilU, force: force),
                               series: series, trace: trace, uncertainty: uncertainty, uncertaintyTable: uncertaintyTable,
                               messages: messages, journal: journal)
    }

    /// A `model:` section with the identified parameters (numbers in shortest round-trip form).
    static func yamlSection(_ result: IdentificationResult, U: Double, force: String) -> String {
        let p = result.parameters
        var lines = ["# identified by migsim identify (\(result.method), seed \(result.seed), \(result.trials) trials, force \(force)): Theil U \(U)",
                     "model:",
                     "  alpha: \(p.alpha)", "  distance_scale: \(p.distanceScale)", "  gamma: \(p.gamma)", "  beta: \(p.beta)",
                     "  delta: \(p.delta)", "  damping: \(p.damping)", "  inertia: \(p.inertia)"]
        switch p.ageFunction {
        case .smoothStep(let y, let o):
            lines.append("  age_function: {kind: smooth, young: \(y), old: \(o)}")
        case .rogersCastro(let r):
            lines.append("  age_function: {kind: rogers_castro, a1: \(r.a1), alpha1: \(r.alpha1), a2: \(r.a2), alpha2: \(r.alpha2), "
                         + "mu2: \(r.mu2), lambda2: \(r.lambda2), c: \(r.c)}")
        }
        lines += ["  metric: \(p.metric.rawValue)", "  dense_limit: \(p.denseLimit)", "  neighbours: \(p.neighbours)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes every file as one `OutputSet`: the folder holds the old run's files until this run's
    /// are all written (a checkpoint left there by the run goes with the old contents).
    public func write(to folder: URL) throws {
        var set = try OutputSet(target: folder)
        do {
            try set.add("parameters.csv", parameters)
            try set.add("parameters.yaml", data: Data(yaml.utf8))
            try set.add("series.csv", series)
            try set.add("trace.csv", trace)
            try set.add("uncertainty.csv", uncertaintyTable)
            try set.add("uncertainty.json", artifact: uncertainty, format: "migsim-parameter-uncertainty", version: 1, allowNonFinite: true)
            if let fitted = artifact.fittedModel {
                try set.add("fit_identified.json", artifact: fitted, format: FitArtifact.format, version: FitArtifact.version)
            }
            if let journal {
                try set.add(IdentifyCheckpoint.journalFile, artifact: journal, format: IdentifyCheckpoint.format, version: IdentifyCheckpoint.version)
            }
            try set.add("identify.json", artifact: artifact, format: IdentifiedModel.format, version: IdentifiedModel.version)
            try set.commit()
        } catch { set.discard(); throw error }
    }
}
