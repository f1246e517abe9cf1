import DataIO
import Forecasting
import Foundation

/// The tables `migsim backtest` writes (SPEC §12; their names and columns are the contract with
/// `report`):
/// - `backtest.csv`: origin, method, id, period, horizon, forecast, observed, lower80, upper80,
///   lower95, upper95 — every forecast cell;
/// - `summary.csv`: method, origins, mase, rmse, bias, coverage80, coverage95, interval_score80,
///   interval_score95 — one row per method, each the mean over origins of that origin's value;
/// - `by_origin.csv`: origin, method, mase, rmse, coverage80 — the same scores per origin;
/// - `settings.csv`: origin, method, anchoring, velocity_weight, feature_response, in_window_score — the ρ, ω, λ each
///   model variant chose inside its window.
public enum BacktestOutputs {
    public static func write(_ r: BacktestResult, to folder: URL) throws {
        var set = try OutputSet(target: folder)
        do {
            for (name, table) in tables(r) { try set.add(name, table) }
            try set.commit()
        } catch {
            set.discard()
            throw error
        }
    }

    public static func tables(_ r: BacktestResult) -> [(String, CSVTableWriter)] {
        let f = CSVTableWriter.format
        var cells = CSVTableWriter(header: ["origin", "method", "id", "period", "horizon", "forecast", "observed",
                                            "lower80", "upper80", "lower95", "upper95"])
        for c in r.records {
            cells.append([c.originLabel, c.method, r.ids[c.settlement], c.periodLabel, "\(c.horizon)", f(c.forecast), f(c.observed),
                          f(c.lower[0.8]), f(c.upper[0.8]), f(c.lower[0.95]), f(c.upper[0.95])])
        }
        var summary = CSVTableWriter(header: ["method", "origins", "mase", "rmse", "bias", "coverage80", "coverage95",
                                              "interval_score80", "interval_score95"])
        for s in r.summaries {
            summary.append([s.method, "\(s.origins)", f(s.mase), f(s.rmse), f(s.bias), f(s.coverage[0.8]), f(s.coverage[0.95]),
                            f(s.intervalScore[0.8]), f(s.intervalScore[0.95])])
        }
        var byOrigin = CSVTableWriter(header: ["origin", "method", "mase", "rmse", "coverage80"])
        let origins = Dictionary(grouping: r.records, by: \.origin)
        for o in origins.keys.sorted() {
            for s in RollingOrigin.summary(origins[o]!) {
                byOrigin.append([r.periodLabels[o], s.method, f(s.mase), f(s.rmse), f(s.coverage[0.8])])
            }
        }
        var settings = CSVTableWriter(header: ["origin", "method", "anchoring", "velocity_weight", "feature_response", "in_window_score"])
        for c in r.chosenSettings {
            settings.append([c.origin, c.method, f(c.settings.anchoring), f(c.settings.velocityWeight), f(c.settings.featureResponse), f(c.settings.score)])
        }
        return [("backtest.csv", cells), ("summary.csv", summary), ("by_origin.csv", byOrigin), ("settings.csv", settings)]
    }
}
