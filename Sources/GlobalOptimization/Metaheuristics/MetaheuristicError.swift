/// A method was configured or called with something it cannot work with. The message names the
/// parameter and says what was expected.
public struct MetaheuristicError: Error, Sendable, Equatable, CustomStringConvertible {
    public let parameter: String
    public let expected: String
    public let got: String

    public init(parameter: String, expected: String, got: String) {
        self.parameter = parameter; self.expected = expected; self.got = got
    }

    public var description: String { "\(parameter): expected \(expected), got \(got)" }

    /// Throws unless `condition` holds.
    static func require(_ condition: Bool, _ parameter: String, _ expected: String, _ got: @autoclosure () -> String) throws {
        if !condition { throw MetaheuristicError(parameter: parameter, expected: expected, got: got()) }
    }
}
