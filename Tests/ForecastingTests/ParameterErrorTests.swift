import Testing
@testable import Forecasting

@Suite struct ParameterErrorTests {
    let panel = (0..<12).map { [Double($0), Double($0 % 3)] }

    @Test func calibrationSettingsOutOfRangeAreNamed() {
        #expect(throws: ForecastingError.invalidParameter(name: "calibrationOrigins", value: "0", expected: "an integer ≥ 1")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 1, methods: [Persistence()],
                                           calibration: IntervalCalibration(calibrationOrigins: 0))
        }
        #expect(throws: ForecastingError.invalidParameter(name: "minimumHistory", value: "0", expected: "an integer ≥ 1")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 1, methods: [Persistence()],
                                           calibration: IntervalCalibration(minimumHistory: 0))
        }
        #expect(throws: ForecastingError.invalidParameter(name: "levels", value: "0.0", expected: "every level in (0, 1)")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 1, methods: [Persistence()],
                                           calibration: IntervalCalibration(levels: [0.8, 0]))
        }
    }

    @Test func emptyMethodsWrongLabelsAndBadHorizonsAreNamed() throws {
        #expect(throws: ForecastingError.invalidParameter(name: "methods", value: "[]", expected: "at least one method")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 1, methods: [])
        }
        #expect(throws: ForecastingError.invalidParameter(name: "periodLabels", value: "3 labels",
                                                          expected: "one label per panel row (12)")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 1, methods: [Persistence()],
                                           periodLabels: ["a", "b", "c"])
        }
        #expect(throws: ForecastingError.invalidParameter(name: "horizon", value: "0", expected: "an integer ≥ 1")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [9], horizon: 0, methods: [Persistence()])
        }
        let fitted = try TrainingMean().fit(history: panel)
        #expect(throws: ForecastingError.originOutOfRange(origin: 12, rows: 12)) { try fitted.forecast(origin: 12, horizon: 1) }
        #expect(throws: ForecastingError.invalidParameter(name: "horizon", value: "-1", expected: "an integer ≥ 1")) {
            try fitted.forecast(origin: 3, horizon: -1)
        }
        #expect(throws: ForecastingError.raggedPanel(row: 2, expected: 2, found: 3)) {
            try PooledAR1().fit(history: [[1, 2], [1, 2], [1, 2, 3]])
        }
    }

    @Test func pseudoOriginsAreTheLatestThatFit() throws {
        let c = IntervalCalibration(calibrationOrigins: 3, minimumHistory: 5)
        #expect(try Conformal.pseudoOrigins(rows: 20, horizon: 2, calibration: c) == [17, 16, 15])
        #expect(try Conformal.pseudoOrigins(rows: 8, horizon: 2, calibration: c) == [5, 4])
        #expect(throws: ForecastingError.noCalibrationOrigins(rows: 6, horizon: 2, minimumHistory: 5)) {
            try Conformal.pseudoOrigins(rows: 6, horizon: 2, calibration: c)
        }
    }

    @Test func messagesNameWhatIsWrongAndWhatWasExpected() {
        #expect(ForecastingError.tooFewRowsAfterOrigin(origin: 10, horizon: 2, rows: 12).description
                == "origin 10 with horizon 2 needs rows up to 12, but the panel has rows 0...11; expected origin ≤ 9")
        #expect(ForecastingError.originOutOfRange(origin: 12, rows: 12).description
                == "origin 12 is outside the panel; expected an index in 0...11")
        #expect(ForecastingError.nonFiniteValue(row: 3, column: 1).description
                == "panel value at row 3, column 1 is not finite; expected a finite balance")
    }
}

@Suite struct CalibrationSizeErrorTests {
    /// One settlement, origin 8, horizon 1, minimumHistory 5: pseudo-origins 7…4 give 4 errors, the 80%
    /// ranks need 9, i.e. 9 pseudo-origins and rows up to 5 + 1 + 9 − 1 = 14.
    @Test func anOriginWithTooFewCalibrationErrorsIsNamedBeforeFitting() {
        let panel = (0..<12).map { [Double($0 * $0)] }
        #expect(throws: ForecastingError.tooLittleHistory(
            origin: 8, available: 9, required: 14,
            reason: "the 0.8 interval (9 calibration errors = 9 pseudo-origins × 1 settlements, minimumHistory 5, horizon 1)")) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [8], horizon: 1, methods: [Persistence()],
                                           calibration: IntervalCalibration(levels: [0.8]))
        }
        #expect(throws: ForecastingError.tooFewCalibrationErrors(level: 0.8, available: 5, required: 9)) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [10], horizon: 1, methods: [Persistence()],
                                           calibration: IntervalCalibration(levels: [0.8], calibrationOrigins: 5))
        }
    }
}
