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
            throw DataError(.writeFailed, file: url.path, found: "\(error)", expected: "finite, encodable values")
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
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positiveInfinity, negativeInfinity: nonFinite.negativeInfinity, nan: nonFinite.nan)
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw DataError(.typeMismatch, file: url.path, found: "\(error)", expected: "a JSON object with 'format' and 'version'")
        }
        guard header.format == format else {
            throw DataError(.formatVersion, file: url.path, found: header.format, expected: "format '\(format)'")
        }
        guard header.version == version else {
            throw DataError(.formatVersion, file: url.path, found: "version \(header.version)", expected: "version \(version) of '\(format)'")
        }
        do { return try decoder.decode(Envelope<T>.self, from: data).payload } catch {
            throw DataError(.typeMismatch, file: url.path, found: "\(error)", expected: "a '\(format)' v\(version) payload")
        }
    }
}
