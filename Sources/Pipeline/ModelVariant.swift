import MigrationModel
import PhysicsInformed

/// The ablations every evaluation carries beside the full model (SPEC §4.3: "the physics must earn
/// its place"): the same fit with terms of the potential switched off and not learned.
public enum ModelVariant: String, Sendable, CaseIterable, Codable {
    /// Distance and similarity coupling, age term, force of features.
    case full
    /// α = β = 0: no coupling between settlements; age term and force kept.
    case noCoupling = "no-coupling"
    /// α = β = δ = 0: each settlement alone under its force, inertia and damping.
    case forceOnly = "force-only"

    /// The method name in backtest tables: `migsim`, `migsim-no-coupling`, `migsim-force-only`.
    public var methodName: String { self == .full ? "migsim" : "migsim-" + rawValue }

    public func parameters(_ p: ModelParameters) -> ModelParameters {
        var q = p
        switch self {
        case .full: break
        case .noCoupling: q.alpha = 0; q.beta = 0
        case .forceOnly: q.alpha = 0; q.beta = 0; q.delta = 0
        }
        return q
    }

    public func learned(_ l: [PhysicalParameter]) -> [PhysicalParameter] {
        switch self {
        case .full: return l
        case .noCoupling: return l.filter { ![.alpha, .gamma, .beta].contains($0) }
        case .forceOnly: return l.filter { ![.alpha, .gamma, .beta, .delta].contains($0) }
        }
    }
}
