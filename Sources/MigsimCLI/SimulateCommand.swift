import ArgumentParser
import DataIO
import Foundation
import Pipeline
import MigrationModel
import ODE

/// `migsim simulate`: integrate the equations of motion of the migration model.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate net-migration balances with the Lagrangian model.",
        discussion: """
        Integrates  M q̈ + c q̇ + (L_K + D) q = f(t)  for the settlements of the configuration, \
        starting from the observed balances of the initial period, and writes the balances q (rate \
        per 1,000 inhabitants per year, or persons, as the data) and their rates of change q̇ at the \
        output times as CSV: id, time, balance, velocity.

        The configuration (YAML) holds the model parameters, the time range and solver, and the \
        paths of the settlements and balance files; options given here override it.

        Forcing f(t): 'zero' (the free model: balances relax under coupling, age restoring force \
        and damping), 'equilibrium' (the constant force that holds the initial balances at rest, \
        f = (L_K + D) q₀), or a CSV file  id, period, value  (linear in time between periods, \
        constant beyond them).
        """
    )

    @Option(name: .long, help: "Model configuration (YAML).")
    var config: String

    @Option(name: .long, help: "Settlements CSV (overrides data.settlements of the configuration).")
    var settlements: String?

    @Option(name: .long, help: "Observed balances CSV id, period, value (overrides data.balance).")
    var balance: String?

    @Option(name: .long, help: "zero, equilibrium, or a forcing CSV (id, period, value).")
    var forcing: String = "zero"

    @Option(name: .long, help: "Start time in decimal years (overrides simulation.start).")
    var start: Double?

    @Option(name: .long, help: "End time in decimal years (overrides simulation.end).")
    var end: Double?

    @Option(name: .customLong("output-step"), help: "Years between output times (overrides simulation.output_step).")
    var outputStep: Double?

    @Option(name: .long, help: "dp5 (adaptive Dormand–Prince 5(4)), rk4 or verlet (fixed step), modal (exact, linear model with a zero, equilibrium or tabulated force) or auto (modal when it applies and is estimated cheaper, else dp5).")
    var solver: SolverChoice?

    @Option(name: .long, help: "Relative tolerance of dp5.")
    var rtol: Double?

    @Option(name: .long, help: "Absolute tolerance of dp5.")
    var atol: Double?

    @Option(name: .long, help: "Step of rk4 and verlet (years).")
    var step: Double?

    @Option(name: .customLong("initial-velocity"), help: "zero, or observed (backward difference of the two periods up to the start).")
    var initialVelocity: InitialVelocity = .zero

    @Option(name: .long, help: "Output CSV (default: standard output).")
    var output: String?

    func run() throws {
        let configuration = try ModelConfiguration.load(URL(fileURLWithPath: config))
        var sim = configuration.simulation
        if let start { sim.start = start }
        if let end { sim.end = end }
        if let outputStep { sim.outputStep = outputStep }
        if let solver { sim.solver = solver }
        if let rtol { sim.rtol = rtol }
        if let atol { sim.atol = atol }
        if let step { sim.step = step }
        try SimulateCommand.check(sim) { option, key in
            let given: Bool
            switch option {
            case "--start": given = start != nil
            case "--end": given = end != nil
            case "--output-step": given = outputStep != nil
            case "--rtol": given = rtol != nil
            case "--atol": given = atol != nil
            default: given = step != nil
            }
            return given ? option : "simulation.\(key) in \(config)"
        }

        guard let settlementsURL = settlements.map({ URL(fileURLWithPath: $0) }) ?? configuration.data.settlements else {
            throw ValidationError("no settlements file: give --settlements or data.settlements in \(config)")
        }
        let (snapshot, snapshotAges) = try SettlementsFile.read(settlementsURL)
        // The age structure of the simulation's last year (data.ages; its first year when the span ends
        // before the file starts), or the settlements file's.
        let (places, ages, ageTerm) = try CaseAges.resolve(configuration: configuration, settlements: snapshot, ages: snapshotAges,
                                                           settlementsFile: settlementsURL.path, time: sim.end - 1e-6,
                                                           earliestIfNone: true)
        AgeTermNotice.log(ageTerm)
        let balanceURL = balance.map { URL(fileURLWithPath: $0) } ?? configuration.data.balance
        let observed = try balanceURL.map { url throws -> BalanceTable in
            let table = try BalanceFile.read(url)
            try CrossCheck.requireKnownIDs(table, settlements: places)
            return table
        }

        // Rows of the observed table in settlement order (nil where a settlement has no series).
        let series: [[Double?]]? = observed.map { table in
            places.map { s in table.ids.firstIndex(of: s.id).map { table.values[$0] } ?? [Double?](repeating: nil, count: table.periods.count) }
        }
        let assembled: AssembledModel
        do {
            assembled = try ModelAssembly.build(settlements: places, ages: ages, similaritySeries: series,
                                                parameters: configuration.parameters)
        } catch ModelError.invalidSettlement(let id, let field, let value, let expected) {
            throw ValidationError(SimulateCommand.locate(id: id, in: settlementsURL) + ": \(field) is \(value); expected \(expected)")
        }
        let n = places.count
        let (q0, v0) = try SimulateCommand.initialState(observed: observed, series: series, places: places,
                                                        start: sim.start, velocity: initialVelocity)
        let force = try SimulateCommand.forcing(forcing, model: assembled.model, q0: q0, places: places)
        let outputTimes = SimulationSettings.evenlySpaced(start: sim.start, end: sim.end, every: sim.outputStep)
        let settings = SimulationSettings(start: sim.start, end: sim.end, outputTimes: outputTimes, solver: sim.solver,
                                          rtol: sim.rtol, atol: sim.atol, step: sim.step)
        let result: SimulationResult
        do {
            result = try Simulation.run(model: assembled.model, forcing: force, initialBalance: q0,
                                        initialVelocity: v0, settings: settings)
        } catch let error as ODEError {
            throw SimulateCommand.explain(error, places: places, config: config, balance: balanceURL?.path)
        }

        var table = CSVTableWriter(header: ["id", "time", "balance", "velocity"])
        for i in 0..<n {
            for k in result.times.indices {
                table.append([places[i].id, CSVTableWriter.format(result.times[k]),
                              CSVTableWriter.format(result.balances[k][i]), CSVTableWriter.format(result.velocities[k][i])])
            }
        }
        try Output.emit(table, to: output)
        Log.info("simulated \(n) settlements, \(sim.start)–\(sim.end), coupling \(assembled.layout), solver \(sim.solver.rawValue): "
                 + "\(result.rhsEvaluations) right-hand-side evaluations, \(result.acceptedSteps) accepted and "
                 + "\(result.rejectedSteps) rejected steps" + (output.map { " → \($0)" } ?? ""))
    }

    /// Most output times a run may write (each is a row per settlement).
    static let maximumOutputTimes = 1_000_000

    /// Checks the time range and solver settings. Errors name where each value came from:
    /// `name(option, key)` gives the option (e.g. `--end`) when it was given, otherwise the
    /// configuration key (e.g. `simulation.end in model.yaml`).
    static func check(_ s: SimulationConfiguration,
                      name: (String, String) -> String = { option, _ in option }) throws {
        let start = name("--start", "start"), end = name("--end", "end"), outputStep = name("--output-step", "output_step")
        guard s.start.isFinite, s.end.isFinite, s.end > s.start else {
            throw ValidationError("\(end) (\(s.end)) must be a finite time after \(start) (\(s.start))")
        }
        guard s.outputStep.isFinite, s.outputStep > 0 else {
            throw ValidationError("\(outputStep) must be a positive number of years, got \(s.outputStep)")
        }
        guard s.rtol.isFinite, s.rtol > 0 else {
            throw ValidationError("\(name("--rtol", "rtol")) must be a positive number, got \(s.rtol)")
        }
        guard s.atol.isFinite, s.atol > 0 else {
            throw ValidationError("\(name("--atol", "atol")) must be a positive number, got \(s.atol)")
        }
        guard s.step.isFinite, s.step > 0 else {
            throw ValidationError("\(name("--step", "step")) must be a positive number of years, got \(s.step)")
        }
        if (s.end - s.start) / s.outputStep > Double(maximumOutputTimes) {
            throw ValidationError("from \(start) (\(s.start)) to \(end) (\(s.end)) every \(outputStep) (\(s.outputStep)) "
                                  + "gives more than \(maximumOutputTimes) output times (the output limit); shorten the "
                                  + "time range or lengthen the output step")
        }
    }

    /// An integration failure in the user's terms: which settlement's balance or velocity went
    /// non-finite (the state is [q; q̇], n components each) and which inputs set its scale.
    static func explain(_ error: ODEError, places: [Settlement], config: String, balance: String?) -> ValidationError {
        let inputs = "the model parameters in \(config)" + (balance.map { " or the initial balances in \($0)" } ?? "")
        switch error {
        case let .nonFiniteState(time, component) where component >= 0 && component < 2 * places.count:
            let n = places.count
            return ValidationError("the simulation diverged at t = \(time): the \(component < n ? "balance" : "rate of change of the balance") "
                                   + "of '\(places[component % n].id)' became NaN or infinite; \(inputs) are too large for the "
                                   + "equations of motion to stay finite")
        default:
            return ValidationError("the simulation stopped: \(error); check \(inputs), or the solver settings (--solver, --rtol, --atol, --step)")
        }
    }

    /// "file:line, settlement 'id'" for a settlement the model refuses (the line of its row).
    static func locate(id: String, in url: URL) -> String {
        guard let table = try? CSVTable.read(url), let column = table.header.firstIndex(of: "id"),
              let row = table.rows.firstIndex(where: { $0.count > column && $0[column] == id }) else {
            return "\(url.path), settlement '\(id)'"
        }
        return "\(url.path):\(table.lines[row]), settlement '\(id)'"
    }

    /// q₀ and v₀ from the observed balances (`InitialState.observed`).
    static func initialState(observed: BalanceTable?, series: [[Double?]]?, places: [Settlement], start: Double,
                             velocity: InitialVelocity) throws -> ([Double], [Double]) {
        try InitialState.observed(observed: observed, series: series, places: places, start: start, velocity: velocity)
    }

    static func forcing(_ spec: String, model: LagrangianModel, q0: [Double], places: [Settlement]) throws -> any Forcing {
        switch spec {
        case "zero":
            return ZeroForcing(dimension: places.count)
        case "equilibrium":
            return ConstantForcing(model.stiffnessTimes(q0, at: q0))
        default:
            let table = try BalanceFile.read(URL(fileURLWithPath: spec))
            try CrossCheck.requireKnownIDs(table, settlements: places)
            var rows = [[Double]](repeating: [], count: table.periods.count)
            for k in table.periods.indices {
                for s in places {
                    guard let i = table.ids.firstIndex(of: s.id), let v = table.values[i][k] else {
                        throw ValidationError("\(spec): no forcing value for '\(s.id)' in period \(table.periods[k].label); every settlement needs one in every period")
                    }
                    rows[k].append(v)
                }
            }
            return try TabulatedForcing(times: table.times, values: rows)
        }
    }
}

extension InitialVelocity: ExpressibleByArgument {}

extension SolverChoice: ExpressibleByArgument {}
