import Foundation
import Yams
internal import CYaml

/// Walks a composed YAML tree (Yams `Node`) with errors that name the key path and the line.
struct YAMLNodes {
    let file: String
    /// Line of every key path seen, e.g. `model.alpha` → 4 (for mapping validation errors to lines).
    var lines: [String: Int] = [:]

    /// The root node of `text` (nil for an empty document); a syntax error names the line.
    /// Checks `YAMLLimits` first, so no deep or alias-bomb document reaches the recursive composer.
    static func compose(_ text: String, file: String) throws(DataError) -> Node? {
        try YAMLLimits.check(text, file: file)
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

/// Size limits every YAML input is checked against before it is composed or loaded: the composer
/// and everything that walks its tree recurse once per level, and aliases may expand a small file
/// into an exponential tree ("billion laughs"). The check runs libyaml's event parser (iterative)
/// and never builds a tree.
public enum YAMLLimits {
    /// Deepest nesting of sequences and mappings, aliases expanded.
    public static let maximumDepth = 100
    /// Most nodes (scalars, sequences, mappings) of the document with every alias expanded.
    public static let maximumNodes = 200_000
    /// Largest YAML text, in bytes.
    public static let maximumBytes = 16 << 20

    /// Throws a `DataError` naming the file, the line and the limit when `text` exceeds one; a
    /// syntax error is left to the composer, which reports it in its own words.
    public static func check(_ text: String, file: String) throws(DataError) {
        var bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            throw DataError(.outOfRange, file: file, found: "\(bytes.count) bytes",
                            expected: "a YAML file of at most \(maximumBytes) bytes (the size limit)")
        }
        if bytes.isEmpty { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw DataError(.unreadableFile, file: file, expected: "memory for the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        /// An open collection: its nodes so far (itself included) and its height (1 + the tallest child).
        struct Open { var anchor: String?; var nodes = 1; var height = 1 }
        var open: [Open] = []
        var anchors: [String: (nodes: Int, height: Int)] = [:]   // a scalar has height 0
        var total = 0
        func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? { p.map { String(cString: $0) } }
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(DataError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return }   // syntax: the composer says it
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                /// Counts `nodes` more expanded nodes reaching `height` levels below the open collections.
                func count(nodes: Int, height: Int) throws(DataError) {
                    total += nodes
                    guard total <= maximumNodes else {
                        throw DataError(.outOfRange, file: file, line: line, found: "more than \(maximumNodes) nodes",
                                        expected: "at most \(maximumNodes) nodes with every alias expanded (the node limit; "
                                            + "aliases that repeat anchors many times exceed it)")
                    }
                    guard open.count + height <= maximumDepth else {
                        throw DataError(.outOfRange, file: file, line: line, found: "nesting \(open.count + height) levels deep",
                                        expected: "sequences and mappings nested at most \(maximumDepth) levels deep (the depth limit)")
                    }
                }
                /// Adds a finished child (scalar, alias or collection) to the innermost open collection.
                func attach(nodes: Int, height: Int) {
                    guard !open.isEmpty else { return }
                    open[open.count - 1].nodes += nodes
                    open[open.count - 1].height = max(open[open.count - 1].height, height + 1)
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    try count(nodes: 1, height: 0)
                    attach(nodes: 1, height: 0)
                    if let a = name(event.data.scalar.anchor) { anchors[a] = (1, 0) }
                case YAML_ALIAS_EVENT:
                    guard let a = name(event.data.alias.anchor), let found = anchors[a] else { break }
                    try count(nodes: found.nodes, height: found.height)
                    attach(nodes: found.nodes, height: found.height)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    try count(nodes: 1, height: 1)
                    open.append(Open(anchor: event.type == YAML_SEQUENCE_START_EVENT
                                     ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let done = open.removeLast()
                    if let a = done.anchor { anchors[a] = (done.nodes, done.height) }
                    attach(nodes: done.nodes, height: done.height)
                default:
                    break
                }
            }
        }
    }
}
