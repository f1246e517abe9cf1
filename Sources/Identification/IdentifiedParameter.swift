import MigrationModel

/// A physical parameter of the migration model (SPEC §2) that `migsim identify` can fit:
///
///     M q̈ + c q̇ + (L_K + D) q = f(t),   K_ij = α(1 + d_ij/d₀)^(−γ) + β·max(0, ρ_ij),
///     D = diag(δ(1 − Aᵢ)),               Aᵢ = Σ_g w_ig·a(x_g),  a = 1 below x_young, 0 above x_old.
///
/// Inertia m is not offered: with a given force, m only rescales time against the other
/// parameters, and the project fixes it at the configured value (see `PhysicalParameter`).
public enum IdentifiedParameter: String, Sendable, Codable, CaseIterable, Comparable {
    case alpha
    case gamma
    case beta
    case delta
    case damping
    case distanceScale = "distance_scale"
    case young
    case old

    /// The parameters identified when the user names none: the five the PINN fit learns too.
    public static let defaultSelection: [IdentifiedParameter] = [.alpha, .gamma, .beta, .delta, .damping]

    public static func < (a: IdentifiedParameter, b: IdentifiedParameter) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The parameter for a user-given name: the configuration key (`alpha`, `damping`,
    /// `distance_scale`, `young`, `old`) or the formula symbol (`c`, `d0`, `x_young`, `x_old`).
    public init?(name: String) {
        switch name.lowercased() {
        case "c": self = .damping
        case "d0": self = .distanceScale
        case "x_young": self = .young
        case "x_old": self = .old
        default:
            guard let p = IdentifiedParameter(rawValue: name.lowercased()) else { return nil }
            self = p
        }
    }

    /// Every accepted spelling, for error messages.
    public static let acceptedNames = "alpha, gamma, beta, delta, damping (c), distance_scale (d0), young (x_young), old (x_old)"

    /// Default search range: the parameter's `PlausibleRange` (its units there), searched on a log
    /// scale except for the age thresholds.
    public var defaultRange: (lower: Double, upper: Double, scale: SearchScale) {
        let r = plausibleRange
        return (r.lower, r.upper, self == .young || self == .old ? .linear : .log)
    }

    /// The range a demographer would accept (SPEC §2; `PlausibleRange` documents each unit).
    public var plausibleRange: PlausibleRange { PlausibleRange.named(rawValue)! }

    /// The scale a user-given range is searched on when the user does not say: logarithmic for
    /// the positive rate and scale parameters whose lower bound is > 0 (their plausible values
    /// span orders of magnitude, and a log box gives each decade the same share of the search),
    /// linear for the age thresholds and for a range that starts at 0.
    public func defaultScale(lower: Double) -> SearchScale {
        switch self {
        case .young, .old: return .linear
        default: return lower > 0 ? .log : .linear
        }
    }

    /// The smallest value the model accepts (`ModelParameters.validate`), and whether it is excluded.
    var domain: (minimum: Double, open: Bool)? {
        switch self {
        case .alpha, .gamma, .beta, .delta, .damping: return (0, false)
        case .distanceScale: return (0, true)
        case .young, .old: return nil
        }
    }

    /// The parameter's value in `p` (nil for an age threshold when the age function has none).
    public func value(in p: ModelParameters) -> Double? {
        switch self {
        case .alpha: return p.alpha
        case .gamma: return p.gamma
        case .beta: return p.beta
        case .delta: return p.delta
        case .damping: return p.damping
        case .distanceScale: return p.distanceScale
        case .young, .old:
            guard case .smoothStep(let y, let o) = p.ageFunction else { return nil }
            return self == .young ? y : o
        }
    }

    /// `p` with this parameter set to `value`. The age thresholds need the smooth-step age function
    /// (checked when the search space is made).
    public func setting(_ value: Double, in p: ModelParameters) -> ModelParameters {
        var q = p
        switch self {
        case .alpha: q.alpha = value
        case .gamma: q.gamma = value
        case .beta: q.beta = value
        case .delta: q.delta = value
        case .damping: q.damping = value
        case .distanceScale: q.distanceScale = value
        case .young, .old:
            if case .smoothStep(let y, let o) = p.ageFunction {
                q.ageFunction = self == .young ? .smoothStep(young: value, old: o) : .smoothStep(young: y, old: value)
            }
        }
        return q
    }

    /// Whether a change of this parameter changes the coupling matrix K (and not only D or c).
    var changesCoupling: Bool {
        switch self {
        case .alpha, .gamma, .beta, .distanceScale: return true
        case .delta, .damping, .young, .old: return false
        }
    }
}

/// How a parameter's range is mapped to the optimizer's box.
public enum SearchScale: String, Sendable, Codable, CaseIterable {
    /// The optimizer sees the parameter itself.
    case linear
    /// The optimizer sees ln θ on [ln lower, ln upper] (needs lower > 0).
    case log
}
