import ArgumentParser
import DataIO
import Forecasting
import Foundation
import PhysicsInformed
import Pipeline

/// `migsim forecast`: balances beyond the data with prediction intervals (SPEC §12).
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast balances beyond the data with 80% and 95% prediction intervals (and persons).",
        discussion: """
        From the last observed period of the balance file (or --origin), the fitted equations of motion \
        are integrated forward from the observed state under the fitted force of the features: the \
        features observed up to the origin, held at their last values after it (persistence), or changed \
        by --scenario. The level term ρ and starting velocity ω are chosen on pseudo-origins inside the \
        data (see `migsim backtest --help`). A closed system (`system: closed`) keeps Σ Pᵢ qᵢ = 0 in every \
        forecast period.

        Intervals: conformal calibration on the model's own forecast errors at up to 10 pseudo-origins \
        inside the data, each settlement's errors scaled by its in-sample one-step naive MAE; the \
        interval at level L spans the (1−L)/2 and (1+L)/2 empirical quantiles of those scaled errors \
        (finite-sample ranks), per horizon. They cover the forecast error of the model as fitted, not the \
        uncertainty of a refit (`migsim forecast-ensemble` shows the spread of refits).

        Writes into --output (all files or none): forecast.csv (id, period, mean, lower80, upper80, \
        lower95, upper95, persons) and forecast.json (origin, ρ, ω, calibration).
        """
    )

    @OptionGroup var caseFiles: CaseFileOptions

    @Option(name: .long, help: "Fitted model artifact (fit.json from migsim fit, fitted with features).")
    var fit: String

    @Option(name: .long, help: "Periods to forecast after the origin.")
    var horizon: Int

    @Option(name: .long, help: "Scenario file (YAML) changing the projected features.")
    var scenario: String?

    @Option(name: .long, help: "Interval levels in percent, comma-separated.")
    var level: String = "80,95"

    @Option(name: .long, help: "Forecast origin: a period label of the balance file (default: its last period).")
    var origin: String?

    @Option(name: .long, help: "Output folder.")
    var output: String

    func run() throws {
        let levels = try ForecastCommand.levels(level)
        let files = caseFiles.files
        let fitted = try FitArtifact.read(URL(fileURLWithPath: fit))
        let calibration = IntervalCalibration(levels: levels, calibrationOrigins: 10, minimumHistory: 3)
        let prepared = try CaseForecast.prepare(fitted: fitted, files: files, origin: origin)
        AgeTermNotice.log(prepared.history.ageTerm)
        var transform: PhysicsForecaster.FeatureTransform? = nil
        if let scenario {
            transform = try ScenarioTransform.make(URL(fileURLWithPath: scenario), fit: prepared.fit).transform
        }
        let run = try CaseForecast.run(prepared.forecaster, history: prepared.history, horizon: horizon, calibration: calibration,
                                       transform: transform)
        var set = try OutputSet(target: URL(fileURLWithPath: output))
        do {
            try set.add("forecast.csv", ForecastOutputs.table(run))
            try set.add("forecast.json", data: ForecastOutputs.settings(run, fit: fit))
            try set.commit()
        } catch { set.discard(); throw error }
        Log.info("forecast from \(run.originLabel) for \(run.periodLabels.first!)–\(run.periodLabels.last!): ρ \(run.settings.anchoring), "
                 + "ω \(run.settings.velocityWeight), feature response λ \(String(format: "%.3f", run.settings.featureResponse)) "
                 + "(chosen on the fit's validation window); \(run.calibrationErrors) calibration errors per horizon")
        Log.info("wrote \(output)/forecast.csv and forecast.json")
    }

    static func levels(_ text: String) throws -> [Double] {
        var out = [Double]()
        for part in text.split(separator: ",") {
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v > 0, v < 100 else {
                throw ValidationError("--level: '\(part)'; expected percentages between 0 and 100, e.g. 80,95")
            }
            out.append(v / 100)
        }
        guard !out.isEmpty else { throw ValidationError("--level: expected at least one percentage, e.g. 80,95") }
        return out
    }
}
