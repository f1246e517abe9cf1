import DataIO
import Foundation
import Reports

/// The report's forecasting section (SPEC §12): the rolling-origin backtest against the baselines
/// (`backtest/summary.csv`, `by_origin.csv` of `migsim backtest`) with an explicit sentence on which
/// method wins, MASE by origin as a chart, and one fan chart per settlement of the forecast with
/// its 80% and 95% intervals (`forecast/forecast.csv` of `migsim forecast`) after the observations.
struct ReportForecastSection {
    struct Summary { var method: String; var origins: Int; var mase, rmse, bias, coverage80, coverage95, score80, score95: Double }
    struct ByOrigin { var origin: String; var method: String; var mase: Double }
    struct ForecastPoint { var period: String; var time: Double; var mean, lower80, upper80, lower95, upper95, persons: Double }

    var summaries: [Summary] = []
    var byOrigin: [ByOrigin] = []
    var forecast: [String: [ForecastPoint]] = [:]

    var isEmpty: Bool { summaries.isEmpty && forecast.isEmpty }

    /// Reads `backtest/` and `forecast/` under the report's input folder when they exist.
    static func read(input: URL, into files: inout [String]) throws -> ReportForecastSection {
        var s = ReportForecastSection()
        let summary = input.appendingPathComponent("backtest/summary.csv")
        if FileManager.default.fileExists(atPath: summary.path) {
            let t = try CSVTable.read(summary); files.append(summary.path)
            let c = try ["method", "origins", "mase", "rmse", "bias", "coverage80", "coverage95", "interval_score80", "interval_score95"]
                .map { try t.requireColumn($0) }
            for r in t.rows.indices {
                s.summaries.append(Summary(method: try t.text(r, c[0]), origins: Int(try t.number(r, c[1])), mase: try t.number(r, c[2]),
                                           rmse: try t.number(r, c[3]), bias: try t.number(r, c[4]), coverage80: try t.number(r, c[5]),
                                           coverage95: try t.number(r, c[6]), score80: try t.number(r, c[7]), score95: try t.number(r, c[8])))
            }
            let origins = input.appendingPathComponent("backtest/by_origin.csv")
            if FileManager.default.fileExists(atPath: origins.path) {
                let o = try CSVTable.read(origins); files.append(origins.path)
                let oc = try ["origin", "method", "mase"].map { try o.requireColumn($0) }
                for r in o.rows.indices {
                    s.byOrigin.append(ByOrigin(origin: try o.text(r, oc[0]), method: try o.text(r, oc[1]), mase: try o.number(r, oc[2])))
                }
            }
        }
        let forecast = input.appendingPathComponent("forecast/forecast.csv")
        if FileManager.default.fileExists(atPath: forecast.path) {
            let t = try CSVTable.read(forecast); files.append(forecast.path)
            let c = try ["id", "period", "mean", "lower80", "upper80", "lower95", "upper95", "persons"].map { try t.requireColumn($0) }
            for r in t.rows.indices {
                let p = try t.period(r, c[1])
                s.forecast[try t.text(r, c[0]), default: []].append(ForecastPoint(
                    period: p.label, time: p.decimalYear, mean: try t.number(r, c[2]), lower80: try t.number(r, c[3]),
                    upper80: try t.number(r, c[4]), lower95: try t.number(r, c[5]), upper95: try t.number(r, c[6]), persons: try t.number(r, c[7])))
            }
        }
        return s
    }

    /// The one sentence the README and the report give: which method has the lowest mean MASE and
    /// interval scores, and where the model stands against the best baseline.
    func verdict() -> String? {
        guard let model = summaries.first(where: { $0.method == "migsim" }) else { return nil }
        let baselines = summaries.filter { !$0.method.hasPrefix("migsim") }
        guard let best = baselines.min(by: { $0.mase < $1.mase }) else { return nil }
        let ratio = model.mase / best.mase
        let bestScore80 = baselines.min { $0.score80 < $1.score80 }!, bestScore95 = baselines.min { $0.score95 < $1.score95 }!
        var text = String(format: "Over %d origins, migsim's mean MASE is %.3f against %.3f for the best baseline (%@): a ratio of %.3f, ",
                          model.origins, model.mase, best.mase, best.method, ratio)
        text += ratio < 1 ? "so the model forecasts better than every baseline on this measure. "
            : (ratio == 1 ? "a tie with the best baseline. " : "so the best baseline forecasts better than the model. ")
        text += String(format: "Its 80%% intervals cover %.0f%% of the held-out observations (95%%: %.0f%%). ", 100 * model.coverage80, 100 * model.coverage95)
        text += String(format: "Interval scores (lower is better): migsim %.2f (80%%) and %.2f (95%%); the best baselines %.2f (%@) and %.2f (%@)",
                       model.score80, model.score95, bestScore80.score80, bestScore80.method, bestScore95.score95, bestScore95.method)
        text += model.score80 < bestScore80.score80 && model.score95 < bestScore95.score95 ? ", so the model's intervals are the sharpest for their coverage."
            : ", so the model's intervals are not better than every baseline's."
        return text
    }

    func section(names: [String: String], ids: [String], populations: [String: Double]?, observed: BalanceTable?, unit: String,
                 commands: [String: String]) -> ReportSection? {
        guard !isEmpty else { return nil }
        typealias F = NumberFormat
        var blocks: [ReportBlock] = [.paragraph(
            "Forecasts out of sample. `migsim backtest` fits the model on the data up to each origin, forecasts the next periods and "
            + "scores them against what was observed, beside persistence, a 5-period drift, the training mean, simple exponential "
            + "smoothing, ARIMA(0,1,1) and a pooled AR(1) on the same origins; every method gets conformal 80% and 95% intervals from "
            + "its own errors inside the window. MASE < 1 beats the in-sample one-step naive forecast; the in-sample R² of the fit says "
            + "nothing about this.")]
        if !summaries.isEmpty {
            var outputs: [ReportOutput] = []
            outputs.append(.table(ReportTable(
                caption: "Rolling-origin backtest (summary.csv): means over origins. migsim-no-coupling: α = β = 0; migsim-force-only: α = β = δ = 0.",
                header: ["method", "origins", "MASE", "RMSE", "bias", "coverage 80%", "coverage 95%", "interval score 80%", "interval score 95%"],
                rows: summaries.map { [$0.method, "\($0.origins)", F.fixed($0.mase, 3), F.fixed($0.rmse, 3), F.fixed($0.bias, 3),
                                       F.fixed($0.coverage80, 2), F.fixed($0.coverage95, 2), F.fixed($0.score80, 2), F.fixed($0.score95, 2)] },
                numeric: [false] + Array(repeating: true, count: 8))))
            let origins = Array(Set(byOrigin.map(\.origin))).sorted()
            let methods = summaries.map(\.method)
            let series: [LineChart.Series] = methods.enumerated().compactMap { k, m in
                let points = origins.compactMap { o in byOrigin.first { $0.origin == o && $0.method == m }.map { (Double(o) ?? .nan, $0.mase) } }
                guard !points.isEmpty else { return nil }
                return .init(name: m, x: points.map(\.0), y: points.map(\.1), style: m.hasPrefix("migsim") ? .solid : .dashed,
                             color: Palette.category(k))
            }
            if !series.isEmpty && origins.allSatisfy({ Double($0) != nil }) {
                outputs.append(.figure(ReportFigure(caption: "MASE by backtest origin (by_origin.csv): solid lines migsim and its ablations, dashed the baselines.",
                                                    svg: LineChart(title: "MASE by origin", xTitle: "origin", yTitle: "MASE", series: series,
                                                                   includeZero: false).svg())))
            }
            if let v = verdict() { blocks.append(.paragraph(v)) }
            blocks.append(.result(ReportResult(command: commands["backtest"], outputs: outputs)))
        }
        if !forecast.isEmpty {
            let known = Set(ids)
            let all = ids.filter { forecast[$0] != nil } + forecast.keys.filter { !known.contains($0) }.sorted()
            let shown = ReportScale.mostPopulous(all, populations: populations, limit: ReportScale.panels, file: "forecast/forecast.csv")
            let order = shown.ids
            let observedRow = Dictionary((observed?.ids ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let panels: [SVG] = order.map { id in
                let f = forecast[id]!
                var series: [LineChart.Series] = []
                if let observed, let i = observedRow[id] {
                    let values = observed.periods.indices.compactMap { k in observed.values[i][k].map { (observed.periods[k].decimalYear, $0) } }
                    let recent = values.suffix(10)
                    series.append(.init(name: "observed", x: recent.map(\.0), y: recent.map(\.1), style: .markers, color: "#333333"))
                }
                series.append(.init(name: "forecast", x: f.map(\.time), y: f.map(\.mean), color: Palette.category(0)))
                let bands = [LineChart.Band(name: "95%", x: f.map(\.time), from: f.map(\.lower95), to: f.map(\.upper95), color: "#c6dbef"),
                             LineChart.Band(name: "80%", x: f.map(\.time), from: f.map(\.lower80), to: f.map(\.upper80), color: "#6baed6")]
                return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: series, bands: bands, width: 340, height: 230).svg()
            }
            let first = forecast.values.first!
            var rows: [[String]] = []
            for id in order {
                for p in forecast[id]! {
                    rows.append([names[id] ?? id, p.period, F.fixed(p.mean, 2), "\(F.fixed(p.lower80, 2)) – \(F.fixed(p.upper80, 2))",
                                 "\(F.fixed(p.lower95, 2)) – \(F.fixed(p.upper95, 2))", F.fixed(p.persons, 0)])
                }
            }
            blocks.append(.result(ReportResult(command: commands["forecast"], outputs: [
                .figure(ReportFigure(caption: "Forecast \(first.first!.period)–\(first.last!.period) (\(unit)) with 80% (dark) and 95% (light) intervals, after the last observations (dots)." + shown.note,
                                     svg: ChartGrid.compose(title: "Forecast with prediction intervals, \(unit)", panels: panels, columns: 3))),
                .table(ReportTable(caption: "Forecast (forecast.csv): mean, intervals and net migrants in persons over each period." + shown.note,
                                   header: ["settlement", "period", "mean", "80% interval", "95% interval", "persons"], rows: rows,
                                   numeric: [false, false, true, false, false, true])),
            ])))
        }
        return ReportSection(id: "forecast", title: "Forecasts and backtest", blocks: blocks)
    }
}
