/// A JSON value written deterministically the way `nbformat` writes notebooks: keys sorted,
/// one-space indentation, non-ASCII characters kept as UTF-8.
indirect enum JSONText: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([String: JSONText])

    /// A multi-line string as nbformat stores it: a list of lines, each but the last ending in "\n".
    static func lines(_ s: String) -> JSONText {
        var out: [JSONText] = []
        var current = ""
        for ch in s {
            current.append(ch)
            if ch == "\n" { out.append(.string(current)); current = "" }
        }
        if !current.isEmpty { out.append(.string(current)) }
        return .array(out)
    }

    func render() -> String {
        var s = ""
        write(into: &s, indent: 0)
        return s + "\n"
    }

    private func write(into s: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent + 1), close = String(repeating: " ", count: indent)
        switch self {
        case .string(let v): s += JSONText.quote(v)
        case .int(let v): s += String(v)
        case .bool(let v): s += v ? "true" : "false"
        case .null: s += "null"
        case .array(let items):
            if items.isEmpty { s += "[]"; return }
            s += "[\n"
            for (k, item) in items.enumerated() {
                s += pad
                item.write(into: &s, indent: indent + 1)
                s += k < items.count - 1 ? ",\n" : "\n"
            }
            s += close + "]"
        case .object(let members):
            if members.isEmpty { s += "{}"; return }
            s += "{\n"
            let keys = members.keys.sorted()
            for (k, key) in keys.enumerated() {
                s += pad + JSONText.quote(key) + ": "
                members[key]!.write(into: &s, indent: indent + 1)
                s += k < keys.count - 1 ? ",\n" : "\n"
            }
            s += close + "}"
        }
    }

    static func quote(_ v: String) -> String {
        var s = "\""
        for u in v.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            default:
                if u.value < 0x20 { s += "\\u" + String(format4(u.value)) } else { s.unicodeScalars.append(u) }
            }
        }
        return s + "\""
    }

    private static func format4(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
