import Explanation
import Foundation
import LinearAlgebra
import Testing

@Suite struct RegressionTests {
    @Test func longleyMatchesTheCertifiedValuesToNineDigits() throws {
        let model = try LinearRegression.fit(x: Longley.x, y: Longley.y)
        for j in 0..<7 {
            let row = model.table[j]
            let se = try #require(row.standardError)
            #expect(correctDigits(row.estimate, Longley.coefficients[j]) >= 9, "b\(j) = \(row.estimate)")
            #expect(correctDigits(se, Longley.standardErrors[j]) >= 9, "se\(j) = \(se)")
        }
        #expect(correctDigits(model.intercept, Longley.coefficients[0]) >= 9)
        #expect(correctDigits(model.summary.residualStandardError, Longley.residualStandardDeviation) >= 9)
        #expect(correctDigits(model.summary.rSquared, Longley.rSquared) >= 9)
        #expect(model.summary.rank == 7)
        #expect(model.summary.residualDegreesOfFreedom == 9)
        // Longley is the textbook collinear design: the warning must fire.
        #expect(model.summary.scaledConditionNumber > 30)
        #expect(model.summary.warnings.contains { $0.contains("condition number") })
    }

    @Test func longleyWithoutStandardizationStillMeetsSevenDigits() throws {
        let model = try LinearRegression.fit(x: Longley.x, y: Longley.y, options: RegressionOptions(standardize: false))
        for j in 0..<7 {
            #expect(correctDigits(model.table[j].estimate, Longley.coefficients[j]) >= 7, "b\(j)")
            #expect(correctDigits(model.table[j].standardError!, Longley.standardErrors[j]) >= 7, "se\(j)")
        }
    }

    /// NIST StRD Wampler 1: y = 1 + x + x² + x³ + x⁴ + x⁵, x = 0…20; certified bⱼ = 1, residual SD 0.
    @Test func wampler1GivesUnitCoefficients() throws {
        let xs = (0...20).map(Double.init)
        let x = Matrix(rows: 21, columns: 5) { i, j in pow(xs[i], Double(j + 1)) }
        let y = xs.map { 1 + $0 + $0 * $0 + pow($0, 3) + pow($0, 4) + pow($0, 5) }
        let model = try LinearRegression.fit(x: x, y: y)
        #expect(correctDigits(model.intercept, 1) >= 7)
        for b in model.coefficients { #expect(correctDigits(b, 1) >= 7, "\(model.coefficients)") }
        #expect(model.summary.residualStandardError < 1e-6 * y.max()!)
    }

    @Test func summaryStatisticsFollowTheirFormulas() throws {
        var rng = SeededGenerator(seed: 7)
        let n = 60
        let x = Matrix(rows: n, columns: 3) { _, _ in rng.nextGaussian() }
        let y = (0..<n).map { 2 + 0.5 * x[$0, 0] - 1.5 * x[$0, 2] + 0.8 * rng.nextGaussian() }
        let m = try LinearRegression.fit(x: x, y: y)
        let s = m.summary
        #expect(s.residualDegreesOfFreedom == Double(n - 4))
        #expect(abs(s.adjustedRSquared - (1 - (1 - s.rSquared) * Double(n - 1) / Double(n - 4))) < 1e-14)
        let f = (s.rSquared / 3) / ((1 - s.rSquared) / Double(n - 4))
        #expect(abs(s.fStatistic! - f) < 1e-9 * f)
        #expect(abs(s.fPValue! - FisherF(numeratorDegrees: 3, denominatorDegrees: Double(n - 4)).survival(f)) < 1e-15)
        for row in m.table.dropFirst() {
            #expect(abs(row.tValue! - row.estimate / row.standardError!) < 1e-12 * abs(row.tValue!))
            #expect(abs(row.pValue! - 2 * StudentT(degreesOfFreedom: Double(n - 4)).survival(abs(row.tValue!))) < 1e-12)
        }
        #expect(m.table[2].pValue! > 0.01)      // x2 has no effect
        #expect(m.table[3].pValue! < 1e-10)     // x3 does
    }

    @Test func batchPredictionEqualsRowPrediction() throws {
        let model = try LinearRegression.fit(x: Longley.x, y: Longley.y)
        let batch = model.predict(rows: Longley.x)
        for i in 0..<16 {
            let single = model.predict(Longley.x.row(i))
            #expect(abs(batch[i] - single) <= 1e-9 * abs(single))
        }
        // Raw-unit coefficients reproduce the fitted values: residuals sum to zero with an intercept.
        let residualSum = zip(Longley.y, batch).reduce(0) { $0 + $1.0 - $1.1 }
        #expect(abs(residualSum) < 1e-6)
    }

    @Test func rankDeficientDesignAliasesTheDependentColumn() throws {
        var rng = SeededGenerator(seed: 3)
        let n = 40
        let base = Matrix(rows: n, columns: 2) { _, _ in rng.nextGaussian() }
        // Third column = first + second: exactly dependent.
        let x = Matrix(rows: n, columns: 3) { i, j in j < 2 ? base[i, j] : base[i, 0] + base[i, 1] }
        let y = (0..<n).map { 1 + 2 * base[$0, 0] - base[$0, 1] + 0.1 * rng.nextGaussian() }
        let m = try LinearRegression.fit(x: x, y: y)
        #expect(m.summary.rank == 3)
        #expect(m.table.filter(\.aliased).count == 1)
        #expect(m.summary.warnings.contains { $0.contains("rank deficient") })
        #expect(m.summary.residualDegreesOfFreedom == Double(n - 3))
        // Predictions equal those of the full-rank fit on the two independent columns.
        let reduced = try LinearRegression.fit(x: base, y: y)
        let a = m.predict(rows: x), b = reduced.predict(rows: base)
        for i in 0..<n { #expect(abs(a[i] - b[i]) < 1e-9) }
    }

    /// WLS with integer weights equals OLS on rows repeated that many times (coefficients; the
    /// degrees of freedom differ, so only the estimates are compared).
    @Test func weightedLeastSquaresEqualsReplicatedRows() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 25
        let x = Matrix(rows: n, columns: 2) { _, _ in rng.nextGaussian() }
        let y = (0..<n).map { 0.3 + x[$0, 0] - 2 * x[$0, 1] + rng.nextGaussian() }
        let w = (0..<n).map { Double(1 + $0 % 3) }
        let wls = try LinearRegression.fit(x: x, y: y, options: RegressionOptions(weights: w))
        var rows: [[Double]] = [], ys: [Double] = []
        for i in 0..<n { for _ in 0..<Int(w[i]) { rows.append(x.row(i)); ys.append(y[i]) } }
        let ols = try LinearRegression.fit(x: Matrix(rows), y: ys)
        #expect(abs(wls.intercept - ols.intercept) < 1e-12)
        for j in 0..<2 { #expect(abs(wls.coefficients[j] - ols.coefficients[j]) < 1e-12) }
        #expect(abs(wls.summary.rSquared - ols.summary.rSquared) < 1e-12)
    }

    /// Ridge equals the closed form β = (ZᵀZ + λI)⁻¹Zᵀ(y − ȳ) on centred standardized features.
    @Test func ridgeMatchesItsClosedForm() throws {
        var rng = SeededGenerator(seed: 5)
        let n = 50, p = 3, lambda = 4.0
        let x = Matrix(rows: n, columns: p) { _, j in Double(j + 1) * rng.nextGaussian() + Double(j) }
        let y = (0..<n).map { 1 + x[$0, 0] + 0.5 * x[$0, 1] + rng.nextGaussian() }
        let model = try LinearRegression.fit(x: x, y: y, options: RegressionOptions(method: .ridge(lambda: lambda)))
        let z = model.standardization.apply(x)
        var a = z.transposed * z
        for j in 0..<p { a[j, j] += lambda }
        let ybar = y.reduce(0, +) / Double(n)
        let rhs = z.transposed * y.map { $0 - ybar }
        let beta = try LAPACK.solveSPD(a, Matrix(rows: p, columns: 1, storage: rhs)).storage
        for j in 0..<p { #expect(abs(model.standardizedCoefficients[j] - beta[j]) < 1e-12 * max(1, abs(beta[j]))) }
        #expect(abs(model.standardizedIntercept - ybar) < 1e-12 * abs(ybar))
        // Shrinkage: smaller coefficient norm than OLS, effective df below p + 1.
        let ols = try LinearRegression.fit(x: x, y: y)
        #expect(BLAS.nrm2(model.standardizedCoefficients) < BLAS.nrm2(ols.standardizedCoefficients))
        #expect(model.summary.modelDegreesOfFreedom < Double(p))
    }

    @Test func badInputsNameTheProblem() {
        #expect(throws: RegressionError.dimensionMismatch("X has 2 rows, y has 3 values")) {
            try LinearRegression.fit(x: Matrix([[1], [2]]), y: [1, 2, 3])
        }
        #expect(throws: RegressionError.nonFinite(what: "feature x1", row: 1, column: 0)) {
            try LinearRegression.fit(x: Matrix([[1], [.nan], [3]]), y: [1, 2, 3])
        }
        #expect(throws: RegressionError.invalidParameter(name: "lambda", value: -1, expected: "a finite λ ≥ 0")) {
            try LinearRegression.fit(x: Matrix([[1], [2], [3]]), y: [1, 2, 3], options: RegressionOptions(method: .ridge(lambda: -1)))
        }
        #expect(throws: RegressionError.invalidParameter(name: "weights[2]", value: 0, expected: "a finite weight > 0")) {
            try LinearRegression.fit(x: Matrix([[1], [2], [3]]), y: [1, 2, 3], options: RegressionOptions(weights: [1, 0, 1]))
        }
    }
}
