import Autodiff
import LinearAlgebra
import PhysicsInformed

/// A fitted force of features (SPEC §4.2) as a `FeatureModel` of d + 1 inputs: the settlement's d
/// standardized, lagged feature inputs z and its settlement effect b,
///
///     f(z, b) = s_F·(g_φ(z) + b),
///
/// so that Shapley values split each Fᵢ(t) between the features and the settlement's own level.
public struct ForceFeatureModel: FeatureModel, Sendable {
    public let network: MLP
    public let parameters: [Double]
    /// s_F, the force scale of the fit's normalization.
    public let scale: Double

    /// Throws `ShapleyError.networkOutputCount` unless g has one output.
    public init(network: MLP, parameters: [Double], scale: Double) throws {
        guard network.layerSizes.last == 1 else {
            throw ShapleyError.networkOutputCount(expected: 1, got: network.layerSizes.last ?? 0)
        }
        guard parameters.count == network.parameterCount else {
            throw ShapleyError.networkParameterCount(expected: network.parameterCount, got: parameters.count)
        }
        self.network = network; self.parameters = parameters; self.scale = scale
    }

    /// The force model of a fit with a force of features; nil for a time-only force.
    public init?(_ fitted: FittedModel) throws {
        guard fitted.isForecastable else { return nil }
        try self.init(network: fitted.forceNetwork, parameters: fitted.forceWeights, scale: fitted.normalization.forceScale)
    }

    public var featureCount: Int { network.layerSizes[0] + 1 }

    public func predict(_ row: [Double]) -> Double {
        predict(rows: Matrix(rows: 1, columns: featureCount, storage: row))[0]
    }

    public func predict(rows: Matrix) -> [Double] {
        precondition(rows.columns == featureCount, "ForceFeatureModel: rows have \(rows.columns) inputs, expected \(featureCount)")
        guard rows.rows > 0 else { return [] }
        let d = featureCount - 1
        var z = [Double](), b = [Double]()
        z.reserveCapacity(rows.rows * d); b.reserveCapacity(rows.rows)
        for r in 0..<rows.rows {
            let start = r * featureCount
            z.append(contentsOf: rows.storage[start..<(start + d)])
            b.append(rows.storage[start + d])
        }
        let g = network.evaluate(Tensor(rows: rows.rows, cols: d, values: z), parameters: parameters).values
        return (0..<rows.rows).map { scale * (g[$0] + b[$0]) }
    }
}
