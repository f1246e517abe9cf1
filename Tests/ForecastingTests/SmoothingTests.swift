import Testing
@testable import Forecasting

@Suite struct SmoothingTests {
    @Test func sesOfAConstantSeriesForecastsTheConstant() throws {
        let panel = [[Double]](repeating: [4, -2], count: 8)
        let f = try SimpleExponentialSmoothing().fit(history: panel)
        #expect(try f.forecast(origin: 7, horizon: 2) == [[4, -2], [4, -2]])
        #expect(SimpleExponentialSmoothing.sumOfSquaredErrors([4, 4, 4, 4], alpha: 0.3) == 0)
    }

    /// For y = 0, 2, 1: e₁ = 2, e₂ = 1 − 2α, SSE = 4 + (1 − 2α)², minimal at α = 1/2 (level 1, SSE 4).
    @Test func sesAlphaMatchesTheClosedFormOnThreeValues() throws {
        #expect(abs(SimpleExponentialSmoothing.estimateAlpha([0, 2, 1]) - 0.5) < 1e-7)
        #expect(abs(SimpleExponentialSmoothing.finalLevel([0, 2, 1], alpha: 0.5) - 1) < 1e-15)
        // y = 0, 2, 3: unconstrained optimum α = 3/2 is clamped to 1.
        #expect(SimpleExponentialSmoothing.estimateAlpha([0, 2, 3]) == 1)
        let f = try SimpleExponentialSmoothing().fit(history: [[0], [2], [1]])
        #expect(abs(try f.forecast(origin: 2, horizon: 1)[0][0] - 1) < 1e-7)
    }

    @Test func sesAlphaIsNearOneOnARandomWalk() {
        var rng = SeededNormals(seed: 11)
        let walk = rng.randomWalkPanel(periods: 2000, settlements: 1).map { $0[0] }
        // θ̂ = α̂ − 1 has standard error ≈ 1/√n = 0.022; the bound is 4 standard errors.
        #expect(SimpleExponentialSmoothing.estimateAlpha(walk) > 1 - 4 / 2000.0.squareRoot())
    }

    /// Δy_t = ε_t + θ ε_{t−1} with θ = −0.6; the CSS estimate has asymptotic standard error
    /// √((1 − θ²)/n) = 0.018 at n = 2000; the bound is 4 standard errors.
    @Test func arimaRecoversTheMovingAverageCoefficient() {
        let theta = -0.6, n = 2000
        var rng = SeededNormals(seed: 3)
        var y = [0.0], previous = rng.next()
        for _ in 0..<n {
            let e = rng.next()
            y.append(y.last! + e + theta * previous)
            previous = e
        }
        let estimate = ARIMA011.estimateTheta(y)
        #expect(abs(estimate - theta) < 4 * ((1 - theta * theta) / Double(n)).squareRoot())
    }

    @Test func sesAndArimaForecastsCoincideWhenAlphaIsOnePlusTheta() throws {
        var rng = SeededNormals(seed: 5)
        let panel = rng.randomWalkPanel(periods: 30, settlements: 4)
        for theta in [-0.8, -0.3, 0.0] {
            let ses = try SimpleExponentialSmoothing(alpha: 1 + theta).fit(history: panel).forecast(origin: 29, horizon: 3)
            let arima = try ARIMA011(theta: theta).fit(history: panel).forecast(origin: 29, horizon: 3)
            for k in 0..<3 { for i in 0..<4 { #expect(abs(ses[k][i] - arima[k][i]) < 1e-9) } }
            let y = panel.map { $0[0] }
            #expect(abs(SimpleExponentialSmoothing.sumOfSquaredErrors(y, alpha: 1 + theta)
                        - ARIMA011.conditionalSumOfSquares(y, theta: theta)) < 1e-9)
        }
        // Estimated: where the SES optimum is inside (0, 1) both estimators find the same model.
        let y = [0.0, 2, 1, 3, 2.5, 2, 3.5, 3, 4]
        let alpha = SimpleExponentialSmoothing.estimateAlpha(y), theta = ARIMA011.estimateTheta(y)
        #expect(alpha > 0.02 && alpha < 0.98)
        #expect(abs(alpha - (1 + theta)) < 1e-6)
        let s = try SimpleExponentialSmoothing().fit(history: y.map { [$0] }).forecast(origin: 8, horizon: 1)
        let a = try ARIMA011().fit(history: y.map { [$0] }).forecast(origin: 8, horizon: 1)
        #expect(abs(s[0][0] - a[0][0]) < 1e-6)
    }

    @Test func fixedParametersOutsideTheirRangeAreRejected() {
        #expect(throws: ForecastingError.invalidParameter(name: "alpha", value: "1.5", expected: "a number in [0, 1]")) {
            try SimpleExponentialSmoothing(alpha: 1.5).fit(history: [[1]])
        }
        #expect(throws: ForecastingError.invalidParameter(name: "theta", value: "1.0", expected: "a number in (−1, 1)")) {
            try ARIMA011(theta: 1).fit(history: [[1]])
        }
    }
}
