import Autodiff
import Foundation

/// Everything an independent implementation needs to evaluate the same PINN loss as
/// `PINNLoss.record` (SPEC §4.3): the constant tensors in network units, the normalization
/// scales, the layer sizes, the loss weights and a parameter vector θ. `make bench` writes it for
/// the PyTorch peer, which must reproduce the loss value and gradient before it is timed.
public struct PINNLossDescription: Sendable, Codable {
    public var solutionLayers: [Int]
    public var forceLayers: [Int]
    public var activation: Activation
    /// Order of the physical parameters in θ's tail (their logarithms).
    public var physicalOrder: [String]
    public var learned: [String]
    /// The value of every physical parameter (used for those not learned).
    public var physicalValues: [Double]
    public var weights: LossWeights
    public var sigma: Double
    public var timeScale: Double
    public var forceScale: Double
    public var tauObservations: Tensor
    public var targetObservations: Tensor
    public var tauCollocation: Tensor
    public var targetInterpolation: Tensor
    public var logDistanceKernel: Tensor
    public var offDiagonal: Tensor
    public var similarity: Tensor
    public var immobility: Tensor
    public var means: Tensor
    public var theta: [Double]
}

extension PINNLoss {
    /// The loss's constants and θ, for re-implementations (see `PINNLossDescription`); for the
    /// dense layout only (the description carries n×n tensors).
    public func description(theta: [Double]) throws -> PINNLossDescription {
        guard case let .dense(logDistanceKernel, offDiagonal, similarity) = coupling else {
            throw PhysicsInformedError.invalidConfiguration(key: "dense_limit", value: "\(problem.parameters.denseLimit)",
                expected: "a dense coupling (n ≤ dense_limit) for a loss description; this fit has \(problem.coupling.layout)")
        }
        let p = problem.parameters
        return PINNLossDescription(
            solutionLayers: solutionNetwork.layerSizes, forceLayers: forceNetwork.layerSizes,
            activation: configuration.activation,
            physicalOrder: PhysicalParameter.allCases.map(\.rawValue), learned: configuration.learned.map(\.rawValue),
            physicalValues: PhysicalParameter.allCases.map { $0.value(in: p) },
            weights: configuration.weights, sigma: normalization.scale, timeScale: normalization.timeScale,
            forceScale: normalization.forceScale, tauObservations: tauObservations, targetObservations: targetObservations,
            tauCollocation: tauCollocation, targetInterpolation: targetInterpolation, logDistanceKernel: logDistanceKernel,
            offDiagonal: offDiagonal, similarity: similarity, immobility: immobility, means: means, theta: theta)
    }
}
