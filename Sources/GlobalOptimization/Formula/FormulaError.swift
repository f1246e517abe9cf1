/// A formula that cannot be read: the message says what was expected and where, with the formula
/// and a caret under the offending character.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public let formula: String
    /// 1-based column of the offending character (one past the end for a premature end).
    public let column: Int
    public let message: String

    /// The message, then the formula with a caret under the column; a long formula is shown only
    /// within 60 characters of the column.
    public var description: String {
        let chars = Array(formula)
        guard chars.count > 120 else {
            return "column \(column): \(message)\n  \(formula)\n  \(String(repeating: " ", count: column - 1))^"
        }
        let from = max(0, min(column - 1, chars.count) - 60), to = min(chars.count, column - 1 + 60)
        let head = from > 0 ? "…" : "", tail = to < chars.count ? "…" : ""
        let window = head + String(chars[from..<to]) + tail
        return "column \(column): \(message)\n  \(window)\n  \(String(repeating: " ", count: column - 1 - from + head.count))^"
    }
}
