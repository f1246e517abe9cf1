/// The one error type of every DataIO reader: it names the file, the 1-based line (the header is
/// line 1), the column (name and 1-based index) when there is one, and what was expected.
public struct DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong, so that callers and tests can branch without parsing the message.
    public enum Kind: String, Sendable, Equatable {
        case missingFile, unreadableFile, emptyFile, missingColumn, duplicateColumn, fieldCount
        case notANumber, nonFinite, outOfRange, negative, badPeriod, duplicateKey, unknownID
        case mixedPeriods, unterminatedQuote, emptyField, badAgeColumn
        case yamlSyntax, unknownKey, missingKey, typeMismatch, invalidParameter, formatVersion, writeFailed
    }

    /// A column of a CSV file: its header name and its 1-based position.
    public struct Column: Equatable, Sendable {
        public var name: String
        public var index: Int
        public init(name: String, index: Int) { self.name = name; self.index = index }
    }

    public var kind: Kind
    /// The file's path as given by the caller.
    public var file: String
    /// 1-based line number (CSV header = line 1; YAML lines as the editor shows them).
    public var line: Int?
    public var column: Column?
    /// The offending text or key, if any.
    public var found: String?
    /// What the reader expected instead.
    public var expected: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Column? = nil,
                found: String? = nil, expected: String) {
        self.kind = kind; self.file = file; self.line = line; self.column = column
        self.found = found; self.expected = expected
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ", column '\(column.name)' (#\(column.index))" }
        var text = "\(place): "
        if let found { text += "found '\(found)', " }
        return text + "expected \(expected)"
    }
}
