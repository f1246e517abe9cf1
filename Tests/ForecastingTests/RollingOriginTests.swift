import Testing
@testable import Forecasting

@Suite struct RollingOriginTests {
    @Test func recordsCarryTheForecastIntervalsAndObservationsOfEachOrigin() throws {
        var rng = SeededNormals(seed: 42)
        let panel = rng.randomWalkPanel(periods: 20, settlements: 12)
        let labels = (0..<20).map { "\(2001 + $0)" }
        let calibration = IntervalCalibration()
        let records = try RollingOrigin.evaluate(panel: panel, origins: [14, 16], horizon: 2, methods: Baselines.all,
                                                 calibration: calibration, periodLabels: labels)
        #expect(records.count == 2 * 6 * 2 * 12)
        let first = records[0]
        #expect(first.origin == 14 && first.originLabel == "2015" && first.method == "persistence")
        #expect(first.period == 15 && first.periodLabel == "2016" && first.horizon == 1 && first.settlement == 0)
        #expect(first.forecast == panel[14][0] && first.observed == panel[15][0])
        // The same forecast as fitting and calibrating directly on rows 0…16.
        let training = Array(panel[0...16])
        let direct = try Conformal.forecast(Drift().fit(history: training), history: training, horizon: 2,
                                            calibration: calibration)
        let cell = try #require(records.first { $0.origin == 16 && $0.method == "drift" && $0.horizon == 2 && $0.settlement == 5 })
        #expect(cell.forecast == direct.mean[1][5] && cell.observed == panel[18][5])
        #expect(cell.lower[0.95] == direct.lower[0.95]![1][5] && cell.upper[0.8] == direct.upper[0.8]![1][5])
        #expect(cell.scale == direct.scales[5])
        let summary = RollingOrigin.summary(records)
        #expect(summary.map(\.method) == Baselines.all.map(\.name))
        #expect(summary.allSatisfy { $0.origins == 2 && $0.mase.isFinite && $0.coverage80 != nil && $0.intervalScore95 != nil })
    }

    @Test func badOriginsAreNamedBeforeAnythingIsFitted() {
        let panel = (0..<12).map { [Double($0), Double($0 % 3)] }
        func run(_ origins: [Int], horizon: Int = 2) throws {
            _ = try RollingOrigin.evaluate(panel: panel, origins: origins, horizon: horizon, methods: [Persistence()])
        }
        #expect(throws: ForecastingError.originOutOfRange(origin: 12, rows: 12)) { try run([8, 12]) }
        #expect(throws: ForecastingError.originOutOfRange(origin: -1, rows: 12)) { try run([-1]) }
        #expect(throws: ForecastingError.tooFewRowsAfterOrigin(origin: 10, horizon: 2, rows: 12)) { try run([10]) }
        #expect(throws: ForecastingError.tooLittleHistory(
            origin: 5, available: 6, required: 7,
            reason: "one calibration pseudo-origin (minimumHistory 5 + horizon 2)")) { try run([5]) }
        #expect(throws: ForecastingError.invalidParameter(name: "origins", value: "[]", expected: "at least one origin")) {
            try run([])
        }
        #expect(throws: ForecastingError.raggedPanel(row: 1, expected: 2, found: 1)) {
            _ = try RollingOrigin.evaluate(panel: [[1, 2], [3]], origins: [0], horizon: 1, methods: [Persistence()])
        }
        #expect(throws: ForecastingError.nonFiniteValue(row: 1, column: 0)) {
            _ = try RollingOrigin.evaluate(panel: [[1, 2], [.nan, 3]], origins: [0], horizon: 1, methods: [Persistence()])
        }
        #expect(throws: ForecastingError.emptyPanel) {
            _ = try RollingOrigin.evaluate(panel: [], origins: [0], horizon: 1, methods: [Persistence()])
        }
    }

    @Test func aMethodThatFailsIsNamedWithItsOrigin() throws {
        let panel = (0..<12).map { [Double($0 * $0), 1] }
        let error = #expect(throws: ForecastingError.self) {
            _ = try RollingOrigin.evaluate(panel: panel, origins: [8], horizon: 1, methods: [Drift(window: 0)],
                                           calibration: IntervalCalibration(levels: []))
        }
        guard case let .methodFailed(method, origin, reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(method == "drift" && origin == 8 && reason.contains("window = 0"))
        #expect(error!.description.hasPrefix("method drift failed at origin 8: parameter window = 0 is invalid"))
    }
}
