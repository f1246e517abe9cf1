import Foundation

/// JSON artifacts: a Codable payload wrapped with a format name and version, written with sorted
/// keys (stable diffs) and atomically (temporary file + rename).
///
///     { "format": "fit-result", "version": 1, "payload": { … } }
///
/// Reading checks the format name and that the version is the one the caller understands.
public enum JSONArtifact {
    struct Envelope<T: Codable>: Codable {
        var format: String
        var version: Int
        var payload: T
    }

    struct Header: Codable { var format: String; var version: Int }

    /// The spelling of non-finite numbers when an artifact allows them (checkpoints of
    /// optimizers, whose state holds NaN before the first evaluation).
    static let nonFinite = (positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")

    /// Writes `value`; non-finite numbers are an error unless `allowNonFinite` (then they are
    /// written as the strings "nan", "+inf", "-inf").
    public static func write<T: Codable>(_ value: T, format: String, version: Int, to url: URL,
                                         allowNonFinite: Bool = false) throws(DataError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = allowNonFinite
            ? .convertToString(positiveInfinity: nonFinite.positiveInfinity, negativeInfinity: nonFinite.negativeInfinity, nan: nonFinite.nan)
            : .throw
        let data: Data
        do { data = try encoder.encode(Envelope(format: format, version: version, payload: value)) } catch {
            throw DataError(.writeFailed, file: url.path, found: codingProblem(error).found, expected: "finite, encodable values")
        }
        try AtomicFile.write(data + Data("\n".utf8), to: url)
    }

    public static func read<T: Codable>(_ type: T.Type, format: String, version: Int, from url: URL) throws(DataError) -> T {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError(.missingFile, file: url.path, expected: "an existing JSON artifact")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(.unreadableFile, file: url.path, expected: "a readable file")
        }
        return try decode(type, format: format, version: version, from: data, file: url.path)
    }

    /// Decodes the bytes of an artifact; errors name `file` (the libFuzzer target feeds bytes here).
    public static func decode<T: Codable>(_ type: T.Type, format: String, version: Int, from data: Data,
                                          file: String) throws(DataError) -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positiveInfinity, negativeInfinity: nonFinite.negativeInfinity, nan: nonFinite.nan)
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            let problem = codingProblem(error)
            throw DataError(.typeMismatch, file: file, found: problem.found,
                            expected: "\(problem.expected) (a JSON object with 'format' and 'version')")
        }
        guard header.format == format else {
            throw DataError(.formatVersion, file: file, found: header.format, expected: "format '\(format)'")
        }
        guard header.version == version else {
            throw DataError(.formatVersion, file: file, found: "version \(header.version)", expected: "version \(version) of '\(format)'")
        }
        do { return try decoder.decode(Envelope<T>.self, from: data).payload } catch {
            let problem = codingProblem(error)
            throw DataError(.typeMismatch, file: file, found: problem.found,
                            expected: "\(problem.expected) in a '\(format)' v\(version) payload")
        }
    }
}

/// A Codable failure in the user's terms, instead of Foundation's `DecodingError` text: the key
/// path (`payload.times[3]`) with what was found there, and what was expected.
func codingProblem(_ error: Error) -> (found: String, expected: String) {
    func path(_ keys: [CodingKey]) -> String {
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
    }
    func kind(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type: return "an integer"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : "a value of type \(name)"
        }
    }
    switch error {
    case DecodingError.typeMismatch(let type, let context):
        return ("\(path(context.codingPath)): a value of another type", "\(kind(type)) at \(path(context.codingPath))")
    case DecodingError.valueNotFound(let type, let context):
        return ("\(path(context.codingPath)): null", "\(kind(type)) at \(path(context.codingPath))")
    case DecodingError.keyNotFound(let key, let context):
        return ("no key '\(key.stringValue)' at \(path(context.codingPath))", "the key \(path(context.codingPath + [key]))")
    case DecodingError.dataCorrupted(let context):
        let detail = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
        if context.codingPath.isEmpty {
            return ("text that is not JSON" + (detail.map { " (\($0))" } ?? ""), "valid JSON (UTF-8)")
        }
        return ("\(path(context.codingPath)): \(context.debugDescription)", "a valid value at \(path(context.codingPath))")
    case EncodingError.invalidValue(let value, let context):
        return ("\(path(context.codingPath)): \(value)", "a finite number at \(path(context.codingPath))")
    default:
        return ("\(error)", "readable JSON")
    }
}

