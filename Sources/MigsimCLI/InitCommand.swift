import ArgumentParser
import DataIO
import Foundation
import MigrationModel
import PhysicsInformed

/// `migsim init DIR`: a case folder with a commented `model.yaml` naming its data files.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a case folder with a commented model.yaml for given settlements and balances.",
        discussion: """
        Checks --settlements (id, name, lat, lon, population[, age columns]), --balance (id, period, value) and \
        --features (id, period, <columns>) with the readers of fit, simulate and explain, copies them into DIR \
        unless they are already there, and writes DIR/model.yaml: every key of the model, simulation, fit and \
        identify sections with its unit and default, the simulation span taken from the balance periods. An \
        existing model.yaml is never overwritten.
        """
    )

    @Argument(help: "The case folder (created when missing).")
    var directory: String
    @Option(name: .long, help: "Settlements file.")
    var settlements: String
    @Option(name: .long, help: "Balance file (per 1,000 per year unless --units persons).")
    var balance: String
    @Option(name: .long, help: "Features file (optional).")
    var features: String?
    @Option(name: .long, help: "Units of the balance: rate_per_thousand or persons.")
    var units: String = "rate_per_thousand"

    func run() throws {
        guard let units = BalanceUnits(rawValue: units) else { throw ValidationError("--units \(units): expected rate_per_thousand or persons") }
        let dir = URL(fileURLWithPath: directory).standardizedFileURL
        let yaml = dir.appendingPathComponent("model.yaml")
        guard !FileManager.default.fileExists(atPath: yaml.path) else {
            throw ValidationError("\(yaml.path) exists already: init never overwrites a configuration (remove it or choose another folder)")
        }
        let settlementsURL = URL(fileURLWithPath: settlements), balanceURL = URL(fileURLWithPath: balance)
        let (places, ages) = try SettlementsFile.read(settlementsURL)
        let table = try BalanceFile.read(balanceURL)
        try CrossCheck.requireKnownIDs(table, settlements: places)
        if let features { _ = try FeaturesFile.read(URL(fileURLWithPath: features)) }
        guard let first = table.periods.first, let last = table.periods.last else {
            throw ValidationError("\(balance): no balance rows")
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var names: [String: String] = [:]
        for (key, path) in [("settlements", settlements), ("balance", balance), ("features", features)] {
            guard let path else { continue }
            let source = URL(fileURLWithPath: path).standardizedFileURL
            if source.deletingLastPathComponent().path == dir.path {
                names[key] = source.lastPathComponent
            } else {
                let target = dir.appendingPathComponent(source.lastPathComponent)
                guard !FileManager.default.fileExists(atPath: target.path) else {
                    throw ValidationError("\(target.path) exists already and is not --\(key) \(path)")
                }
                try AtomicFile.write(try Data(contentsOf: source), to: target)
                names[key] = source.lastPathComponent
            }
        }
        let text = Self.modelYAML(regions: places.count, start: first.decimalYear, end: last.decimalYear + last.length,
                                  step: first.length, units: units, data: names, hasAges: ages != nil)
        try AtomicFile.write(Data(text.utf8), to: yaml)
        Log.info("wrote \(yaml.path) (\(places.count) regions, \(table.periods.count) periods \(first.label)…\(last.label))")
        if ages == nil { Log.info(AgeTermNotice.inactive(settlements: settlements)) }
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }

    /// The commented configuration; every value is the code's default (ModelParameters(),
    /// SimulationConfiguration, PINNConfiguration(), LossWeights(), the identify defaults), except
    /// `solver: auto` (a configuration without the key keeps dp5).
    static func modelYAML(regions: Int, start: Double, end: Double, step: Double, units: BalanceUnits,
                          data: [String: String], hasAges: Bool) -> String {
        let p = ModelParameters()
        // auto: the exact modal integrator where it applies and costs less than DP5 (stiff or long
        // runs, identify's trials), DP5 otherwise; a configuration without the key keeps dp5.
        let s = SimulationConfiguration(start: start, end: end, solver: .auto)
        let f = PINNConfiguration()
        let w = f.weights
        var young = 30.0, old = 60.0
        if case .smoothStep(let y, let o) = p.ageFunction { young = y; old = o }
        let n = number
        let dataLines = ["settlements", "balance", "features"].compactMap { k in data[k].map { "  \(k): \($0)" } }
        return """
        # migsim model configuration (written by migsim init). Every key is optional except
        # simulation.start and simulation.end; the values below are the defaults. Units: time in years,
        # distance in km, balances \(units == .persons ? "in persons per period" : "as net migration per 1,000 inhabitants per year").
        # Model (SPEC §2): M q'' + C q' + (L_K + D) q = f(t),  K_ij = alpha·(1 + d_ij/distance_scale)^(−gamma)
        #   + beta·max(0, corr_ij),  D = diag(delta·(1 − A_i)),  A_i = Σ_g (age share)·a(age).
        model:
          alpha: \(n(p.alpha))              # 1/year²: strength of the distance coupling (≥ 0)
          distance_scale: \(n(p.distanceScale))     # km: distance scale d0 of the coupling kernel (> 0)
          gamma: \(n(p.gamma))              # decay exponent of the kernel (≥ 0)
          beta: \(n(p.beta))               # 1/year²: coupling by the correlation of balance series (≥ 0)
          delta: \(n(p.delta))              # 1/year²: age restoring term delta·(1 − A_i) (≥ 0)\(hasAges ? "" : "; INACTIVE here: the settlements have no age columns")
          damping: \(n(p.damping))            # 1/year: Rayleigh damping c (≥ 0)
          inertia: \(n(p.inertia))              # mass m of every settlement (> 0)
          # a(x) of the age term: {kind: smooth, young, old} (1 below young, 0 above old, years) or
          # {kind: rogers_castro, a1, alpha1, a2, alpha2, mu2, lambda2, c} (Rogers–Castro schedule).
          age_function: {kind: smooth, young: \(n(young)), old: \(n(old))}
          metric: \(p.metric.rawValue)           # sphere (great circle) or wgs84 (ellipsoidal geodesic)
          dense_limit: \(p.denseLimit)       # dense coupling up to this many regions (this case: \(regions))
          neighbours: \(p.neighbours)          # k of the sparse k-nearest-neighbour coupling above dense_limit
        simulation:
          start: \(n(s.start))            # decimal year: start of the first balance period
          end: \(n(s.end))              # decimal year: end of the last balance period
          output_step: \(n(step))         # years between output times (the balance's period length)
          solver: \(s.solver.rawValue)            # auto (modal where it applies and is cheaper, else dp5), dp5 (adaptive Dormand–Prince), rk4 or verlet (fixed step), modal (exact)
          rtol: \(s.rtol)           # relative tolerance of dp5
          atol: \(s.atol)           # absolute tolerance of dp5 (balance units)
          step: \(n(s.step))             # years: fixed step of rk4/verlet, first trial step of dp5
        units: \(units.rawValue)
        system: open              # closed: migration only among these settlements (Σ persons = 0 every period); open otherwise
        data:                     # paths relative to this file
        \(dataLines.joined(separator: "\n"))
        # Physics-informed fit (migsim fit, SPEC §4).
        fit:
          holdout_periods: 3      # last periods kept out of the fit for the forecast check
          solution_hidden: [\(f.solutionHidden.map(String.init).joined(separator: ", "))]   # hidden widths of the solution network u(t)
          force_hidden: [\((data["features"] != nil ? PINNConfiguration.featureForceHidden : f.forceHidden).map(String.init).joined(separator: ", "))]        # hidden widths of the force network (features: [] = linear g(z) = w·z + b, what a backtest supports; time only: [16])
          force_lag: 1            # periods: the force of period t sees the features of period t − 1
          activation: \(f.activation.rawValue)        # tanh, sin or softplus
          time_input_scale: \(n(f.timeInputScale))     # the networks see time on [−scale, scale] over the fitting window
          collocation_per_interval: \(f.collocationPerInterval)   # physics residual points per data interval
          learn: [\(f.learned.map(\.rawValue).joined(separator: ", "))]   # parameters fitted with the networks
          # bounds: {damping: [0.01, 10]}   # [lower, upper] a learned parameter is kept in (default: the plausible ranges of README "migsim fit": α, β, δ 0.001–10 1/year², γ 0.1–8, c 0.01–10 1/year)
          weights: {data: \(n(w.data)), physics: \(n(w.physics)), interpolation: \(n(w.interpolation)), force_smoothness: \(w.forceSmoothness), weight_decay: \(w.weightDecay)}
          adam_iterations: \(f.adamIterations)
          learning_rate: \(f.adam.learningRate)
          lbfgs_iterations: \(f.lbfgsIterations)
          seed: \(f.seed)
          # force_features: [a, b]  # columns of the features file driving the force (default: every complete one)
        # Parameter identification (migsim identify, SPEC §7).
        identify:
          parameters: [alpha, gamma, beta, delta, damping]   # also distance_scale, young, old
          method: index           # the index method, or any method of migsim optimize
          budget: 2000            # trials (simulations)
          seed: 1

        """
    }
}
