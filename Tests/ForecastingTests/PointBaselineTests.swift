import Testing
@testable import Forecasting

@Suite struct PointBaselineTests {
    @Test func persistenceRepeatsTheOriginRow() throws {
        let panel: [[Double]] = [[1, 10], [2, 20], [3, 15], [9, 9]]
        let f = try Persistence().fit(history: panel)
        #expect(try f.forecast(origin: 2, horizon: 2) == [[3, 15], [3, 15]])
        #expect(try f.forecast(origin: 0, horizon: 1) == [[1, 10]])
    }

    @Test func trainingMeanUsesOnlyRowsUpToTheOrigin() throws {
        let panel: [[Double]] = [[1, 10], [2, 20], [6, 15], [100, -100]]
        let f = try TrainingMean().fit(history: panel)
        #expect(try f.forecast(origin: 2, horizon: 3) == [[3, 15], [3, 15], [3, 15]])
        #expect(try f.forecast(origin: 1, horizon: 1) == [[1.5, 15]])
    }

    /// Last five of 1, 2, 4, 4, 5, 7 are 2, 4, 4, 5, 7: x̄ = 2, ȳ = 4.4, slope 11/10 = 1.1,
    /// so ŷ(+1) = 4.4 + 1.1·3 = 7.7 and ŷ(+2) = 8.8. At origin 3 (1, 2, 4, 4; w = 4) the slope is
    /// 5.5/5 = 1.1 about x̄ = 1.5, ȳ = 2.75, so ŷ(+1) = 2.75 + 1.1·2.5 = 5.5.
    @Test func driftExtendsTheLeastSquaresLineOfTheLastFiveValues() throws {
        let panel: [[Double]] = [1, 2, 4, 4, 5, 7].map { [$0, 3] }
        let f = try Drift(window: 5).fit(history: panel)
        let five = try f.forecast(origin: 5, horizon: 2)
        #expect(abs(five[0][0] - 7.7) < 1e-12 && abs(five[1][0] - 8.8) < 1e-12)
        #expect(five[0][1] == 3 && five[1][1] == 3)
        let three = try f.forecast(origin: 3, horizon: 1)
        #expect(abs(three[0][0] - 5.5) < 1e-12)
        #expect(try f.forecast(origin: 0, horizon: 2) == [[1, 3], [1, 3]])  // one value: persistence
    }

    @Test func baselinesAreNamedAsInTheSpec() {
        #expect(Baselines.all.map(\.name) == ["persistence", "drift", "mean", "ses", "arima011", "pooled-ar1"])
    }

    @Test func everyBaselineIgnoresRowsAfterTheOrigin() throws {
        var rng = SeededNormals(seed: 7)
        let panel = rng.randomWalkPanel(periods: 12, settlements: 3)
        var altered = panel
        for t in 8..<12 { altered[t] = altered[t].map { $0 * 5 + 1 } }
        for method in Baselines.all {
            let a = try method.fit(history: panel).forecast(origin: 7, horizon: 3)
            let b = try method.fit(history: altered).forecast(origin: 7, horizon: 3)
            #expect(a == b, "\(method.name)")
        }
    }
}
