import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// The tables `migsim fit` writes (names and columns are the pipeline's contract with `explain`
/// and `report`): series, force per period, force curve, metrics, holdout, parameters.
public struct FitOutputs {
    var series: CSVTableWriter
    var force: CSVTableWriter
    var forceCurve: CSVTableWriter
    var metrics: CSVTableWriter
    /// nil without a holdout.
    var holdout: CSVTableWriter?
    var parameters: CSVTableWriter

    /// Integrates the fitted model over the fitting window, forecasts the holdout, scores both and
    /// stores the scores in `fitted.metrics`.
    ///
    /// With a force of features the holdout is forecast as `migsim forecast` would from the last
    /// fitted period (`PhysicsForecaster` with the fit's own settings); with the time-only
    /// force the integration simply runs on with the force held at its last value. A closed system's
    /// integrated and forecast balances are projected onto Σ Pᵢ qᵢ = 0.
    ///
    /// `uncertainty` adds the 95% interval, the bounds and the flags of each parameter to
    /// parameters.csv (`FitParameterUncertainty`).
    public static func make(fitted: inout FittedModel, data: FitData, settlements: [Settlement], ages: AgeStructure?,
                            closurePopulations: [Double]? = nil, uncertainty: FitParameterUncertainty? = nil) throws -> FitOutputs {
        let n = data.ids.count
        let similaritySeries: [[Double?]] = (0..<n).map { i in data.training.map { Optional($0[i]) } }
        let times = data.allTimes
        let m = data.training.count
        let assembled = try ModelAssembly.build(settlements: settlements, ages: ages, similaritySeries: similaritySeries,
                                                parameters: fitted.parameters)
        var integrated = try FitValidation.integrate(fitted, settlements: settlements, ages: ages,
                                                     similaritySeries: similaritySeries, times: times)
        if fitted.isForecastable && !data.holdout.isEmpty {
            let forecaster = try PhysicsForecaster(fit: fitted, model: assembled.model, closurePopulations: closurePopulations)
            let forecast = try forecaster.forecast(history: data.training, times: data.trainingTimes, origin: m - 1,
                                                   horizon: data.holdout.count, settings: fitted.forecastSettings ?? .persistence)
            integrated = Array(integrated.prefix(m)) + forecast
        }
        if let p = closurePopulations {
            // Each period closed under the populations that close its own observation (see PhysicsForecaster).
            let observedRows = data.training + data.holdout
            integrated = integrated.enumerated().map { k, row in
                ClosedSystem.project(row, populations: ClosedSystem.weights(populations: p, closing: observedRows[k]))
            }
        }
        let network = fitted.solution(at: times)
        let inSample = FitValidation.rows(ids: data.ids, observed: data.training, predicted: Array(integrated.prefix(m)))
        let networkRows = FitValidation.rows(ids: data.ids, observed: data.training, predicted: Array(network.prefix(m)))
        let holdoutRows = data.holdout.isEmpty ? [] :
            FitValidation.holdout(ids: data.ids, training: data.training, observed: data.holdout, forecast: Array(integrated.suffix(data.holdout.count)))
        fitted.metrics = FitReport(inSample: inSample, network: networkRows, holdout: holdoutRows)

        let f = CSVTableWriter.format
        var series = CSVTableWriter(header: ["id", "period", "time", "observed", "network", "integrated", "split"])
        let observed = data.training + data.holdout
        for i in 0..<n {
            for (k, p) in data.allPeriods.enumerated() {
                series.append([data.ids[i], p.label, f(times[k]), f(observed[k][i]), f(network[k][i]), f(integrated[k][i]),
                               k < m ? "train" : "holdout"])
            }
        }
        // Mean force over each fitted period: the explanation target.
        var force = CSVTableWriter(header: ["id", "period", "force"])
        let means = fitted.periodForces()
        for i in 0..<n { for (k, p) in data.trainingPeriods.enumerated() { force.append([data.ids[i], p.label, f(means[k][i])]) } }

        // The force along the window and the residual force r = M ü + C u̇ + (L_K + D) u − F of the
        // solution network: what the force model leaves unexplained (a diagnostic of time).
        var curve = CSVTableWriter(header: ["id", "time", "force", "residual"])
        let t0 = fitted.times.first!, t1 = fitted.times.last!
        let steps = max(1, Int(((t1 - t0) * 20).rounded()))
        let grid = (0...steps).map { t0 + (t1 - t0) * Double($0) / Double(steps) }
        let values = fitted.force(at: grid)
        let p = fitted.parameters
        let residuals: [[Double]] = grid.enumerated().map { k, t in
            let jet = fitted.jet(at: t)
            let stiff = assembled.model.stiffnessTimes(jet.balance, at: jet.balance)
            return (0..<n).map { p.inertia * jet.acceleration[$0] + p.damping * jet.velocity[$0] + stiff[$0] - values[k][$0] }
        }
        for i in 0..<n { for (k, t) in grid.enumerated() { curve.append([data.ids[i], f(t), f(values[k][i]), f(residuals[k][i])]) } }

        var metrics = CSVTableWriter(header: ["id", "r2", "rmse", "theil_u"])
        for r in inSample { metrics.append([r.id, f(r.r2), f(r.rmse), f(r.theilU)]) }
        var hold = CSVTableWriter(header: ["id", "method", "mae", "rmse", "mase"])
        for r in holdoutRows { hold.append([r.id, r.method, f(r.mae), f(r.rmse), f(r.mase)]) }
        var params = CSVTableWriter(header: ["name", "value", "learned", "unit", "bound_lower", "bound_upper", "lower_95", "upper_95",
                                             "identified", "at_lower_bound", "at_upper_bound", "spans_more_than_a_decade"])
        for q in PhysicalParameter.allCases {
            let learned = fitted.configuration.learned.contains(q)
            let bounds = fitted.configuration.bounds(of: q)
            let row = uncertainty?.intervals.first { $0.parameter == q }
            func flag(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "" }
            params.append([q.rawValue, f(q.value(in: p)), learned ? "true" : "false", bounds.unit,
                           learned ? f(bounds.lower) : "", learned ? f(bounds.upper) : "",
                           row?.lower.map(f) ?? "", row?.upper.map(f) ?? "",
                           learned ? flag(row?.identified) : "", learned ? flag(row?.atLowerBound) : "",
                           learned ? flag(row?.atUpperBound) : "", learned ? flag(row?.spansMoreThanADecade) : ""])
        }
        params.append(["distance_scale", f(p.distanceScale), "false", PlausibleRange.distanceScale.unit, "", "", "", "", "", "", "", ""])
        return FitOutputs(series: series, force: force, forceCurve: curve, metrics: metrics, holdout: holdoutRows.isEmpty ? nil : hold, parameters: params)
    }

    /// Writes every table and the artifact as one `OutputSet`: `folder` then holds exactly this
    /// fit's files (a checkpoint left there by the run is gone with the old contents), or — when
    /// anything fails — what it held before.
    public func write(to folder: URL, fitted: FittedModel) throws {
        var set = try OutputSet(target: folder)
        do {
            try set.add("series.csv", series)
            try set.add("force.csv", force)
            try set.add("force_curve.csv", forceCurve)
            try set.add("metrics.csv", metrics)
            if let holdout { try set.add("holdout.csv", holdout) }
            try set.add("parameters.csv", parameters)
            try set.add("fit.json", artifact: fitted, format: FitArtifact.format, version: FitArtifact.version)
            try set.commit()
        } catch { set.discard(); throw error }
    }
}

/// The fitted-model artifact's format name and version (`JSONArtifact` envelope).
public enum FitArtifact {
    public static let format = "migsim-fit"
    public static let version = 2

    /// Reads and validates an artifact (`FittedModel.validate`); errors name the file and the field.
    public static func read(_ url: URL) throws -> FittedModel {
        let model = try JSONArtifact.read(FittedModel.self, format: format, version: version, from: url)
        do { try model.validate() } catch { throw PipelineError("\(url.path): not a whole fitted model: \(error)") }
        return model
    }
}
