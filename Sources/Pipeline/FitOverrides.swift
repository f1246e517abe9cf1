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

    /// What is wrong with the overrides (a negative iteration count), naming the option; nil when nothing.
    public var problem: String? {
        if let adamIterations, adamIterations < 0 { return "--adam-iterations must be ≥ 0, got \(adamIterations)" }
        if let lbfgsIterations, lbfgsIterations < 0 { return "--lbfgs-iterations must be ≥ 0, got \(lbfgsIterations)" }
        return nil
    }

    /// Throws `problem`.
    public func validate() throws {
        if let problem { throw PipelineError(problem) }
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
