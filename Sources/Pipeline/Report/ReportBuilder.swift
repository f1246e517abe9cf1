import DataIO
import Foundation
import PhysicsInformed
import Reports

/// Turns what `ReportInputs` found into the report's document: one section per pipeline stage
/// whose outputs exist, each result with the command that produced it (from commands.txt).
public struct ReportBuilder {
    var inputs: ReportInputs
    var title: String
    /// The unit of balances, for axis titles.
    var unit: String
    var strongestFlows: Int

    private typealias F = NumberFormat

    /// `strongestFlows`: how many of the largest flows the map draws.
    public init(inputs: ReportInputs, title: String, unit: String, strongestFlows: Int) {
        self.inputs = inputs; self.title = title; self.unit = unit; self.strongestFlows = strongestFlows
    }

    public func document(metadata: [String: String]) -> ReportDocument {
        var sections: [ReportSection] = []
        if let s = dataSection() { sections.append(s) }
        if let s = modelSection() { sections.append(s) }
        if let s = fitSection() { sections.append(s) }
        if let s = inputs.forecasting.section(names: names, ids: (inputs.settlements ?? []).map(\.id), populations: populations, observed: inputs.observed, unit: unit,
                                              commands: inputs.commands) { sections.append(s) }
        if let s = forceSection() { sections.append(s) }
        if let s = simulationSection() { sections.append(s) }
        if let s = explainSection() { sections.append(s) }
        if let s = scenarioSection() { sections.append(s) }
        if let s = identifySection() { sections.append(s) }
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
            let listed = mostPopulous(places.map(\.id), limit: ReportScale.tableRows, file: "settlements.csv")
            let keep = Set(listed.ids)
            for p in places where keep.contains(p.id) {
                rows.append((showNames ? [p.id, p.name] : [p.id]) + [F.fixed(p.latitude, 3), F.fixed(p.longitude, 3),
                             F.table(p.population.rounded(), significant: 8), last.values[p.id].map { F.fixed($0, 2) } ?? "–"])
            }
            outputs.append(.table(ReportTable(caption: "Settlements" + (last.label.isEmpty ? "" : "; balance = mean over \(last.label), \(unit)")
                                                  + (listed.note.isEmpty ? "" : "." + listed.note),
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
            let shown = mostPopulous(self.ids(obs.ids), limit: ReportScale.panels, file: (obs.file as NSString).lastPathComponent)
            let row = Dictionary(obs.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let panels = shown.ids.compactMap { id -> SVG? in
                guard let i = row[id] else { return nil }
                return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: [
                    .init(name: "observed", x: obs.times, y: obs.values[i].map { $0 ?? .nan }, color: Palette.category(0))],
                    width: 270, height: 170).svg()
            }
            if !panels.isEmpty {
                outputs.append(.figure(ReportFigure(caption: "Observed balances (\(unit)) per settlement." + shown.note,
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

    /// The age term's status as the fit recorded it (fit.json `ageTerm`): active with its source
    /// and year, or inactive with the reason. Nil without an artifact.
    static func ageTermLine(_ artifact: FittedModel?) -> String? {
        guard let artifact else { return nil }
        guard let a = artifact.ageTerm else {
            return "Age term: not recorded in fit.json (an artifact written before the age term's source was recorded)."
        }
        let delta = F.table(artifact.parameters.delta, significant: 4)
        if !a.active {
            return "Age term: inactive — \(a.reason ?? "no age structure"). δ = \(delta) acts as that uniform spring."
        }
        let source = a.year.map { "the age structure of \($0) (the fitting window's last year) from \(a.file)" }
            ?? "the age columns of \(a.file) (one snapshot)"
        var line = "Age term: active — D = diag(δ(1 − A_i)) with \(source); δ = \(delta)"
        if let lo = a.mobility.min(), let hi = a.mobility.max() {
            line += ", A_i from \(F.fixed(lo, 3)) to \(F.fixed(hi, 3))"
        }
        return line + "."
    }

    func modelSection() -> ReportSection? {
        guard let fit = inputs.fit, !fit.parameters.isEmpty || fit.artifact != nil else { return nil }
        var blocks: [ReportBlock] = [
            .paragraph("The balances q of the settlements follow M q̈ + c q̇ + (L_K + D) q = f(t): distance coupling K_ij = α(1 + d_ij/d₀)^(−γ), "
                       + "similarity coupling β·max(0, ρ_ij), age restoring term D = diag(δ(1 − A_i)), damping c, inertia m and an external force f(t) "
                       + "fitted by a physics-informed network (`migsim fit`)."),
        ]
        if let line = ReportBuilder.ageTermLine(fit.artifact) { blocks.append(.paragraph(line)) }
        var outputs: [ReportOutput] = []
        if !fit.parameters.isEmpty {
            if fit.parameters.contains(where: { $0.unit != nil }) {
                func number(_ x: Double?) -> String { x.map { F.table($0, significant: 4) } ?? "–" }
                outputs.append(.table(ReportTable(
                    caption: "Physical parameters (parameters.csv): learned ones fitted jointly with the force, kept within their bounds; "
                        + "95% interval: \(FitParameterUncertainty.methodDescription); flags: within 1% of a bound (log scale), "
                        + "not identified, wider than a decade",
                    header: ["parameter", "value", "unit", "learned", "bounds", "95% interval", "flags"],
                    rows: fit.parameters.map { p in
                        [p.name, F.table(p.value, significant: 5), p.unit ?? "", p.learned ? "yes" : "no",
                         p.boundLower == nil ? "–" : "[\(number(p.boundLower)), \(number(p.boundUpper))]",
                         p.lower95 == nil ? "–" : "[\(number(p.lower95)), \(number(p.upper95))]",
                         p.flags.joined(separator: ", ")]
                    })))
            } else {
                outputs.append(.table(ReportTable(caption: "Physical parameters (learned ones fitted jointly with the force)",
                                                  header: ["parameter", "value", "learned"],
                                                  rows: fit.parameters.map { [$0.name, F.table($0.value, significant: 5), $0.learned ? "yes" : "no"] })))
            }
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
            let listed = mostPopulous(fit.metrics.map(\.id).filter { $0 != "ALL" }, limit: ReportScale.tableRows, file: "fit/metrics.csv")
            let keep = Set(listed.ids + ["ALL"])
            outputs.append(.table(ReportTable(caption: "Fit quality per settlement (integrated solution vs observations; ALL = pooled)" + (listed.note.isEmpty ? "" : "." + listed.note),
                                              header: ["id", "R²", "RMSE", "Theil U"],
                                              rows: fit.metrics.filter { keep.contains($0.id) }
                                                  .map { [$0.id, F.fixed($0.r2, 3), F.fixed($0.rmse, 3), F.fixed($0.theilU, 3)] })))
        }
        let metric = Dictionary(fit.metrics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shownFit = mostPopulous(ids(fit.series.keys), limit: ReportScale.panels, file: "fit/series.csv")
        let panels = shownFit.ids.compactMap { id -> SVG? in
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
                caption: "Observed (dots) and simulated balances (\(unit)): integrated equations with the fitted force (solid), the solution network (dashed), the holdout forecast (red)." + shownFit.note,
                svg: ChartGrid.compose(title: "Observed vs simulated balances, \(unit)", panels: panels, columns: 3))))
        }
        if !fit.holdout.isEmpty {
            // One row per settlement, RMSE and MASE of each method side by side.
            var methods: [String] = [], ids: [String] = [], seen = Set<String>()
            var cell: [String: ReportInputs.Holdout] = [:]
            for h in fit.holdout {
                if !methods.contains(h.method) { methods.append(h.method) }
                if seen.insert(h.id).inserted { ids.append(h.id) }
                cell[h.id + "\u{1F}" + h.method] = h
            }
            let listedHoldout = mostPopulous(ids.filter { $0 != "ALL" }, limit: ReportScale.tableRows, file: "fit/holdout.csv")
            let keepHoldout = Set(listedHoldout.ids + ["ALL"])
            let rows = ids.filter(keepHoldout.contains).map { id in
                [id] + methods.flatMap { m -> [String] in
                    guard let h = cell[id + "\u{1F}" + m] else { return ["–", "–"] }
                    return [F.fixed(h.rmse, 3), h.mase.map { F.fixed($0, 3) } ?? "–"]
                }
            }
            // Pooled MASE per method (the ALL row), and in how many regions the fitted model beats each naive forecast.
            var summary: [String] = []
            for m in methods {
                guard let all = cell["ALL\u{1F}" + m], let mase = all.mase else { continue }
                var line = "\(m): mean MASE over the regions \(F.fixed(mase, 3)), pooled RMSE \(F.fixed(all.rmse, 3))"
                if m != "pinn", cell["ALL\u{1F}pinn"] != nil {
                    let regions = ids.filter { $0 != "ALL" }
                    let better = regions.filter { id in
                        guard let a = cell[id + "\u{1F}pinn"]?.mase, let b = cell[id + "\u{1F}" + m]?.mase else { return false }
                        return a < b
                    }.count
                    line += "; the fitted model (pinn) has the lower MASE in \(better) of \(regions.count) regions"
                }
                summary.append(line)
            }
            if !summary.isEmpty {
                blocks.append(.paragraph("Holdout (the last periods, not used by the fit; MASE = MAE / mean absolute one-period change in the fitting window):"))
                blocks.append(.bullets(summary))
            }
            outputs.append(.table(ReportTable(
                caption: "Holdout forecast: RMSE and MASE of the fitted model (pinn) against persistence and a linear trend (MASE < 1: better than the naive forecast)"
                    + (listedHoldout.note.isEmpty ? "" : "." + listedHoldout.note),
                header: ["id"] + methods.flatMap { ["RMSE \($0)", "MASE \($0)"] }, rows: rows)))
        }
        blocks.append(.result(ReportResult(command: command("fit"), outputs: outputs)))
        return ReportSection(id: "fit", title: "Fit quality", blocks: blocks)
    }

    func forceSection() -> ReportSection? {
        guard let fit = inputs.fit, !fit.forceCurve.isEmpty else { return nil }
        let ids = self.ids(fit.forceCurve.keys).filter { fit.forceCurve[$0] != nil }
        func meanAbs(_ id: String) -> Double { let v = fit.forceCurve[id]!.map { abs($0.value) }; return v.reduce(0, +) / Double(max(1, v.count)) }
        let strength = Dictionary(ids.map { ($0, meanAbs($0)) }, uniquingKeysWith: { a, _ in a })
        let strongest = ids.sorted { strength[$0]! != strength[$1]! ? strength[$0]! > strength[$1]! : $0 < $1 }.prefix(6)
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
        let heatIDs = ReportScale.largest(ids, limit: ReportScale.heatMapRows) { strength[$0]! }
        let heatNote = ReportScale.note(shown: heatIDs.count, total: ids.count, rule: "the largest mean |f|", file: "fit/force_curve.csv")
        let heat = HeatMap(title: "Yearly mean fitted force by settlement", valueTitle: "force",
                           rowLabels: heatIDs.map { names[$0] ?? $0 }, columnLabels: yearList.map(String.init),
                           values: heatIDs.map { id in yearList.map { y in sums[id]?[y].map { $0.0 / Double($0.1) } } },
                           scale: .diverging, cellSize: 22, showValues: false)
        return ReportSection(id: "force", title: "Fitted force", blocks: [
            .paragraph("The external force f(t) is what the coupling, the age term and the damping cannot explain: "
                       + "positive values push a settlement's balance up (attraction), negative values push it down."),
            .result(ReportResult(command: command("fit"), outputs: [
                .figure(ReportFigure(caption: "Fitted force curves (force_curve.csv).", svg: chart.svg())),
                .figure(ReportFigure(caption: "Fitted force, yearly means (blue: pushes the balance down, red: up)." + heatNote, svg: heat.svg())),
            ])),
        ])
    }

    func simulationSection() -> ReportSection? {
        guard !inputs.simulated.isEmpty else { return nil }
        let obs = inputs.observed
        let shown = mostPopulous(ids(inputs.simulated.keys), limit: ReportScale.panels, file: "simulated.csv")
        let row = Dictionary((obs?.ids ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let panels = shown.ids.compactMap { id -> SVG? in
            guard let s = inputs.simulated[id] else { return nil }
            var series: [LineChart.Series] = []
            if let obs, let i = row[id] {
                series.append(.init(name: "observed", x: obs.times, y: obs.values[i].map { $0 ?? .nan }, style: .markers, color: "#333333"))
            }
            series.append(.init(name: "simulated", x: s.map(\.time), y: s.map(\.value), color: Palette.category(0)))
            return LineChart(title: names[id] ?? id, xTitle: "", yTitle: "", series: series, width: 340, height: 220).svg()
        }
        return ReportSection(id: "simulation", title: "Simulation", blocks: [
            .paragraph("`migsim simulate` integrates the model with the configuration's parameters and forcing from the observed initial state."),
            .result(ReportResult(command: command("simulate"), outputs: [
                .figure(ReportFigure(caption: "Simulated balances (\(unit)) with the observations." + shown.note,
                                     svg: ChartGrid.compose(title: "Simulated vs observed balances, \(unit)", panels: panels, columns: 3))),
            ])),
        ])
    }

    // MARK: explanation and scenarios

    /// A p value: 4 decimals, "< 0.0001" below.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "–" }
        return p < 0.0001 ? "< 0.0001" : F.fixed(p, 4)
    }

    /// A search bound: 3 significant digits, no trailing zeros (0.001, 10, 2.5e-05).
    static func bound(_ x: Double) -> String { String(format: "%.3g", x) }

    func explainSection() -> ReportSection? {
        guard let e = inputs.explain, !e.isEmpty else { return nil }
        var outputs: [ReportOutput] = []
        var blocks: [ReportBlock] = [.paragraph(
            "The fitted force (mean per region and period over the fitting window) is regressed on the socio-economic features (OLS through "
            + "column-pivoted QR; coefficients in raw feature units). Random train/test splits and a permutation test check that the fit "
            + "carries over to unseen rows; Shapley values split each prediction among the features (Σφ = prediction − mean prediction).")]
        if !e.coefficients.isEmpty {
            let showStd = e.coefficients.contains { $0.standardized != nil }
            outputs.append(.table(ReportTable(
                caption: "Regression coefficients (coefficients.csv; SE: standard error, t = estimate / SE, p: two-sided"
                    + (showStd ? ", standardized: on the standardized features, force units per standard deviation of the feature" : "") + ")",
                header: ["term", "estimate", "SE", "t", "p"] + (showStd ? ["standardized"] : []),
                rows: e.coefficients.map { c in
                    [c.term + (c.aliased ? " (aliased)" : ""), F.table(c.estimate, significant: 4), c.standardError.map { F.table($0, significant: 3) } ?? "–",
                     c.t.map { F.fixed($0, 2) } ?? "–", Self.pValue(c.p)] + (showStd ? [c.standardized.map { F.fixed($0, 3) } ?? "–"] : [])
                }, numeric: [false, true, true, true, true] + (showStd ? [true] : []))))
        }
        if !e.statistics.isEmpty {
            func v(_ name: String, _ format: (Double) -> String) -> String { e.statistic(name).map(format) ?? "–" }
            let fit3 = { (x: Double) in F.fixed(x, 3) }
            var rows: [[String]] = [
                ["observations", v("observations") { F.table($0) }],
                ["R²", v("r2", fit3)], ["adjusted R²", v("adjusted_r2", fit3)],
                ["F statistic", v("f_statistic") { F.table($0, significant: 4) }], ["p of F", Self.pValue(e.statistic("f_p_value"))],
                ["residual standard error", v("residual_standard_error") { F.table($0, significant: 4) }],
                ["scaled condition number", v("scaled_condition_number") { F.table($0, significant: 3) }],
            ]
            if e.statistic("splits") != nil {
                rows += [
                    ["train/test splits (train size / test size)", "\(v("splits") { F.table($0) }) (\(v("train_size") { F.table($0) }) / \(v("test_size") { F.table($0) }))"],
                    ["test R², mean", v("test_r2_mean", fit3)], ["test R², median", v("test_r2_median", fit3)],
                    ["test R², 2.5 % – 97.5 %", "\(v("test_r2_p2.5", fit3)) – \(v("test_r2_p97.5", fit3))"],
                    ["permutations", v("permutations") { F.table($0) }], ["permutation p", Self.pValue(e.statistic("permutation_p_value"))],
                ]
            }
            outputs.append(.table(ReportTable(caption: "Goodness of fit, F test and validation over random train/test splits (validation.csv)",
                                              header: ["statistic", "value"], rows: rows, numeric: [false, true])))
        }
        outputs += (try? ReportExplanationSection.protocolOutputs(e)) ?? []
        if !e.warnings.isEmpty {
            blocks.append(.bullets(e.warnings.map { "Warning (regression.json): \($0)." }))
        } else if let kappa = e.statistic("scaled_condition_number") {
            blocks.append(.paragraph("No collinearity warning: scaled condition number \(F.table(kappa, significant: 3)) (a warning is given above 30)."))
        }
        if !e.testR2.isEmpty {
            let sorted = e.testR2.sorted()
            let rows: [BeeswarmChart.Row] = [.init(feature: "test R²", values: sorted), .init(feature: "train R²", values: e.trainR2.sorted())]
            outputs.append(.figure(ReportFigure(
                caption: "R² of the \(e.testR2.count) random splits (validation_splits.csv): on the held-out test rows and on the training rows.",
                svg: BeeswarmChart(title: "R² over \(e.testR2.count) random train/test splits", valueTitle: "R²", rows: rows,
                                  rowHeight: 110, dotRadius: 2.0).svg())))
        }
        if !e.importance.isEmpty {
            let bars = e.importance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }
            outputs.append(.figure(ReportFigure(caption: "Global importance: mean |Shapley value| per feature (shapley_importance.csv).",
                                                svg: BarChart(title: "Global importance (mean |φ|)", valueTitle: "mean |Shapley value|, force units",
                                                              bars: bars.map { .init(label: $0.feature, value: $0.value) }).svg())))
        }
        if !e.forceImportance.isEmpty {
            let bars = e.forceImportance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }
            outputs.append(.figure(ReportFigure(
                caption: "Shapley importance of the force model itself, Fᵢ(t) = s_F·(g(zᵢ(t)) + bᵢ): mean |φ| over every settlement and period "
                    + "of the fitting window, of each lagged feature input and of the settlement effect (force_shapley_importance.csv). "
                    + "The bars above explain a regression fitted to the force afterwards; these explain the force the model forecasts with.",
                svg: BarChart(title: "Force model: importance (mean |φ|)", valueTitle: "mean |Shapley value|, force units",
                              bars: bars.map { .init(label: $0.feature.replacingOccurrences(of: "_", with: " "), value: $0.value) }).svg())))
        }
        if !e.shapley.isEmpty {
            var features: [String] = []
            for s in e.shapley where !features.contains(s.feature) { features.append(s.feature) }
            let order = e.importance.isEmpty ? features
                : e.importance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }.map(\.feature).filter(features.contains)
                    + features.filter { f in !e.importance.contains { $0.feature == f } }
            let rows = order.map { f -> BeeswarmChart.Row in
                let v = e.shapley.filter { $0.feature == f }
                return .init(feature: f, values: v.map(\.shapley), featureValues: v.contains { $0.featureValue != nil } ? v.map { $0.featureValue ?? .nan } : nil)
            }
            let swarm = BeeswarmChart(title: "Shapley values", valueTitle: "Shapley value (contribution to the force)", rows: rows)
            outputs.append(.figure(ReportFigure(caption: "Shapley values per region and period (shapley_values.csv); colour: the feature's value (target.csv), low blue to high red."
                                                    + (swarm.isSampled ? " Rows with more than \(swarm.maximumDots) values are drawn by \(swarm.maximumDots) evenly spaced quantiles of their \(e.shapley.count / max(1, order.count)) values." : ""),
                                                svg: swarm.svg())))
            let explained = Set(e.shapley.map(\.id))
            let ids = self.ids(e.shapley.map(\.id)).filter(explained.contains)
            var sum: [String: [String: (Double, Int)]] = [:]
            for s in e.shapley { let x = sum[s.id, default: [:]][s.feature] ?? (0, 0); sum[s.id, default: [:]][s.feature] = (x.0 + s.shapley, x.1 + 1) }
            func mean(_ id: String, _ f: String) -> Double? { sum[id]?[f].map { $0.0 / Double($0.1) } }
            let heatIDs = ReportScale.largest(ids, limit: ReportScale.heatMapRows) { id in order.reduce(0) { $0 + abs(mean(id, $1) ?? 0) } }
            let heat = HeatMap(title: "Mean contribution per region and feature", valueTitle: "mean φ",
                               rowLabels: heatIDs.map { names[$0] ?? $0 }, columnLabels: order,
                               values: heatIDs.map { id in order.map { f in mean(id, f) } }, scale: .diverging)
            outputs.append(.figure(ReportFigure(caption: "Per-region contributions: mean Shapley value over the periods (red: raises the force, blue: lowers it)."
                                                    + ReportScale.note(shown: heatIDs.count, total: ids.count, rule: "the largest Σ|mean φ|", file: "explain/shapley_values.csv"),
                                                svg: heat.svg())))
        }
        blocks.append(.result(ReportResult(command: command("explain"), outputs: outputs)))
        return ReportSection(id: "explanation", title: "Explanation", blocks: blocks)
    }

    func scenarioSection() -> ReportSection? {
        guard let sc = inputs.scenario, !sc.isEmpty else { return nil }
        var byID: [String: [ReportInputs.ScenarioPoint]] = [:]
        for p in sc.points { byID[p.id, default: []].append(p) }
        let allIDs = self.ids(byID.keys.map { $0 } + sc.summary.map(\.id))
        // Changed regions: a force change at some time; most affected: largest |persons moved| at the horizon.
        let changed = allIDs.filter { id in byID[id]?.contains { $0.forceChange != 0 } ?? false }
        let summaryMoved = Dictionary(sc.summary.map { ($0.id, abs($0.personsDifference)) }, uniquingKeysWith: { a, _ in a })
        var movedAt: [String: Double] = [:]
        for id in allIDs { movedAt[id] = summaryMoved[id] ?? abs(byID[id]?.max { $0.time < $1.time }?.personsDifference ?? 0) }
        func moved(_ id: String) -> Double { movedAt[id] ?? 0 }
        let changedSet = Set(changed)
        // At most 6 panels: the changed regions first (those that moved the most persons when more than 6 changed).
        let changedShown = ReportScale.largest(changed, limit: 6) { moved($0) }
        let affected = allIDs.filter { !changedSet.contains($0) && byID[$0] != nil }
            .sorted { moved($0) != moved($1) ? moved($0) > moved($1) : $0 < $1 }.prefix(max(0, 6 - changedShown.count))
        let shown = changedShown + affected
        var outputs: [ReportOutput] = []
        let panels = shown.compactMap { id -> SVG? in
            guard let s = byID[id] else { return nil }
            let label = (names[id] ?? id) + (changedSet.contains(id) ? " (changed)" : "")
            return LineChart(title: label, xTitle: "", yTitle: "", series: [
                .init(name: "baseline", x: s.map(\.time), y: s.map(\.baseline), style: .dashed, color: "#555555"),
                .init(name: "scenario", x: s.map(\.time), y: s.map(\.scenario), color: Palette.category(2)),
            ], bands: [.init(name: "difference", x: s.map(\.time), from: s.map(\.baseline), to: s.map(\.scenario), color: Palette.category(2))],
            width: 480, height: 230, includeZero: false).svg()
        }
        if !panels.isEmpty {
            outputs.append(.figure(ReportFigure(
                caption: "Scenario vs baseline balances (\(unit)) of the changed regions and the regions most affected (largest cumulative persons moved); shaded: the difference (scenario.csv).",
                svg: ChartGrid.compose(title: "Scenario vs baseline, \(unit)", panels: panels, columns: 2))))
        }
        if !sc.summary.isEmpty {
            let rows = sc.summary.sorted { abs($0.personsDifference) != abs($1.personsDifference) ? abs($0.personsDifference) > abs($1.personsDifference) : $0.id < $1.id }
                .prefix(ReportScale.tableRows).map { s -> [String] in
                    [names[s.id].map { $0 == s.id ? s.id : "\($0) (\(s.id))" } ?? s.id, F.fixed(s.meanDifference, 3), F.fixed(s.finalDifference, 3),
                     F.table(s.personsDifference.rounded(), significant: 8)]
                }
            outputs.append(.table(ReportTable(
                caption: "Scenario minus baseline per region (scenario_summary.csv), by |persons moved|: mean and final difference of the balance (\(unit)), cumulative persons moved by the change at the horizon."
                    + ReportScale.note(shown: min(sc.summary.count, ReportScale.tableRows), total: sc.summary.count, rule: "the largest |persons moved|", file: "scenario/scenario_summary.csv"),
                header: ["region", "mean difference", "final difference", "persons moved"], rows: rows, numeric: [false, true, true, true])))
        }
        return ReportSection(id: "scenarios", title: "Scenario", blocks: [
            .paragraph("A scenario changes features of chosen regions; the regression turns that into a change of force, and the equations "
                       + "are integrated from the fitted state with and without it over the horizon."
                       + (changed.isEmpty ? "" : changed.count <= 12 ? " Changed: \(changed.map { names[$0] ?? $0 }.joined(separator: ", "))."
                          : " Changed: \(changed.count) regions, among them \(changedShown.map { names[$0] ?? $0 }.joined(separator: ", ")) (the most persons moved).")),
            .result(ReportResult(command: command("scenario"), outputs: outputs)),
        ])
    }

    // MARK: identification

    func identifySection() -> ReportSection? {
        let runs = inputs.identify.filter { !$0.isEmpty }
        guard !runs.isEmpty else { return nil }
        var outputs: [ReportOutput] = []
        func forceLabel(_ r: ReportInputs.Identify) -> String {
            guard let f = r.summary?.force else { return r.folder }
            return f == "zero" ? "zero force" : "fitted force"
        }
        let summaries = runs.compactMap { r in r.summary.map { (r, $0) } }
        if !summaries.isEmpty {
            func u(_ x: Double?) -> String { x.map { F.fixed($0, 4) } ?? "–" }
            outputs.append(.table(ReportTable(
                caption: "Theil's U over the fitting window (identify.json; 0 = perfect): at the identified parameters, at the configuration's, at the fit's, and the PINN's own (its network solution)",
                header: ["run", "method", "trials / budget", "U identified", "U configuration", "U fit parameters", "U PINN"],
                rows: summaries.map { r, s in
                    ["\(r.folder) (\(forceLabel(r)))", "\(s.method), seed \(s.seed)", "\(s.trials) / \(s.budget)", u(s.theilU),
                     u(s.reference.configurationTheilU), u(s.reference.fitParametersTheilU), u(s.reference.pinnTheilU)]
                }, numeric: [false, false, true, true, true, true, true])))
        }
        let withParameters = runs.filter { !$0.parameters.isEmpty }
        if !withParameters.isEmpty {
            var names: [String] = []
            for r in withParameters { for p in r.parameters where !names.contains(p.name) { names.append(p.name) } }
            let rows = names.map { n -> [String] in
                [n] + withParameters.flatMap { r -> [String] in
                    guard let p = r.parameters.first(where: { $0.name == n }) else { return ["–", ""] }
                    let range = p.identified ? "\(p.lower.map(Self.bound) ?? "–") – \(p.upper.map(Self.bound) ?? "–")\(p.scale.isEmpty ? "" : " (\(p.scale))")" : (n == "theil_u" ? "" : "fixed")
                    return [F.table(p.value, significant: 5), range]
                }
            }
            outputs.append(.table(ReportTable(
                caption: "Parameters (parameters.csv): identified ones with their search range and scale, fixed ones as configured",
                header: ["parameter"] + withParameters.flatMap { ["\($0.folder)", "range"] }, rows: rows,
                numeric: [false] + withParameters.flatMap { _ in [true, false] })))
        }
        outputs += (try? ReportExplanationSection.uncertaintyOutputs(runs)) ?? []
        let withTrace = runs.filter { !$0.trace.isEmpty }
        if !withTrace.isEmpty {
            let chart = LineChart(title: "Best Theil U found vs trials", xTitle: "trials", yTitle: "best Theil U",
                                  series: withTrace.enumerated().map { k, r in
                                      .init(name: "\(r.folder) (\(forceLabel(r)))", x: r.trace.map(\.time), y: r.trace.map(\.value), color: Palette.category(k))
                                  }, includeZero: false, yearTicks: false)
            outputs.append(.figure(ReportFigure(caption: "Convergence of the search (trace.csv).", svg: chart.svg())))
        }
        let withSeries = runs.filter { !$0.series.isEmpty }
        if let first = withSeries.first {
            // The regions with the largest observed variation, in settlement order.
            func spread(_ id: String) -> Double {
                let o = (first.series[id] ?? []).compactMap(\.observed)
                guard let lo = o.min(), let hi = o.max() else { return 0 }
                return hi - lo
            }
            let all = self.ids(first.series.keys).filter { first.series[$0] != nil }
            let top = Set(all.sorted { spread($0) != spread($1) ? spread($0) > spread($1) : $0 < $1 }.prefix(6))
            let panels = all.filter(top.contains).map { id -> SVG in
                let s = first.series[id]!
                var series: [LineChart.Series] = [.init(name: "observed", x: s.map(\.time), y: s.map { $0.observed ?? .nan }, style: .markers, color: "#333333")]
                for (k, r) in withSeries.enumerated() {
                    guard let p = r.series[id] else { continue }
                    series.append(.init(name: forceLabel(r), x: p.map(\.time), y: p.map(\.simulated), style: k == 0 ? .solid : .dashed, color: Palette.category(k)))
                }
                return LineChart(title: self.names[id] ?? id, xTitle: "", yTitle: "", series: series, width: 340, height: 230).svg()
            }
            outputs.append(.figure(ReportFigure(
                caption: "Observed balances (dots) and the model simulated at the identified parameters (series.csv), \(unit), for the \(panels.count) regions with the largest observed range.",
                svg: ChartGrid.compose(title: "Observed vs simulated at the identified parameters, \(unit)", panels: panels, columns: 3))))
        }
        var blocks: [ReportBlock] = [
            .paragraph("`migsim identify` searches the physical parameters (α, γ, β, δ, c) that minimize Theil's U = √mean(s−o)² / (√mean s² + √mean o²) "
                       + "between simulated and observed balances, with the force set to zero (the free model) or to the PINN's fitted force."),
        ]
        // The zero-force run's command (commands.txt stage identify_zero) before the results, when recorded.
        if let zero = command("identify_zero"), command("identify") != nil { blocks.append(.result(ReportResult(command: zero, outputs: []))) }
        blocks.append(.result(ReportResult(command: command("identify") ?? command("identify_zero"), outputs: outputs)))
        return ReportSection(id: "identification", title: "Identification", blocks: blocks)
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
            var turnover: [String: Double] = [:]
            for f in inputs.flows where f.origin != f.destination { turnover[f.origin, default: 0] += abs(f.value); turnover[f.destination, default: 0] += abs(f.value) }
            let all = self.ids(inputs.flows.flatMap { [$0.origin, $0.destination] })
            let ids = ReportScale.largest(all, limit: ReportScale.heatMapRows) { turnover[$0] ?? 0 }
            let flowNote = ReportScale.note(shown: ids.count, total: all.count, rule: "the largest turnover, in + out", file: ((inputs.flowsFile ?? "") as NSString).lastPathComponent)
            var cell: [String: Double] = [:]
            for f in inputs.flows { cell[f.origin + "\u{1F}" + f.destination] = f.value }
            let heat = HeatMap(title: "Flows between regions (rows: origin, columns: destination; diagonal omitted)", valueTitle: "migrants",
                               rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: ids.map { names[$0] ?? $0 },
                               values: ids.map { o in ids.map { d in o == d ? nil : cell[o + "\u{1F}" + d] } },
                               scale: .sequential, cellSize: 30, showValues: false)
            outputs.append(.figure(ReportFigure(caption: "Flow matrix of `\(((inputs.flowsFile ?? "") as NSString).lastPathComponent)`." + flowNote, svg: heat.svg())))
        }
        if let errors = inputs.balancing?.flowErrors, !errors.isEmpty {
            var size: [String: Double] = [:]
            for f in errors where f.value.isFinite { size[f.origin, default: 0] += abs(f.value); size[f.destination, default: 0] += abs(f.value) }
            let all = self.ids(errors.flatMap { [$0.origin, $0.destination] })
            let ids = ReportScale.largest(all, limit: ReportScale.heatMapRows) { size[$0] ?? 0 }
            let errorNote = ReportScale.note(shown: ids.count, total: all.count, rule: "the largest Σ|error|", file: "flow_statistics/flow_errors.csv")
            var cell: [String: Double] = [:]
            for f in errors { cell[f.origin + "\u{1F}" + f.destination] = f.value }
            let heat = HeatMap(title: "Relative error of aggregated flows vs input, %", valueTitle: "error, %",
                               rowLabels: ids.map { names[$0] ?? $0 }, columnLabels: ids.map { names[$0] ?? $0 },
                               values: ids.map { o in ids.map { d in cell[o + "\u{1F}" + d] } }, scale: .diverging, cellSize: 30)
            outputs.append(.figure(ReportFigure(caption: "Balancer errors per flow (flow_errors.csv)." + errorNote, svg: heat.svg())))
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
    /// A CSV table as a report table: its first `ReportScale.tableRows` rows, the caption saying so when there are more.
    func tableOf(_ t: CSVTable, caption: String) -> ReportTable {
        let more = t.rows.count > ReportScale.tableRows
        return ReportTable(caption: caption + (more ? ". Showing the first \(ReportScale.tableRows) of \(t.rows.count) rows; every row is in the file." : ""),
                           header: t.header, rows: t.rows.prefix(ReportScale.tableRows).map { row in
            row.map { s in Double(s).map { $0.isFinite ? F.table($0, significant: 4) : s } ?? s }
        })
    }
}
