import DataIO
import Foundation
import PhysicsInformed
import Reports

/// Turns what `ReportInputs` found into the report's document: one section per pipeline stage
/// whose outputs exist, each result with the command that produced it (from commands.txt).
struct ReportBuilder {
    var inputs: ReportInputs
    var title: String
    /// The unit of balances, for axis titles.
    var unit: String
    var strongestFlows: Int

    private typealias F = NumberFormat

    func document(metadata: [String: String]) -> ReportDocument {
        var sections: [ReportSection] = []
        if let s = dataSection() { sections.append(s) }
        if let s = modelSection() { sections.append(s) }
        if let s = fitSection() { sections.append(s) }
        if let s = forceSection() { sections.append(s) }
        if let s = simulationSection() { sections.append(s) }
        if let s = explainSection() { sections.append(s) }
        if let s = scenarioSection() { sections.append(s) }
        if let s = balancingSection() { sections.append(s) }
        sections.append(provenanceSection())
        let stages = sections.map(\.title).dropLast().joined(separator: ", ")
        return ReportDocument(title: title, subtitle: "Sections present: \(stages). Made by `migsim report` from the pipeline's output files.",
                              metadata: metadata, sections: sections)
    }

    func command(_ stage: String) -> String? { inputs.commands[stage] }

    var names: [String: String] {
        Dictionary((inputs.settlements ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Settlement ids in file order, else sorted ids of whatever series exist.
    func ids(_ fallback: some Sequence<String>) -> [String] {
        if let s = inputs.settlements { return s.map(\.id) }
        return Array(Set(fallback)).sorted()
    }

    // MARK: data

    func dataSection() -> ReportSection? {
        guard inputs.settlements != nil || inputs.observed != nil || !inputs.flows.isEmpty else { return nil }
        var blocks: [ReportBlock] = []
        var outputs: [ReportOutput] = []
        if let obs = inputs.observed {
            let first = obs.periods.first?.label ?? "–", last = obs.periods.last?.label ?? "–"
            let missing = obs.values.flatMap { $0 }.filter { $0 == nil }.count
            blocks.append(.paragraph("Observed balances: \(obs.ids.count) settlements, \(obs.periods.count) periods from \(first) to \(last) "
                                     + "(\(missing) missing values), in \(unit), from `\((obs.file as NSString).lastPathComponent)`."))
        }
        if let places = inputs.settlements {
            let total = places.map(\.population).reduce(0, +)
            blocks.append(.paragraph("\(places.count) settlements with \(F.table(total, significant: 8)) inhabitants in total."))
            let last = lastYearMeans()
            // The name column only when some name differs from its id.
            let showNames = places.contains { $0.name != $0.id }
            var rows: [[String]] = []
            for p in places {
                rows.append((showNames ? [p.id, p.name] : [p.id]) + [F.fixed(p.latitude, 3), F.fixed(p.longitude, 3),
                             F.table(p.population.rounded(), significant: 8), last.values[p.id].map { F.fixed($0, 2) } ?? "–"])
            }
            outputs.append(.table(ReportTable(caption: "Settlements" + (last.label.isEmpty ? "" : "; balance = mean over \(last.label), \(unit)"),
                                              header: (showNames ? ["id", "name"] : ["id"]) + ["lat", "lon", "population", "balance"], rows: rows)))
            let map = SettlementMap(
                title: "Settlements" + (last.label.isEmpty ? "" : ", net migration \(last.label)") + (inputs.flows.isEmpty ? "" : ", largest flows"),
                valueTitle: "balance, \(unit.replacingOccurrences(of: " inhabitants", with: ""))",
                places: places.map { .init(id: $0.id, name: $0.name, latitude: $0.latitude, longitude: $0.longitude,
                                           population: $0.population, value: last.values[$0.id]) },
                flows: inputs.flows.map { .init(origin: $0.origin, destination: $0.destination, value: $0.value) },
                strongestFlows: strongestFlows)
            outputs.append(.figure(ReportFigure(
                caption: "Settlements at their coordinates (equirectangular projection), circle area ∝ population, colour = net migration"
                    + (inputs.flows.isEmpty ? "." : "; arcs: the \(map.drawnFlows().count) largest flows of `\(((inputs.flowsFile ?? "") as NSString).lastPathComponent)`, width ∝ flow, bending right of the direction of travel."),
                svg: map.svg())))
        }
        if let obs = inputs.observed {
            let ids = self.ids(obs.ids)
            let panels = ids.compactMap { id -> SVG? in
                guard let i = obs.ids.firstIndex(of: id) else { return nil }
                return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: [
                    .init(name: "observed", x: obs.times, y: obs.values[i].map { $0 ?? .nan }, color: Palette.category(0))],
                    width: 270, height: 170).svg()
            }
            if !panels.isEmpty {
                outputs.append(.figure(ReportFigure(caption: "Observed balances (\(unit)) per settlement.",
                                                    svg: ChartGrid.compose(title: "Observed net migration, \(unit)", panels: panels, columns: 4))))
            }
        }
        blocks.append(.result(ReportResult(command: command("data"), outputs: outputs)))
        return ReportSection(id: "data", title: "Data", blocks: blocks)
    }

    /// Mean observed balance per settlement over the last calendar year of the observations.
    func lastYearMeans() -> (label: String, values: [String: Double]) {
        guard let obs = inputs.observed, let year = obs.periods.last?.year else { return ("", [:]) }
        var out: [String: Double] = [:]
        let cols = obs.periods.indices.filter { obs.periods[$0].year == year }
        for (i, id) in obs.ids.enumerated() {
            let v = cols.compactMap { obs.values[i][$0] }
            if !v.isEmpty { out[id] = v.reduce(0, +) / Double(v.count) }
        }
        return (String(year), out)
    }

    // MARK: model and fit

    func modelSection() -> ReportSection? {
        guard let fit = inputs.fit, !fit.parameters.isEmpty || fit.artifact != nil else { return nil }
        var blocks: [ReportBlock] = [
            .paragraph("The balances q of the settlements follow M q̈ + c q̇ + (L_K + D) q = f(t): distance coupling K_ij = α(1 + d_ij/d₀)^(−γ), "
                       + "similarity coupling β·max(0, ρ_ij), age restoring term D = diag(δ(1 − A_i)), damping c, inertia m and an external force f(t) "
                       + "fitted by a physics-informed network (`migsim fit`)."),
        ]
        var outputs: [ReportOutput] = []
        if !fit.parameters.isEmpty {
            outputs.append(.table(ReportTable(caption: "Physical parameters (learned ones fitted jointly with the force)",
                                              header: ["parameter", "value", "learned"],
                                              rows: fit.parameters.map { [$0.name, F.table($0.value, significant: 5), $0.learned ? "yes" : "no"] })))
        }
        if let a = fit.artifact {
            let c = a.configuration, t = a.training
            let rows: [[String]] = [
                ["solution network", "hidden \(c.solutionHidden.map(String.init).joined(separator: "×")), \(c.activation.rawValue)"],
                ["force network", "hidden \(c.forceHidden.map(String.init).joined(separator: "×"))"],
                ["fitting window", "\(a.periodLabels.first ?? "–") – \(a.periodLabels.last ?? "–") (\(a.times.count) periods)"],
                ["collocation points per interval", String(c.collocationPerInterval)],
                ["Adam iterations", String(t.adamIterations)],
                ["L-BFGS iterations", "\(t.lbfgsIterations) (\(t.lbfgsStatus))"],
                ["final loss (total)", F.table(t.finalLoss.total, significant: 4)],
                ["loss terms data / physics / interpolation", "\(F.table(t.finalLoss.data, significant: 3)) / \(F.table(t.finalLoss.physics, significant: 3)) / \(F.table(t.finalLoss.interpolation, significant: 3))"],
                ["seed", String(c.seed)],
            ]
            outputs.append(.table(ReportTable(caption: "Fit configuration and training (fit.json)", header: ["setting", "value"], rows: rows,
                                              numeric: [false, false])))
        }
        blocks.append(.result(ReportResult(command: command("fit"), outputs: outputs)))
        return ReportSection(id: "model", title: "Model and parameters", blocks: blocks)
    }

    func fitSection() -> ReportSection? {
        guard let fit = inputs.fit, !fit.metrics.isEmpty || !fit.series.isEmpty else { return nil }
        var outputs: [ReportOutput] = []
        var blocks: [ReportBlock] = [.paragraph(
            "The fitted force drives the equations of motion, integrated (Dormand–Prince 5(4)) from the network's initial state; "
            + "R², RMSE and Theil's U compare the integrated balances with the observations in the fitting window.")]
        if !fit.metrics.isEmpty {
            outputs.append(.table(ReportTable(caption: "Fit quality per settlement (integrated solution vs observations; ALL = pooled)",
                                              header: ["id", "R²", "RMSE", "Theil U"],
                                              rows: fit.metrics.map { [$0.id, F.fixed($0.r2, 3), F.fixed($0.rmse, 3), F.fixed($0.theilU, 3)] })))
        }
        let metric = Dictionary(fit.metrics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let panels = ids(fit.series.keys).compactMap { id -> SVG? in
            guard let s = fit.series[id] else { return nil }
            let note = metric[id].map { "R² \(F.fixed($0.r2, 2)), RMSE \(F.fixed($0.rmse, 2))" }
            let hasHoldout = s.contains(where: \.holdout)
            var series: [LineChart.Series] = [
                .init(name: "observed", x: s.map(\.time), y: s.map { $0.observed ?? .nan }, style: .markers, color: "#333333"),
                .init(name: "integrated", x: s.map(\.time), y: s.map(\.integrated), color: Palette.category(0)),
                .init(name: "network", x: s.map(\.time), y: s.map(\.network), style: .dashed, color: Palette.category(1)),
            ]
            if hasHoldout {
                let h = s.filter(\.holdout)
                series.append(.init(name: "holdout", x: h.map(\.time), y: h.map(\.integrated), color: Palette.category(2)))
            }
            return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: series, width: 340, height: 230, note: note).svg()
        }
        if !panels.isEmpty {
            outputs.append(.figure(ReportFigure(
                caption: "Observed (dots) and simulated balances (\(unit)): integrated equations with the fitted force (solid), the solution network (dashed), the holdout forecast (red).",
                svg: ChartGrid.compose(title: "Observed vs simulated balances, \(unit)", panels: panels, columns: 3))))
        }
        if !fit.holdout.isEmpty {
            // One row per settlement, RMSE and MASE of each method side by side.
            var methods: [String] = [], ids: [String] = []
            var cell: [String: ReportInputs.Holdout] = [:]
            for h in fit.holdout {
                if !methods.contains(h.method) { methods.append(h.method) }
                if !ids.contains(h.id) { ids.append(h.id) }
                cell[h.id + "\u{1F}" + h.method] = h
            }
            let rows = ids.map { id in
                [id] + methods.flatMap { m -> [String] in
                    guard let h = cell[id + "\u{1F}" + m] else { return ["–", "–"] }
                    return [F.fixed(h.rmse, 3), h.mase.map { F.fixed($0, 3) } ?? "–"]
                }
            }
            outputs.append(.table(ReportTable(
                caption: "Holdout forecast: RMSE and MASE of the fitted model (pinn) against persistence and a linear trend (MASE < 1: better than the naive forecast)",
                header: ["id"] + methods.flatMap { ["RMSE \($0)", "MASE \($0)"] }, rows: rows)))
        }
        blocks.append(.result(ReportResult(command: command("fit"), outputs: outputs)))
        return ReportSection(id: "fit", title: "Fit quality", blocks: blocks)
    }

    func forceSection() -> ReportSection? {
        guard let fit = inputs.fit, !fit.forceCurve.isEmpty else { return nil }
        let ids = self.ids(fit.forceCurve.keys).filter { fit.forceCurve[$0] != nil }
        func meanAbs(_ id: String) -> Double { let v = fit.forceCurve[id]!.map { abs($0.value) }; return v.reduce(0, +) / Double(max(1, v.count)) }
        let strongest = ids.sorted { meanAbs($0) != meanAbs($1) ? meanAbs($0) > meanAbs($1) : $0 < $1 }.prefix(6)
        let chart = LineChart(title: "Fitted force f(t) of the \(strongest.count) settlements with the largest mean |f|",
                              xTitle: "year", yTitle: "force (balance units per year²)",
                              series: strongest.enumerated().map { k, id in
                                  .init(name: names[id] ?? id, x: fit.forceCurve[id]!.map(\.time), y: fit.forceCurve[id]!.map(\.value), color: Palette.category(k))
                              })
        // Yearly means of the force curve for the heat map.
        var years = Set<Int>()
        var sums: [String: [Int: (Double, Int)]] = [:]
        for id in ids {
            for p in fit.forceCurve[id]! {
                let y = Int(floor(p.time + 1e-9)); years.insert(y)
                let s = sums[id, default: [:]][y] ?? (0, 0)
                sums[id, default: [:]][y] = (s.0 + p.value, s.1 + 1)
            }
        }
        let yearList = years.sorted()
        let heat = HeatMap(title: "Yearly mean fitted force by settlement", valueTitle: "force",
                           rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: yearList.map(String.init),
                           values: ids.map { id in yearList.map { y in sums[id]?[y].map { $0.0 / Double($0.1) } } },
                           scale: .diverging, cellSize: 22, showValues: false)
        return ReportSection(id: "force", title: "Fitted force", blocks: [
            .paragraph("The external force f(t) is what the coupling, the age term and the damping cannot explain: "
                       + "positive values push a settlement's balance up (attraction), negative values push it down."),
            .result(ReportResult(command: command("fit"), outputs: [
                .figure(ReportFigure(caption: "Fitted force curves (force_curve.csv).", svg: chart.svg())),
                .figure(ReportFigure(caption: "Fitted force, yearly means (blue: pushes the balance down, red: up).", svg: heat.svg())),
            ])),
        ])
    }

    func simulationSection() -> ReportSection? {
        guard !inputs.simulated.isEmpty else { return nil }
        let obs = inputs.observed
        let panels = ids(inputs.simulated.keys).compactMap { id -> SVG? in
            guard let s = inputs.simulated[id] else { return nil }
            var series: [LineChart.Series] = []
            if let obs, let i = obs.ids.firstIndex(of: id) {
                series.append(.init(name: "observed", x: obs.times, y: obs.values[i].map { $0 ?? .nan }, style: .markers, color: "#333333"))
            }
            series.append(.init(name: "simulated", x: s.map(\.time), y: s.map(\.value), color: Palette.category(0)))
            return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: series, width: 340, height: 220).svg()
        }
        return ReportSection(id: "simulation", title: "Simulation", blocks: [
            .paragraph("`migsim simulate` integrates the model with the configuration's parameters and forcing from the observed initial state."),
            .result(ReportResult(command: command("simulate"), outputs: [
                .figure(ReportFigure(caption: "Simulated balances (\(unit)) with the observations.",
                                     svg: ChartGrid.compose(title: "Simulated vs observed balances, \(unit)", panels: panels, columns: 3))),
            ])),
        ])
    }

    // MARK: explanation and scenarios

    func explainSection() -> ReportSection? {
        guard let e = inputs.explain else { return nil }
        var outputs: [ReportOutput] = []
        if let c = e.coefficients { outputs.append(.table(tableOf(c, caption: "Regression of the fitted force on the features"))) }
        if !e.importance.isEmpty {
            let bars = e.importance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }
            outputs.append(.figure(ReportFigure(caption: "Global importance: mean |Shapley value| per feature.",
                                                svg: BarChart(title: "Global importance (mean |φ|)", valueTitle: "mean |Shapley value|, force units",
                                                              bars: bars.map { .init(label: $0.feature, value: $0.value) }).svg())))
        }
        if !e.shapley.isEmpty {
            var features: [String] = []
            for s in e.shapley where !features.contains(s.feature) { features.append(s.feature) }
            let order = e.importance.isEmpty ? features : e.importance.sorted { $0.value > $1.value }.map(\.feature).filter(features.contains)
            let rows = order.map { f -> BeeswarmChart.Row in
                let v = e.shapley.filter { $0.feature == f }
                return .init(feature: f, values: v.map(\.shapley), featureValues: v.contains { $0.featureValue != nil } ? v.map { $0.featureValue ?? .nan } : nil)
            }
            outputs.append(.figure(ReportFigure(caption: "Shapley values per settlement and period; colour: the feature's value.",
                                                svg: BeeswarmChart(title: "Shapley values", valueTitle: "Shapley value (contribution to the force)", rows: rows).svg())))
            let ids = self.ids(e.shapley.map(\.id))
            var sum: [String: [String: (Double, Int)]] = [:]
            for s in e.shapley { let x = sum[s.id, default: [:]][s.feature] ?? (0, 0); sum[s.id, default: [:]][s.feature] = (x.0 + s.shapley, x.1 + 1) }
            let heat = HeatMap(title: "Mean contribution per settlement and feature", valueTitle: "mean φ",
                               rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: order,
                               values: ids.map { id in order.map { f in sum[id]?[f].map { $0.0 / Double($0.1) } } }, scale: .diverging)
            outputs.append(.figure(ReportFigure(caption: "Per-settlement contributions: mean Shapley value over the periods.", svg: heat.svg())))
        }
        if let v = e.validation { outputs.append(.table(tableOf(v, caption: "Validation (random train/test splits, permutation test)"))) }
        guard !outputs.isEmpty else { return nil }
        return ReportSection(id: "explanation", title: "Explanation", blocks: [
            .paragraph("A regression of the fitted force on socio-economic features, and Shapley values that split each prediction among the features."),
            .result(ReportResult(command: command("explain"), outputs: outputs)),
        ])
    }

    func scenarioSection() -> ReportSection? {
        guard !inputs.scenario.isEmpty else { return nil }
        var byID: [String: [ReportInputs.ScenarioPoint]] = [:]
        for p in inputs.scenario { byID[p.id, default: []].append(p) }
        let ids = self.ids(byID.keys).filter { byID[$0] != nil }
        let panels = ids.map { id -> SVG in
            let s = byID[id]!
            return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: [
                .init(name: "baseline", x: s.map(\.time), y: s.map(\.baseline), style: .dashed, color: "#555555"),
                .init(name: "scenario", x: s.map(\.time), y: s.map(\.scenario), color: Palette.category(2)),
            ], bands: [.init(name: "difference", x: s.map(\.time), from: s.map(\.baseline), to: s.map(\.scenario), color: Palette.category(2))],
            width: 340, height: 230).svg()
        }
        let rows = ids.map { id -> [String] in
            let last = byID[id]!.max { $0.time < $1.time }!
            return [id, F.fixed(last.time, 2), F.fixed(last.baseline, 3), F.fixed(last.scenario, 3), F.fixed(last.scenario - last.baseline, 3)]
        }
        return ReportSection(id: "scenarios", title: "Scenarios", blocks: [
            .paragraph("Changed features change the force through the regression; the equations are integrated from the current state."),
            .result(ReportResult(command: command("scenario"), outputs: [
                .figure(ReportFigure(caption: "Scenario vs baseline balances (\(unit)); shaded: the difference.",
                                     svg: ChartGrid.compose(title: "Scenario vs baseline, \(unit)", panels: panels, columns: 3))),
                .table(ReportTable(caption: "At the end of the horizon", header: ["id", "time", "baseline", "scenario", "difference"], rows: rows)),
            ])),
        ])
    }

    // MARK: balancing

    func balancingSection() -> ReportSection? {
        guard inputs.balancing != nil || !inputs.flows.isEmpty else { return nil }
        var blocks: [ReportBlock] = []
        var outputs: [ReportOutput] = []
        if let summary = inputs.balancing?.summary {
            let lines = summary.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if !lines.isEmpty { blocks.append(.bullets(lines)) }
        }
        if let stats = inputs.balancing?.regionStatistics {
            outputs.append(.table(tableOf(stats, caption: "Flow statistics per region (region_statistics.csv)")))
        }
        if !inputs.flows.isEmpty {
            let ids = self.ids(inputs.flows.flatMap { [$0.origin, $0.destination] })
            var cell: [String: Double] = [:]
            for f in inputs.flows { cell[f.origin + "\u{1F}" + f.destination] = f.value }
            let heat = HeatMap(title: "Flows between regions (rows: origin, columns: destination; diagonal omitted)", valueTitle: "migrants",
                               rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: ids.map { names[$0] ?? $0 },
                               values: ids.map { o in ids.map { d in o == d ? nil : cell[o + "\u{1F}" + d] } },
                               scale: .sequential, cellSize: 30, showValues: false)
            outputs.append(.figure(ReportFigure(caption: "Flow matrix of `\(((inputs.flowsFile ?? "") as NSString).lastPathComponent)`.", svg: heat.svg())))
        }
        if let errors = inputs.balancing?.flowErrors, !errors.isEmpty {
            let ids = self.ids(errors.flatMap { [$0.origin, $0.destination] })
            var cell: [String: Double] = [:]
            for f in errors { cell[f.origin + "\u{1F}" + f.destination] = f.value }
            let heat = HeatMap(title: "Relative error of aggregated flows vs input, %", valueTitle: "error, %",
                               rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: ids.map { names[$0] ?? $0 },
                               values: ids.map { o in ids.map { d in cell[o + "\u{1F}" + d] } }, scale: .diverging, cellSize: 30)
            outputs.append(.figure(ReportFigure(caption: "Balancer errors per flow (flow_errors.csv).", svg: heat.svg())))
        }
        blocks.append(.result(ReportResult(command: command("balance"), outputs: outputs)))
        return ReportSection(id: "balancing", title: "Flow balancing", blocks: blocks)
    }

    func provenanceSection() -> ReportSection {
        ReportSection(id: "inputs", title: "Inputs", blocks: [
            .paragraph("Files read by `migsim report` (sections without files are left out):"),
            .bullets(inputs.filesRead.map { "`\($0)`" }),
        ])
    }

    /// A CSV table as a report table, numbers rounded to 4 significant digits.
    func tableOf(_ t: CSVTable, caption: String) -> ReportTable {
        ReportTable(caption: caption, header: t.header, rows: t.rows.map { row in
            row.map { s in Double(s).map { $0.isFinite ? F.table($0, significant: 4) : s } ?? s }
        })
    }
}
