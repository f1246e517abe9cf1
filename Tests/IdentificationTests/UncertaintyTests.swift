import Foundation
import Identification
import LinearAlgebra
import MigrationModel
import Testing

/// Intervals of identified parameters on the synthetic system with known parameters: noise of
/// known size on the balances, the least-squares optimum found from the truth, then the Wald
/// intervals; and a parameter the data cannot see (β with constant similarity series) flagged.
@Suite struct UncertaintyTests {
    static let identified: [IdentifiedParameter] = [.alpha, .delta, .damping]

    @Test func trueValuesLieInsideTheirIntervalsInAtLeastNinetyPercentOfSeeds() throws {
        let clean = try SyntheticMigration.makeCase(years: 8).simulate(SyntheticMigration.truth).balances
        let truth = SyntheticMigration.truth
        var inside = [Int](repeating: 0, count: Self.identified.count)
        var widths: [[Double]] = []
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed)
            let noisy = clean.map { row in row.map { $0 + 0.3 * rng.nextGaussian() } }
            let data = try SyntheticMigration.makeCase(years: 8, observed: noisy)
            let space = try ParameterSpace(Self.identified.map { ParameterRange(default: $0) }, base: truth)
            let objective = TheilObjective(data: data, space: space)
            let start = try #require(space.point(of: truth))
            let optimum = ParameterUncertainty.refine(objective, from: start)
            let u = ParameterUncertainty.estimate(objective, at: optimum)
            for (j, p) in Self.identified.enumerated() {
                let v = try #require(p.value(in: truth))
                let interval = u.intervals[j]
                #expect(interval.identified && !interval.atLowerBound && !interval.atUpperBound)
                if interval.lower <= v && v <= interval.upper { inside[j] += 1 }
            }
            widths.append(u.intervals.map { $0.upper / $0.lower })
        }
        print("coverage of the 95% intervals over 20 seeds (alpha, delta, damping): \(inside); "
              + "median upper/lower \(Self.identified.indices.map { j in widths.map { $0[j] }.sorted()[10] })")
        for (j, count) in inside.enumerated() { #expect(count >= 18, "\(Self.identified[j]): \(count) of 20") }
    }

    @Test func betaWithConstantSimilarityIsFlaggedAsNotIdentified() throws {
        let truth = SyntheticMigration.truth
        let t = SyntheticMigration.times(years: 6)
        let constant: [[Double?]] = (0..<5).map { _ in [Double?](repeating: 1, count: 24) }
        func makeCase(_ observed: [[Double]]) throws -> IdentificationCase {
            try IdentificationCase(settlements: SyntheticMigration.settlements, ages: SyntheticMigration.ages, similaritySeries: constant,
                                   base: truth, times: t, observed: observed, initialBalance: SyntheticMigration.initialBalance,
                                   initialVelocity: SyntheticMigration.initialVelocity, forcing: SyntheticMigration.forcing,
                                   solver: .dp5, rtol: 1e-7, atol: 1e-9)
        }
        let clean = try makeCase(t.map { _ in [Double](repeating: 0, count: 5) }).simulate(truth).balances
        var rng = SeededGenerator(seed: 3)
        let data = try makeCase(clean.map { row in row.map { $0 + 0.3 * rng.nextGaussian() } })
        let space = try ParameterSpace([.alpha, .beta, .delta].map { ParameterRange(default: $0) }, base: truth)
        let u = ParameterUncertainty.estimate(TheilObjective(data: data, space: space), at: try #require(space.point(of: truth)))
        #expect(u.intervals.map(\.identified) == [true, false, true])
        #expect(u.intervals[1].lower == 1e-3 && u.intervals[1].upper == 10)
        #expect(u.warnings.contains { $0.hasPrefix("beta is not identified") })
    }

    @Test func aParameterOnItsBoundIsFlagged() throws {
        let data = try SyntheticMigration.observedCase(years: 4)
        let space = try ParameterSpace([ParameterRange(.alpha, lower: 0.6, upper: 5, scale: .log), ParameterRange(default: .damping)],
                                       base: SyntheticMigration.truth)
        let u = ParameterUncertainty.estimate(TheilObjective(data: data, space: space), at: [log(0.6), log(0.7)])
        #expect(u.intervals[0].atLowerBound && !u.intervals[0].atUpperBound)
        #expect(!u.intervals[1].atLowerBound && !u.intervals[1].atUpperBound)
        #expect(u.warnings.contains { $0.hasPrefix("alpha = 0.6 lies within 1% of its lower bound") })
    }
}
