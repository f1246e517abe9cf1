import Testing
@testable import Forecasting

@Suite struct PooledAR1Tests {
    /// 40 settlements × 200 periods, φ = 0.6 around different means. The least-squares estimate with
    /// estimated means is biased by about −(1 + 3φ)/T = −0.014 with standard error
    /// √((1 − φ²)/(40·199)) = 0.009; the tolerance is 0.04.
    @Test func recoversThePooledCoefficient() {
        let phi = 0.6, n = 40, periods = 200
        var rng = SeededNormals(seed: 19)
        let means = (0..<n).map { 10 * Double($0) }
        var x = (0..<n).map { _ in rng.next() / (1 - phi * phi).squareRoot() }
        var panel: [[Double]] = []
        for _ in 0..<periods {
            panel.append((0..<n).map { means[$0] + x[$0] })
            x = x.map { phi * $0 + rng.next() }
        }
        let (estimate, mu) = PooledAR1.estimate(panel)
        #expect(abs(estimate - phi) < 0.04)
        #expect(abs(mu[5] - 50) < 1)
    }

    /// Two settlements 0, 2, 0, 2 (μ = 1, x = −1, 1, −1, 1) and 5, 5, 5, 5 give φ = −1:
    /// the forecast alternates μ + (−1)^k·x_s = 0, 2, 0.
    @Test func forecastDecaysTowardTheMeanByPowersOfPhi() throws {
        let panel: [[Double]] = [[0, 5], [2, 5], [0, 5], [2, 5]]
        #expect(PooledAR1.estimate(panel).phi == -1)
        let f = try PooledAR1().fit(history: panel)
        #expect(try f.forecast(origin: 3, horizon: 3) == [[0, 5], [2, 5], [0, 5]])
        // Rows 0, 1 only: x = ∓1, Σ x_t x_{t−1} / Σ x_{t−1}² = −1.
        #expect(try f.forecast(origin: 1, horizon: 1) == [[0, 5]])
        // 1, 2, 3, 4: μ = 2.5, x = −1.5, −0.5, 0.5, 1.5; φ = (0.75 − 0.25 + 0.75)/(2.25 + 0.25 + 0.25) = 1.25/2.75.
        let phi = PooledAR1.estimate([[1], [2], [3], [4]]).phi
        #expect(abs(phi - 1.25 / 2.75) < 1e-15)
        let g = try PooledAR1().fit(history: [[1], [2], [3], [4]]).forecast(origin: 3, horizon: 2)
        #expect(abs(g[0][0] - (2.5 + phi * 1.5)) < 1e-12 && abs(g[1][0] - (2.5 + phi * phi * 1.5)) < 1e-12)
    }
}
