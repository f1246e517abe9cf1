import DataIO
import Foundation
import Identification
import MigrationModel
import PhysicsInformed

/// The data of one `migsim identify` run, read once: settlements, the observation window, the
/// force and the initial state, assembled into an `IdentificationCase`.
///
/// - Window: the periods of the balance file inside [simulation.start, simulation.end) less the
///   last `holdout` ones — the window `migsim fit` fits, so the U's are comparable with the PINN's.
/// - Force `zero`: f ≡ 0; the simulation starts from the observed balances of the first period
///   with velocity zero or the observed backward difference (as `simulate --initial-velocity`).
/// - Force `fit.json`: the fitted network's force F_φ(t) (`FittedModel.forcing()`); the simulation
///   starts from the network's state (u_θ(t₀), u̇_θ(t₀)), as the fit's own validation does. The
///   artifact must have been fitted to the same data (fingerprint) and window.
/// - Similarity: correlations of the observed balances in the window (as the fit's).
public struct IdentifyCase {
    public let data: IdentificationCase
    public let fitData: FitData
    public let places: [Settlement]
    public let ages: AgeStructure?
    /// Where the age term's structure came from (`CaseAges`).
    public let ageTerm: AgeTermSource
    public let fitted: FittedModel?
    /// The configuration's parameters (scored as a reference).
    public let configurationParameters: ModelParameters
    public let fingerprint: [String: String]
    public let initialStateDescription: String
    /// The settlements file read (for messages about it).
    public let settlementsFile: String

    public static func load(configuration: ModelConfiguration, configFile: String, settlements: String?, balance: String?,
                     force: String, holdout: Int?, initialVelocity: InitialVelocity, rtol: Double, atol: Double) throws -> IdentifyCase {
        guard let settlementsURL = settlements.map({ URL(fileURLWithPath: $0) }) ?? configuration.data.settlements else {
            throw PipelineError("no settlements file: give --settlements or data.settlements in \(configFile)")
        }
        guard let balanceURL = balance.map({ URL(fileURLWithPath: $0) }) ?? configuration.data.balance else {
            throw PipelineError("no balance file: give --balance or data.balance in \(configFile)")
        }
        let (snapshot, snapshotAges) = try SettlementsFile.read(settlementsURL)
        let table = try BalanceFile.read(balanceURL)
        try CrossCheck.requireKnownIDs(table, settlements: snapshot)
        let data = try FitData(table: table, settlements: snapshot, simulation: configuration.simulation,
                               holdout: holdout ?? configuration.fit.holdoutPeriods ?? 3)
        // The age structure of the window's last period, as `migsim fit` takes it.
        let (places, ages, ageTerm) = try CaseAges.resolve(configuration: configuration, settlements: snapshot, ages: snapshotAges,
                                                           settlementsFile: settlementsURL.path, time: data.trainingTimes.last!)
        var files = ["settlements": settlementsURL, "balance": balanceURL, "configuration": URL(fileURLWithPath: configFile)]
        if let agesURL = configuration.data.ages { files["ages"] = agesURL }
        let n = places.count
        let series: [[Double?]] = (0..<n).map { i in data.training.map { Optional($0[i]) } }

        var fitted: FittedModel? = nil
        let forcing: any Forcing
        let q0: [Double], v0: [Double]
        let description: String
        var base = configuration.parameters
        if force == "zero" {
            forcing = ZeroForcing(dimension: n)
            let t0 = data.trainingTimes[0]
            (q0, v0) = try InitialState.observed(observed: table, series: try table.aligned(to: places), places: places,
                                                        start: t0, velocity: initialVelocity)
            description = "observed (velocity \(initialVelocity.rawValue))"
        } else {
            let url = URL(fileURLWithPath: force)
            let model = try FitArtifact.read(url)
            let own = try FitCase.fingerprint(["settlements": settlementsURL, "balance": balanceURL])
            for role in ["settlements", "balance"] where model.fingerprint[role] != nil && model.fingerprint[role] != own[role] {
                throw PipelineError("--force \(force): fitted to another \(role) file (its SHA-256 differs from \(files[role]!.path)); "
                                      + "give the fit.json made from these data, or --force zero")
            }
            guard model.ids == places.map(\.id) else {
                throw PipelineError("--force \(force): fitted to the settlements \(model.ids.joined(separator: ", ")), expected \(places.map(\.id).joined(separator: ", "))")
            }
            guard model.times == data.trainingTimes else {
                throw PipelineError("--force \(force): fitted on \(model.times.count) periods from \(model.times.first ?? .nan), the window here has "
                                      + "\(data.trainingTimes.count) from \(data.trainingTimes[0]); give the same --holdout as the fit")
            }
            if initialVelocity != .zero {
                throw PipelineError("--initial-velocity: with --force \(force) the simulation starts from the fitted network's state; drop the option")
            }
            forcing = model.forcing()
            (q0, v0) = model.state(at: model.times[0])
            // Parameters not identified keep the fit's values (the force was fitted with them).
            base = model.parameters
            fitted = model
            files["force"] = url
            description = "fitted network"
        }
        let fingerprint = try FitCase.fingerprint(files)
        let identification = try IdentificationCase(settlements: places, ages: ages, similaritySeries: series, base: base,
                                                    times: data.trainingTimes, observed: data.training,
                                                    initialBalance: q0, initialVelocity: v0, forcing: forcing,
                                                    solver: configuration.simulation.solver, rtol: rtol, atol: atol,
                                                    step: configuration.simulation.step)
        return IdentifyCase(data: identification, fitData: data, places: places, ages: ages, ageTerm: ageTerm, fitted: fitted,
                            configurationParameters: configuration.parameters, fingerprint: fingerprint, initialStateDescription: description,
                            settlementsFile: settlementsURL.path)
    }
}
