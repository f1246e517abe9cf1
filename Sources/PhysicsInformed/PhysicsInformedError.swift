/// Errors of the physics-informed fit; each says what was expected.
public enum PhysicsInformedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Observations or their times are unusable (too few, not increasing, not finite).
    case invalidData(String)
    /// A configuration value is out of range; names the key.
    case invalidConfiguration(key: String, value: String, expected: String)
    /// A checkpoint or artifact does not belong to this fit.
    case incompatibleState(String)
    /// Training produced a non-finite loss.
    case nonFiniteLoss(iteration: Int, phase: String)

    public var description: String {
        switch self {
        case .invalidData(let s): return s
        case .invalidConfiguration(let key, let value, let expected):
            return "fit configuration '\(key)' = \(value): expected \(expected)"
        case .incompatibleState(let s): return s
        case .nonFiniteLoss(let iteration, let phase):
            return "the loss became non-finite at \(phase) iteration \(iteration); lower the learning rate or the physics weight"
        }
    }
}
