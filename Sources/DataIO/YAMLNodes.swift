import Foundation
import Yams

/// Walks a composed YAML tree (Yams `Node`) with errors that name the key path and the line.
struct YAMLNodes {
    let file: String
    /// Line of every key path seen, e.g. `model.alpha` → 4 (for mapping validation errors to lines).
    var lines: [String: Int] = [:]

    /// The root node of `text` (nil for an empty document); a syntax error names the line.
    static func compose(_ text: String, file: String) throws(DataError) -> Node? {
        do { return try Yams.compose(yaml: text) } catch {
            var line: Int? = nil
            if let e = error as? YamlError {
                switch e {
                case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): line = m.line
                default: break
                }
            }
            throw DataError(.yamlSyntax, file: file, line: line, found: "\(error)".split(separator: "\n").first.map(String.init),
                            expected: "valid YAML")
        }
    }

    static func line(_ node: Node) -> Int? {
        switch node {
        case .scalar(let s): return s.mark?.line
        case .mapping(let m): return m.mark?.line
        case .sequence(let s): return s.mark?.line
        }
    }

    /// The key → value pairs of a mapping; any key not in `allowed` is an `unknownKey` error.
    mutating func mapping(_ node: Node, path: String, allowed: Set<String>) throws(DataError) -> [String: Node] {
        guard let m = node.mapping else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: path,
                            expected: "a mapping (key: value lines) for '\(path)'")
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            let key = k.scalar?.string ?? "?"
            let full = path.isEmpty ? key : path + "." + key
            guard allowed.contains(key) else {
                throw DataError(.unknownKey, file: file, line: Self.line(k), found: full,
                                expected: "one of the keys \(allowed.sorted().joined(separator: ", "))\(path.isEmpty ? "" : " under '\(path)'")")
            }
            if out[key] != nil {
                throw DataError(.duplicateKey, file: file, line: Self.line(k), found: full, expected: "each key once")
            }
            out[key] = v
            lines[full] = Self.line(k)
        }
        return out
    }

    func scalar(_ node: Node, _ key: String, expected: String) throws(DataError) -> String {
        guard let s = node.scalar?.string else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: key, expected: "\(expected) for '\(key)'")
        }
        return s
    }

    /// A list of parameter names, e.g. `[alpha, delta]`, under `key`.
    func nameList(_ node: Node, _ key: String) throws(DataError) -> [String] {
        guard let seq = node.sequence else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: key,
                            expected: "a list of parameter names like [alpha, delta]")
        }
        var names = [String]()
        for e in seq { names.append(try scalar(e, key, expected: "a parameter name")) }
        return names
    }

    func double(_ node: Node?, _ key: String, default d: Double) throws(DataError) -> Double {
        guard let node else { return d }
        return try double(node, key)
    }

    func double(_ node: Node, _ key: String) throws(DataError) -> Double {
        let s = try scalar(node, key, expected: "a number")
        guard let v = Double(s), v.isFinite else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: "\(key): \(s)", expected: "a finite number for '\(key)'")
        }
        return v
    }

    func int(_ node: Node?, _ key: String, default d: Int) throws(DataError) -> Int {
        guard let node else { return d }
        let s = try scalar(node, key, expected: "an integer")
        guard let v = Int(s) else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: "\(key): \(s)", expected: "an integer for '\(key)'")
        }
        return v
    }

    func choice<T: RawRepresentable>(_ node: Node?, _ key: String, default d: T) throws(DataError) -> T where T.RawValue == String, T: CaseIterable {
        guard let node else { return d }
        let s = try scalar(node, key, expected: "a name")
        guard let v = T(rawValue: s) else {
            throw DataError(.typeMismatch, file: file, line: Self.line(node), found: "\(key): \(s)",
                            expected: "one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) for '\(key)'")
        }
        return v
    }

    func required(_ map: [String: Node], _ key: String, path: String, line: Int?) throws(DataError) -> Node {
        guard let n = map[key] else {
            throw DataError(.missingKey, file: file, line: line, found: path, expected: "a key '\(key)' under '\(path)'")
        }
        return n
    }
}
