import Foundation

extension FittedModel {
    /// Checks that an artifact read from disk is whole before anything evaluates it: an artifact is
    /// untrusted input, and a weight too many or a layer size changed would otherwise stop the
    /// program inside the network code. Each problem names the field and what was expected.
    public func validate() throws {
        func bad(_ field: String, _ expected: String) -> PhysicsInformedError {
            .invalidData("field '\(field)': expected \(expected)")
        }
        // The physical parameters: the key path of the artifact and the rule the model enforces
        // (a non-finite or inverted age threshold would otherwise fail later without the file's name).
        do { try parameters.validate() } catch {
            if case .invalidParameter(let name, let value, let expected) = error {
                throw bad("parameters." + Self.artifactKey(name), "\(expected), got \(value)")
            }
            throw bad("parameters", "valid model parameters (\(error))")
        }
        let n = ids.count
        guard n >= 1, Set(ids).count == n else { throw bad("ids", "at least one settlement id, each once") }
        guard times.count >= 4, times.allSatisfy(\.isFinite), zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw bad("times", "at least 4 finite, strictly increasing times")
        }
        guard periodLabels.count == times.count else { throw bad("periodLabels", "one label per time (\(times.count))") }
        guard periodLength.isFinite, periodLength > 0, periodLength <= 100 else { throw bad("periodLength", "a positive period length in years") }
        let z = normalization
        guard z.means.count == n, z.means.allSatisfy(\.isFinite) else { throw bad("normalization.means", "\(n) finite values") }
        for (name, v) in [("timeScale", z.timeScale), ("scale", z.scale), ("forceScale", z.forceScale)] where !(v.isFinite && v > 0) {
            throw bad("normalization.\(name)", "a positive finite number")
        }
        guard z.t0.isFinite else { throw bad("normalization.t0", "a finite time") }
        func layers(_ field: String, _ sizes: [Int], input: Int, output: Int) throws {
            guard sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 && $0 <= 100_000 }), sizes.first == input, sizes.last == output else {
                throw bad(field, "layer sizes from \(input) input(s) to \(output) output(s), each between 1 and 100,000")
            }
        }
        try layers("solutionNetwork.layerSizes", solutionNetwork.layerSizes, input: 1, output: n)
        guard solutionNetwork.layerSizes.count >= 3 else { throw bad("solutionNetwork.layerSizes", "at least one hidden layer") }
        guard solutionWeights.count == solutionNetwork.parameterCount, solutionWeights.allSatisfy(\.isFinite) else {
            throw bad("solutionWeights", "\(solutionNetwork.parameterCount) finite weights for layers \(solutionNetwork.layerSizes)")
        }
        if let f = forceFeatures {
            try layers("forceNetwork.layerSizes", forceNetwork.layerSizes, input: f.count, output: 1)
            guard settlementEffects.count == n, settlementEffects.allSatisfy(\.isFinite) else {
                throw bad("settlementEffects", "\(n) finite values")
            }
            let d = f.count
            guard d >= 1, f.names.count == d, f.logRatio.count == d, f.center.count == d, f.scale.count == d, f.weights.count == n,
                  f.lag >= 0, f.periodLength > 0, !f.times.isEmpty, f.raw.count == f.times.count,
                  f.raw.allSatisfy({ $0.count == n && $0.allSatisfy { $0.count == d && $0.allSatisfy(\.isFinite) } }),
                  f.scale.allSatisfy({ $0 > 0 && $0.isFinite }), f.weights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw bad("forceFeatures", "\(d) feature(s) for \(n) settlements with consistent names, raw panel and standardization")
            }
            // The JSON fuzz target (crafted inputs): a period length of 1e-300 or feature times of ±1e308 overflowed the row index.
            guard f.times.allSatisfy(\.isFinite), zip(f.times, f.times.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw bad("forceFeatures.times", "finite, strictly increasing times")
            }
            guard f.periodLength.isFinite, f.periodLength > 0, f.periodLength <= 100 else {
                throw bad("forceFeatures.periodLength", "a positive period length in years (at most 100), got \(f.periodLength)")
            }
            guard f.center.allSatisfy(\.isFinite) else { throw bad("forceFeatures.center", "\(d) finite values") }
        } else {
            try layers("forceNetwork.layerSizes", forceNetwork.layerSizes, input: 1, output: n)
            guard forceNetwork.layerSizes.count >= 3 else { throw bad("forceNetwork.layerSizes", "at least one hidden layer") }
        }
        guard forceWeights.count == forceNetwork.parameterCount, forceWeights.allSatisfy(\.isFinite) else {
            throw bad("forceWeights", "\(forceNetwork.parameterCount) finite weights for layers \(forceNetwork.layerSizes)")
        }
    }

    /// The artifact's key path of a model parameter named as in model.yaml (`age_function.young` →
    /// `ageFunction.smoothStep.young`).
    static func artifactKey(_ name: String) -> String {
        switch name {
        case "distance_scale": return "distanceScale"
        case "dense_limit": return "denseLimit"
        case "age_function.young": return "ageFunction.smoothStep.young"
        default:
            if name.hasPrefix("rogers_castro.") { return "ageFunction.rogersCastro._0." + name.dropFirst("rogers_castro.".count) }
            return name
        }
    }
}
