import PhysicsInformed

/// A case's validation fit (`FitCase.trainValidation`): the same configuration trained on the
/// window without its last `ForecastPlan.selectionHorizon + 2` periods, from which
/// `FitCase.chooseForecastSettings(for:validation:)` picks the forecast settings out of sample.
public struct ValidationFit: Sendable {
    /// The case cut to the validation window.
    public let shorter: FitCase
    /// The model trained on it.
    public let fitted: FittedModel
    /// The number of periods in the validation window (the pseudo-origins are cut − 1, cut, cut + 1).
    public let cut: Int
}
