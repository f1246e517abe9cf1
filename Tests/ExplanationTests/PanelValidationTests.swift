import Explanation
import LinearAlgebra
import Testing

/// The validation protocols side by side (SPEC §5): on a panel where the features drive the target
/// every protocol agrees; where they do not (features permuted across settlements) random splits
/// still score high through the settlement effects while held-out settlements expose the leak.
@Suite struct PanelValidationTests {
    /// 30 settlements × 12 periods; x = μᵢ + 0.4·εᵢₜ (strong between-settlement spread), y = 2x + 0.1·noise.
    static func panel(seed: UInt64) -> (x: [[Double]], y: [Double], settlements: [String], periods: [String], order: [String]) {
        var rng = SeededGenerator(seed: seed)
        let order = (2001...2012).map(String.init)
        var x: [[Double]] = [], y: [Double] = [], s: [String] = [], p: [String] = []
        for i in 0..<30 {
            let mu = rng.nextGaussian(), level2 = rng.nextGaussian()
            for t in order {
                let a = mu + 0.4 * rng.nextGaussian(), b = level2 + 0.4 * rng.nextGaussian()
                x.append([a, b]); y.append(2 * a - b + 0.1 * rng.nextGaussian())
                s.append("s\(i)"); p.append(t)
            }
        }
        return (x, y, s, p, order)
    }

    static func options(_ effects: PanelEffects) -> PanelValidationOptions {
        PanelValidationOptions(splits: 40, trainFraction: 0.8, seed: 9, effects: effects)
    }

    @Test func featuresThatDriveTheTargetHoldUpOnHeldOutSettlements() throws {
        let d = Self.panel(seed: 1)
        let v = try PanelValidation.run(x: Matrix(d.x), y: d.y, settlements: d.settlements, periods: d.periods,
                                        periodOrder: d.order, options: Self.options(PanelEffects(settlement: true, period: false)))
        let held = try #require(v.score(.heldOutSettlements, model: PanelValidation.featuresModel))
        #expect(held.meanTestR2 >= 0.8, "held-out settlements R² \(held.meanTestR2)")
        #expect(held.splits == 40)
        let blocked = try #require(v.score(.heldOutPeriods, model: PanelValidation.featuresModel))
        #expect(blocked.meanTestR2 >= 0.8)
        #expect(blocked.splits == 2)   // 12 periods, test share 0.2: the last 1 and the last 2 held out
        // The pooled regression (no fixed effects) carries over just as well.
        let pooled = try PanelValidation.run(x: Matrix(d.x), y: d.y, settlements: d.settlements, periods: d.periods,
                                             periodOrder: d.order, options: Self.options(.none))
        #expect(try #require(pooled.score(.heldOutSettlements, model: PanelValidation.featuresModel)).meanTestR2 >= 0.8)
        // Features explain nearly all the within variation.
        #expect(v.inSample.partialR2OfFeatures > 0.9)
        #expect(abs(v.inSample.withinR2 - v.inSample.partialR2OfFeatures) < 1e-9)
    }

    @Test func featuresPermutedAcrossSettlementsAreCaughtByHeldOutSettlements() throws {
        let d = Self.panel(seed: 2)
        // Settlement i gets the feature rows of settlement π(i): the target keeps its own settlement levels.
        var rng = SeededGenerator(seed: 77)
        var perm = Array(0..<30)
        for i in stride(from: 29, through: 1, by: -1) { perm.swapAt(i, Int(rng.nextUniform() * Double(i + 1)) % (i + 1)) }
        if perm == Array(0..<30) { perm.reverse() }
        var x = d.x
        for i in 0..<30 { for t in 0..<12 { x[i * 12 + t] = d.x[perm[i] * 12 + t] } }
        let v = try PanelValidation.run(x: Matrix(x), y: d.y, settlements: d.settlements, periods: d.periods,
                                        periodOrder: d.order, options: Self.options(PanelEffects(settlement: true, period: false)))
        let random = try #require(v.score(.randomRows, model: PanelValidation.featuresModel))
        let held = try #require(v.score(.heldOutSettlements, model: PanelValidation.featuresModel))
        #expect(random.meanTestR2 >= 0.8, "random-split R² \(random.meanTestR2)")
        #expect(held.meanTestR2 <= 0.05, "held-out settlements R² \(held.meanTestR2)")
        // The fixed-effects baseline explains the random splits just as well: the features add nothing.
        let baseline = try #require(v.score(.randomRows, model: PanelValidation.baselineModel))
        #expect(baseline.meanTestR2 >= 0.8)
        #expect(v.inSample.partialR2OfFeatures < 0.1)
    }

    @Test func badInputsAreNamed() {
        #expect(throws: RegressionError.invalidParameter(name: "splits", value: 0, expected: "at least 1 split")) {
            try PanelValidation.run(x: Matrix([[1], [2], [3]]), y: [1, 2, 4], settlements: ["a", "a", "b"], periods: ["1", "2", "1"],
                                    periodOrder: ["1", "2"], options: PanelValidationOptions(splits: 0, seed: 1))
        }
        #expect(throws: RegressionError.dimensionMismatch("period '3' is not in the period order")) {
            try PanelValidation.run(x: Matrix([[1], [2], [3]]), y: [1, 2, 4], settlements: ["a", "a", "b"], periods: ["1", "2", "3"],
                                    periodOrder: ["1", "2"], options: PanelValidationOptions(seed: 1))
        }
    }
}
