import DataIO
import Foundation

/// `forecast.csv` of `migsim forecast`: id, period, mean, lower80, upper80, lower95, upper95, persons
/// (balances per 1,000 inhabitants per year; persons = net migrants over the period).
public enum ForecastOutputs {
    /// `extra` appends one more column, values[period][settlement] (the ensemble's `member_sd`).
    public static func table(_ r: ForecastRun, extra: (name: String, values: [[Double]])? = nil) -> CSVTableWriter {
        let f = CSVTableWriter.format
        var t = CSVTableWriter(header: ["id", "period", "mean", "lower80", "upper80", "lower95", "upper95", "persons"]
                                       + (extra.map { [$0.name] } ?? []))
        for (i, id) in r.ids.enumerated() {
            for k in r.periodLabels.indices {
                t.append([id, r.periodLabels[k], f(r.mean[k][i]), f(r.lower[0.8]?[k][i]), f(r.upper[0.8]?[k][i]),
                          f(r.lower[0.95]?[k][i]), f(r.upper[0.95]?[k][i]), f(r.persons[k][i])]
                         + (extra.map { [f($0.values[k][i])] } ?? []))
            }
        }
        return t
    }

    /// forecast.json: what decided the forecast (origin, ρ, ω, calibration size).
    public static func settings(_ r: ForecastRun, fit: String) throws -> Data {
        let object: [String: Any] = [
            "origin": r.originLabel, "fit": fit, "anchoring": r.settings.anchoring, "velocity_weight": r.settings.velocityWeight,
            "feature_response": r.settings.featureResponse,
            "calibration_errors_per_horizon": r.calibrationErrors, "periods": r.periodLabels,
            "intervals": "conformal: empirical quantiles of the model's own scaled errors at pseudo-origins inside the data",
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
