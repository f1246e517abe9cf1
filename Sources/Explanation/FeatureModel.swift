import LinearAlgebra

/// A model that maps one row of features to a number (SPEC §5): what Shapley values explain and
/// what turns a scenario's feature changes into force changes. Regression models and small MLPs
/// conform; so can any closure (`ClosureFeatureModel`).
public protocol FeatureModel: Sendable {
    /// The number of features a row must have.
    var featureCount: Int { get }
    /// f(x) for one row of `featureCount` values.
    func predict(_ row: [Double]) -> Double
    /// f(x) for each row of `rows` (rows × featureCount, row-major). The default calls
    /// `predict(_:)` row by row; models with a batched form (BLAS) override it.
    func predict(rows: Matrix) -> [Double]
}

extension FeatureModel {
    public func predict(rows: Matrix) -> [Double] {
        precondition(rows.columns == featureCount, "rows have \(rows.columns) features, the model \(featureCount)")
        return (0..<rows.rows).map { predict(rows.row($0)) }
    }
}

/// Any function of a feature row as a `FeatureModel`.
public struct ClosureFeatureModel: FeatureModel {
    public let featureCount: Int
    let function: @Sendable ([Double]) -> Double

    public init(featureCount: Int, _ function: @escaping @Sendable ([Double]) -> Double) {
        self.featureCount = featureCount
        self.function = function
    }

    public func predict(_ row: [Double]) -> Double { function(row) }
}
