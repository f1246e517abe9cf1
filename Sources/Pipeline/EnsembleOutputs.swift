import DataIO
import Foundation

/// The files of `migsim forecast-ensemble`: `forecast.csv` (the combined forecast in
/// `migsim forecast`'s columns, plus `member_sd`), `members.csv` (each member's forecast) and
/// `ensemble.json` (seeds, each member's ρ, ω, λ, the combination rule).
public enum EnsembleOutputs {
    /// id, period, mean, lower80, upper80, lower95, upper95, persons, member_sd.
    public static func forecastTable(_ e: EnsembleForecast) -> CSVTableWriter {
        let f = CSVTableWriter.format
        let r = e.run
        var t = CSVTableWriter(header: ["id", "period", "mean", "lower80", "upper80", "lower95", "upper95", "persons", "member_sd"])
        for (i, id) in r.ids.enumerated() {
            for k in r.periodLabels.indices {
                t.append([id, r.periodLabels[k], f(r.mean[k][i]), f(r.lower[0.8]?[k][i]), f(r.upper[0.8]?[k][i]),
                          f(r.lower[0.95]?[k][i]), f(r.upper[0.95]?[k][i]), f(r.persons[k][i]), f(e.spread[k][i])])
            }
        }
        return t
    }

    /// member, seed, id, period, mean, persons.
    public static func membersTable(_ e: EnsembleForecast) -> CSVTableWriter {
        let f = CSVTableWriter.format
        var t = CSVTableWriter(header: ["member", "seed", "id", "period", "mean", "persons"])
        for m in e.members {
            for (i, id) in e.ids.enumerated() {
                for k in e.periodLabels.indices {
                    t.append([String(m.index), String(m.seed), id, e.periodLabels[k], f(m.mean[k][i]), f(m.persons[k][i])])
                }
            }
        }
        return t
    }

    public static func settings(_ e: EnsembleForecast) throws -> Data {
        let members: [[String: Any]] = e.members.map {
            ["member": $0.index, "seed": $0.seed, "anchoring": $0.settings.anchoring, "velocity_weight": $0.settings.velocityWeight,
             "feature_response": $0.settings.featureResponse, "calibration_errors_per_horizon": $0.calibrationErrors]
        }
        let object: [String: Any] = [
            "origin": e.originLabel, "periods": e.periodLabels, "members": members,
            "combination": "mean: the members' average; bounds: the members' average bound at each level (quantile averaging); "
                + "member_sd: standard deviation of the members' means",
            "intervals": "each member's conformal intervals (empirical quantiles of its own scaled errors at pseudo-origins inside the data), averaged",
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
