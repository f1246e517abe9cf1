import Explanation
import Foundation
import LinearAlgebra
import MigrationModel
import Testing

/// Three settlements, a two-feature panel over 2010–2015, a known linear model and a simple
/// sinusoidal base force.
struct ScenarioCase {
    let places = [
        Settlement(id: "A", latitude: 37.5, longitude: 127.0, population: 1_000_000),
        Settlement(id: "B", latitude: 35.1, longitude: 129.0, population: 500_000),
        Settlement(id: "C", latitude: 36.3, longitude: 127.4, population: 250_000),
    ]
    let panel: FeaturePanel
    let model: RegressionModel

    init() throws {
        let starts = (2010...2015).map(Double.init)
        var values: [[[Double]]] = []
        for k in starts.indices {
            var period: [[Double]] = []
            for i in 0..<3 {
                let gdp: Double = 10 + Double(i) + 0.5 * Double(k)
                let income: Double = 3 - 0.2 * Double(i * k)
                period.append([gdp, income])
            }
            values.append(period)
        }
        panel = FeaturePanel(regionIDs: ["A", "B", "C"], featureNames: ["gdp", "income"], periodStarts: starts, periodLength: 1,
                             values: values)
        // Fit f = 0.4·gdp − 1.2·income + 2 (+ small noise) on the panel.
        var rng = SeededGenerator(seed: 17)
        let rows = values.flatMap { $0 }
        let x = Matrix(rows)
        var y: [Double] = []
        for r in rows {
            let noise: Double = 0.01 * rng.nextGaussian()
            y.append(2 + 0.4 * r[0] - 1.2 * r[1] + noise)
        }
        model = try LinearRegression.fit(x: x, y: y, featureNames: ["gdp", "income"])
    }

    var dynamics: LagrangianModel {
        get throws {
            try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: nil,
                                    parameters: ModelParameters(alpha: 0.5, beta: 0, delta: 0.3, damping: 0.8)).model
        }
    }

    let base = ClosureForcing(dimension: 3) { t, out in
        for i in 0..<3 { out[i] = sin(t - 2010 + Double(i)) }
    }
}

@Suite struct ScenarioEngineTests {
    @Test func zeroChangeReproducesTheBaselineExactly() throws {
        let c = try ScenarioCase()
        let engine = ScenarioEngine(model: c.model, panel: c.panel)
        let none = [FeatureChange(feature: 0, operation: .multiply, value: 1, regions: nil, from: 2011),
                    FeatureChange(feature: 1, operation: .add, value: 0, regions: [1], from: 2010)]
        let r = try engine.run(dynamics: c.dynamics, baseForcing: c.base, initialBalance: [1, -2, 0.5], initialVelocity: [0, 0.1, 0],
                               start: 2011, step: 0.25, steps: 16, changes: none, populations: c.places.map(\.population))
        #expect(r.scenario == r.baseline)
        #expect(r.difference.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(r.personsDifference.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(r.times.count == 17 && r.times.last == 2015)
    }

    @Test func oneRegionChangeMovesOnlyItsForceByThePredictedAmount() throws {
        let c = try ScenarioCase()
        let engine = ScenarioEngine(model: c.model, panel: c.panel)
        let change = FeatureChange(feature: 0, operation: .multiply, value: 1.1, regions: [0], from: 2013)
        let deltas = engine.forceChanges([change])
        for k in c.panel.periodStarts.indices {
            let expected = c.panel.periodStarts[k] >= 2013 ? c.model.coefficients[0] * 0.1 * c.panel.values[k][0][0] : 0
            #expect(abs(deltas[k][0] - expected) <= 1e-12 * max(1, abs(expected)), "period \(k)")
            #expect(deltas[k][1] == 0 && deltas[k][2] == 0)
        }
        // The regression recovered the generating coefficient.
        #expect(abs(c.model.coefficients[0] - 0.4) < 0.01)
        // The scenario forcing adds exactly that change to the base force.
        let forcing = ScenarioForcing(base: c.base, periodStarts: c.panel.periodStarts, changes: deltas)
        var a = [Double](repeating: 0, count: 3), b = [Double](repeating: 0, count: 3)
        for t in [2012.5, 2013.0, 2014.3, 2017.0] {
            a.withUnsafeMutableBufferPointer { forcing.evaluate(at: t, into: $0.baseAddress!) }
            b.withUnsafeMutableBufferPointer { c.base.evaluate(at: t, into: $0.baseAddress!) }
            let k = c.panel.period(at: t)!
            for i in 0..<3 { #expect(abs(a[i] - b[i] - deltas[k][i]) < 1e-15) }
        }
        // A higher force on A raises A's balance relative to the baseline; persons follow the populations.
        let r = try engine.run(dynamics: c.dynamics, baseForcing: c.base, initialBalance: [0, 0, 0], initialVelocity: [0, 0, 0],
                               start: 2012, step: 0.25, steps: 16, changes: [change], populations: c.places.map(\.population))
        // Up to 2013.0 the change has not acted: equal up to the integration tolerance (the adaptive
        // steps that straddle the jump at 2013 differ).
        for k in 0...4 { #expect(r.difference[k].allSatisfy { abs($0) < 1e-8 }, "\(r.difference[k])") }
        #expect(r.difference.last![0] > 0)
        #expect(r.personsDifference.last![0] > 0)
        #expect(r.forceChange.last![0] == deltas[5][0])
    }

    @Test func cumulativePersonsIntegratesRatesTimesPopulation() {
        // A constant 2 per 1,000 per year for 2 years on 500,000 people = 2,000 persons.
        let times = [2000.0, 2000.5, 2001, 2001.5, 2002]
        let b = times.map { _ in [2.0] }
        let p = ScenarioEngine.cumulativePersons(times: times, balances: b, populations: [500_000])
        #expect(abs(p.last![0] - 2000) < 1e-9)
    }

    @Test func setAndAddOperations() {
        #expect(FeatureChange(feature: 0, operation: .set, value: 5, regions: nil, from: 0).apply(to: 2) == 5)
        #expect(FeatureChange(feature: 0, operation: .add, value: 5, regions: nil, from: 0).apply(to: 2) == 7)
        let c = FeatureChange(feature: 0, operation: .multiply, value: 2, regions: [1], from: 2012)
        #expect(c.applies(region: 1, periodStart: 2012) && !c.applies(region: 0, periodStart: 2012) && !c.applies(region: 1, periodStart: 2011))
    }
}
