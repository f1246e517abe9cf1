import Autodiff
import Foundation
import LinearAlgebra
import MigrationModel
import Testing
@testable import PhysicsInformed

/// The sparse (k-nearest-neighbour) coupling of the fit: the same loss as the dense one when every
/// pair is a neighbour, exact gradients, the simulator's own pattern, and rejected bad pairs.
@Suite("PINN loss, sparse coupling")
struct SparseCouplingTests {
    static let n = 7

    static func settlements() -> [Settlement] {
        var rng = SeededGenerator(seed: 41)
        return (0..<n).map { i in
            Settlement(id: "s\(i)", latitude: 35 + 3 * rng.nextUniform(), longitude: 126 + 3 * rng.nextUniform(),
                       population: 1e5 * (1 + rng.nextUniform()))
        }
    }

    /// Random-walk balances at 9 yearly times (correlated, so that S has positive entries).
    static func observations() -> [[Double]] {
        var rng = SeededGenerator(seed: 42)
        var q = (0..<n).map { _ in rng.nextGaussian() }
        return (0..<9).map { _ in
            let common = rng.nextGaussian()
            for i in 0..<n { q[i] += common + 0.5 * rng.nextGaussian() }
            return q
        }
    }

    static func loss(denseLimit: Int, neighbours: Int) throws -> PINNLoss {
        var p = ModelParameters(alpha: 0.6, distanceScale: 100, gamma: 1.5, beta: 0.4, delta: 0.5, damping: 0.7, inertia: 1)
        p.denseLimit = denseLimit
        p.neighbours = neighbours
        let problem = try PINNProblem.make(settlements: settlements(), ages: nil, times: (0..<9).map { 2000 + Double($0) },
                                           observations: observations(), parameters: p)
        let configuration = PINNConfiguration(solutionHidden: [6], forceHidden: [4], collocationPerInterval: 2,
                                              weights: LossWeights(data: 1, physics: 0.7, interpolation: 0.3, forceSmoothness: 0.05, weightDecay: 1e-3),
                                              learned: PhysicalParameter.allCases, seed: 5)
        return try PINNLoss(problem: problem, configuration: configuration)
    }

    static func movedTheta(_ loss: PINNLoss) -> [Double] {
        var theta = loss.initialParameters()
        var rng = SeededGenerator(seed: 11)
        for k in theta.indices { theta[k] += 0.1 * rng.nextGaussian() }
        return theta
    }

    @Test("with k = n − 1 the sparse loss is the dense one: value and gradient to 1e-12")
    func allPairsAgree() throws {
        let dense = try Self.loss(denseLimit: 3000, neighbours: 16)
        let sparse = try Self.loss(denseLimit: 1, neighbours: Self.n - 1)
        guard case .dense = dense.problem.coupling else { Issue.record("expected the dense layout"); return }
        guard case .sparse(let k, let pairs) = sparse.problem.coupling else { Issue.record("expected the sparse layout"); return }
        #expect(k == Self.n - 1 && pairs.count == Self.n * (Self.n - 1) / 2)
        #expect(pairs.contains { $0.similarity > 0 })
        let theta = Self.movedTheta(dense)
        let a = dense.valueAndGradient(theta), b = sparse.valueAndGradient(theta)
        #expect(abs(a.value - b.value) <= 1e-12 * abs(a.value))
        let scale = a.gradient.map(abs).max()!
        for (x, y) in zip(a.gradient, b.gradient) { #expect(abs(x - y) <= 1e-12 * scale) }
        let ra = dense.physicsResidual(theta), rb = sparse.physicsResidual(theta)
        for (x, y) in zip(ra, rb) { #expect(abs(x - y) <= 1e-12 * max(1, abs(x))) }
    }

    @Test("k = 2: the simulator's pattern, and the gradient matches central differences (rel. error < 1e-6)")
    func nearestNeighbourGradient() throws {
        let loss = try Self.loss(denseLimit: 1, neighbours: 2)
        guard case .sparse(let k, let pairs) = loss.problem.coupling else { Issue.record("expected the sparse layout"); return }
        let assembled = try ModelAssembly.build(settlements: Self.settlements(), ages: nil, similaritySeries: nil,
                                                parameters: loss.problem.parameters)
        #expect(assembled.layout == loss.problem.coupling.layout && assembled.layout == .sparse(k: k, edges: pairs.count))
        #expect(pairs.count < Self.n * (Self.n - 1) / 2)
        let theta = Self.movedTheta(loss)
        let (_, gradient) = loss.valueAndGradient(theta)
        let error = GradientCheck.maxRelativeError(x: theta, step: 1e-5, analytic: gradient) { loss.valueAndGradient($0).value }
        #expect(error < 1e-6, "max relative error \(error)")
        for k in loss.physicalOffset..<theta.count { #expect(gradient[k] != 0) }
    }

    @Test("bad coupled pairs are refused with the pair named")
    func badPairs() throws {
        let good = try Self.loss(denseLimit: 1, neighbours: 2).problem
        func problem(_ pairs: [CoupledPair], k: Int = 2) throws -> PINNProblem {
            try PINNProblem(ids: good.ids, times: good.times, observations: good.observations, coupling: .sparse(k: k, pairs: pairs),
                            mobility: good.mobility, parameters: good.parameters)
        }
        let cases: [([CoupledPair], Int, String)] = [
            ([CoupledPair(i: 0, j: 7, kilometres: 10, similarity: 0)], 2, "(0, 7)"),
            ([CoupledPair(i: 2, j: 1, kilometres: 10, similarity: 0)], 2, "(2, 1)"),
            ([CoupledPair(i: 0, j: 2, kilometres: 10, similarity: 0), CoupledPair(i: 0, j: 1, kilometres: 10, similarity: 0)], 2, "out of order"),
            ([CoupledPair(i: 0, j: 1, kilometres: -1, similarity: 0)], 2, "-1.0 km"),
            ([CoupledPair(i: 0, j: 1, kilometres: 5, similarity: .nan)], 2, "similarity nan"),
            ([], 0, "k = 0"),
        ]
        for (pairs, k, fragment) in cases {
            do {
                _ = try problem(pairs, k: k)
                Issue.record("accepted \(fragment)")
            } catch let error as PhysicsInformedError {
                #expect("\(error)".contains(fragment), "\(error)")
            }
        }
    }

    @Test("the loss description (for the PyTorch peer) is refused for a sparse fit, naming dense_limit")
    func descriptionNeedsDense() throws {
        let loss = try Self.loss(denseLimit: 1, neighbours: 2)
        #expect(throws: PhysicsInformedError.self) { try loss.description(theta: loss.initialParameters()) }
        let dense = try Self.loss(denseLimit: 3000, neighbours: 2)
        _ = try dense.description(theta: dense.initialParameters())
    }
}
