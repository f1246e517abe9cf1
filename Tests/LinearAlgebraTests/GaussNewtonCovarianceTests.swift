import Foundation
import LinearAlgebra
import Testing

@Suite("Gauss–Newton covariance")
struct GaussNewtonCovarianceTests {
    /// y = b₀ + b₁x: se(b₁) = σ/√Sxx and se(b₀) = σ·√(1/n + x̄²/Sxx), the textbook formulas.
    @Test("a straight line: the standard errors of intercept and slope are the closed-form ones, whatever the columns' units")
    func straightLine() {
        let x = [0.3, 1.1, 2.0, 2.4, 3.9, 5.5, 6.1, 7.7]
        let n = Double(x.count), mean = x.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sigma2 = 0.37
        for unit in [1.0, 1e-6, 1e6] {   // the slope's column scaled: its se scales inversely, the rank decision does not change
            let j = Matrix(rows: x.count, columns: 2) { i, c in c == 0 ? 1 : x[i] * unit }
            let se = GaussNewtonCovariance.standardErrors(jacobian: j, residualVariance: sigma2)
            let slope = try! #require(se[1]), intercept = try! #require(se[0])
            #expect(abs(slope * unit - (sigma2 / sxx).squareRoot()) < 1e-12 * (sigma2 / sxx).squareRoot())
            let expected = (sigma2 * (1 / n + mean * mean / sxx)).squareRoot()
            #expect(abs(intercept - expected) < 1e-12 * expected)
        }
    }

    @Test("a column that repeats a combination of the others, or is zero, is not identified; the others keep their errors")
    func dependentColumns() {
        let x = [0.0, 1, 2, 3, 4, 5]
        let combination = Matrix(rows: 6, columns: 3) { i, c in [1, x[i], 2 - 3 * x[i]][c] }
        let se = GaussNewtonCovariance.standardErrors(jacobian: combination, residualVariance: 1)
        #expect(se.compactMap { $0 }.count == 2)
        let zero = Matrix(rows: 6, columns: 2) { i, c in c == 0 ? x[i] : 0 }
        let z = GaussNewtonCovariance.standardErrors(jacobian: zero, residualVariance: 4)
        #expect(z[1] == nil)
        #expect(abs(z[0]! - (4 / x.reduce(0) { $0 + $1 * $1 }).squareRoot()) < 1e-14)
    }

    @Test("Student's 0.975 quantile: published values to 10⁻⁴")
    func studentQuantile() {
        for (nu, t) in [(5.0, 2.5706), (10, 2.2281), (30, 2.0423), (120, 1.9799)] {
            #expect(abs(StudentT(degreesOfFreedom: nu).quantile(0.975) - t) < 1e-4, "ν = \(nu)")
        }
    }
}
