import Testing
@testable import Forecasting

@Suite struct ScoresTests {
    /// Settlement 0 trains on 10, 12, 11, 14 (σ = (2 + 1 + 3)/3 = 2), settlement 1 is constant
    /// (σ = 0 → pooled (2 + 0)/2 = 1). Errors |1|, |2| → 1.5/2 = 0.75; |1|, |1| → 1; MASE 0.875.
    @Test func maseRmseAndBiasByHand() throws {
        let training: [[Double]] = [[10, 0], [12, 0], [11, 0], [14, 0]]
        let scales = try NaiveScale.scales(training, through: 3)
        #expect(scales == [2, 1])
        let forecast: [[Double]] = [[14, 0], [14, 0]], observed: [[Double]] = [[15, 1], [12, 1]]
        #expect(Scores.mase(forecast: forecast, observed: observed, scales: scales) == 0.875)
        #expect(Scores.rmse(forecast: forecast, observed: observed) == 1.75.squareRoot())
        #expect(Scores.bias(forecast: forecast, observed: observed) == -0.25)
    }

    /// [0, 2] at 80% (2/α = 10): y = 1 inside → 2; y = −0.5 → 2 + 10·0.5 = 7; y = 3 → 2 + 10·1 = 12.
    @Test func intervalScoreAndCoverageByHand() {
        let lower: [[Double]] = [[0, 0, 0]], upper: [[Double]] = [[2, 2, 2]], observed: [[Double]] = [[1, -0.5, 3]]
        #expect(abs(Scores.intervalScore(lower: lower, upper: upper, observed: observed, level: 0.8) - 7) < 1e-12)
        #expect(Scores.coverage(lower: lower, upper: upper, observed: observed) == 1.0 / 3)
        #expect(Scores.intervalScore(lower: 0, upper: 2, observed: 2, level: 0.95) == 2)  // bounds are inside
    }

    /// Origin 0: errors ±1 scaled by 2 (MASE 0.5, RMSE 1, bias 0, both covered, score 2);
    /// origin 1: error −4 scaled by 1 (MASE 4, RMSE 4, bias −4, not covered, score 2 + 10·3 = 32).
    /// The summary is the plain mean over the two origins, not over the three cells.
    @Test func summaryAveragesPerOriginScoresOverOrigins() {
        func cell(_ origin: Int, _ h: Int, _ f: Double, _ y: Double, _ scale: Double, _ l: Double, _ u: Double) -> ForecastRecord {
            ForecastRecord(origin: origin, originLabel: "\(2000 + origin)", method: "m", settlement: 0, period: origin + h,
                           periodLabel: "\(2000 + origin + h)", horizon: h, forecast: f, observed: y, scale: scale,
                           lower: [0.8: l], upper: [0.8: u])
        }
        let records = [cell(0, 1, 1, 2, 2, 0, 2), cell(0, 2, 3, 2, 2, 0, 2), cell(1, 1, 0, 4, 1, -1, 1)]
        let s = RollingOrigin.summary(records)
        #expect(s.count == 1)
        #expect(s[0].method == "m" && s[0].origins == 2)
        #expect(s[0].mase == 2.25 && s[0].rmse == 2.5 && s[0].bias == -2)
        #expect(s[0].coverage80 == 0.5 && abs(s[0].intervalScore80! - 17) < 1e-12)
        #expect(s[0].coverage95 == nil && s[0].intervalScore95 == nil)
    }

    @Test func naiveScaleNeedsTwoRowsAndAChange() {
        #expect(throws: ForecastingError.self) { try NaiveScale.scales([[1, 2]], through: 0) }
        #expect(throws: ForecastingError.zeroScale(rows: 3)) { try NaiveScale.scales([[1], [1], [1]], through: 2) }
    }
}
