import Explanation
import Foundation
import LinearAlgebra
import Testing

/// SPEC §5 accuracy bar: the eleven NIST StRD linear-regression data sets to at least 7 correct
/// significant digits (log relative error, LRE) in every coefficient and standard error, with and
/// without standardization; Wampler5's coefficients to at least 6.
@Suite struct NISTRegressionTests {
    /// LRE = −log₁₀(|x − c| / |c|), or −log₁₀|x − c| when the certified value c is 0; capped at 15.
    static func lre(_ x: Double, _ c: Double) -> Double {
        let error = c == 0 ? abs(x) : abs(x - c) / abs(c)
        return error == 0 ? 15 : min(15, -log10(error))
    }

    static func fit(_ set: NISTDataset, standardize: Bool) throws -> RegressionModel {
        let n = set.y.count
        let x: Matrix
        if let degree = set.degree {
            x = Matrix(rows: n, columns: degree) { i, j in (0...j).reduce(1.0) { a, _ in a * set.x[i][0] } }
        } else {
            x = Matrix(rows: n, columns: set.x[0].count) { i, j in set.x[i][j] }
        }
        return try LinearRegression.fit(x: x, y: set.y,
                                        options: RegressionOptions(standardize: standardize, intercept: set.intercept))
    }

    @Test(arguments: NIST.all.map(\.name), [true, false])
    func certifiedDigits(name: String, standardize: Bool) throws {
        let set = try #require(NIST.all.first { $0.name == name })
        let model = try Self.fit(set, standardize: standardize)
        let estimateDigits = set.name == "Wampler5" ? 6.0 : 7.0
        #expect(model.table.count == set.estimates.count)
        #expect(model.summary.rank == set.estimates.count, "\(name): rank \(model.summary.rank), warnings \(model.summary.warnings)")
        for (j, row) in model.table.enumerated() {
            #expect(!row.aliased, "\(name) \(row.name) aliased")
            let se = row.standardError ?? .nan
            let lb = Self.lre(row.estimate, set.estimates[j]), ls = Self.lre(se, set.standardErrors[j])
            #expect(lb >= estimateDigits, "\(name) standardize=\(standardize) \(row.name): \(row.estimate) vs \(set.estimates[j]), LRE \(lb)")
            #expect(ls >= 7, "\(name) standardize=\(standardize) se \(row.name): \(se) vs \(set.standardErrors[j]), LRE \(ls)")
        }
        #expect(Self.lre(model.summary.residualStandardError, set.residualStandardDeviation) >= 7,
                "\(name) residual SD \(model.summary.residualStandardError)")
        #expect(Self.lre(model.summary.rSquared, set.rSquared) >= 7, "\(name) R² \(model.summary.rSquared)")
        #expect(model.summary.conditionNumber.isFinite && model.summary.scaledConditionNumber.isFinite,
                "\(name): κ \(model.summary.conditionNumber), scaled \(model.summary.scaledConditionNumber)")
    }
}
