import Foundation
import Testing
@testable import PhysicsInformed

@Suite("Fit metrics and naive forecasts")
struct FitMetricsTests {
    @Test("R², RMSE, MAE and Theil U on hand-computed values")
    func handComputed() {
        let y = [1.0, 2, 3, 4], p = [1.5, 2, 2.5, 4]
        // SSR = 0.5, SST = 5 → R² = 0.9; RMSE = √(0.5/4); MAE = 0.25.
        #expect(abs(FitMetrics.rSquared(observed: y, predicted: p) - 0.9) < 1e-15)
        #expect(abs(FitMetrics.rmse(observed: y, predicted: p) - (0.125).squareRoot()) < 1e-15)
        #expect(abs(FitMetrics.mae(observed: y, predicted: p) - 0.25) < 1e-15)
        // U = √(0.5/4) / (√((2.25+4+6.25+16)/4) + √(30/4)).
        let u = (0.125).squareRoot() / ((28.5 / 4).squareRoot() + (7.5).squareRoot())
        #expect(abs(FitMetrics.theilU(observed: y, predicted: p) - u) < 1e-15)
        #expect(FitMetrics.theilU(observed: y, predicted: y) == 0)
        #expect(abs(FitMetrics.theilU(observed: y, predicted: y.map { -$0 }) - 1) < 1e-15)
    }

    @Test("MASE of the persistence forecast on a random walk is its holdout MAE over the in-sample step")
    func mase() {
        let train = [0.0, 1, 3, 2, 4], test = [5.0, 7]
        // In-sample naive MAE = (1 + 2 + 1 + 2)/4 = 1.5; persistence forecasts 4 → MAE (1 + 3)/2 = 2.
        let p = NaiveForecast.persistence(training: train, horizon: 2)
        #expect(p == [4, 4])
        #expect(abs(FitMetrics.mase(observed: test, predicted: p, training: train) - 2 / 1.5) < 1e-15)
    }

    @Test("the trend forecast extends an exact line and a noisy one by least squares")
    func trend() {
        let line = (0..<8).map { 2.0 + 0.5 * Double($0) }
        let f = NaiveForecast.linearTrend(training: line, horizon: 3)
        #expect(zip(f, [6.0, 6.5, 7.0]).allSatisfy { abs($0 - $1) < 1e-13 })
        // Last five: 1, 3, 2, 4, 5 → slope 0.9, mean 3 at x = 2 → next (x = 5) 5.7.
        let g = NaiveForecast.linearTrend(training: [9, 9, 1, 3, 2, 4, 5], horizon: 1)
        #expect(abs(g[0] - 5.7) < 1e-13)
    }
}
