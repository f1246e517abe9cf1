import ArgumentParser
import DataIO
import Explanation
import Foundation
import Yams

/// The feature transforms of `explain --transforms FILE` (YAML, SPEC §5):
///
///     transforms:
///       - name: ln_gdp                          # the new feature's name
///         log: gdp_per_capita                   # ln x
///       - name: gdp_relative
///         ratio_to_national_mean: gdp_per_capita
///         weight: population                    # optional: a column (e.g. population); default equal weights
///       - name: d_density
///         difference: population_density       # x_t − x_{t−periods}
///       - name: gdp_last_year
///         lag: gdp_per_capita                   # x_{t−periods}
///         periods: 1                            # optional, default 1
///       - name: gdp_growth
///         growth: gdp_per_capita                # ln(x_t / x_{t−periods})
///
/// A transform may use the transforms above it. Errors name the file, the line and the key.
enum FeatureTransformsFile {
    static let kinds = ["log", "ratio_to_national_mean", "difference", "lag", "growth"]

    static func read(_ path: String) throws -> [FeatureTransform] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("--transforms: cannot read \(path); expected a YAML file")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw ValidationError("\(path): not valid YAML (\(error))") }
        func line(_ node: Node?) -> Int { node.flatMap { n -> Int? in
            switch n { case .scalar(let s): return s.mark?.line; case .mapping(let m): return m.mark?.line; case .sequence(let q): return q.mark?.line }
        } ?? 1 }
        guard let root, let top = root.mapping, let list = top["transforms"]?.sequence else {
            throw ValidationError("\(path):\(line(root)): expected a mapping with a 'transforms' list")
        }
        for key in top.keys { if let k = key.string, k != "transforms" { throw ValidationError("\(path):\(line(key)): unknown key '\(k)'; expected 'transforms'") } }
        var out: [FeatureTransform] = []
        for entry in list {
            let at = "\(path):\(line(entry))"
            guard let map = entry.mapping else { throw ValidationError("\(at): expected a mapping with 'name' and one of \(kinds.joined(separator: ", "))") }
            var fields: [String: String] = [:]
            for (k, v) in map {
                guard let key = k.string else { throw ValidationError("\(at): a key that is not text") }
                guard ["name", "weight", "periods"].contains(key) || kinds.contains(key) else {
                    throw ValidationError("\(path):\(line(k)): unknown key '\(key)'; expected name, \(kinds.joined(separator: ", ")), weight or periods")
                }
                guard let value = v.string else { throw ValidationError("\(path):\(line(v)): '\(key)' must be a single value") }
                fields[key] = value
            }
            guard let name = fields["name"], !name.isEmpty else { throw ValidationError("\(at): missing 'name'") }
            let given = kinds.filter { fields[$0] != nil }
            guard given.count == 1, let kind = given.first, let source = fields[kind] else {
                throw ValidationError("\(at): transform '\(name)' needs exactly one of \(kinds.joined(separator: ", ")) (found \(given.count))")
            }
            let periods: Int
            if let p = fields["periods"] {
                guard let v = Int(p), v >= 1 else { throw ValidationError("\(at): transform '\(name)': periods = \(p); expected an integer ≥ 1") }
                periods = v
            } else { periods = 1 }
            if fields["weight"] != nil, kind != "ratio_to_national_mean" {
                throw ValidationError("\(at): transform '\(name)': 'weight' belongs to ratio_to_national_mean only")
            }
            let k: FeatureTransform.Kind
            switch kind {
            case "log": k = .log
            case "ratio_to_national_mean": k = .ratioToNationalMean(weight: fields["weight"])
            case "difference": k = .difference(lag: periods)
            case "lag": k = .lag(periods)
            default: k = .growth(lag: periods)
            }
            out.append(FeatureTransform(name: name, source: source, kind: k, origin: at))
        }
        return out
    }
}

extension FeatureTable {
    /// The table with one more column per transform (periods ordered by their start).
    func applying(_ transforms: [FeatureTransform]) throws -> FeatureTable {
        guard !transforms.isEmpty else { return self }
        let order = Array(Set(periods.map(\.decimalYear))).sorted()
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var columns = FeatureColumns(ids: ids, periodIndex: periods.map { position[$0.decimalYear]! }, periodLabels: periods.map(\.label),
                                     names: featureNames, values: values)
        do { try columns.apply(transforms) } catch { throw ValidationError("--transforms: \(error)") }
        var out = self
        out.featureNames = columns.names
        out.values = columns.values
        return out
    }
}
