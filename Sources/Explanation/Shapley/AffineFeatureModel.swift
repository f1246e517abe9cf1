import LinearAlgebra

/// The plain affine model f(x) = β₀ + Σⱼ βⱼ xⱼ as a `LinearFeatureModel`; rows are evaluated in
/// a batch through BLAS gemv.
public struct AffineFeatureModel: LinearFeatureModel, Sendable, Codable, Equatable {
    public let intercept: Double
    public let coefficients: [Double]

    public init(intercept: Double, coefficients: [Double]) {
        self.intercept = intercept
        self.coefficients = coefficients
    }

    public var featureCount: Int { coefficients.count }

    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == featureCount, "AffineFeatureModel: row has \(row.count) features, expected \(featureCount)")
        return intercept + BLAS.dot(coefficients, row)
    }

    public func predict(rows: Matrix) -> [Double] {
        precondition(rows.columns == featureCount, "AffineFeatureModel: rows have \(rows.columns) features, expected \(featureCount)")
        var y = [Double](repeating: intercept, count: rows.rows)
        BLAS.gemv(rows, coefficients, into: &y, beta: 1)
        return y
    }
}
