import MigrationModel

/// The physical parameters the fit can learn (SPEC §4.3). Each is positive and learned through its
/// logarithm, p = exp(θ_p), so that plain gradient steps keep it positive.
///
/// Inertia m is fixed by default: with the force free, multiplying m, c, α, β, δ and f by one
/// factor leaves the equations unchanged, so m sets the scale of the others.
public enum PhysicalParameter: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    case alpha, gamma, beta, delta, damping, inertia

    /// The fit learns these unless the configuration says otherwise.
    public static let learnedByDefault: [PhysicalParameter] = [.alpha, .gamma, .beta, .delta, .damping]

    public static func < (a: PhysicalParameter, b: PhysicalParameter) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The default bounds of the fit: the range a demographer would accept (`PlausibleRange`).
    public var plausibleRange: PlausibleRange { PlausibleRange.named(rawValue)! }

    /// The parameter for a configuration name: its raw value or the formula symbol `c` (damping),
    /// `m` (inertia).
    public init?(configurationName name: String) {
        self.init(rawValue: name == "c" ? "damping" : (name == "m" ? "inertia" : name))
    }

    /// The parameter's value in a `ModelParameters`.
    public func value(in p: ModelParameters) -> Double {
        switch self {
        case .alpha: return p.alpha
        case .gamma: return p.gamma
        case .beta: return p.beta
        case .delta: return p.delta
        case .damping: return p.damping
        case .inertia: return p.inertia
        }
    }

    /// `p` with this parameter set to `value`.
    public func setting(_ value: Double, in p: ModelParameters) -> ModelParameters {
        var q = p
        switch self {
        case .alpha: q.alpha = value
        case .gamma: q.gamma = value
        case .beta: q.beta = value
        case .delta: q.delta = value
        case .damping: q.damping = value
        case .inertia: q.inertia = value
        }
        return q
    }
}
