import DataIO
import Foundation

/// The files of `migsim forecast-ensemble`: `forecast.csv` (the ensemble's forecast in
/// `migsim forecast`'s columns, plus `member_sd`), `members.csv` (each member's forecast) and
/// `ensemble.json` (seeds, each member's ρ, ω, λ, how the forecast was combined).
public enum EnsembleOutputs {
    /// id, period, mean, lower80, upper80, lower95, upper95, persons, member_sd.
    public static func forecastTable(_ e: EnsembleForecast) -> CSVTableWriter {
        ForecastOutputs.table(e.run, extra: ("member_sd", e.spread))
    }

    /// member, seed, id, period, mean, persons.
    public static func membersTable(_ e: EnsembleForecast) -> CSVTableWriter {
        let f = CSVTableWriter.format
        var t = CSVTableWriter(header: ["member", "seed", "id", "period", "mean", "persons"])
        for (m, member) in e.members.enumerated() {
            for (i, id) in e.run.ids.enumerated() {
                for k in e.run.periodLabels.indices {
                    t.append([String(member.index), String(member.seed), id, e.run.periodLabels[k], f(e.memberMeans[m][k][i]),
                              f(e.memberPersons[m][k][i])])
                }
            }
        }
        return t
    }

    /// ensemble.json: origin, periods, each member's seed and ρ, ω, λ, how the forecast was combined.
    public static func settings(_ e: EnsembleForecast) throws -> Data {
        let members: [[String: Any]] = e.members.map { m in
            let s = m.fitted.forecastSettings ?? .persistence
            return ["member": m.index, "seed": m.seed, "anchoring": s.anchoring, "velocity_weight": s.velocityWeight,
                    "feature_response": s.featureResponse]
        }
        let object: [String: Any] = [
            "origin": e.run.originLabel, "periods": e.run.periodLabels, "members": members,
            "calibration_errors_per_horizon": e.run.calibrationErrors,
            "combination": "mean: the members' average forecast; member_sd: standard deviation of the members' forecasts",
            "intervals": "conformal: empirical quantiles of the average forecast's own scaled errors at pseudo-origins inside the data",
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
