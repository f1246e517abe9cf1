import DataIO
import Foundation
import GlobalOptimization
import Identification
import MigrationModel
import PhysicsInformed

/// The identified-model artifact `identify.json` (`JSONArtifact` format `migsim-identify` v1):
/// what was identified against which data, how, and the result.
struct IdentifiedModel: Codable, Equatable {
    static let format = "migsim-identify"
    static let version = 1

    /// Settlement ids and the observation window (decimal years, period labels).
    var ids: [String]
    var times: [Double]
    var periodLabels: [String]
    /// `zero` or the path of the fitted artifact whose force was used.
    var force: String
    /// `observed (velocity zero)`, `observed (velocity observed)` or `fitted network`.
    var initialState: String
    var method: String
    var seed: UInt64
    var budget: Int
    var ranges: [ParameterRange]
    /// The identified parameters by name, and the full parameter set.
    var identified: [String: Double]
    var parameters: ModelParameters
    /// Theil's U at the identified parameters.
    var theilU: Double
    /// U of the reference parameter sets under the same objective (configuration's, fit's), and
    /// the PINN's own U from fit.json metrics (its integration, tolerance 1e-8).
    var reference: Reference
    var trials: Int
    var iterations: Int
    var termination: String
    var newEvaluations: Int
    var replayedTrials: Int
    var solver: String
    var rtol: Double
    var atol: Double
    /// SHA-256 of the inputs by role (settlements, balance, configuration, force).
    var fingerprint: [String: String]
    var trace: [TraceEntry]
    /// The fitted model of --force with its physical parameters replaced by the identified ones
    /// (nil with the zero force); also written beside as `fit_identified.json`.
    var fittedModel: FittedModel?

    struct Reference: Codable, Equatable {
        var configurationTheilU: Double
        var fitParametersTheilU: Double?
        var pinnTheilU: Double?
    }
}
