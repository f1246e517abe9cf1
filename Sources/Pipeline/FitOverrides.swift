import PhysicsInformed

/// `migsim fit`'s training overrides of the configuration (`--adam-iterations`, `--lbfgs-iterations`,
/// `--seed`), applied to the loaded `PINNConfiguration`.
public struct FitOverrides: Sendable, Equatable {
    public var adamIterations: Int?
    public var lbfgsIterations: Int?
    public var seed: UInt64?

    public init(adamIterations: Int? = nil, lbfgsIterations: Int? = nil, seed: UInt64? = nil) {
        self.adamIterations = adamIterations; self.lbfgsIterations = lbfgsIterations; self.seed = seed
    }

    /// Sets the iterations (the cosine schedule follows the Adam iterations) and the seed.
    public func apply(_ c: inout PINNConfiguration) {
        if let adamIterations {
            c.adamIterations = adamIterations
            if case .cosine(_, let floor) = c.adam.schedule { c.adam.schedule = .cosine(totalSteps: max(adamIterations, 1), floor: floor) }
        }
        if let lbfgsIterations { c.lbfgsIterations = lbfgsIterations }
        if let seed { c.seed = seed }
    }
}
