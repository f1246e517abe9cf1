import Foundation
import MigrationModel

/// Quality of a fit per settlement and overall (SPEC §4.5).
public struct FitReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var id: String
        public var r2: Double
        public var rmse: Double
        public var theilU: Double
    }
    /// Integrated solution vs observations in the fitting window, per settlement, then "ALL".
    public var inSample: [Row]
    /// The network's own u_θ vs observations (how well the network interpolates).
    public var network: [Row]
    /// Holdout forecast errors, when a holdout exists.
    public var holdout: [HoldoutRow]

    public struct HoldoutRow: Sendable, Codable, Equatable {
        public var id: String
        public var method: String
        public var mae: Double
        public var rmse: Double
        public var mase: Double
    }

    public var overall: Row? { inSample.last }

    public init(inSample: [Row], network: [Row], holdout: [HoldoutRow]) {
        self.inSample = inSample; self.network = network; self.holdout = holdout
    }
}

/// Integrates the fitted model and scores it (SPEC §4.5): the equations of motion with the learned
/// physical parameters and force F_φ, from the network's state (u_θ(t₀), u̇_θ(t₀)), by the
/// project's Dormand–Prince 5(4) solver.
public enum FitValidation {
    /// The integrated balances at `times` (rows times, columns settlements).
    public static func integrate(_ fit: FittedModel, settlements: [Settlement], ages: AgeStructure?,
                                 similaritySeries: [[Double?]], times: [Double],
                                 rtol: Double = 1e-8, atol: Double = 1e-10) throws -> [[Double]] {
        let assembled = try ModelAssembly.build(settlements: settlements, ages: ages, similaritySeries: similaritySeries,
                                                parameters: fit.parameters)
        let t0 = fit.times[0]
        let (q0, v0) = fit.state(at: t0)
        let settings = SimulationSettings(start: t0, end: max(times.last ?? t0, t0 + 1e-9), outputTimes: times,
                                          solver: .dp5, rtol: rtol, atol: atol, step: 0.01)
        let result = try Simulation.run(model: assembled.model, forcing: fit.forcing(), initialBalance: q0,
                                        initialVelocity: v0, settings: settings)
        return result.balances
    }

    /// Rows of per-settlement metrics of `predicted` against `observed` (rows times), plus "ALL".
    public static func rows(ids: [String], observed: [[Double]], predicted: [[Double]]) -> [FitReport.Row] {
        var out = [FitReport.Row]()
        for (i, id) in ids.enumerated() {
            let y = observed.map { $0[i] }, p = predicted.map { $0[i] }
            out.append(.init(id: id, r2: FitMetrics.rSquared(observed: y, predicted: p),
                             rmse: FitMetrics.rmse(observed: y, predicted: p), theilU: FitMetrics.theilU(observed: y, predicted: p)))
        }
        let y = observed.flatMap { $0 }, p = predicted.flatMap { $0 }
        out.append(.init(id: "ALL", r2: FitMetrics.rSquared(observed: y, predicted: p),
                         rmse: FitMetrics.rmse(observed: y, predicted: p), theilU: FitMetrics.theilU(observed: y, predicted: p)))
        return out
    }

    /// Holdout comparison: the model's forecast against persistence and the 5-point linear trend,
    /// per settlement and pooled ("ALL": MAE and RMSE pooled, MASE the mean of the settlements').
    public static func holdout(ids: [String], training: [[Double]], observed: [[Double]], forecast: [[Double]]) -> [FitReport.HoldoutRow] {
        let h = observed.count
        var out = [FitReport.HoldoutRow]()
        var pooled: [String: (y: [Double], p: [Double], mase: [Double])] = [:]
        let methods = ["pinn", "persistence", "trend"]
        for (i, id) in ids.enumerated() {
            let train = training.map { $0[i] }, y = observed.map { $0[i] }
            let candidates: [(String, [Double])] = [
                ("pinn", forecast.map { $0[i] }),
                ("persistence", NaiveForecast.persistence(training: train, horizon: h)),
                ("trend", NaiveForecast.linearTrend(training: train, horizon: h)),
            ]
            for (method, p) in candidates {
                let mase = FitMetrics.mase(observed: y, predicted: p, training: train)
                out.append(.init(id: id, method: method, mae: FitMetrics.mae(observed: y, predicted: p),
                                 rmse: FitMetrics.rmse(observed: y, predicted: p), mase: mase))
                pooled[method, default: ([], [], [])].y += y
                pooled[method, default: ([], [], [])].p += p
                pooled[method, default: ([], [], [])].mase.append(mase)
            }
        }
        for m in methods {
            let e = pooled[m]!
            out.append(.init(id: "ALL", method: m, mae: FitMetrics.mae(observed: e.y, predicted: e.p),
                             rmse: FitMetrics.rmse(observed: e.y, predicted: e.p),
                             mase: e.mase.reduce(0, +) / Double(e.mase.count)))
        }
        return out
    }
}
