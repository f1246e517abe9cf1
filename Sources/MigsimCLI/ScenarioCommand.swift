import ArgumentParser
import DataIO
import Explanation
import Foundation
import LinearAlgebra
import MigrationModel

/// `migsim scenario`: what-if runs (SPEC §5). The explanation regression turns the scenario's
/// feature changes into force changes Δfᵢ(k) = model(x̃ᵢ(k)) − model(xᵢ(k)); the equations of motion
/// are integrated with F_φ + Δf and with F_φ alone from the fitted state, and compared.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run a feature-change scenario through the explanation regression and the equations of motion.",
        discussion: """
        The regression is the one of `migsim explain` with the same --feature/--ridge/--no-standardize \
        flags (refitted here, deterministically). Integration starts at the scenario's `start` (default: \
        its earliest `from`), clamped to the fitting window, from the fitted network's state (u_θ, u̇_θ) \
        there, with the fitted physical parameters; the base force is F_φ (held at its last value beyond \
        the window). Feature rows beyond the features file are held at their last period; a region whose \
        row is incomplete in a period keeps its previous complete row.

        Writes into --output: scenario.csv (id, time, baseline, scenario, difference, force_change, \
        baseline_persons, scenario_persons, persons_difference; balances per 1,000 per year, persons \
        cumulative since the start, ∫ balance·population/1000 dt on a grid 12 times finer than the periods) and scenario_summary.csv (per \
        region at the horizon).
        """
    )

    @Option(name: .long, help: "Fitted model artifact (fit.json from migsim fit).")
    var fit: String

    @Option(name: .long, help: "Scenario file (YAML).")
    var scenario: String

    @Option(name: .long, help: "Model configuration (YAML) naming the settlements, balance and features files.")
    var config: String

    @Option(name: .long, help: "Features CSV (overrides data.features).")
    var features: String?

    @Option(name: .long, help: "Settlements CSV (overrides data.settlements).")
    var settlements: String?

    @Option(name: .long, help: "Observed balances CSV (overrides data.balance; needed for the similarity coupling).")
    var balance: String?

    @Option(name: .long, help: "Output folder (created if missing).")
    var output: String

    @Option(name: .customLong("feature"), help: "A feature column of the regression (repeat; default: all columns).")
    var chosen: [String] = []

    @Option(name: .long, help: "Ridge penalty λ (default: OLS).")
    var ridge: Double?

    @Flag(name: .customLong("no-standardize"), help: "Estimate the regression on raw features.")
    var noStandardize = false

    func run() throws {
        let configuration = try ModelConfiguration.load(URL(fileURLWithPath: config))
        guard let featuresPath = features ?? configuration.data.features?.path else {
            throw ValidationError("no features file: give --features or data.features in \(config)")
        }
        guard let settlementsURL = settlements.map({ URL(fileURLWithPath: $0) }) ?? configuration.data.settlements else {
            throw ValidationError("no settlements file: give --settlements or data.settlements in \(config)")
        }
        let options = try ExplainData.regressionOptions(ridge: ridge, standardize: !noStandardize)
        let data = try ExplainData.load(fit: fit, features: featuresPath, chosen: chosen)
        let fitted = data.fitted
        let spec = try ScenarioFile.load(URL(fileURLWithPath: scenario))
        try spec.validate(features: data.featureNames, regions: fitted.ids)

        let (places, ages) = try SettlementsFile.read(settlementsURL)
        AgeTermNotice.check(ages, settlements: settlementsURL.path)
        guard places.map(\.id) == fitted.ids else {
            throw ValidationError("\(settlementsURL.path): settlements \(places.map(\.id).prefix(4).joined(separator: ", "))… differ from those of \(fit); "
                                  + "expected the settlements file the model was fitted to")
        }
        var similarity: [[Double?]]? = nil
        if fitted.parameters.beta > 0 {
            guard let balanceURL = balance.map({ URL(fileURLWithPath: $0) }) ?? configuration.data.balance else {
                throw ValidationError("the fitted model has a similarity coupling (beta > 0): give --balance or data.balance in \(config)")
            }
            let table = try BalanceFile.read(balanceURL)
            let periods = fitted.periodLabels.compactMap { Period(label: $0) }
            guard periods.count == fitted.periodLabels.count else {
                throw ValidationError("\(fit): period labels \(fitted.periodLabels.prefix(3).joined(separator: ", "))… are not periods; "
                                      + "expected an artifact written by migsim fit")
            }
            similarity = fitted.ids.map { id in periods.map { table.value(id: id, period: $0) } }
        }
        let assembled = try ModelAssembly.build(settlements: places, ages: ages, similaritySeries: similarity, parameters: fitted.parameters)
        let model = try LinearRegression.fit(x: data.x, y: data.y, featureNames: data.featureNames, options: options)
        let panel = try Self.panel(data: data, file: featuresPath)

        let changes = spec.changes.map { c in
            FeatureChange(feature: data.featureNames.firstIndex(of: c.feature)!,
                          operation: FeatureChange.Operation(rawValue: c.operation.rawValue)!, value: c.value,
                          regions: c.regions.map { Set($0.map { fitted.ids.firstIndex(of: $0)! }) }, from: c.from.decimalYear)
        }
        let requested = spec.start?.decimalYear ?? changes.map(\.from).min()!
        let start = min(max(requested, fitted.times[0]), fitted.fittingEnd)
        if start != requested {
            Log.info(String(format: "the scenario starts at %.4g, outside the fitting window; integrating from %.4g", requested, start))
        }
        let steps = max(1, Int((spec.horizonYears / fitted.periodLength).rounded()))
        let (q0, v0) = fitted.state(at: start)
        let engine = ScenarioEngine(model: model, panel: panel)
        let result = try engine.run(dynamics: assembled.model, baseForcing: fitted.forcing(), initialBalance: q0, initialVelocity: v0,
                                    start: start, step: fitted.periodLength, steps: steps, changes: changes,
                                    populations: places.map(\.population))

        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = CSVTableWriter.format
        let diff = result.difference, persons = result.personsDifference
        var table = CSVTableWriter(header: ["id", "time", "baseline", "scenario", "difference", "force_change",
                                            "baseline_persons", "scenario_persons", "persons_difference"])
        for (i, id) in fitted.ids.enumerated() {
            for k in result.times.indices {
                table.append([id, f(result.times[k]), f(result.baseline[k][i]), f(result.scenario[k][i]), f(diff[k][i]),
                              f(result.forceChange[k][i]), f(result.baselinePersons[k][i]), f(result.scenarioPersons[k][i]), f(persons[k][i])])
            }
        }
        var summary = CSVTableWriter(header: ["id", "mean_difference", "final_difference", "persons_difference"])
        let last = result.times.count - 1
        for (i, id) in fitted.ids.enumerated() {
            let mean = diff.reduce(0) { $0 + $1[i] } / Double(diff.count)
            summary.append([id, f(mean), f(diff[last][i]), f(persons[last][i])])
        }
        try table.write(to: folder.appendingPathComponent("scenario.csv"))
        try summary.write(to: folder.appendingPathComponent("scenario_summary.csv"))
        let largest = fitted.ids.indices.sorted { abs(persons[last][$0]) > abs(persons[last][$1]) }.prefix(3)
        Log.info(String(format: "scenario '%@' from %.4g over %.4g years (%d steps); cumulative net persons moved by the change, largest: ",
                        spec.name, start, spec.horizonYears, steps)
                 + largest.map { "\(fitted.ids[$0]) \(String(format: "%+.0f", persons[last][$0]))" }.joined(separator: ", "))
        Log.info("wrote \(folder.path)/scenario.csv and scenario_summary.csv")
    }

    /// The features of the regression by region and period, in the fitted settlements' order. Periods
    /// start at the first one in which every region has all chosen features; an incomplete row later
    /// keeps the region's previous complete row.
    static func panel(data: ExplainData, file: String) throws -> FeaturePanel {
        let table = data.features
        let ids = data.fitted.ids
        let periods = Array(Set(table.periods)).sorted()
        var rows: [Period: [String: [Double]]] = [:]
        for r in table.ids.indices {
            let values = data.featureColumns.map { table.values[r][$0] }
            if values.allSatisfy({ $0 != nil }) { rows[table.periods[r], default: [:]][table.ids[r]] = values.map { $0! } }
        }
        guard let first = periods.firstIndex(where: { p in ids.allSatisfy { rows[p]?[$0] != nil } }) else {
            throw ValidationError("\(file): no period in which every fitted settlement has all of \(data.featureNames.joined(separator: ", ")); "
                                  + "expected at least one complete period for the scenario")
        }
        var values: [[[Double]]] = []
        for p in periods[first...] {
            values.append(ids.enumerated().map { i, id in rows[p]?[id] ?? values.last![i] })
        }
        return FeaturePanel(regionIDs: ids, featureNames: data.featureNames, periodStarts: periods[first...].map(\.decimalYear),
                            periodLength: periods[first].length, values: values)
    }
}
