import Foundation
import Yams

/// The `identify:` section of a model configuration (settings of `migsim identify`, SPEC §7), as
/// plain values; the identification checks names and ranges and reports errors at `lines`.
/// Every key is optional.
///
///     identify:
///       parameters: [alpha, gamma, beta, delta, damping]   # also distance_scale, young, old
///       bounds:                      # [lower, upper] or [lower, upper, log|linear]
///         alpha: [0.001, 10]         # positive ranges are searched on a log scale by default
///         gamma: [0, 4, linear]
///       method: index                # or any method of `migsim optimize`
///       budget: 2000                 # trials (simulations)
///       seed: 1
public struct IdentifySettings: Sendable, Equatable {
    public struct Bound: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        /// `log` or `linear` as written, nil for the parameter's default.
        public var scale: String?
        public init(lower: Double, upper: Double, scale: String? = nil) { self.lower = lower; self.upper = upper; self.scale = scale }
    }

    public var parameters: [String]?
    /// Bounds by parameter name, in the order written.
    public var bounds: [(name: String, bound: Bound)] = []
    public var method: String?
    public var budget: Int?
    public var seed: UInt64?
    /// Line of each key (`identify.bounds.alpha` → 14), for errors found by the identification.
    public var lines: [String: Int] = [:]

    public init() {}

    public static func == (a: IdentifySettings, b: IdentifySettings) -> Bool {
        a.parameters == b.parameters && a.method == b.method && a.budget == b.budget && a.seed == b.seed && a.lines == b.lines
            && a.bounds.map(\.name) == b.bounds.map(\.name) && a.bounds.map(\.bound) == b.bounds.map(\.bound)
    }

    static func parse(_ node: Node, _ y: inout YAMLNodes) throws(DataError) -> IdentifySettings {
        let m = try y.mapping(node, path: "identify", allowed: ["parameters", "bounds", "method", "budget", "seed"])
        var s = IdentifySettings()
        if let n = m["parameters"] {
            s.parameters = try y.nameList(n, "identify.parameters")
        }
        if let n = m["bounds"] {
            guard let map = n.mapping else {
                throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(n), found: "identify.bounds",
                                expected: "a mapping of parameter names to [lower, upper] or [lower, upper, log|linear]")
            }
            for (k, v) in map {
                let name = k.scalar?.string ?? "?"
                let key = "identify.bounds.\(name)"
                y.lines[key] = YAMLNodes.line(k)
                guard let seq = v.sequence, seq.count == 2 || seq.count == 3 else {
                    throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(v), found: key,
                                    expected: "[lower, upper] or [lower, upper, log|linear] for '\(key)'")
                }
                let items = Array(seq)
                var b = Bound(lower: try y.double(items[0], key), upper: try y.double(items[1], key))
                if items.count == 3 {
                    let scale = try y.scalar(items[2], key, expected: "log or linear")
                    guard scale == "log" || scale == "linear" else {
                        throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(items[2]), found: "\(key): \(scale)",
                                        expected: "log or linear as the third element of '\(key)'")
                    }
                    b.scale = scale
                }
                if s.bounds.contains(where: { $0.name == name }) {
                    throw DataError(.duplicateKey, file: y.file, line: YAMLNodes.line(k), found: key, expected: "each parameter once")
                }
                s.bounds.append((name, b))
            }
        }
        if let n = m["method"] { s.method = try y.scalar(n, "identify.method", expected: "a method name") }
        if let n = m["budget"] { s.budget = try y.int(n, "identify.budget", default: 0) }
        if let n = m["seed"] {
            let text = try y.scalar(n, "identify.seed", expected: "a non-negative integer")
            guard let v = UInt64(text) else {
                throw DataError(.typeMismatch, file: y.file, line: YAMLNodes.line(n), found: "identify.seed: \(text)", expected: "a non-negative integer")
            }
            s.seed = v
        }
        s.lines = y.lines.filter { $0.key.hasPrefix("identify.") }
        return s
    }
}
