/// Parameters of Strongin's index method (seed 002 §5; Strongin & Sergeyev, "Global Optimization with
/// Non-Convex Constraints", ch. 5–8).
public struct IndexMethodConfiguration: Sendable, Equatable, Codable {
    /// Reliability r > 1: the Hölder-constant estimate μ is multiplied by r. Larger r is slower and safer.
    public var reliability: Double
    /// Evolvent density m (bits per coordinate, 1…20).
    public var density: Int
    /// Number L of evolvents sharing all trials (rotated: 1…N(N−1)+1, formula 39; shifted: 1…density).
    public var evolventCount: Int
    /// Rotated (default) or shifted evolvents; see `EvolventFamily`.
    public var evolventFamily: EvolventFamily = .rotated
    /// Local-adaptive strength α in 0…30 (nil: purely global). See `IndexMethodCharacteristics`.
    public var localAdaptation: Double?
    /// Mixed strategy: with `localAdaptation` set, every `globalFrequency`-th iteration is a global one
    /// and the rest are local-adaptive; 0 makes every iteration local-adaptive.
    public var globalFrequency: Int
    /// Trials per iteration p, placed in the p intervals of largest characteristic and evaluated
    /// concurrently.
    public var parallelism: Int
    /// Refine the best point with Hooke–Jeeves pattern search when the global stage stops, within the
    /// remaining trial budget.
    public var localRefinement: Bool
    /// The refinement stops when its step is below this fraction of each box side.
    public var refinementStep: Double

    public init(reliability: Double = 3, density: Int = 12, evolventCount: Int = 1,
                localAdaptation: Double? = nil, globalFrequency: Int = 0,
                parallelism: Int = 1, localRefinement: Bool = false, refinementStep: Double = 1e-7,
                evolventFamily: EvolventFamily = .rotated) {
        self.evolventFamily = evolventFamily
        self.reliability = reliability
        self.density = density
        self.evolventCount = evolventCount
        self.localAdaptation = localAdaptation
        self.globalFrequency = globalFrequency
        self.parallelism = parallelism
        self.localRefinement = localRefinement
        self.refinementStep = refinementStep
    }
}

/// Invalid index-method parameters; each case names the parameter and what was expected.
public enum IndexMethodError: Error, Equatable, CustomStringConvertible {
    case invalidParameter(name: String, value: Double, expected: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            return "IndexMethod: parameter '\(name)' = \(value); expected \(expected)"
        }
    }
}
