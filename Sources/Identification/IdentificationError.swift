/// Errors of the identification set-up; each names the parameter or input and what was expected.
public enum IdentificationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A search range is unusable (`name` is the parameter, `found` what was given).
    case invalidRange(parameter: String, found: String, expected: String)
    /// A parameter name is not one `identify` knows.
    case unknownParameter(String)
    /// A parameter is named twice.
    case duplicateParameter(String)
    /// The data of the case do not fit together (lengths, times, missing values).
    case invalidData(String)

    public var description: String {
        switch self {
        case .invalidRange(let p, let found, let expected):
            return "bounds of '\(p)': found \(found), expected \(expected)"
        case .unknownParameter(let name):
            return "unknown parameter '\(name)': expected one of \(IdentifiedParameter.acceptedNames)"
        case .duplicateParameter(let name):
            return "parameter '\(name)' is named twice: expected each parameter once"
        case .invalidData(let message):
            return message
        }
    }
}
