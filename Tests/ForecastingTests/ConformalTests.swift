import Testing
@testable import Forecasting

@Suite struct ConformalTests {
    /// Increments 1, 2, −1, 3, 0, 4, −2, 1, 5, 2 (σ = 21/10). Nine pseudo-origins s = 9…1 give the
    /// persistence errors Δ₂…Δ₁₀; at 80% with m = 9 the conformal ranks are ⌊10·0.1⌋ = 1 and
    /// ⌈10·0.9⌉ = 9, so the interval is 15 + [min, max] = [15 − 2, 15 + 5].
    @Test func intervalsAreTheConformalOrderStatisticsOfThePseudoOriginErrors() throws {
        let steps: [Double] = [1, 2, -1, 3, 0, 4, -2, 1, 5, 2]
        var y = [0.0]
        for d in steps { y.append(y.last! + d) }
        let history = y.map { [$0] }
        let calibration = IntervalCalibration(levels: [0.8], calibrationOrigins: 9, minimumHistory: 1)
        let p = try Conformal.forecast(Persistence().fit(history: history), history: history, horizon: 1,
                                       calibration: calibration)
        #expect(p.mean == [[15]])
        #expect(p.calibrationOrigins == Array((1...9).reversed()))
        #expect(p.calibrationErrors == 9)
        #expect(abs(p.scales[0] - 2.1) < 1e-15)
        #expect(abs(p.lower[0.8]![0][0] - 13) < 1e-12)
        #expect(abs(p.upper[0.8]![0][0] - 20) < 1e-12)
    }

    @Test func conformalRanksAndTheirMinimumSampleSize() throws {
        #expect(try Conformal.ranks(level: 0.8, count: 9) == (1, 9))
        #expect(try Conformal.ranks(level: 0.8, count: 99) == (10, 90))
        #expect(try Conformal.ranks(level: 0.95, count: 39) == (1, 39))
        #expect(throws: ForecastingError.tooFewCalibrationErrors(level: 0.8, available: 8, required: 9)) {
            try Conformal.ranks(level: 0.8, count: 8)
        }
        #expect(throws: ForecastingError.tooFewCalibrationErrors(level: 0.95, available: 38, required: 39)) {
            try Conformal.ranks(level: 0.95, count: 38)
        }
    }

    /// 300 independent unit-step Gaussian random walks: rolling-origin persistence intervals at
    /// 12 origins × 3 horizons cover close to nominal (conformal ranks over 10 pseudo-origins × 300).
    @Test func persistenceIntervalsCoverNominallyOnRandomWalks() throws {
        var rng = SeededNormals(seed: 2026)
        let panel = rng.randomWalkPanel(periods: 40, settlements: 300)
        let records = try RollingOrigin.evaluate(panel: panel, origins: Array(25...36), horizon: 3,
                                                 methods: [Persistence()], calibration: IntervalCalibration())
        let summary = try #require(RollingOrigin.summary(records).first)
        #expect(summary.origins == 12)
        #expect(abs(summary.coverage80! - 0.80) < 0.03)
        #expect(abs(summary.coverage95! - 0.95) < 0.02)
    }

    @Test func tooShortHistoriesAndBadSettingsAreNamed() throws {
        let history = (0..<5).map { [Double($0 * $0)] }
        let fitted = try Persistence().fit(history: history)
        #expect(throws: ForecastingError.noCalibrationOrigins(rows: 5, horizon: 1, minimumHistory: 5)) {
            try Conformal.forecast(fitted, history: history, horizon: 1, calibration: IntervalCalibration())
        }
        #expect(throws: ForecastingError.tooFewCalibrationErrors(level: 0.8, available: 4, required: 9)) {
            try Conformal.forecast(fitted, history: history, horizon: 1,
                                   calibration: IntervalCalibration(levels: [0.8], minimumHistory: 1))
        }
        #expect(throws: ForecastingError.invalidParameter(name: "levels", value: "1.0", expected: "every level in (0, 1)")) {
            try Conformal.forecast(fitted, history: history, horizon: 1, calibration: IntervalCalibration(levels: [1]))
        }
        #expect(throws: ForecastingError.invalidParameter(name: "horizon", value: "0", expected: "an integer ≥ 1")) {
            try Conformal.forecast(fitted, history: history, horizon: 0, calibration: IntervalCalibration())
        }
        let constant = [[Double]](repeating: [3, 3], count: 8)
        #expect(throws: ForecastingError.zeroScale(rows: 8)) {
            try Conformal.forecast(Persistence().fit(history: constant), history: constant, horizon: 1,
                                   calibration: IntervalCalibration(levels: [], minimumHistory: 2))
        }
    }

    /// A forecaster that returns the wrong number of settlements is caught.
    @Test func aForecastOfTheWrongShapeIsRejected() throws {
        struct Broken: FittedForecaster {
            func forecast(origin s: Int, horizon: Int) throws -> [[Double]] { [[Double]](repeating: [0], count: horizon) }
        }
        let history = (0..<12).map { [Double($0), 1] }
        #expect(throws: ForecastingError.forecastShape(origin: 10, expectedRows: 1, expectedColumns: 2,
                                                       foundRows: 1, foundColumns: 1)) {
            try Conformal.forecast(Broken(), history: history, horizon: 1, calibration: IntervalCalibration(levels: []))
        }
    }
}
