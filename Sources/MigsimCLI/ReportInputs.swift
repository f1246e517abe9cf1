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
struct ReportInputs {
    struct Point: Equatable { var time: Double; var value: Double }
    struct FitSeries { var time: Double; var observed: Double?; var network: Double; var integrated: Double; var holdout: Bool }
    struct Metric { var id: String; var r2: Double; var rmse: Double; var theilU: Double }
    struct Holdout { var id: String; var method: String; var mae: Double; var rmse: Double; var mase: Double? }
    struct Parameter { var name: String; var value: Double; var learned: Bool }
    struct Flow { var origin: String; var destination: String; var value: Double }
    struct Importance { var feature: String; var value: Double }
    struct ShapleyValue { var id: String; var period: String; var feature: String; var featureValue: Double?; var shapley: Double }
    struct ScenarioPoint { var id: String; var time: Double; var baseline: Double; var scenario: Double }

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
        var coefficients: CSVTable?
        var importance: [Importance] = []
        var shapley: [ShapleyValue] = []
        var validation: CSVTable?
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
    var scenario: [ScenarioPoint] = []
    /// stage → the command line that produced it (commands.txt).
    var commands: [String: String] = [:]
    /// Files read, in order (shown in the report's data section).
    var filesRead: [String] = []

    var isEmpty: Bool {
        settlements == nil && observed == nil && simulated.isEmpty && fit == nil && balancing == nil
            && flows.isEmpty && explain == nil && scenario.isEmpty
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
    static let commands = "commands.txt"
}

extension ReportInputs {
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Reads what exists. `paths` are the command's options (nil: the default layout).
    static func load(input: URL, settlements: String?, balance: String?, flows: String?, flowsPeriod: String?,
                     fit: String?, explain: String?, scenario: String?) throws -> ReportInputs {
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
        if explain != nil && !exists(explainDir) {
            throw DataError(.missingFile, file: explainDir.path, expected: "a folder written by `migsim explain`")
        }
        if exists(explainDir) { r.explain = try readExplain(explainDir, into: &r.filesRead) }
        let scenarioDir = scenario.map { URL(fileURLWithPath: $0) } ?? input.appendingPathComponent(ReportLayout.scenario)
        if scenario != nil && !exists(scenarioDir) {
            throw DataError(.missingFile, file: scenarioDir.path, expected: "a folder written by `migsim scenario`")
        }
        let comparison = scenarioDir.appendingPathComponent("comparison.csv")
        if exists(comparison) { r.scenario = try readScenario(comparison); r.filesRead.append(comparison.path) }
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
            for r in t.rows.indices {
                let l = try t.text(r, learned)
                guard l == "true" || l == "false" else { throw t.error(.outOfRange, row: r, col: learned, expected: "true or false") }
                fit.parameters.append(Parameter(name: try t.text(r, name), value: try t.number(r, value), learned: l == "true"))
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

    // MARK: explain and scenario (formats of the commands being written; adapt here)

    /// `explain/`: coefficients.csv (feature, estimate, std_error, t, p — shown as a table with
    /// whatever columns it has), importance.csv (feature, mean_abs_shapley), shapley.csv (id,
    /// period, feature, shapley[, value]) and validation.csv (any columns, shown as a table).
    static func readExplain(_ dir: URL, into files: inout [String]) throws -> Explain {
        var e = Explain()
        let coefficients = dir.appendingPathComponent("coefficients.csv")
        if exists(coefficients) { e.coefficients = try CSVTable.read(coefficients); files.append(coefficients.path) }
        let importance = dir.appendingPathComponent("importance.csv")
        if exists(importance) {
            let t = try CSVTable.read(importance); files.append(importance.path)
            let f = try t.requireColumn("feature"), v = try t.requireColumn("mean_abs_shapley")
            for r in t.rows.indices { e.importance.append(Importance(feature: try t.text(r, f), value: try t.number(r, v))) }
        }
        let shapley = dir.appendingPathComponent("shapley.csv")
        if exists(shapley) {
            let t = try CSVTable.read(shapley); files.append(shapley.path)
            let id = try t.requireColumn("id"), p = try t.requireColumn("period"), f = try t.requireColumn("feature")
            let s = try t.requireColumn("shapley"), v = t.optionalColumn("value")
            for r in t.rows.indices {
                e.shapley.append(ShapleyValue(id: try t.text(r, id), period: try t.text(r, p), feature: try t.text(r, f),
                                              featureValue: try v.flatMap { c throws(DataError) in try t.optionalNumber(r, c) },
                                              shapley: try t.number(r, s)))
            }
        }
        let validation = dir.appendingPathComponent("validation.csv")
        if exists(validation) { e.validation = try CSVTable.read(validation); files.append(validation.path) }
        return e
    }

    /// `scenario/comparison.csv`: id, time, baseline, scenario (balances of both runs).
    static func readScenario(_ u: URL) throws -> [ScenarioPoint] {
        let t = try CSVTable.read(u)
        let id = try t.requireColumn("id"), time = try t.requireColumn("time")
        let b = try t.requireColumn("baseline"), s = try t.requireColumn("scenario")
        return try t.rows.indices.map { r throws(DataError) in
            ScenarioPoint(id: try t.text(r, id), time: try t.number(r, time), baseline: try t.number(r, b), scenario: try t.number(r, s))
        }
    }
}
