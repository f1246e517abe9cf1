import Foundation
import Yams

/// The `fit:` section of a model configuration (SPEC §4): settings of the physics-informed fit,
/// as plain values (the fit module turns them into its configuration). Every key is optional; an
/// absent key keeps the fit's default.
///
///     fit:
///       holdout_periods: 3          # last periods kept out of the fit for the forecast check
///       solution_hidden: [32, 32]   # hidden widths of u_θ(t)
///       force_hidden: []            # hidden widths of the force network ([]: linear; the default with features)
///       activation: tanh            # tanh, sin or softplus
///       time_input_scale: 4         # the networks see time on [−4, 4] over the fitting window
///       collocation_per_interval: 4
///       learn: [alpha, gamma, beta, delta, damping]
///       bounds: {damping: [0.01, 10]}   # [lower, upper] a learned parameter is kept in (default: its plausible range)
///       weights: {data: 1, physics: 1, interpolation: 0.1, force_smoothness: 1e-3, weight_decay: 1e-6}
///       adam_iterations: 3000
///       learning_rate: 3e-3
///       lbfgs_iterations: 1000
///       seed: 1
///       force_features: [gdp_per_capita, …]   # columns of the features file driving the force (default: every complete one)
///       force_lag: 1                 # the force of period t sees the features of period t − 1
public struct FitSettings: Sendable, Equatable {
    public var holdoutPeriods: Int?
    public var solutionHidden: [Int]?
    public var forceHidden: [Int]?
    public var activation: String?
    public var timeInputScale: Double?
    public var collocationPerInterval: Int?
    public var learn: [String]?
    /// [lower, upper] by parameter name, as written (checked by the fit module).
    public var bounds: [String: [Double]] = [:]
    public var weights: [String: Double] = [:]
    public var adamIterations: Int?
    public var learningRate: Double?
    public var lbfgsIterations: Int?
    public var seed: UInt64?
    public var forceFeatures: [String]?
    public var forceLag: Int?
    /// Line of each key (`fit.seed` → 12), for errors found later by the fit module.
    public var lines: [String: Int] = [:]

    public init() {}

    static let weightKeys = ["data", "physics", "interpolation", "force_smoothness", "weight_decay"]

    static func parse(_ node: Node, _ y: inout YAMLNodes) throws(DataError) -> FitSettings {
        let m = try y.mapping(node, path: "fit", allowed: ["holdout_periods", "solution_hidden", "force_hidden", "activation",
            "collocation_per_interval", "learn", "bounds", "time_input_scale", "weights", "adam_iterations", "learning_rate", "lbfgs_iterations", "seed",
            "force_features", "force_lag"])
        var s = FitSettings()
        func int(_ key: String) throws(DataError) -> Int? {
            guard let n = m[key] else { return nil }
            return try y.int(n, "fit.\(key)", default: 0)
        }
        func intList(_ key: String) throws(DataError) -> [Int]? {
            guard let n = m[key] else { return nil }
            guard let seq = n.sequence else {
                throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(n), found: "fit.\(key)", expected: "a list of integers like [32, 32]")
            }
            var out = [Int]()
            for e in seq { out.append(try y.int(e, "fit.\(key)", default: 0)) }
            return out
        }
        s.holdoutPeriods = try int("holdout_periods")
        s.solutionHidden = try intList("solution_hidden")
        s.forceHidden = try intList("force_hidden")
        s.collocationPerInterval = try int("collocation_per_interval")
        s.adamIterations = try int("adam_iterations")
        s.lbfgsIterations = try int("lbfgs_iterations")
        if let n = m["seed"] {
            let text = try y.scalar(n, "fit.seed", expected: "a non-negative integer")
            guard let v = UInt64(text) else {
                throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(n), found: "fit.seed: \(text)", expected: "a non-negative integer")
            }
            s.seed = v
        }
        if let n = m["time_input_scale"] { s.timeInputScale = try y.double(n, "fit.time_input_scale") }
        if let n = m["learning_rate"] { s.learningRate = try y.double(n, "fit.learning_rate") }
        if let n = m["activation"] { s.activation = try y.scalar(n, "fit.activation", expected: "tanh, sin or softplus") }
        if let n = m["learn"] {
            s.learn = try y.nameList(n, "fit.learn")
        }
        if let n = m["weights"] {
            let w = try y.mapping(n, path: "fit.weights", allowed: Set(weightKeys))
            for k in weightKeys { if let v = w[k] { s.weights[k] = try y.double(v, "fit.weights.\(k)") } }
        }
        if let n = m["bounds"] {
            let names = ["alpha", "gamma", "beta", "delta", "damping", "inertia", "c", "m"]
            let b = try y.mapping(n, path: "fit.bounds", allowed: Set(names))
            for k in names {
                guard let v = b[k] else { continue }
                guard let seq = v.sequence, seq.count == 2 else {
                    throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(v), found: "fit.bounds.\(k)",
                                    expected: "[lower, upper], two positive numbers")
                }
                s.bounds[k] = [try y.double(seq[0], "fit.bounds.\(k)"), try y.double(seq[1], "fit.bounds.\(k)")]
            }
        }
        if let n = m["force_features"] { s.forceFeatures = try y.nameList(n, "fit.force_features") }
        s.forceLag = try int("force_lag")
        s.lines = y.lines.filter { $0.key.hasPrefix("fit.") }
        return s
    }
}
