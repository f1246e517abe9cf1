import ArgumentParser
import DataIO
import Forecasting
import Foundation
import PhysicsInformed
import Pipeline

/// `migsim scenario`: what-if forecasts (SPEC §5). The fitted force model turns the scenario's
/// feature changes into force changes; the equations of motion are integrated from the observed
/// state with and without them (`migsim forecast`'s method), and the two are compared.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run a feature-change scenario through the fitted force model and the equations of motion.",
        discussion: """
        The origin is the last observed period before the scenario's `start` (default: its earliest \
        `from`; the last observed period when the start is beyond the data). From there the baseline \
        holds the features at their values at the origin (persistence) and the scenario changes them as \
        the file says; both are forecast with the fitted model (`migsim forecast --help`) over \
        `horizon_years`. The force change is F(changed features) − F(features) of the fitted force \
        network — the scenario moves balances only through features the force was fitted on. \
        Intervals: the baseline's conformal intervals, shifted with the scenario's mean. A closed system \
        keeps Σ persons = 0 in both.

        Writes into --output (all files or none): scenario.csv (id, time, period, baseline, scenario, \
        difference, force_change, baseline_lower80, baseline_upper80, scenario_lower80, scenario_upper80, \
        baseline_persons, scenario_persons, persons_difference; balances per 1,000 per year, persons \
        cumulative from the origin) and scenario_summary.csv (per settlement at the horizon).
        """
    )

    @OptionGroup var caseFiles: CaseFileOptions

    @Option(name: .long, help: "Fitted model artifact (fit.json from migsim fit, fitted with features).")
    var fit: String

    @Option(name: .long, help: "Scenario file (YAML).")
    var scenario: String

    @Option(name: .long, help: "Output folder.")
    var output: String

    func run() throws {
        let files = caseFiles.files
        let fitted = try FitArtifact.read(URL(fileURLWithPath: fit))
        guard fitted.isForecastable else {
            throw ValidationError("\(fit): the fitted force is a function of time only and cannot carry feature changes; "
                                  + "fit with features (data.features in \(caseFiles.config))")
        }
        let spec = try ScenarioFile.load(URL(fileURLWithPath: scenario))
        let calibration = IntervalCalibration(levels: [0.8, 0.95], calibrationOrigins: 10, minimumHistory: 3)
        // Origin: the last observed period before the scenario starts.
        let whole = try FitCase.load(files, holdout: 0)
        let periods = whole.data.trainingPeriods
        let start = spec.start ?? spec.changes.map(\.from).min()!
        let before = periods.last { $0.decimalYear < start.decimalYear - 1e-9 } ?? periods.last!
        let prepared = try CaseForecast.prepare(fitted: fitted, files: files, origin: before.label)
        AgeTermNotice.log(prepared.history.ageTerm)
        let changed = try ScenarioTransform.make(URL(fileURLWithPath: scenario), fit: prepared.fit)
        let length = before.length
        let steps = max(1, Int((spec.horizonYears / length).rounded()))
        let base = try CaseForecast.run(prepared.forecaster, history: prepared.history, horizon: steps, calibration: calibration)
        let alt = try CaseForecast.run(prepared.forecaster, history: prepared.history, horizon: steps, calibration: calibration,
                                       transform: changed.transform)
        let forceChange = try ScenarioCommand.forceChanges(prepared.forecaster, transform: changed.transform, times: base.times)

        let f = CSVTableWriter.format
        var table = CSVTableWriter(header: ["id", "time", "period", "baseline", "scenario", "difference", "force_change",
                                            "baseline_lower80", "baseline_upper80", "scenario_lower80", "scenario_upper80",
                                            "baseline_persons", "scenario_persons", "persons_difference"])
        let n = base.ids.count
        var cumBase = [Double](repeating: 0, count: n), cumAlt = [Double](repeating: 0, count: n)
        var rows = [[String]]()
        for k in 0..<steps {
            for i in 0..<n {
                cumBase[i] += base.persons[k][i]; cumAlt[i] += alt.persons[k][i]
                rows.append([base.ids[i], f(base.times[k]), base.periodLabels[k], f(base.mean[k][i]), f(alt.mean[k][i]),
                             f(alt.mean[k][i] - base.mean[k][i]), f(forceChange[k][i]),
                             f(base.lower[0.8]![k][i]), f(base.upper[0.8]![k][i]), f(alt.lower[0.8]![k][i]), f(alt.upper[0.8]![k][i]),
                             f(cumBase[i]), f(cumAlt[i]), f(cumAlt[i] - cumBase[i])])
            }
        }
        for i in 0..<n { for row in rows where row[0] == base.ids[i] { table.append(row) } }
        var summary = CSVTableWriter(header: ["id", "mean_difference", "final_difference", "persons_difference"])
        for i in 0..<n {
            let mean = (0..<steps).reduce(0) { $0 + alt.mean[$1][i] - base.mean[$1][i] } / Double(steps)
            summary.append([base.ids[i], f(mean), f(alt.mean[steps - 1][i] - base.mean[steps - 1][i]), f(cumAlt[i] - cumBase[i])])
        }
        var set = try OutputSet(target: URL(fileURLWithPath: output))
        do {
            try set.add("scenario.csv", table)
            try set.add("scenario_summary.csv", summary)
            try set.commit()
        } catch { set.discard(); throw error }
        let moved = (0..<n).map { cumAlt[$0] - cumBase[$0] }
        let largest = (0..<n).sorted { abs(moved[$0]) > abs(moved[$1]) }.prefix(3)
        Log.info("scenario '\(spec.name)' from origin \(base.originLabel), \(base.periodLabels.first!)–\(base.periodLabels.last!): "
                 + "net persons moved by the change, largest: "
                 + largest.map { "\(base.ids[$0]) \(String(format: "%+.0f", moved[$0]))" }.joined(separator: ", ")
                 + String(format: "; total %+.0f", moved.reduce(0, +)))
        Log.info("wrote \(output)/scenario.csv and scenario_summary.csv")
    }

    /// F(changed features) − F(features) of each forecast period (rows periods, columns settlements).
    static func forceChanges(_ f: PhysicsFitted, transform: @escaping PhysicsForecaster.FeatureTransform, times: [Double]) throws -> [[Double]] {
        let fit = f.forecaster.fit
        let features = fit.forceFeatures!
        let origin = f.times.last!
        return times.map { t0 in
            // The period of this forecast step is the one starting one period before its output time.
            let t = t0 - (f.times.count > 1 ? f.times[1] - f.times[0] : 1)
            let period = t - Double(features.lag) * features.periodLength
            let row = features.raw[features.rowIndex(at: min(period, origin))]
            let base = fit.force(rawFeatures: row), changed = fit.force(rawFeatures: transform(period, row))
            return zip(changed, base).map { $0 - $1 }
        }
    }
}
