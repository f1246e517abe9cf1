import Foundation
import LinearAlgebra
import Testing
@testable import MigrationModel

/// A small synthetic case: n settlements on a line of cities 0…(n−1)·80 km apart.
func lineDistances(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n) { i, j in 80 * Double(abs(i - j)) }
}

func denseAndSparseModels(n: Int, parameters p: ModelParameters) throws -> (LagrangianModel, LagrangianModel) {
    let d = lineDistances(n)
    let mobility = (0..<n).map { 0.2 + 0.6 * Double($0) / Double(n) }
    let age = AgeRestoringTerm(delta: p.delta, mobility: mobility)
    let dense = LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p))
    // k = n − 1: every other settlement is a neighbour.
    let indices = (0..<n).map { i in (0..<n).filter { $0 != i } }
    let km = (0..<n).map { i in indices[i].map { d[i, $0] } }
    let edges = CouplingBuilder.symmetricEdges(neighbourIndices: indices, neighbourKilometres: km)
    #expect(edges.count == n * (n - 1) / 2)
    let sparse = LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.sparseDistanceWeights(n: n, edges: edges, parameters: p))
    let m = [Double](repeating: p.inertia, count: n)
    return (try LagrangianModel(inertia: m, damping: p.damping, terms: [dense, age]),
            try LagrangianModel(inertia: m, damping: p.damping, terms: [sparse, age]))
}

@Test func denseAndSparseCouplingGiveTheSameTrajectoriesWhenKIsNMinusOne() throws {
    let n = 8
    let (dense, sparse) = try denseAndSparseModels(n: n, parameters: ModelParameters(alpha: 2, damping: 0.3))
    var rng = SeededGenerator(seed: 11)
    let q0 = (0..<n).map { _ in 10 * rng.nextGaussian() }
    let forcing = ConstantForcing((0..<n).map { Double($0) - 3.5 })
    let settings = SimulationSettings(start: 2015, end: 2025, outputTimes: SimulationSettings.evenlySpaced(start: 2015, end: 2025, every: 1),
                                      rtol: 1e-10, atol: 1e-12)
    let a = try Simulation.run(model: dense, forcing: forcing, initialBalance: q0, initialVelocity: [Double](repeating: 0, count: n), settings: settings)
    let b = try Simulation.run(model: sparse, forcing: forcing, initialBalance: q0, initialVelocity: [Double](repeating: 0, count: n), settings: settings)
    #expect(a.times.count == 11)
    for k in a.times.indices {
        for i in 0..<n { #expect(abs(a.balances[k][i] - b.balances[k][i]) <= 1e-9 * max(1, abs(a.balances[k][i]))) }
    }
}

@Test func undampedUnforcedModelConservesEnergy() throws {
    let n = 6
    var p = ModelParameters(alpha: 1.5, damping: 0)
    p.delta = 0.5
    let (model, _) = try denseAndSparseModels(n: n, parameters: p)
    var rng = SeededGenerator(seed: 12)
    let q0 = (0..<n).map { _ in rng.nextGaussian() }
    let v0 = (0..<n).map { _ in rng.nextGaussian() }
    let times = SimulationSettings.evenlySpaced(start: 0, end: 50, every: 5)
    let r = try Simulation.run(model: model, forcing: ZeroForcing(dimension: n), initialBalance: q0, initialVelocity: v0,
                               settings: SimulationSettings(start: 0, end: 50, outputTimes: times, rtol: 1e-12, atol: 1e-14))
    let e0 = model.energy(position: q0, velocity: v0).total
    for k in r.times.indices {
        let e = model.energy(position: r.balances[k], velocity: r.velocities[k]).total
        #expect(abs(e - e0) / e0 < 1e-9)
    }
    // Verlet: bounded energy error, no drift.
    let rv = try Simulation.run(model: model, forcing: ZeroForcing(dimension: n), initialBalance: q0, initialVelocity: v0,
                                settings: SimulationSettings(start: 0, end: 50, outputTimes: times, solver: .verlet, step: 0.01))
    for k in rv.times.indices {
        let e = model.energy(position: rv.balances[k], velocity: rv.velocities[k]).total
        #expect(abs(e - e0) / e0 < 1e-3)
    }
}

@Test func dampedModelDissipatesEnergyMonotonically() throws {
    let n = 5
    let (model, _) = try denseAndSparseModels(n: n, parameters: ModelParameters(alpha: 1, damping: 0.5))
    let q0 = [5.0, -3, 2, 0, -4], v0 = [Double](repeating: 0, count: n)
    let times = SimulationSettings.evenlySpaced(start: 0, end: 20, every: 0.5)
    let r = try Simulation.run(model: model, forcing: ZeroForcing(dimension: n), initialBalance: q0, initialVelocity: v0,
                               settings: SimulationSettings(start: 0, end: 20, outputTimes: times, rtol: 1e-10, atol: 1e-12))
    var previous = Double.infinity
    for k in r.times.indices {
        let e = model.energy(position: r.balances[k], velocity: r.velocities[k]).total
        #expect(e <= previous * (1 + 1e-12))
        previous = e
    }
}

@Test func constantForcingReachesTheStaticEquilibrium() throws {
    // With damping, q(t) → (L_K + D)⁻¹ f: solve the static system with LAPACK and compare.
    let n = 5
    let (model, _) = try denseAndSparseModels(n: n, parameters: ModelParameters(alpha: 1, damping: 1.2))
    let f = [1.0, -2, 0.5, 3, -1]
    var stiffness = Matrix(rows: n, columns: n)
    for j in 0..<n {
        var e = [Double](repeating: 0, count: n); e[j] = 1
        let col = model.stiffnessTimes(e, at: [Double](repeating: 0, count: n))
        for i in 0..<n { stiffness[i, j] = col[i] }
    }
    let qStar = try LAPACK.solve(stiffness, Matrix(rows: n, columns: 1, storage: f)).storage
    let r = try Simulation.run(model: model, forcing: ConstantForcing(f), initialBalance: [Double](repeating: 0, count: n),
                               initialVelocity: [Double](repeating: 0, count: n),
                               settings: SimulationSettings(start: 0, end: 200, outputTimes: [200], rtol: 1e-10, atol: 1e-12))
    for i in 0..<n { #expect(abs(r.balances[0][i] - qStar[i]) < 1e-7) }
}

@Test func simulationRejectsBadSettingsByName() throws {
    let (model, _) = try denseAndSparseModels(n: 3, parameters: ModelParameters())
    let z = [0.0, 0, 0]
    #expect(throws: ModelError.invalidParameter(name: "end", value: 2000, expected: "a time after start (2010.0)")) {
        _ = try Simulation.run(model: model, forcing: ZeroForcing(dimension: 3), initialBalance: z, initialVelocity: z,
                               settings: SimulationSettings(start: 2010, end: 2000, outputTimes: []))
    }
    #expect(throws: ModelError.self) {
        _ = try Simulation.run(model: model, forcing: ZeroForcing(dimension: 3), initialBalance: [0, 0], initialVelocity: z,
                               settings: SimulationSettings(start: 0, end: 1, outputTimes: [1]))
    }
    #expect(throws: ModelError.self) {
        _ = try Simulation.run(model: model, forcing: ZeroForcing(dimension: 3), initialBalance: z, initialVelocity: z,
                               settings: SimulationSettings(start: 0, end: 1, outputTimes: [2]))
    }
}
