/// When a method stops: whichever limit comes first.
public struct OptimizationBudget: Sendable, Equatable, Codable {
    /// Maximum number of objective evaluations (trials).
    public var maxTrials: Int
    /// Maximum wall-clock seconds (nil: no limit). Not used in tests, which must be deterministic.
    public var maxSeconds: Double?
    /// Stop as soon as a value ≤ this is found (nil: no target).
    public var targetValue: Double?
    /// Method-specific accuracy (interval length ε for the index method, mesh size for pattern search…).
    public var tolerance: Double

    public init(maxTrials: Int = 10_000, maxSeconds: Double? = nil, targetValue: Double? = nil, tolerance: Double = 1e-6) {
        self.maxTrials = maxTrials
        self.maxSeconds = maxSeconds
        self.targetValue = targetValue
        self.tolerance = tolerance
    }
}
