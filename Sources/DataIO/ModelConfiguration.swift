import Foundation
import MigrationModel
import Yams

/// Units of balances: net migration per 1,000 inhabitants per year, or persons per period.
public enum BalanceUnits: String, Sendable, Codable, CaseIterable {
    case ratePerThousand = "rate_per_thousand"
    case persons
}

/// Time range and solver settings of a simulation (years), as written in the `simulation:` section.
/// `SolverChoice` is MigrationModel's (dp5, rk4, verlet).
public struct SimulationConfiguration: Sendable, Equatable, Codable {
    public var start: Double
    public var end: Double
    public var outputStep: Double
    public var solver: SolverChoice
    public var rtol: Double
    public var atol: Double
    /// Fixed step of rk4/verlet and the initial step of dp5 (years).
    public var step: Double

    public init(start: Double, end: Double, outputStep: Double = 1, solver: SolverChoice = .dp5,
                rtol: Double = 1e-6, atol: Double = 1e-9, step: Double = 0.01) {
        self.start = start; self.end = end; self.outputStep = outputStep; self.solver = solver
        self.rtol = rtol; self.atol = atol; self.step = step
    }
}

/// Data files named by a configuration, resolved against the YAML file's directory.
public struct DataPaths: Sendable, Equatable, Codable {
    public var settlements: URL?
    public var balance: URL?
    public var flows: URL?
    public var features: URL?
    /// Yearly age structure (`AgeStructureFile`): the age term takes the year of the window's end
    /// instead of the settlements file's age columns.
    public var ages: URL?
    public init(settlements: URL? = nil, balance: URL? = nil, flows: URL? = nil, features: URL? = nil, ages: URL? = nil) {
        self.settlements = settlements; self.balance = balance; self.flows = flows; self.features = features; self.ages = ages
    }
}

/// A model configuration file (YAML, human-edited):
///
///     model:          # every key optional; defaults of ModelParameters()
///       alpha: 0.5, distance_scale: 100, gamma: 1.5, beta: 0.2, delta: 0.3,
///       damping: 0.8, inertia: 1, metric: sphere|wgs84, dense_limit: 3000, neighbours: 16
///       age_function: {kind: smooth, young: 30, old: 60}
///                  or {kind: rogers_castro, a1:, alpha1:, a2:, alpha2:, mu2:, lambda2:, c:}
///     simulation:     # start and end required
///       start: 1997, end: 2020, output_step: 1, solver: dp5|rk4|verlet, rtol: 1e-6, atol: 1e-9, step: 0.01
///     units: rate_per_thousand | persons
///     system: open | closed   # closed: internal migration of one country, Σᵢ Pᵢ qᵢ = 0 in persons every period
///     data:           # optional, paths relative to the YAML file
///       settlements:, balance:, flows:, features:, ages:   # ages: yearly age structure (AgeStructureFile)
///     fit:            # optional, see FitSettings
///     identify:       # optional, see IdentifySettings
///
/// Unknown keys, wrong types and invalid values are errors naming the key and its line.
public struct ModelConfiguration: Sendable, Equatable {
    public var parameters: ModelParameters
    public var simulation: SimulationConfiguration
    public var units: BalanceUnits
    public var data: DataPaths
    /// The `fit:` section (settings of `migsim fit`); empty when absent.
    public var fit: FitSettings
    /// The `identify:` section (settings of `migsim identify`); empty when absent.
    public var identify: IdentifySettings = IdentifySettings()
    /// Closed: net migration in persons sums to zero over the settlements in every period
    /// (internal migration of one country); fits, forecasts and scenarios keep it. Default open.
    public var system: MigrationSystem = .open

    public init(parameters: ModelParameters = ModelParameters(), simulation: SimulationConfiguration,
                units: BalanceUnits = .ratePerThousand, data: DataPaths = DataPaths(), fit: FitSettings = FitSettings()) {
        self.parameters = parameters; self.simulation = simulation; self.units = units; self.data = data; self.fit = fit
    }

    public static func load(_ url: URL) throws(DataError) -> ModelConfiguration {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError(.missingFile, file: url.path, expected: "an existing YAML configuration file")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw DataError(.unreadableFile, file: url.path, expected: "a readable UTF-8 file")
        }
        return try parse(text, file: url.path, baseDirectory: url.deletingLastPathComponent())
    }

    public static func parse(_ text: String, file: String, baseDirectory: URL) throws(DataError) -> ModelConfiguration {
        let root = try YAMLNodes.compose(text, file: file)
        guard let root else { throw DataError(.emptyFile, file: file, line: 1, expected: "a YAML mapping with 'model' and 'simulation'") }
        var y = YAMLNodes(file: file)
        let top = try y.mapping(root, path: "", allowed: ["model", "simulation", "units", "data", "fit", "identify", "system"])

        var p = ModelParameters()
        if let modelNode = top["model"] {
            let m = try y.mapping(modelNode, path: "model", allowed: ["alpha", "distance_scale", "gamma", "beta", "delta",
                "damping", "inertia", "age_function", "metric", "dense_limit", "neighbours"])
            p.alpha = try y.double(m["alpha"], "model.alpha", default: p.alpha)
            p.distanceScale = try y.double(m["distance_scale"], "model.distance_scale", default: p.distanceScale)
            p.gamma = try y.double(m["gamma"], "model.gamma", default: p.gamma)
            p.beta = try y.double(m["beta"], "model.beta", default: p.beta)
            p.delta = try y.double(m["delta"], "model.delta", default: p.delta)
            p.damping = try y.double(m["damping"], "model.damping", default: p.damping)
            p.inertia = try y.double(m["inertia"], "model.inertia", default: p.inertia)
            p.metric = try y.choice(m["metric"], "model.metric", default: p.metric)
            p.denseLimit = try y.int(m["dense_limit"], "model.dense_limit", default: p.denseLimit)
            p.neighbours = try y.int(m["neighbours"], "model.neighbours", default: p.neighbours)
            if let a = m["age_function"] { p.ageFunction = try ageFunction(a, &y) }
        }
        do { try p.validate() } catch {
            throw validationError(error, y: y, file: file)
        }

        let simNode = try y.required(top, "simulation", path: "(top level)", line: 1)
        let s = try y.mapping(simNode, path: "simulation", allowed: ["start", "end", "output_step", "solver", "rtol", "atol", "step"])
        let simLine = YAMLNodes.line(simNode)
        var sim = SimulationConfiguration(start: try y.double(y.required(s, "start", path: "simulation", line: simLine), "simulation.start"),
                                     end: try y.double(y.required(s, "end", path: "simulation", line: simLine), "simulation.end"))
        sim.outputStep = try y.double(s["output_step"], "simulation.output_step", default: sim.outputStep)
        sim.solver = try y.choice(s["solver"], "simulation.solver", default: sim.solver)
        sim.rtol = try y.double(s["rtol"], "simulation.rtol", default: sim.rtol)
        sim.atol = try y.double(s["atol"], "simulation.atol", default: sim.atol)
        sim.step = try y.double(s["step"], "simulation.step", default: sim.step)
        func check(_ ok: Bool, _ key: String, _ value: Double, _ expected: String) throws(DataError) {
            if !ok { throw DataError(.invalidParameter, file: file, line: y.lines[key], found: "\(key): \(value)", expected: expected) }
        }
        try check(sim.end > sim.start, "simulation.end", sim.end, "end > start (start = \(sim.start))")
        try check(sim.outputStep > 0, "simulation.output_step", sim.outputStep, "output_step > 0 (years)")
        try check(sim.rtol > 0, "simulation.rtol", sim.rtol, "rtol > 0")
        try check(sim.atol > 0, "simulation.atol", sim.atol, "atol > 0")
        try check(sim.step > 0, "simulation.step", sim.step, "step > 0 (years)")

        let units: BalanceUnits = try y.choice(top["units"], "units", default: .ratePerThousand)

        var paths = DataPaths()
        if let d = top["data"] {
            let m = try y.mapping(d, path: "data", allowed: ["settlements", "balance", "flows", "features", "ages"])
            func path(_ key: String) throws(DataError) -> URL? {
                guard let n = m[key] else { return nil }
                let s = try y.scalar(n, "data.\(key)", expected: "a file path")
                return s.hasPrefix("/") ? URL(fileURLWithPath: s) : baseDirectory.appendingPathComponent(s).standardizedFileURL
            }
            paths = DataPaths(settlements: try path("settlements"), balance: try path("balance"),
                              flows: try path("flows"), features: try path("features"), ages: try path("ages"))
        }
        var fit = FitSettings()
        if let node = top["fit"] { fit = try FitSettings.parse(node, &y) }
        var configuration = ModelConfiguration(parameters: p, simulation: sim, units: units, data: paths, fit: fit)
        if let node = top["identify"] { configuration.identify = try IdentifySettings.parse(node, &y) }
        configuration.system = try y.choice(top["system"], "system", default: .open)
        return configuration
    }

    static func ageFunction(_ node: Node, _ y: inout YAMLNodes) throws(DataError) -> AgeFunctionChoice {
        let rc = ["a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "c"]
        let m = try y.mapping(node, path: "model.age_function", allowed: Set(["kind", "young", "old"] + rc))
        let kindNode = try y.required(m, "kind", path: "model.age_function", line: YAMLNodes.line(node))
        let kind = try y.scalar(kindNode, "model.age_function.kind", expected: "smooth or rogers_castro")
        func reject(_ keys: [String], for kind: String) throws(DataError) {
            for k in keys where m[k] != nil {
                throw DataError(.unknownKey, file: y.file, line: y.lines["model.age_function.\(k)"], found: "model.age_function.\(k)",
                                expected: "no '\(k)' with kind \(kind)")
            }
        }
        switch kind {
        case "smooth":
            try reject(rc, for: kind)
            return .smoothStep(young: try y.double(m["young"], "model.age_function.young", default: 30),
                               old: try y.double(m["old"], "model.age_function.old", default: 60))
        case "rogers_castro":
            try reject(["young", "old"], for: kind)
            var v: [Double] = []
            for k in rc {
                v.append(try y.double(y.required(m, k, path: "model.age_function", line: YAMLNodes.line(node)), "model.age_function.\(k)"))
            }
            return .rogersCastro(RogersCastroParameters(a1: v[0], alpha1: v[1], a2: v[2], alpha2: v[3], mu2: v[4], lambda2: v[5], c: v[6]))
        default:
            throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(kindNode), found: "model.age_function.kind: \(kind)",
                            expected: "kind smooth or rogers_castro")
        }
    }

    /// Maps a `ModelError` of `ModelParameters.validate()` to the YAML key and its line.
    static func validationError(_ error: ModelError, y: YAMLNodes, file: String) -> DataError {
        guard case .invalidParameter(let name, let value, let expected) = error else {
            return DataError(.invalidParameter, file: file, expected: error.description)
        }
        let key = name.hasPrefix("rogers_castro.") ? "model.age_function." + name.dropFirst("rogers_castro.".count)
                                                     : "model." + name
        return DataError(.invalidParameter, file: file, line: y.lines[key], found: "\(key): \(value)", expected: expected)
    }
}

/// Whether the settlements exchange migrants only among themselves (SPEC §4.4).
public enum MigrationSystem: String, Sendable, Equatable, Codable, CaseIterable {
    /// Internal migration of one country: Σᵢ Pᵢ qᵢ = 0 in persons in every period.
    case closed
    /// Migration to and from outside the settlements counts too; no constraint.
    case open
}
