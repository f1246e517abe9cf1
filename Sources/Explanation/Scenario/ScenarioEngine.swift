import LinearAlgebra
import MigrationModel

/// The outcome of a scenario run at the output times t₀ + k·Δ, k = 0…H (rows times, columns
/// regions). Balances are per 1,000 inhabitants per year; persons are cumulative net moves since t₀
/// (∫ b·P/1000 dt, trapezoid on a grid finer than the output grid).
public struct ScenarioResult: Sendable, Equatable {
    public var times: [Double]
    public var baseline: [[Double]]
    public var scenario: [[Double]]
    /// Δf at each output time (the force change the integration used).
    public var forceChange: [[Double]]
    /// Cumulative net persons Σ ∫ b·P/1000 dt (trapezoid on the output grid).
    public var baselinePersons: [[Double]]
    public var scenarioPersons: [[Double]]

    public var difference: [[Double]] { zip(scenario, baseline).map { zip($0, $1).map { $0 - $1 } } }
    public var personsDifference: [[Double]] { zip(scenarioPersons, baselinePersons).map { zip($0, $1).map { $0 - $1 } } }
}

/// Scenarios (SPEC §5): feature changes → force changes through a `FeatureModel` → integration
/// of the equations of motion from a given state, against the same integration without them.
///   Δfᵢ(k) = model(x̃ᵢ(k)) − model(xᵢ(k)),  x̃ = x with the changes applied.
public struct ScenarioEngine: Sendable {
    public let model: any FeatureModel
    public let panel: FeaturePanel

    public init(model: any FeatureModel, panel: FeaturePanel) {
        precondition(model.featureCount == panel.featureNames.count,
                     "the model has \(model.featureCount) features, the panel \(panel.featureNames.count)")
        self.model = model; self.panel = panel
    }

    /// The changed feature row of region i in period k.
    public func changedRow(region i: Int, period k: Int, changes: [FeatureChange]) -> [Double] {
        var row = panel.values[k][i]
        for c in changes where c.applies(region: i, periodStart: panel.periodStarts[k]) {
            row[c.feature] = c.apply(to: row[c.feature])
        }
        return row
    }

    /// Δfᵢ(k) for every panel period k and region i (one batched prediction per period).
    public func forceChanges(_ changes: [FeatureChange]) -> [[Double]] {
        let n = panel.regionIDs.count, p = panel.featureNames.count
        return panel.values.indices.map { k in
            let base = Matrix(rows: n, columns: p, storage: panel.values[k].flatMap { $0 })
            let changed = Matrix(rows: n, columns: p, storage: (0..<n).flatMap { changedRow(region: $0, period: k, changes: changes) })
            return zip(model.predict(rows: changed), model.predict(rows: base)).map { $0 - $1 }
        }
    }

    /// Integrates baseline and scenario from (q₀, v₀) at `start` over `steps` output steps of
    /// `step` years (Dormand–Prince 5(4) as `Simulation.run`), base forcing `baseForcing` in both.
    /// Cumulative persons are integrated on a grid `substeps` times finer than the output grid.
    public func run(dynamics: LagrangianModel, baseForcing: any Forcing, initialBalance q0: [Double],
                    initialVelocity v0: [Double], start: Double, step: Double, steps: Int,
                    changes: [FeatureChange], populations: [Double], substeps: Int = 12,
                    rtol: Double = 1e-8, atol: Double = 1e-10) throws -> ScenarioResult {
        precondition(populations.count == panel.regionIDs.count, "one population per region")
        precondition(steps >= 1 && step > 0 && substeps >= 1, "scenario horizon needs steps ≥ 1, step > 0 and substeps ≥ 1")
        let fine = (0...(steps * substeps)).map { start + step * Double($0) / Double(substeps) }
        let settings = SimulationSettings(start: start, end: fine.last!, outputTimes: fine, solver: .dp5,
                                          rtol: rtol, atol: atol, step: min(0.01, step))
        let deltas = forceChanges(changes)
        let forcing = ScenarioForcing(base: baseForcing, periodStarts: panel.periodStarts, changes: deltas)
        let baseline = try Simulation.run(model: dynamics, forcing: baseForcing, initialBalance: q0, initialVelocity: v0, settings: settings)
        let scenario = try Simulation.run(model: dynamics, forcing: forcing, initialBalance: q0, initialVelocity: v0, settings: settings)
        let basePersons = Self.cumulativePersons(times: fine, balances: baseline.balances, populations: populations)
        let scenarioPersons = Self.cumulativePersons(times: fine, balances: scenario.balances, populations: populations)
        let keep = Array(stride(from: 0, through: steps * substeps, by: substeps))
        let times = keep.map { fine[$0] }
        let zero = [Double](repeating: 0, count: populations.count)
        let forceAtTimes = times.map { t in panel.period(at: t).map { deltas[$0] } ?? zero }
        return ScenarioResult(times: times, baseline: keep.map { baseline.balances[$0] }, scenario: keep.map { scenario.balances[$0] },
                              forceChange: forceAtTimes, baselinePersons: keep.map { basePersons[$0] },
                              scenarioPersons: keep.map { scenarioPersons[$0] })
    }

    /// Cᵢ(t_k) = Σ_{m<k} ½(bᵢ(t_m) + bᵢ(t_{m+1}))(t_{m+1} − t_m)·Pᵢ/1000 (balances per 1,000 per year).
    public static func cumulativePersons(times: [Double], balances: [[Double]], populations: [Double]) -> [[Double]] {
        var out: [[Double]] = [[Double](repeating: 0, count: populations.count)]
        for k in 1..<max(times.count, 1) {
            let dt = times[k] - times[k - 1]
            out.append(populations.indices.map { i in
                out[k - 1][i] + 0.5 * (balances[k - 1][i] + balances[k][i]) * dt * populations[i] / 1000
            })
        }
        return out
    }
}
