/// What can go wrong when setting up or running a `ShapleyExplainer`. Each case names the
/// offending parameter and what was expected.
public enum ShapleyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `parameter` has `got` features (columns) but the model takes `expected`.
    case featureCountMismatch(parameter: String, expected: Int, got: Int)
    /// The model has no features at all.
    case noFeatures
    /// The background set has no rows.
    case emptyBackground
    /// Exact enumeration was requested for `features` features; it is limited to `limit`.
    case tooManyFeaturesForExact(features: Int, limit: Int)
    /// Kernel SHAP was given `samples` coalitions; it needs at least `minimum`.
    case tooFewSamples(samples: Int, minimum: Int)
    /// A NaN or infinity in `parameter` at (`row`, `column`).
    case nonFiniteInput(parameter: String, row: Int, column: Int)
    /// The model returned a NaN or infinity while evaluating `context`.
    case nonFiniteModelOutput(context: String)
    /// `.linear` was requested for a model that is not a `LinearFeatureModel`.
    case linearMethodNeedsLinearModel
    /// A `LinearFeatureModel` whose `coefficients` count differs from its `featureCount`.
    case coefficientCountMismatch(expected: Int, got: Int)
    /// The sampled Kernel SHAP design has rank `rank` below the `expected` M − 1 (too few
    /// distinct coalitions); raise `samples`.
    case rankDeficientDesign(rank: Int, expected: Int)
    /// An MLP used as a feature model must have `expected` outputs, this one has `got`.
    case networkOutputCount(expected: Int, got: Int)
    /// MLP weights of the wrong length.
    case networkParameterCount(expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .featureCountMismatch(parameter, expected, got):
            return "\(parameter): \(got) features per row, expected \(expected) (the model's featureCount)"
        case .noFeatures:
            return "model: featureCount is 0, expected at least 1 feature"
        case .emptyBackground:
            return "background: 0 rows, expected at least 1 background row"
        case let .tooManyFeaturesForExact(features, limit):
            return "method: exact enumeration over 2^\(features) coalitions is limited to \(limit) features; use .kernel"
        case let .tooFewSamples(samples, minimum):
            return "samples: \(samples), expected at least \(minimum) coalitions for Kernel SHAP"
        case let .nonFiniteInput(parameter, row, column):
            return "\(parameter): non-finite value at row \(row), column \(column); expected finite numbers"
        case let .nonFiniteModelOutput(context):
            return "model: non-finite prediction while evaluating \(context); expected finite outputs"
        case .linearMethodNeedsLinearModel:
            return "method: .linear needs a model conforming to LinearFeatureModel"
        case let .coefficientCountMismatch(expected, got):
            return "model.coefficients: \(got) coefficients, expected \(expected) (featureCount)"
        case let .rankDeficientDesign(rank, expected):
            return "samples: the sampled coalitions give a design of rank \(rank), expected \(expected); use more samples"
        case let .networkOutputCount(expected, got):
            return "network: \(got) outputs, expected \(expected)"
        case let .networkParameterCount(expected, got):
            return "parameters: \(got) weights, expected \(expected) for the network's layer sizes"
        }
    }
}
