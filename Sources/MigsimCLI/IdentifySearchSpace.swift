import ArgumentParser
import DataIO
import Identification
import MigrationModel

/// The parameters and search ranges of `migsim identify`, from the options (first), the YAML
/// `identify:` section, then the defaults of `IdentifiedParameter`. Errors name the option, or
/// the configuration file and line.
enum IdentifySearchSpace {
    /// `--bounds name=lo:hi[:log|linear],…` parsed into ranges by parameter.
    static func parseBoundsOption(_ text: String) throws -> [(IdentifiedParameter, IdentifySettings.Bound)] {
        var out: [(IdentifiedParameter, IdentifySettings.Bound)] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw ValidationError("--bounds: '\(item)': expected name=lower:upper[:log|linear], e.g. alpha=0.01:10")
            }
            guard let p = IdentifiedParameter(name: parts[0]) else {
                throw ValidationError("--bounds: unknown parameter '\(parts[0])': expected one of \(IdentifiedParameter.acceptedNames)")
            }
            let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 || fields.count == 3, let lo = Double(fields[0]), let hi = Double(fields[1]) else {
                throw ValidationError("--bounds: '\(item)': expected name=lower:upper[:log|linear] with two numbers")
            }
            var b = IdentifySettings.Bound(lower: lo, upper: hi)
            if fields.count == 3 {
                guard fields[2] == "log" || fields[2] == "linear" else {
                    throw ValidationError("--bounds: '\(item)': expected the scale log or linear after the bounds, got '\(fields[2])'")
                }
                b.scale = fields[2]
            }
            if out.contains(where: { $0.0 == p }) { throw ValidationError("--bounds: parameter '\(p.rawValue)' given twice: expected each once") }
            out.append((p, b))
        }
        return out
    }

    /// The search space: parameters from `--parameters`, else `identify.parameters`, else the
    /// default five; each range from `--bounds`, else `identify.bounds`, else the default.
    static func make(parametersOption: String?, boundsOption: String?, settings: IdentifySettings, configFile: String,
                     base: ModelParameters) throws -> ParameterSpace {
        func fileError(_ key: String, _ found: String, _ expected: String) -> DataError {
            DataError(.invalidParameter, file: configFile, line: settings.lines[key], found: found, expected: expected)
        }
        var selection: [IdentifiedParameter]
        if let parametersOption {
            selection = []
            for name in parametersOption.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let p = IdentifiedParameter(name: name) else {
                    throw ValidationError("--parameters: unknown parameter '\(name)': expected one of \(IdentifiedParameter.acceptedNames)")
                }
                guard !selection.contains(p) else { throw ValidationError("--parameters: '\(name)' is named twice: expected each parameter once") }
                selection.append(p)
            }
        } else if let names = settings.parameters {
            selection = []
            for name in names {
                guard let p = IdentifiedParameter(name: name) else {
                    throw fileError("identify.parameters", "identify.parameters: \(name)", "parameter names among \(IdentifiedParameter.acceptedNames)")
                }
                guard !selection.contains(p) else { throw fileError("identify.parameters", "identify.parameters: \(name) twice", "each parameter once") }
                selection.append(p)
            }
        } else {
            selection = IdentifiedParameter.defaultSelection
        }

        // Bounds of the file by parameter, with the key as written (for the line of an error).
        var fromFile: [IdentifiedParameter: IdentifySettings.Bound] = [:]
        var fileKey: [IdentifiedParameter: String] = [:]
        for (name, bound) in settings.bounds {
            let key = "identify.bounds.\(name)"
            guard let p = IdentifiedParameter(name: name) else {
                throw DataError(.unknownKey, file: configFile, line: settings.lines[key], found: key,
                                expected: "bounds of parameters among \(IdentifiedParameter.acceptedNames)")
            }
            guard fromFile[p] == nil else {
                throw DataError(.duplicateKey, file: configFile, line: settings.lines[key], found: key, expected: "each parameter once")
            }
            guard selection.contains(p) else {
                throw DataError(.invalidParameter, file: configFile, line: settings.lines[key], found: key,
                                expected: "bounds only of identified parameters (\(selection.map(\.rawValue).joined(separator: ", "))); "
                                    + "add '\(name)' to identify.parameters or --parameters")
            }
            fromFile[p] = bound
            fileKey[p] = key
        }
        var fromOption: [IdentifiedParameter: IdentifySettings.Bound] = [:]
        if let boundsOption {
            for (p, b) in try parseBoundsOption(boundsOption) {
                guard selection.contains(p) else {
                    throw ValidationError("--bounds: '\(p.rawValue)' is not among the identified parameters (\(selection.map(\.rawValue).joined(separator: ", "))); add it to --parameters")
                }
                fromOption[p] = b
            }
        }

        var ranges: [ParameterRange] = []
        for p in selection {
            if let b = fromOption[p] ?? fromFile[p] {
                let scale = b.scale.flatMap(SearchScale.init(rawValue:)) ?? p.defaultScale(lower: b.lower)
                ranges.append(ParameterRange(p, lower: b.lower, upper: b.upper, scale: scale))
            } else {
                ranges.append(ParameterRange(default: p))
            }
        }
        do {
            return try ParameterSpace(ranges, base: base)
        } catch let error {
            // Name where the offending range came from.
            if case .invalidRange(let name, _, _) = error, let p = IdentifiedParameter(name: name) {
                if fromOption[p] != nil { throw ValidationError("--bounds: \(error)") }
                if let key = fileKey[p] {
                    throw DataError(.invalidParameter, file: configFile, line: settings.lines[key], found: key, expected: "\(error)")
                }
            }
            throw ValidationError("\(error)")
        }
    }
}
