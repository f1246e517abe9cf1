import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// The tables `migsim fit` writes (names and columns are the pipeline's contract with `explain`
/// and `report`): series, force per period, force curve, metrics, holdout, parameters.
struct FitOutputs {
    var series: CSVTableWriter
    var force: CSVTableWriter
    var forceCurve: CSVTableWriter
    var metrics: CSVTableWriter
    /// nil without a holdout.
    var holdout: CSVTableWriter?
    var parameters: CSVTableWriter

    /// Integrates the fitted model over the fitting window and the holdout, scores it and
    /// stores the scores in `fitted.metrics`.
    static func make(fitted: inout FittedModel, data: FitData, settlements: [Settlement], ages: AgeStructure?) throws -> FitOutputs {
        let n = data.ids.count
        let similaritySeries: [[Double?]] = (0..<n).map { i in data.training.map { Optional($0[i]) } }
        let times = data.allTimes
        let integrated = try FitValidation.integrate(fitted, settlements: settlements, ages: ages,
                                                     similaritySeries: similaritySeries, times: times)
        let network = fitted.solution(at: times)
        let m = data.training.count
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

        var curve = CSVTableWriter(header: ["id", "time", "force"])
        let t0 = fitted.times.first!, t1 = fitted.times.last!
        let steps = max(1, Int(((t1 - t0) * 20).rounded()))
        let grid = (0...steps).map { t0 + (t1 - t0) * Double($0) / Double(steps) }
        let values = fitted.force(at: grid)
        for i in 0..<n { for (k, t) in grid.enumerated() { curve.append([data.ids[i], f(t), f(values[k][i])]) } }

        var metrics = CSVTableWriter(header: ["id", "r2", "rmse", "theil_u"])
        for r in inSample { metrics.append([r.id, f(r.r2), f(r.rmse), f(r.theilU)]) }
        var hold = CSVTableWriter(header: ["id", "method", "mae", "rmse", "mase"])
        for r in holdoutRows { hold.append([r.id, r.method, f(r.mae), f(r.rmse), f(r.mase)]) }
        var params = CSVTableWriter(header: ["name", "value", "learned"])
        let p = fitted.parameters
        for q in PhysicalParameter.allCases {
            params.append([q.rawValue, f(q.value(in: p)), fitted.configuration.learned.contains(q) ? "true" : "false"])
        }
        params.append(["distance_scale", f(p.distanceScale), "false"])
        return FitOutputs(series: series, force: force, forceCurve: curve, metrics: metrics, holdout: holdoutRows.isEmpty ? nil : hold, parameters: params)
    }

    /// Writes every table and the artifact, each atomically; the artifact last, so a `fit.json`
    /// present means the tables beside it are complete.
    func write(to folder: URL, fitted: FittedModel) throws {
        try series.write(to: folder.appendingPathComponent("series.csv"))
        try force.write(to: folder.appendingPathComponent("force.csv"))
        try forceCurve.write(to: folder.appendingPathComponent("force_curve.csv"))
        try metrics.write(to: folder.appendingPathComponent("metrics.csv"))
        if let holdout { try holdout.write(to: folder.appendingPathComponent("holdout.csv")) }
        try parameters.write(to: folder.appendingPathComponent("parameters.csv"))
        try JSONArtifact.write(fitted, format: FitArtifact.format, version: FitArtifact.version, to: folder.appendingPathComponent("fit.json"))
    }
}

/// The fitted-model artifact's format name and version (`JSONArtifact` envelope).
enum FitArtifact {
    static let format = "migsim-fit"
    static let version = 1

    static func read(_ url: URL) throws -> FittedModel {
        try JSONArtifact.read(FittedModel.self, format: format, version: version, from: url)
    }
}
