import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// What `migsim report` found in the pipeline's output folder: every piece is optional and read
/// only when its file exists. A file that exists but is malformed is an error naming the file,
/// line and column (DataIO's `DataError`), never skipped silently.
///
/// The expected files (relative to --input; the layout `scripts/demo.sh` writes) are listed in
/// `ReportLayout`; the explain and scenario readers are at the end of this file, one small
/// function each, so they can follow those commands' final formats.
public struct ReportInputs {
    struct Point: Equatable { var time: Double; var value: Double }
    struct FitSeries { var time: Double; var observed: Double?; var network: Double; var integrated: Double; var holdout: Bool }
    struct Metric { var id: String; var r2: Double; var rmse: Double; var theilU: Double }
    struct Holdout { var id: String; var method: String; var mae: Double; var rmse: Double; var mase: Double? }
    struct Parameter {
        var name: String; var value: Double; var learned: Bool
        /// From a fit's parameters.csv when present (`FitParameterUncertainty`).
        var unit: String? = nil, boundLower: Double? = nil, boundUpper: Double? = nil, lower95: Double? = nil, upper95: Double? = nil
        var flags: [String] = []
    }
    struct Flow { var origin: String; var destination: String; var value: Double }
    struct Importance { var feature: String; var value: Double }
    struct ShapleyValue { var id: String; var period: String; var feature: String; var featureValue: Double?; var shapley: Double }
    struct ScenarioPoint { var id: String; var time: Double; var baseline: Double; var scenario: Double; var forceChange: Double; var personsDifference: Double }
    struct ScenarioSummary { var id: String; var meanDifference: Double; var finalDifference: Double; var personsDifference: Double }
    struct Coefficient { var term: String; var estimate: Double; var standardError: Double?; var t: Double?; var p: Double?; var standardized: Double?; var aliased: Bool }
    struct Statistic { var name: String; var value: Double? }
    struct IdentifiedParameterRow { var name: String; var value: Double; var identified: Bool; var lower: Double?; var upper: Double?; var scale: String }
    struct IdentifiedPoint { var time: Double; var observed: Double?; var simulated: Double }

    struct Fit {
        var folder: URL
        var artifact: FittedModel?
        var series: [String: [FitSeries]] = [:]
        var forceCurve: [String: [Point]] = [:]
        var metrics: [Metric] = []
        var holdout: [Holdout] = []
        var parameters: [Parameter] = []
    }

    struct Balancing {
        var summary: String?
        var regionStatistics: CSVTable?
        /// (origin, destination, relative error in %) from an age-split run's flow_errors.csv.
        var flowErrors: [Flow] = []
    }

    struct Explain {
        var coefficients: [Coefficient] = []
        /// validation.csv in file order (regression summary, split validation, permutation test).
        var statistics: [Statistic] = []
        var trainR2: [Double] = []
        var testR2: [Double] = []
        /// The regression's warnings (rank deficiency, collinearity) from regression.json.
        var warnings: [String] = []
        var importance: [Importance] = []
        /// force_shapley_importance.csv: mean |φ| of the force model's own inputs (features, settlement effect).
        var forceImportance: [Importance] = []
        var shapley: [ShapleyValue] = []
        var protocols: CSVTable?   // validation_protocols.csv (ReportExplanationSection)

        func statistic(_ name: String) -> Double? { statistics.first { $0.name == name }?.value }
        var isEmpty: Bool { coefficients.isEmpty && statistics.isEmpty && testR2.isEmpty && importance.isEmpty && shapley.isEmpty && forceImportance.isEmpty }
    }

    struct Scenario {
        var points: [ScenarioPoint] = []
        var summary: [ScenarioSummary] = []
        var isEmpty: Bool { points.isEmpty && summary.isEmpty }
    }

    /// One `migsim identify` output folder.
    struct Identify {
        var folder: String
        var summary: IdentifyJSON?
        var parameters: [IdentifiedParameterRow] = []
        var series: [String: [IdentifiedPoint]] = [:]
        /// (trials, best Theil U so far).
        var trace: [Point] = []
        var uncertainty: CSVTable?   // uncertainty.csv (ReportExplanationSection)
        var isEmpty: Bool { summary == nil && parameters.isEmpty && series.isEmpty && trace.isEmpty }
    }

    var settlements: [Settlement]?
    var settlementsFile: String?
    var observed: BalanceTable?
    var simulated: [String: [Point]] = [:]
    var fit: Fit?
    var balancing: Balancing?
    var flows: [Flow] = []
    var flowsFile: String?
    var explain: Explain?
    var scenario: Scenario?
    /// backtest/ and forecast/ (migsim backtest, migsim forecast).
    var forecasting = ReportForecastSection()
    /// The identification runs found (identify_fit/, identify_zero/, or --identify folders).
    var identify: [Identify] = []
    /// stage → the command line that produced it (commands.txt).
    var commands: [String: String] = [:]
    /// Files read, in order (shown in the report's data section).
    public var filesRead: [String] = []

    public var isEmpty: Bool {
        settlements == nil && observed == nil && simulated.isEmpty && fit == nil && balancing == nil
            && flows.isEmpty && explain == nil && scenario == nil && identify.isEmpty && forecasting.isEmpty
    }
}

/// File names the report looks for (relative to --input unless an option overrides them).
enum ReportLayout {
    static let settlements = "settlements.csv"
    static let balance = ["balance_yearly.csv", "balance_quarterly.csv"]
    static let simulated = "simulated.csv"
    static let fit = "fit"
    static let fitFiles = ["fit.json", "series.csv", "force_curve.csv", "metrics.csv", "holdout.csv", "parameters.csv"]
    static let balanceSummary = "balance_summary.txt"
    static let flowStatistics = "flow_statistics"
    static let explain = "explain"
    static let scenario = "scenario"
    static let scenarioFiles = ["scenario.csv", "scenario_summary.csv"]
    static let explainFiles = ["coefficients.csv", "validation.csv", "validation_splits.csv", "regression.json",
                               "shapley_importance.csv", "shapley_values.csv", "target.csv",
                               "force_shapley_importance.csv"]
    /// Identification folders, the run under the fitted force first.
    static let identify = ["identify_fit", "identify_zero"]
    static let identifyFiles = ["identify.json", "parameters.csv", "series.csv", "trace.csv"]
    static let commands = "commands.txt"
}

extension ReportInputs {
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Reads what exists. `paths` are the command's options (nil: the default layout).
    public static func load(input: URL, settlements: String?, balance: String?, flows: String?, flowsPeriod: String?,
                     fit: String?, explain: String?, scenario: String?, identify: [String] = []) throws -> ReportInputs {
        var r = ReportInputs()
        func file(_ option: String?, _ name: String) -> URL? {
            if let option { return URL(fileURLWithPath: option) }
            let u = input.appendingPathComponent(name)
            return exists(u) ? u : nil
        }
        if let u = file(settlements, ReportLayout.settlements) {
            r.settlements = try SettlementsFile.read(u).settlements
            r.settlementsFile = u.path; r.filesRead.append(u.path)
        }
        let balanceURL = balance.map { URL(fileURLWithPath: $0) }
            ?? ReportLayout.balance.map { input.appendingPathComponent($0) }.first(where: exists)
        if let u = balanceURL {
            r.observed = try BalanceFile.read(u); r.filesRead.append(u.path)
        }
        if let u = file(nil, ReportLayout.simulated) {
            r.simulated = try readSimulated(u); r.filesRead.append(u.path)
        }
        let fitDir = fit.map { URL(fileURLWithPath: $0) } ?? input.appendingPathComponent(ReportLayout.fit)
        let fitPresent = ReportLayout.fitFiles.contains { exists(fitDir.appendingPathComponent($0)) }
        if fit != nil && !fitPresent {
            throw DataError(.missingFile, file: fitDir.path, expected: "a folder written by `migsim fit --output` (fit.json, series.csv, …)")
        }
        if fitPresent {
            r.fit = try readFit(fitDir, into: &r.filesRead)
        }
        let summary = input.appendingPathComponent(ReportLayout.balanceSummary)
        let stats = input.appendingPathComponent(ReportLayout.flowStatistics)
        if exists(summary) || exists(stats) {
            var b = Balancing()
            if exists(summary) {
                guard let text = try? String(contentsOf: summary, encoding: .utf8) else {
                    throw DataError(.unreadableFile, file: summary.path, expected: "UTF-8 text")
                }
                b.summary = text; r.filesRead.append(summary.path)
            }
            let regions = stats.appendingPathComponent("region_statistics.csv")
            if exists(regions) { b.regionStatistics = try CSVTable.read(regions); r.filesRead.append(regions.path) }
            let errors = stats.appendingPathComponent("flow_errors.csv")
            if exists(errors) {
                b.flowErrors = try readFlows(errors, value: "relative_error_percent", period: nil); r.filesRead.append(errors.path)
            }
            r.balancing = b
        }
        if let flows {
            let u = URL(fileURLWithPath: flows)
            r.flows = try readFlows(u, value: "migrants", period: flowsPeriod)
            r.flowsFile = u.path; r.filesRead.append(u.path)
        }
        let explainDir = explain.map { URL(fileURLWithPath: $0) } ?? input.appendingPathComponent(ReportLayout.explain)
        let explainPresent = ReportLayout.explainFiles.contains { exists(explainDir.appendingPathComponent($0)) }
        if explain != nil && !explainPresent {
            throw DataError(.missingFile, file: explainDir.path,
                            expected: "a folder written by `migsim explain` (coefficients.csv, validation.csv, shapley_values.csv, …)")
        }
        if explainPresent { r.explain = try readExplain(explainDir, into: &r.filesRead) }
        let scenarioDir = scenario.map { URL(fileURLWithPath: $0) } ?? input.appendingPathComponent(ReportLayout.scenario)
        let scenarioPresent = ReportLayout.scenarioFiles.contains { exists(scenarioDir.appendingPathComponent($0)) }
        if scenario != nil && !scenarioPresent {
            throw DataError(.missingFile, file: scenarioDir.path, expected: "a folder written by `migsim scenario` (scenario.csv, scenario_summary.csv)")
        }
        if scenarioPresent { r.scenario = try readScenario(scenarioDir, into: &r.filesRead) }
        r.forecasting = try ReportForecastSection.read(input: input, into: &r.filesRead)
        let identifyDirs = identify.isEmpty ? ReportLayout.identify.map { input.appendingPathComponent($0) } : identify.map { URL(fileURLWithPath: $0) }
        for dir in identifyDirs {
            let present = ReportLayout.identifyFiles.contains { exists(dir.appendingPathComponent($0)) }
            if !identify.isEmpty && !present {
                throw DataError(.missingFile, file: dir.path, expected: "a folder written by `migsim identify --output` (identify.json, parameters.csv, …)")
            }
            if present { r.identify.append(try readIdentify(dir, into: &r.filesRead)) }
        }
        let commands = input.appendingPathComponent(ReportLayout.commands)
        if exists(commands) { r.commands = try readCommands(commands) }
        return r
    }

    /// `simulated.csv` of `migsim simulate`: id, time, balance[, velocity].
    static func readSimulated(_ u: URL) throws -> [String: [Point]] {
        let t = try CSVTable.read(u)
        let id = try t.requireColumn("id"), time = try t.requireColumn("time"), balance = try t.requireColumn("balance")
        var out: [String: [Point]] = [:]
        for r in t.rows.indices { out[try t.text(r, id), default: []].append(Point(time: try t.number(r, time), value: try t.number(r, balance))) }
        return out
    }

    /// The folder of `migsim fit --output`: fit.json (optional), series.csv, force_curve.csv,
    /// metrics.csv, holdout.csv, parameters.csv — each read when present.
    static func readFit(_ dir: URL, into files: inout [String]) throws -> Fit {
        var fit = Fit(folder: dir)
        let artifact = dir.appendingPathComponent("fit.json")
        if exists(artifact) { fit.artifact = try FitArtifact.read(artifact); files.append(artifact.path) }
        let series = dir.appendingPathComponent("series.csv")
        if exists(series) {
            let t = try CSVTable.read(series); files.append(series.path)
            let id = try t.requireColumn("id"), time = try t.requireColumn("time"), obs = try t.requireColumn("observed")
            let net = try t.requireColumn("network"), integ = try t.requireColumn("integrated"), split = try t.requireColumn("split")
            for r in t.rows.indices {
                let s = try t.text(r, split)
                guard s == "train" || s == "holdout" else { throw t.error(.outOfRange, row: r, col: split, expected: "train or holdout") }
                fit.series[try t.text(r, id), default: []].append(FitSeries(
                    time: try t.number(r, time), observed: try t.optionalNumber(r, obs), network: try t.number(r, net),
                    integrated: try t.number(r, integ), holdout: s == "holdout"))
            }
        }
        let curve = dir.appendingPathComponent("force_curve.csv")
        if exists(curve) {
            let t = try CSVTable.read(curve); files.append(curve.path)
            let id = try t.requireColumn("id"), time = try t.requireColumn("time"), force = try t.requireColumn("force")
            for r in t.rows.indices { fit.forceCurve[try t.text(r, id), default: []].append(Point(time: try t.number(r, time), value: try t.number(r, force))) }
        }
        let metrics = dir.appendingPathComponent("metrics.csv")
        if exists(metrics) {
            let t = try CSVTable.read(metrics); files.append(metrics.path)
            let id = try t.requireColumn("id"), r2 = try t.requireColumn("r2"), rmse = try t.requireColumn("rmse"), u = try t.requireColumn("theil_u")
            for r in t.rows.indices {
                fit.metrics.append(Metric(id: try t.text(r, id), r2: try t.number(r, r2), rmse: try t.number(r, rmse), theilU: try t.number(r, u)))
            }
        }
        let holdout = dir.appendingPathComponent("holdout.csv")
        if exists(holdout) {
            let t = try CSVTable.read(holdout); files.append(holdout.path)
            let id = try t.requireColumn("id"), m = try t.requireColumn("method"), mae = try t.requireColumn("mae")
            let rmse = try t.requireColumn("rmse"), mase = try t.requireColumn("mase")
            for r in t.rows.indices {
                fit.holdout.append(Holdout(id: try t.text(r, id), method: try t.text(r, m), mae: try t.number(r, mae),
                                           rmse: try t.number(r, rmse), mase: try t.optionalNumber(r, mase)))
            }
        }
        let parameters = dir.appendingPathComponent("parameters.csv")
        if exists(parameters) {
            let t = try CSVTable.read(parameters); files.append(parameters.path)
            let name = try t.requireColumn("name"), value = try t.requireColumn("value"), learned = try t.requireColumn("learned")
            let unit = t.optionalColumn("unit"), bl = t.optionalColumn("bound_lower"), bu = t.optionalColumn("bound_upper")
            let lo = t.optionalColumn("lower_95"), hi = t.optionalColumn("upper_95")
            let flagColumns: [(column: Int?, value: String, text: String)] = [
                (t.optionalColumn("identified"), "false", "not identified"), (t.optionalColumn("at_lower_bound"), "true", "at lower bound"),
                (t.optionalColumn("at_upper_bound"), "true", "at upper bound"),
                (t.optionalColumn("spans_more_than_a_decade"), "true", "interval > 1 decade")]
            for r in t.rows.indices {
                let l = try t.text(r, learned)
                guard l == "true" || l == "false" else { throw t.error(.outOfRange, row: r, col: learned, expected: "true or false") }
                var p = Parameter(name: try t.text(r, name), value: try t.number(r, value), learned: l == "true")
                if let unit { p.unit = t.rows[r][unit] }
                if let bl { p.boundLower = try t.optionalNumber(r, bl) }
                if let bu { p.boundUpper = try t.optionalNumber(r, bu) }
                if let lo { p.lower95 = try t.optionalNumber(r, lo) }
                if let hi { p.upper95 = try t.optionalNumber(r, hi) }
                for f in flagColumns { if let c = f.column, t.rows[r][c] == f.value { p.flags.append(f.text) } }   // empty for a fixed parameter
                fit.parameters.append(p)
            }
        }
        return fit
    }

    /// Flows origin, destination[, period], <value column>; rows of one pair are summed; with
    /// `period`, only rows whose period starts with it.
    static func readFlows(_ u: URL, value: String, period: String?) throws -> [Flow] {
        let t = try CSVTable.read(u)
        let o = try t.requireColumn("origin"), d = try t.requireColumn("destination"), v = try t.requireColumn(value)
        let p = t.optionalColumn("period")
        if period != nil && p == nil {
            throw DataError(.missingColumn, file: u.path, line: 1, expected: "a 'period' column (--flows-period was given)")
        }
        var sums: [String: Double] = [:], order: [(String, String)] = []
        for r in t.rows.indices {
            if let period, let p, !t.rows[r][p].hasPrefix(period) { continue }
            let key = try t.text(r, o) + "\u{1F}" + t.text(r, d)
            guard let x = try t.optionalNumber(r, v) else { continue }
            if sums[key] == nil { order.append((t.rows[r][o], t.rows[r][d])) }
            sums[key, default: 0] += x
        }
        if let period, order.isEmpty {
            throw DataError(.outOfRange, file: u.path, found: period, expected: "rows whose period starts with '\(period)' (--flows-period)")
        }
        return order.map { Flow(origin: $0.0, destination: $0.1, value: sums[$0.0 + "\u{1F}" + $0.1]!) }
    }

    /// `commands.txt`: lines `stage: command` (blank lines and lines starting with # ignored).
    static func readCommands(_ u: URL) throws -> [String: String] {
        guard let text = try? String(contentsOf: u, encoding: .utf8) else {
            throw DataError(.unreadableFile, file: u.path, expected: "UTF-8 text")
        }
        var out: [String: String] = [:]
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                  colon != line.startIndex else {
                throw DataError(.yamlSyntax, file: u.path, line: k + 1, found: line, expected: "'stage: command' (e.g. 'fit: migsim fit --config …')")
            }
            out[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    // MARK: explain, scenario and identify (the formats those commands write)

    /// `explain/` of `migsim explain`, each file read when present:
    /// coefficients.csv (term, estimate, std_error, t, p, standardized, aliased; empty cells for
    /// an aliased term's SE/t/p), validation.csv (statistic, value), validation_splits.csv
    /// (split, train_r2, test_r2), regression.json (its summary's warnings), shapley_importance.csv
    /// (feature, mean_abs_shap), shapley_values.csv (id, period, prediction, base_value,
    /// efficiency_gap, one column per feature) and target.csv (id, period, force, fitted, one
    /// column per feature: the feature values that colour the beeswarm).
    static func readExplain(_ dir: URL, into files: inout [String]) throws -> Explain {
        var e = Explain()
        e.protocols = try ReportExplanationSection.optionalTable(dir, "validation_protocols.csv", into: &files)
        let coefficients = dir.appendingPathComponent("coefficients.csv")
        if exists(coefficients) {
            let t = try CSVTable.read(coefficients); files.append(coefficients.path)
            let term = try t.requireColumn("term"), est = try t.requireColumn("estimate"), se = try t.requireColumn("std_error")
            let tv = try t.requireColumn("t"), p = try t.requireColumn("p"), aliased = try t.requireColumn("aliased")
            let std = t.optionalColumn("standardized")
            for r in t.rows.indices {
                let a = try t.text(r, aliased)
                guard a == "true" || a == "false" else { throw t.error(.outOfRange, row: r, col: aliased, expected: "true or false") }
                if let pv = try t.optionalNumber(r, p), !(0...1).contains(pv) {
                    throw t.error(.outOfRange, row: r, col: p, expected: "a p value in [0, 1]")
                }
                e.coefficients.append(Coefficient(
                    term: try t.text(r, term), estimate: try t.number(r, est), standardError: try t.optionalNumber(r, se),
                    t: try t.optionalNumber(r, tv), p: try t.optionalNumber(r, p),
                    standardized: try std.flatMap { c throws(DataError) in try t.optionalNumber(r, c) }, aliased: a == "true"))
            }
        }
        let validation = dir.appendingPathComponent("validation.csv")
        if exists(validation) {
            let t = try CSVTable.read(validation); files.append(validation.path)
            let name = try t.requireColumn("statistic"), value = try t.requireColumn("value")
            for r in t.rows.indices {
                let key = try t.text(r, name)
                guard !e.statistics.contains(where: { $0.name == key }) else {
                    throw t.error(.outOfRange, row: r, col: name, expected: "each statistic once ('\(key)' is repeated)")
                }
                e.statistics.append(Statistic(name: key, value: try t.optionalNumber(r, value)))
            }
        }
        let splits = dir.appendingPathComponent("validation_splits.csv")
        if exists(splits) {
            let t = try CSVTable.read(splits); files.append(splits.path)
            let test = try t.requireColumn("test_r2"), train = try t.requireColumn("train_r2")
            for r in t.rows.indices {
                e.trainR2.append(try t.number(r, train)); e.testR2.append(try t.number(r, test))
            }
        }
        let regression = dir.appendingPathComponent("regression.json")
        if exists(regression) {
            e.warnings = try JSONArtifact.read(RegressionJSON.self, format: "migsim-regression", version: 1, from: regression).summary.warnings
            files.append(regression.path)
        }
        /// Rows (name, mean |φ| ≥ 0) of an importance table, when the file exists.
        func importanceTable(_ name: String, nameColumn: String) throws -> [Importance] {
            let url = dir.appendingPathComponent(name)
            guard exists(url) else { return [] }
            let t = try CSVTable.read(url); files.append(url.path)
            let f = try t.requireColumn(nameColumn), v = try t.requireColumn("mean_abs_shap")
            return try t.rows.indices.map { r in
                let x = try t.number(r, v)
                guard x >= 0 else { throw t.error(.outOfRange, row: r, col: v, expected: "a mean absolute value (≥ 0)") }
                return Importance(feature: try t.text(r, f), value: x)
            }
        }
        e.importance = try importanceTable("shapley_importance.csv", nameColumn: "feature")
        e.forceImportance = try importanceTable("force_shapley_importance.csv", nameColumn: "player")
        // Feature values per (id, period) from target.csv, for the beeswarm's colours.
        var featureValues: [String: [String: Double]] = [:]
        let target = dir.appendingPathComponent("target.csv")
        if exists(target) {
            let t = try CSVTable.read(target); files.append(target.path)
            let id = try t.requireColumn("id"), p = try t.requireColumn("period")
            _ = try t.requireColumn("force")
            let fixed: Set<String> = ["id", "period", "force", "fitted"]
            for r in t.rows.indices {
                let key = try t.text(r, id) + "\u{1F}" + t.text(r, p)
                for c in t.header.indices where !fixed.contains(t.header[c]) {
                    if let v = try t.optionalNumber(r, c) { featureValues[key, default: [:]][t.header[c]] = v }
                }
            }
        }
        let shapley = dir.appendingPathComponent("shapley_values.csv")
        if exists(shapley) {
            let t = try CSVTable.read(shapley); files.append(shapley.path)
            let id = try t.requireColumn("id"), p = try t.requireColumn("period")
            let fixed = ["id", "period", "prediction", "base_value", "efficiency_gap"]
            for name in fixed { _ = try t.requireColumn(name) }
            let features = t.header.indices.filter { !fixed.contains(t.header[$0]) }
            guard !features.isEmpty else {
                throw DataError(.missingColumn, file: t.file, line: 1, expected: "one column of Shapley values per feature after \(fixed.joined(separator: ", "))")
            }
            for r in t.rows.indices {
                let i = try t.text(r, id), period = try t.text(r, p)
                for c in features {
                    e.shapley.append(ShapleyValue(id: i, period: period, feature: t.header[c],
                                                  featureValue: featureValues[i + "\u{1F}" + period]?[t.header[c]], shapley: try t.number(r, c)))
                }
            }
        }
        return e
    }

    /// The part of regression.json the report shows.
    struct RegressionJSON: Codable {
        struct Summary: Codable { var warnings: [String] }
        var summary: Summary
    }

    /// `scenario/` of `migsim scenario`: scenario.csv (id, time, baseline, scenario, difference,
    /// force_change, baseline_persons, scenario_persons, persons_difference) and
    /// scenario_summary.csv (id, mean_difference, final_difference, persons_difference).
    static func readScenario(_ dir: URL, into files: inout [String]) throws -> Scenario {
        var s = Scenario()
        let table = dir.appendingPathComponent("scenario.csv")
        if exists(table) {
            let t = try CSVTable.read(table); files.append(table.path)
            let id = try t.requireColumn("id"), time = try t.requireColumn("time")
            let b = try t.requireColumn("baseline"), sc = try t.requireColumn("scenario"), force = try t.requireColumn("force_change")
            let persons = try t.requireColumn("persons_difference")
            for r in t.rows.indices {
                s.points.append(ScenarioPoint(id: try t.text(r, id), time: try t.number(r, time), baseline: try t.number(r, b),
                                              scenario: try t.number(r, sc), forceChange: try t.number(r, force),
                                              personsDifference: try t.number(r, persons)))
            }
        }
        let summary = dir.appendingPathComponent("scenario_summary.csv")
        if exists(summary) {
            let t = try CSVTable.read(summary); files.append(summary.path)
            let id = try t.requireColumn("id"), mean = try t.requireColumn("mean_difference")
            let last = try t.requireColumn("final_difference"), persons = try t.requireColumn("persons_difference")
            for r in t.rows.indices {
                s.summary.append(ScenarioSummary(id: try t.text(r, id), meanDifference: try t.number(r, mean),
                                                 finalDifference: try t.number(r, last), personsDifference: try t.number(r, persons)))
            }
        }
        return s
    }

    /// The part of identify.json the report shows.
    struct IdentifyJSON: Codable {
        struct Reference: Codable { var configurationTheilU: Double; var fitParametersTheilU: Double?; var pinnTheilU: Double? }
        var force: String
        var method: String
        var seed: UInt64
        var budget: Int
        var trials: Int
        var theilU: Double
        var termination: String
        var reference: Reference

        /// Refuses values no identification writes, naming the file and the field: Theil's U
        /// outside [0, 1], negative counts.
        func validate(file: String) throws {
            func check(_ ok: Bool, _ field: String, _ found: String, _ expected: String) throws {
                if !ok { throw DataError(.outOfRange, file: file, found: "\(field): \(found)", expected: expected) }
            }
            let u = [("theilU", theilU), ("reference.configurationTheilU", reference.configurationTheilU)]
                + [("reference.fitParametersTheilU", reference.fitParametersTheilU), ("reference.pinnTheilU", reference.pinnTheilU)]
                    .compactMap { name, v in v.map { (name, $0) } }
            for (name, v) in u { try check(v >= 0 && v <= 1, name, "\(v)", "Theil's U, a number from 0 to 1") }
            try check(trials >= 0, "trials", "\(trials)", "a count ≥ 0")
            try check(budget >= 0, "budget", "\(budget)", "a count ≥ 0")
        }
    }

    /// A folder of `migsim identify --output`: identify.json, parameters.csv (name, value,
    /// identified, lower, upper, scale), series.csv (id, period, time, observed, simulated) and
    /// trace.csv (trials, best_theil_u), each read when present.
    static func readIdentify(_ dir: URL, into files: inout [String]) throws -> Identify {
        var run = Identify(folder: dir.lastPathComponent)
        run.uncertainty = try ReportExplanationSection.optionalTable(dir, "uncertainty.csv", into: &files)
        let json = dir.appendingPathComponent("identify.json")
        if exists(json) {
            let summary = try JSONArtifact.read(IdentifyJSON.self, format: IdentifiedModel.format, version: IdentifiedModel.version, from: json)
            try summary.validate(file: json.path)
            run.summary = summary
            files.append(json.path)
        }
        let parameters = dir.appendingPathComponent("parameters.csv")
        if exists(parameters) {
            let t = try CSVTable.read(parameters); files.append(parameters.path)
            let name = try t.requireColumn("name"), value = try t.requireColumn("value"), identified = try t.requireColumn("identified")
            let lower = try t.requireColumn("lower"), upper = try t.requireColumn("upper"), scale = try t.requireColumn("scale")
            for r in t.rows.indices {
                let flag = t.rows[r][identified]
                guard flag == "true" || flag == "false" || flag.isEmpty else {
                    throw t.error(.outOfRange, row: r, col: identified, expected: "true, false or empty (for theil_u)")
                }
                run.parameters.append(IdentifiedParameterRow(
                    name: try t.text(r, name), value: try t.number(r, value), identified: flag == "true",
                    lower: try t.optionalNumber(r, lower), upper: try t.optionalNumber(r, upper), scale: t.rows[r][scale]))
            }
        }
        let series = dir.appendingPathComponent("series.csv")
        if exists(series) {
            let t = try CSVTable.read(series); files.append(series.path)
            let id = try t.requireColumn("id"), time = try t.requireColumn("time")
            let obs = try t.requireColumn("observed"), sim = try t.requireColumn("simulated")
            for r in t.rows.indices {
                run.series[try t.text(r, id), default: []].append(
                    IdentifiedPoint(time: try t.number(r, time), observed: try t.optionalNumber(r, obs), simulated: try t.number(r, sim)))
            }
        }
        let trace = dir.appendingPathComponent("trace.csv")
        if exists(trace) {
            let t = try CSVTable.read(trace); files.append(trace.path)
            let n = try t.requireColumn("trials"), u = try t.requireColumn("best_theil_u")
            for r in t.rows.indices { run.trace.append(Point(time: try t.number(r, n), value: try t.number(r, u))) }
        }
        return run
    }
}
