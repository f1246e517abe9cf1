import Explanation
import Foundation
import LinearAlgebra
import Testing

@Suite struct ValidationTests {
    @Test func pureNoiseIsNotSignificant() throws {
        var rng = SeededGenerator(seed: 21)
        let n = 120
        let x = Matrix(rows: n, columns: 3) { _, _ in rng.nextGaussian() }
        let y = (0..<n).map { _ in rng.nextGaussian() }
        let v = try RegressionValidation.run(x: x, y: y, options: SplitValidationOptions(splits: 200, permutations: 199, seed: 1))
        let p = try #require(v.permutationPValue)
        #expect(p > 0.05, "p = \(p)")
        #expect(v.meanTestR2 < 0.05)
        #expect(v.testR2.count == 200 && v.trainSize == 96 && v.testSize == 24)
    }

    /// y = x₁ + ½x₂ + ε, x ~ N(0, I), ε ~ N(0, 1): population R² = 1.25/2.25. The mean test R²
    /// over 200 splits must lie within 2 standard errors of it, SE = √(4ρ²(1−ρ²)²/n) (the
    /// asymptotic standard error of a sample R²); and the permutation test must reject.
    @Test func knownSignalRecoversThePopulationR2() throws {
        var rng = SeededGenerator(seed: 99)
        let n = 2000
        let x = Matrix(rows: n, columns: 2) { _, _ in rng.nextGaussian() }
        let y = (0..<n).map { x[$0, 0] + 0.5 * x[$0, 1] + rng.nextGaussian() }
        let v = try RegressionValidation.run(x: x, y: y, options: SplitValidationOptions(permutations: 99, seed: 4))
        let rho2 = 1.25 / 2.25
        let se = (4 * rho2 * (1 - rho2) * (1 - rho2) / Double(n)).squareRoot()
        #expect(abs(v.meanTestR2 - rho2) < 2 * se, "mean test R² \(v.meanTestR2), population \(rho2), SE \(se)")
        #expect(v.lowerTestR2 < v.medianTestR2 && v.medianTestR2 < v.upperTestR2)
        #expect(v.permutationsAtLeastObserved == 0)
        #expect(v.permutationPValue == 1.0 / 100)
    }

    @Test func sameSeedSameResultOtherSeedOtherSplits() throws {
        var rng = SeededGenerator(seed: 2)
        let x = Matrix(rows: 50, columns: 2) { _, _ in rng.nextGaussian() }
        let y = (0..<50).map { x[$0, 0] + rng.nextGaussian() }
        let a = try RegressionValidation.run(x: x, y: y, options: SplitValidationOptions(splits: 20, permutations: 10, seed: 8))
        let b = try RegressionValidation.run(x: x, y: y, options: SplitValidationOptions(splits: 20, permutations: 10, seed: 8))
        let c = try RegressionValidation.run(x: x, y: y, options: SplitValidationOptions(splits: 20, permutations: 10, seed: 9))
        #expect(a == b)
        #expect(a.testR2 != c.testR2)
    }

    @Test func percentilesInterpolateLinearly() {
        let s = (0...10).map(Double.init)
        #expect(RegressionValidation.percentile(s, 0.5) == 5)
        #expect(abs(RegressionValidation.percentile(s, 0.025) - 0.25) < 1e-15)
        #expect(abs(RegressionValidation.percentile(s, 0.975) - 9.75) < 1e-15)
    }

    @Test func tooFewRowsForTheSplitIsAnError() {
        let x = Matrix(rows: 5, columns: 3) { i, j in Double(i * j) }
        #expect(throws: RegressionError.self) {
            try RegressionValidation.run(x: x, y: [1, 2, 3, 4, 5], options: SplitValidationOptions(seed: 1))
        }
    }
}
