import Autodiff
import LinearAlgebra

/// A multilayer perceptron with one output and given weights as a `FeatureModel`:
/// f(x) = MLP(x; θ). Batches go through `MLP.evaluate` (dgemm per layer).
public struct MLPFeatureModel: FeatureModel, Sendable, Codable, Equatable {
    public let network: MLP
    public let parameters: [Double]

    /// Throws `ShapleyError.networkOutputCount` unless the network has exactly 1 output, and
    /// `ShapleyError.networkParameterCount` unless `parameters` fits its layer sizes.
    public init(network: MLP, parameters: [Double]) throws {
        guard network.layerSizes.last == 1 else {
            throw ShapleyError.networkOutputCount(expected: 1, got: network.layerSizes.last ?? 0)
        }
        guard parameters.count == network.parameterCount else {
            throw ShapleyError.networkParameterCount(expected: network.parameterCount, got: parameters.count)
        }
        self.network = network
        self.parameters = parameters
    }

    public var featureCount: Int { network.layerSizes[0] }

    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == featureCount, "MLPFeatureModel: row has \(row.count) features, expected \(featureCount)")
        return network.evaluate(Tensor(rows: 1, cols: featureCount, values: row), parameters: parameters).values[0]
    }

    public func predict(rows: Matrix) -> [Double] {
        precondition(rows.columns == featureCount, "MLPFeatureModel: rows have \(rows.columns) features, expected \(featureCount)")
        guard rows.rows > 0 else { return [] }
        // Blocks of `Self.blockRows` rows keep each layer's activations in cache (a Kernel SHAP batch of
        // 204,800 rows is 52 MB per 32-unit layer at once, allocated and page-faulted afresh). Rows are
        // independent, so the values agree with one whole evaluation to rounding (BLAS's order of summation).
        var out: [Double] = []
        out.reserveCapacity(rows.rows)
        let n = rows.columns
        for start in stride(from: 0, to: rows.rows, by: Self.blockRows) {
            let count = min(Self.blockRows, rows.rows - start)
            let block = Array(rows.storage[(start * n)..<((start + count) * n)])
            out += network.evaluate(Tensor(rows: count, cols: n, values: block), parameters: parameters).values
        }
        return out
    }

    /// Rows per network evaluation in `predict(rows:)`: 4,096 rows of a 32-unit layer are 1 MB.
    /// Measured when Kernel SHAP's coalition values came through here (20-32-32-1, 204,800 rows per
    /// explained row): 4,096 took 2.1 s, 1,024 2.3 s, 256 2.4 s, 8,192 3.1 s, 16,384 3.7 s, and one
    /// whole batch 3.9 s. The coalition values of a tanh network now take `MLPCoalitionValues`.
    static let blockRows = 4096
}
