import DataIO
import Foundation
import GlobalOptimization
import Identification
import MigrationModel
import PhysicsInformed

/// The identified-model artifact `identify.json` (`JSONArtifact` format `migsim-identify` v1):
/// what was identified against which data, how, and the result.
public struct IdentifiedModel: Codable, Equatable, Sendable {
    public static let format = "migsim-identify"
    public static let version = 1

    /// Settlement ids and the observation window (decimal years, period labels).
    public var ids: [String]
    public var times: [Double]
    public var periodLabels: [String]
    /// `zero` or the path of the fitted artifact whose force was used.
    public var force: String
    /// `observed (velocity zero)`, `observed (velocity observed)` or `fitted network`.
    public var initialState: String
    public var method: String
    public var seed: UInt64
    public var budget: Int
    public var ranges: [ParameterRange]
    /// The identified parameters by name, and the full parameter set.
    public var identified: [String: Double]
    public var parameters: ModelParameters
    /// Theil's U at the identified parameters.
    public var theilU: Double
    /// U of the reference parameter sets under the same objective (configuration's, fit's), and
    /// the PINN's own U from fit.json metrics (its integration, tolerance 1e-8).
    public var reference: Reference
    public var trials: Int
    public var iterations: Int
    public var termination: String
    public var newEvaluations: Int
    public var replayedTrials: Int
    public var solver: String
    public var rtol: Double
    public var atol: Double
    /// SHA-256 of the inputs by role (settlements, balance, configuration, force).
    public var fingerprint: [String: String]
    public var trace: [TraceEntry]
    /// The fitted model of --force with its physical parameters replaced by the identified ones
    /// (nil with the zero force); also written beside as `fit_identified.json`.
    public var fittedModel: FittedModel?


    public init(ids: [String], times: [Double], periodLabels: [String], force: String, initialState: String, method: String, seed: UInt64, budget: Int, ranges: [ParameterRange], identified: [String: Double], parameters: ModelParameters, theilU: Double, reference: Reference, trials: Int, iterations: Int, termination: String, newEvaluations: Int, replayedTrials: Int, solver: String, rtol: Double, atol: Double, fingerprint: [String: String], trace: [TraceEntry], fittedModel: FittedModel?) {
        self.ids = ids
        self.times = times
        self.periodLabels = periodLabels
        self.force = force
        self.initialState = initialState
        self.method = method
        self.seed = seed
        self.budget = budget
        self.ranges = ranges
        self.identified = identified
        self.parameters = parameters
        self.theilU = theilU
        self.reference = reference
        self.trials = trials
        self.iterations = iterations
        self.termination = termination
        self.newEvaluations = newEvaluations
        self.replayedTrials = replayedTrials
        self.solver = solver
        self.rtol = rtol
        self.atol = atol
        self.fingerprint = fingerprint
        self.trace = trace
        self.fittedModel = fittedModel
    }

    public struct Reference: Codable, Equatable, Sendable {
        public var configurationTheilU: Double
        public var fitParametersTheilU: Double?
        public var pinnTheilU: Double?

        public init(configurationTheilU: Double, fitParametersTheilU: Double?, pinnTheilU: Double?) {
            self.configurationTheilU = configurationTheilU; self.fitParametersTheilU = fitParametersTheilU; self.pinnTheilU = pinnTheilU
        }
    }
}
