import Foundation
import Yams

/// A scenario file (YAML, SPEC §5): feature changes for `migsim scenario`.
///
///     name: seoul-gdp-plus-10          # optional, default: the file name
///     horizon_years: 5                 # how far to integrate from the start
///     start: 2018                      # optional: the period to integrate from (default: earliest `from`)
///     changes:
///       - feature: gdp_per_capita      # a column of the features file
///         operation: multiply          # multiply | add | set
///         value: 1.10
///         regions: [Seoul]             # ids of the settlements file, or `all`
///         from: 2018                   # first affected period (YYYY, YYYY-Qn, YYYY-MM)
///
/// Syntax, keys and types are checked by `parse`; features and regions by `validate`, each error
/// naming the file and the line.
public struct ScenarioSpec: Sendable, Equatable {
    public enum Operation: String, Sendable, Equatable, CaseIterable { case multiply, add, set }

    public struct Change: Sendable, Equatable {
        public var feature: String
        public var operation: Operation
        public var value: Double
        /// nil = all regions.
        public var regions: [String]?
        public var from: Period
        /// Lines of the entry and of its `feature` and `regions` keys (for later errors).
        public var line: Int
        public var featureLine: Int
        public var regionsLine: Int?
    }

    public var file: String
    public var name: String
    public var horizonYears: Double
    public var start: Period?
    public var changes: [Change]

    /// Every change's feature must be one of `features` and its regions among `regions`.
    public func validate(features: [String], regions: [String]) throws(DataError) {
        let known = Set(regions)
        for c in changes {
            guard features.contains(c.feature) else {
                throw DataError(.unknownKey, file: file, line: c.featureLine, found: "feature: \(c.feature)",
                                expected: "one of the model's features \(features.joined(separator: ", "))")
            }
            for r in c.regions ?? [] where !known.contains(r) {
                throw DataError(.unknownID, file: file, line: c.regionsLine ?? c.line, found: "region \(r)",
                                expected: "a settlement id of the fitted model (\(regions.prefix(6).joined(separator: ", "))\(regions.count > 6 ? ", …" : "")) or 'all'")
            }
        }
    }
}

public enum ScenarioFile {
    public static func load(_ url: URL) throws(DataError) -> ScenarioSpec {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError(.missingFile, file: url.path, expected: "an existing YAML scenario file")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw DataError(.unreadableFile, file: url.path, expected: "a readable UTF-8 file")
        }
        return try parse(text, file: url.path, defaultName: url.deletingPathExtension().lastPathComponent)
    }

    public static func parse(_ text: String, file: String, defaultName: String = "scenario") throws(DataError) -> ScenarioSpec {
        let root = try YAMLNodes.compose(text, file: file)
        guard let root else { throw DataError(.emptyFile, file: file, line: 1, expected: "a YAML mapping with 'horizon_years' and 'changes'") }
        var y = YAMLNodes(file: file)
        let top = try y.mapping(root, path: "", allowed: ["name", "horizon_years", "start", "changes"])
        let name = try top["name"].map { n throws(DataError) in try y.scalar(n, "name", expected: "a name") } ?? defaultName
        let horizonNode = try y.required(top, "horizon_years", path: "the scenario", line: YAMLNodes.line(root))
        let horizon = try y.double(horizonNode, "horizon_years")
        guard horizon > 0 else {
            throw DataError(.outOfRange, file: file, line: YAMLNodes.line(horizonNode), found: "horizon_years: \(horizon)",
                            expected: "a horizon > 0 years")
        }
        let start = try top["start"].map { n throws(DataError) in try period(n, "start", y) }
        let changesNode = try y.required(top, "changes", path: "the scenario", line: YAMLNodes.line(root))
        guard let list = changesNode.sequence, !list.isEmpty else {
            throw DataError(.typeMismatch, file: file, line: YAMLNodes.line(changesNode), found: "changes",
                            expected: "a non-empty list of changes ('- feature: …' entries)")
        }
        var changes: [ScenarioSpec.Change] = []
        for (k, item) in list.enumerated() {
            let path = "changes[\(k + 1)]"
            let m = try y.mapping(item, path: path, allowed: ["feature", "operation", "value", "regions", "from"])
            let line = YAMLNodes.line(item) ?? 0
            let fNode = try y.required(m, "feature", path: path, line: line)
            let feature = try y.scalar(fNode, "\(path).feature", expected: "a feature name")
            let operation: ScenarioSpec.Operation = try y.choice(try y.required(m, "operation", path: path, line: line),
                                                                 "\(path).operation", default: .multiply)
            let value = try y.double(try y.required(m, "value", path: path, line: line), "\(path).value")
            let from = try period(try y.required(m, "from", path: path, line: line), "\(path).from", y)
            var regions: [String]? = nil
            if let rNode = m["regions"] {
                if let s = rNode.scalar?.string {
                    guard s == "all" else {
                        throw DataError(.typeMismatch, file: file, line: YAMLNodes.line(rNode), found: "\(path).regions: \(s)",
                                        expected: "a list of region ids ([Seoul, Busan]) or 'all'")
                    }
                } else if let seq = rNode.sequence, !seq.isEmpty {
                    regions = try seq.map { n throws(DataError) in try y.scalar(n, "\(path).regions", expected: "a region id") }
                } else {
                    throw DataError(.typeMismatch, file: file, line: YAMLNodes.line(rNode), found: "\(path).regions",
                                    expected: "a non-empty list of region ids or 'all'")
                }
            }
            changes.append(.init(feature: feature, operation: operation, value: value, regions: regions, from: from,
                                 line: line, featureLine: YAMLNodes.line(fNode) ?? line, regionsLine: m["regions"].flatMap(YAMLNodes.line)))
        }
        return ScenarioSpec(file: file, name: name, horizonYears: horizon, start: start, changes: changes)
    }

    static func period(_ node: Node, _ key: String, _ y: YAMLNodes) throws(DataError) -> Period {
        let s = try y.scalar(node, key, expected: "a period")
        guard let p = Period(label: s) else {
            throw DataError(.badPeriod, file: y.file, line: YAMLNodes.line(node), found: "\(key): \(s)",
                            expected: "a period YYYY, YYYY-Qn or YYYY-MM for '\(key)'")
        }
        return p
    }
}
