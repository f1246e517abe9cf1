import Explanation
import Foundation
import LinearAlgebra
import Testing

/// Fixed effects, regression through the origin, VIF and the errors of the regression engine.
@Suite struct FixedEffectsRegressionTests {
    /// 6 groups × 8 periods with known group and period effects and one feature.
    static func panel() -> (x: Matrix, y: [Double], groups: [String], periods: [String]) {
        var rng = SeededGenerator(seed: 21)
        var xs: [Double] = [], y: [Double] = [], g: [String] = [], p: [String] = []
        for i in 0..<6 {
            for t in 0..<8 {
                let x = rng.nextGaussian() + Double(i)
                xs.append(x); y.append(1.5 * x + Double(i * i) + 0.3 * Double(t) + 0.05 * rng.nextGaussian())
                g.append("g\(i)"); p.append("t\(t)")
            }
        }
        return (Matrix(rows: 48, columns: 1, storage: xs), y, g, p)
    }

    /// Fixed effects equal explicit indicator columns: same slope, standard error and R².
    @Test func fixedEffectsEqualIndicatorColumns() throws {
        let d = Self.panel()
        let factors = [FixedEffectFactor(name: "group", values: d.groups), FixedEffectFactor(name: "period", values: d.periods)]
        let fe = try LinearRegression.fit(x: d.x, y: d.y, featureNames: ["x"], options: RegressionOptions(fixedEffects: factors))
        let dummies = Matrix(rows: 48, columns: 1 + 5 + 7) { i, j in
            if j == 0 { return d.x[i, 0] }
            if j <= 5 { return d.groups[i] == "g\(j)" ? 1 : 0 }
            return d.periods[i] == "t\(j - 5)" ? 1 : 0
        }
        let explicit = try LinearRegression.fit(x: dummies, y: d.y)
        #expect(fe.table.count == 2)   // intercept and x only
        #expect(abs(fe.coefficients[0] - explicit.coefficients[0]) < 1e-10)
        #expect(abs(fe.table[1].standardError! - explicit.table[1].standardError!) < 1e-10)
        #expect(abs(fe.summary.rSquared - explicit.summary.rSquared) < 1e-12)
        #expect(fe.summary.rank == 14)   // intercept, x, 5 group and 7 period indicators
        // Group effects relative to g0: i² (the slope absorbs nothing of them).
        for i in 1..<6 { #expect(abs(fe.fixedEffects[0].effects[i] - Double(i * i)) < 0.2, "group \(i): \(fe.fixedEffects[0].effects[i])") }
        // Within R² = 1 − RSS/RSS_FE; the FE-only fit is the same model without x.
        let feOnly = try LinearRegression.fit(x: Matrix(rows: 48, columns: 0), y: d.y, featureNames: [],
                                              options: RegressionOptions(fixedEffects: factors))
        #expect(abs(fe.summary.fixedEffectsOnlyRSquared! - feOnly.summary.rSquared) < 1e-12)
        let within = 1 - fe.summary.residualSumOfSquares / feOnly.summary.residualSumOfSquares
        #expect(abs(fe.summary.withinRSquared! - within) < 1e-12)
        #expect(fe.summary.withinRSquared! > 0.9)
        // Prediction for a settlement the model never saw uses the mean group effect.
        let unseen = fe.predict(rows: Matrix([[1.0]]), levels: [["g9"], ["t0"]])[0]
        let mean = fe.fixedEffects[0].effects.reduce(0, +) / 6
        #expect(abs(unseen - (fe.intercept + fe.coefficients[0] + mean)) < 1e-12)
    }

    /// Through the origin: b = Σxy/Σx² (NIST NoInt2: 56/77), R² about 0.
    @Test func noInterceptIsTheClosedForm() throws {
        let x = Matrix([[4], [5], [6]]), y: [Double] = [3, 4, 4]
        let m = try LinearRegression.fit(x: x, y: y, options: RegressionOptions(intercept: false))
        #expect(m.table.map(\.name) == ["x1"])
        #expect(abs(m.coefficients[0] - 56.0 / 77.0) < 1e-15)
        #expect(m.intercept == 0)
        #expect(m.summary.residualDegreesOfFreedom == 2)
    }

    /// VIF of two features with correlation ρ (exactly, in-sample) is 1/(1 − ρ²).
    @Test func varianceInflationIsOneOverOneMinusRSquared() throws {
        var rng = SeededGenerator(seed: 4)
        let n = 200
        let a = (0..<n).map { _ in rng.nextGaussian() }
        let b = (0..<n).map { a[$0] + 0.5 * rng.nextGaussian() }
        let y = (0..<n).map { a[$0] - b[$0] + rng.nextGaussian() }
        let m = try LinearRegression.fit(x: Matrix(rows: n, columns: 2) { i, j in j == 0 ? a[i] : b[i] }, y: y)
        let aux = try LinearRegression.fit(x: Matrix(rows: n, columns: 1) { i, _ in a[i] }, y: b)
        let expected = 1 / (1 - aux.summary.rSquared)
        #expect(abs(m.varianceInflation[0]! - expected) < 1e-9 * expected)
        #expect(abs(m.varianceInflation[1]! - expected) < 1e-9 * expected)
    }

    @Test func badInputsNameTheTermOrFactor() {
        #expect(throws: RegressionError.constantResponse(value: 2)) {
            try LinearRegression.fit(x: Matrix([[1], [2], [3]]), y: [2, 2, 2])
        }
        #expect(throws: RegressionError.singleLevelFactor(name: "period", level: "2020")) {
            try LinearRegression.fit(x: Matrix([[1], [2], [3]]), y: [1, 2, 4],
                                     options: RegressionOptions(fixedEffects: [FixedEffectFactor(name: "period", values: ["2020", "2020", "2020"])]))
        }
        #expect(throws: RegressionError.tooManyTerms(coefficients: 4, observations: 3, terms: ["(intercept)", "a", "b", "c"])) {
            try LinearRegression.fit(x: Matrix([[1, 2, 3], [2, 1, 0], [3, 5, 1]]), y: [1, 2, 4], featureNames: ["a", "b", "c"])
        }
    }
}
