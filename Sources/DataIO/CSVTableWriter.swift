import Foundation

/// Builds a CSV table (UTF-8, comma, `\n` line ends) and writes it atomically.
/// A field is quoted when it contains a comma, a quote, a line break or leading/trailing spaces;
/// quotes inside are doubled (RFC 4180). Numbers are written with Swift's shortest round-trip
/// representation, so reading them back gives the same `Double`.
public struct CSVTableWriter: Sendable {
    public let header: [String]
    public private(set) var text: String

    public init(header: [String]) {
        self.header = header
        text = header.map(Self.quote).joined(separator: ",") + "\n"
    }

    /// Appends a row; `fields.count` must equal `header.count`.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "CSVTableWriter: \(fields.count) fields for \(header.count) columns")
        text += fields.map(Self.quote).joined(separator: ",")
        text += "\n"
    }

    /// Text of a number: shortest round-trip form, integers without `.0`; nil → empty cell.
    public static func format(_ v: Double?) -> String {
        guard let v else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    public static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    public func write(to url: URL) throws(DataError) {
        try AtomicFile.write(Data(text.utf8), to: url)
    }
}
