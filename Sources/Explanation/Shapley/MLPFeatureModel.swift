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
        return network.evaluate(Tensor(rows: rows.rows, cols: rows.columns, values: rows.storage), parameters: parameters).values
    }
}
