import Autodiff
import Foundation
import LinearAlgebra
import MigrationModel
import Testing
@testable import PhysicsInformed

/// The forecastable force Fᵢ = s_F·(g_φ(zᵢ(t)) + bᵢ) (SPEC §4.2) and its forecaster.
@Suite("force of features")
struct FeatureForceTests {
    /// Four settlements, two features over 2000–2006 (one positive, one with negative values).
    static func features(lag: Int = 1) throws -> ForceFeatures {
        var raw = [[[Double]]]()
        for k in 0..<7 {
            var row = [[Double]]()
            for i in 0..<4 {
                let x = Double(i), t = Double(k)
                let gdp: Double = 10 + x + 0.3 * t * x
                let change: Double = x - 1.5 + 0.1 * t
                row.append([gdp, change])
            }
            raw.append(row)
        }
        return try ForceFeatures.make(names: ["gdp", "change"], lag: lag, times: (0..<7).map { 2000 + Double($0) }, periodLength: 1,
                                      raw: raw, weights: [4, 3, 2, 1], windowTimes: (0..<7).map { 2000 + Double($0) })
    }

    @Test("inputs: log ratio to the population-weighted mean, difference for non-positive features, lag, standardization")
    func transform() throws {
        let f = try Self.features()
        #expect(f.logRatio == [true, false])
        // Period 2003 with lag 1 reads the raw row of 2002.
        let row = f.raw[2]
        let mean0 = (4 * row[0][0] + 3 * row[1][0] + 2 * row[2][0] + row[3][0]) / 10
        let mean1 = (4 * row[0][1] + 3 * row[1][1] + 2 * row[2][1] + row[3][1]) / 10
        let y = f.transformed(row)
        #expect(abs(y[2][0] - log(row[2][0] / mean0)) < 1e-15)
        #expect(abs(y[2][1] - (row[2][1] - mean1)) < 1e-15)
        let z = f.inputs(at: 2003.5)
        #expect(abs(z[2][0] - (y[2][0] - f.center[0]) / f.scale[0]) < 1e-15)
        // Before the panel: the first row; after it: the last (persistence).
        #expect(f.inputs(at: 1990) == f.standardized(f.raw[0]))
        #expect(f.inputs(at: 2030) == f.standardized(f.raw[6]))
        // Standardized over the window's inputs: mean 0 and variance 1 per feature.
        var s = [0.0, 0.0], q = [0.0, 0.0], m = 0.0
        for t in (0..<7).map({ 2000 + Double($0) }) { for r in f.inputs(at: t) { for j in 0..<2 { s[j] += r[j]; q[j] += r[j] * r[j] } ; m += 1 } }
        for j in 0..<2 { #expect(abs(s[j] / m) < 1e-12 && abs(q[j] / m - 1) < 1e-12) }
    }

    @Test("bad feature panels are refused")
    func badPanels() throws {
        #expect(throws: PhysicsInformedError.self) {
            try ForceFeatures.make(names: ["x"], lag: -1, times: [2000], periodLength: 1, raw: [[[1]]], weights: [1], windowTimes: [2000])
        }
        #expect(throws: PhysicsInformedError.self) {
            try ForceFeatures.make(names: ["x"], lag: 0, times: [2000], periodLength: 1, raw: [[[.nan]]], weights: [1], windowTimes: [2000])
        }
        #expect(throws: PhysicsInformedError.self) {
            try ForceFeatures.make(names: ["x"], lag: 0, times: [2000], periodLength: 1, raw: [[[1]]], weights: [0], windowTimes: [2000])
        }
    }

    static func featureLoss(hidden: [Int]) throws -> PINNLoss {
        let data = try SyntheticCase(years: 6, step: 1)
        let base = try data.problem(start: SyntheticCase.truth)
        let features = try Self.features()
        let problem = try PINNProblem(ids: base.ids, times: base.times, observations: base.observations, coupling: base.coupling,
                                       mobility: base.mobility, parameters: base.parameters,
                                      forceFeatures: features)
        let configuration = PINNConfiguration(solutionHidden: [6, 5], forceHidden: hidden, collocationPerInterval: 3,
                                              weights: LossWeights(data: 1, physics: 0.7, interpolation: 0.3, forceSmoothness: 0.05, weightDecay: 1e-3),
                                              seed: 5)
        return try PINNLoss(problem: problem, configuration: configuration)
    }

    @Test("gradient of the loss with a force of features (network and linear) matches central differences", arguments: [[], [3]])
    func gradientCheck(hidden: [Int]) throws {
        let loss = try Self.featureLoss(hidden: hidden)
        #expect(loss.hasFeatureForce && loss.effectCount == 4)
        var theta = loss.initialParameters()
        var rng = SeededGenerator(seed: 17)
        for k in theta.indices { theta[k] += 0.1 * rng.nextGaussian() }
        let (_, gradient) = loss.valueAndGradient(theta)
        let error = GradientCheck.maxRelativeError(x: theta, step: 1e-5, analytic: gradient) { loss.valueAndGradient($0).value }
        #expect(error < 1e-6, "max relative error \(error)")
        // The settlement effects enter the physics residual: each has a gradient.
        for k in loss.effectOffset..<loss.physicalOffset { #expect(gradient[k] != 0) }
        // With features there is no smoothness term.
        #expect(loss.terms(theta).smoothness == 0)
    }

    @Test("the fitted force: s_F·(g(z) + b) at every time, the same through the artifact round trip")
    func fittedForce() throws {
        let loss = try Self.featureLoss(hidden: [3])
        let trainer = PINNTrainer(loss: loss)
        var state = trainer.initialState(key: "test")
        for k in state.theta.indices { state.theta[k] += 0.01 * Double(k % 7) }
        let fitted = FittedModel(loss: loss, state: state, fingerprint: [:])
        #expect(fitted.isForecastable)
        let z = fitted.forceFeatures!.inputs(at: 2003.2)
        let g = fitted.forceNetwork.evaluate(Tensor(rows: 4, cols: 2, values: z.flatMap { $0 }), parameters: fitted.forceWeights)
        let f = fitted.force(at: [2003.2])[0]
        for i in 0..<4 {
            #expect(abs(f[i] - fitted.normalization.forceScale * (g.values[i] + fitted.settlementEffects[i])) < 1e-13 * max(1, abs(f[i])))
        }
        let data = try JSONEncoder().encode(fitted)
        let back = try JSONDecoder().decode(FittedModel.self, from: data)
        #expect(back == fitted && back.force(at: [2004.7]) == fitted.force(at: [2004.7]))
    }

    static func forecaster(closed: Bool) throws -> (PhysicsForecaster, [[Double]], [Double]) {
        let loss = try Self.featureLoss(hidden: [])
        let trainer = PINNTrainer(loss: loss)
        var state = trainer.initialState(key: "test")
        for k in state.theta.indices { state.theta[k] += 0.02 * Double(k % 5) }
        let fitted = FittedModel(loss: loss, state: state, fingerprint: [:])
        let p = fitted.parameters
        let d = loss.problem.denseDistances
        let terms: [any PotentialTerm] = [
            LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p)),
            LaplacianCouplingTerm(name: "similarity", weights: .dense(p.beta * loss.problem.denseSimilarity)),
            AgeRestoringTerm(delta: p.delta, mobility: loss.problem.mobility),
        ]
        let model = try LagrangianModel(inertia: [p.inertia, p.inertia, p.inertia, p.inertia], damping: p.damping, terms: terms)
        let populations = [9.7e6, 3.4e6, 2.4e6, 1.5e6]
        let f = try PhysicsForecaster(fit: fitted, model: model, closurePopulations: closed ? populations : nil)
        return (f, loss.problem.observations, loss.problem.times)
    }

    @Test("ρ = 1, ω = 0, λ = 0 carries the observed state forward exactly (persistence), at every horizon")
    func persistenceIsNested() throws {
        let (f, history, times) = try Self.forecaster(closed: false)
        let s = history.count - 1
        let out = try f.forecast(history: history, times: times, origin: s, horizon: 4, settings: .persistence)
        for row in out { for i in 0..<4 { #expect(abs(row[i] - history[s][i]) <= 1e-7 * max(1, abs(history[s][i]))) } }
        // Other settings move away from it.
        let moved = try f.forecast(history: history, times: times, origin: s, horizon: 4,
                                   settings: ForecastSettings(anchoring: 0, velocityWeight: 1, featureResponse: 1))
        #expect(zip(moved.last!, history[s]).contains { abs($0 - $1) > 1e-3 })
    }

    @Test("a closed system keeps Σ Pᵢ qᵢ = 0 in every forecast period, whatever the settings")
    func closedSystem() throws {
        let (f, history, times) = try Self.forecaster(closed: true)
        let origin = history.count - 2
        let populations = try #require(f.closureWeights(at: history[origin]))
        // The weights stay positive.
        for w in populations { #expect(w > 0) }
        // Either they close the observed origin, or (too far from the populations) they are the populations.
        let closesOrigin = abs(zip(populations, history[origin]).reduce(0) { $0 + $1.0 * $1.1 }) <= 1e-6 * populations.reduce(0, +)
        #expect(closesOrigin || populations == f.closurePopulations!)
        for settings in ForecastSettings.grid + ForecastSettings.grid.map({ ForecastSettings(anchoring: $0.anchoring, velocityWeight: $0.velocityWeight, featureResponse: 1) }) {
            let out = try f.forecast(history: history, times: times, origin: origin, horizon: 3, settings: settings)
            for row in out {
                let persons = zip(populations, row).reduce(0) { $0 + $1.0 * $1.1 } / 1000
                let scale = zip(populations, row).reduce(0) { $0 + abs($1.0 * $1.1) } / 1000
                #expect(abs(persons) <= 1e-12 * max(scale, 1), "Σ persons \(persons)")
            }
        }
    }

    @Test("the selection keeps the origin's level unless another candidate beats it by more than a standard error")
    func selectionPrefersPersistence() throws {
        let (f, history, times) = try Self.forecaster(closed: false)
        // A history that is constant after its first rows: persistence is exact from those origins.
        var flat = history
        for k in 2..<flat.count { flat[k] = flat[1] }
        let chosen = try f.select(history: flat, times: times, horizon: 2, origins: [2, 3])
        // ρ = 1, ω = 0 and no feature response (λ̂ is zero up to the integrator's 1e-8 tolerance).
        #expect(chosen.settings.anchoring == 1 && chosen.settings.velocityWeight == 0)
        #expect(chosen.settings.featureResponse < 1e-6 && chosen.score < 1e-6)
        #expect(throws: PhysicsInformedError.self) { try f.select(history: flat, times: times, horizon: 2, origins: [flat.count - 1]) }
    }

    @Test("the feature response λ is estimated by least squares on the out-of-window errors and clamped to [0, 1]")
    func featureResponseEstimated() throws {
        let (f, history, times) = try Self.forecaster(closed: false)
        let s = history.count - 3
        func planted(_ lambda: Double) throws -> [[Double]] {
            let path = try f.forecast(history: history, times: times, origin: s, horizon: 2,
                                      settings: ForecastSettings(anchoring: 1, velocityWeight: 0, featureResponse: lambda))
            var out = history
            out[s + 1] = path[0]; out[s + 2] = path[1]
            return out
        }
        // The response must be visible: the features change at the origin.
        let none = try f.forecast(history: history, times: times, origin: s, horizon: 2, settings: .persistence)
        let full = try planted(1)
        #expect(zip(none[1], full[s + 2]).contains { abs($0 - $1) > 1e-4 })
        // Observations that answered 60% of the fitted response: λ̂ = 0.6, with ρ = 1, ω = 0.
        let chosen = try f.select(history: try planted(0.6), times: times, horizon: 2, origins: [s])
        #expect(chosen.settings.anchoring == 1 && chosen.settings.velocityWeight == 0)
        #expect(abs(chosen.settings.featureResponse - 0.6) < 1e-5, "λ̂ = \(chosen.settings.featureResponse)")
        #expect(chosen.score < 1e-5)
        // Observations that overshoot the response are answered by λ = 1; ones against it by λ = 0.
        #expect(try f.select(history: try planted(1.8), times: times, horizon: 2, origins: [s]).settings.featureResponse == 1)
        let against = try f.select(history: try planted(-0.7), times: times, horizon: 2, origins: [s])
        #expect(against.settings.featureResponse == 0)
    }

    @Test("a time-only fit cannot be forecast")
    func timeOnlyRefused() throws {
        let data = try SyntheticCase(years: 6, step: 1)
        let loss = try PINNLoss(problem: data.problem(start: SyntheticCase.truth),
                                configuration: PINNConfiguration(solutionHidden: [4], forceHidden: [3]))
        let fitted = FittedModel(loss: loss, state: PINNTrainer(loss: loss).initialState(key: "k"), fingerprint: [:])
        let model = try LagrangianModel(inertia: [1, 1, 1, 1], damping: 1, terms: [])
        #expect(throws: PhysicsInformedError.self) { try PhysicsForecaster(fit: fitted, model: model, closurePopulations: nil) }
    }
}
