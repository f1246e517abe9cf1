/// A formula that cannot be read: the message says what was expected and where, with the formula
/// and a caret under the offending character.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public let formula: String
    /// 1-based column of the offending character (one past the end for a premature end).
    public let column: Int
    public let message: String

    public var description: String {
        "column \(column): \(message)\n  \(formula)\n  \(String(repeating: " ", count: column - 1))^"
    }
}
