import Foundation
import LinearAlgebra
import Testing
@testable import MigrationModel

/// Ten settlements around Korea's latitude, seeded.
func tenSettlements() -> [Settlement] {
    var rng = SeededGenerator(seed: 99)
    return (0..<10).map { i in
        Settlement(id: "s\(i)", latitude: 34 + 4 * rng.nextUniform(), longitude: 126 + 4 * rng.nextUniform(),
                   population: 1e5 * (1 + rng.nextUniform()), ageShares: [0.2, 0.6, 0.2])
    }
}

@Test func assembledDenseAndSparseModelsAgreeWhenKIsNMinusOne() throws {
    let places = tenSettlements()
    let ages = AgeStructure(lowerBounds: [0, 15, 65], upperBounds: [15, 65, 100])
    var rng = SeededGenerator(seed: 5)
    let series: [[Double?]] = places.map { _ in (0..<8).map { _ in rng.nextGaussian() } }
    var p = ModelParameters(alpha: 1, beta: 0.5, delta: 0.4, damping: 0.6, metric: .wgs84)
    let dense = try ModelAssembly.build(settlements: places, ages: ages, similaritySeries: series, parameters: p)
    p.denseLimit = 5
    p.neighbours = 9
    let sparse = try ModelAssembly.build(settlements: places, ages: ages, similaritySeries: series, parameters: p)
    #expect(dense.layout == .dense)
    #expect(sparse.layout == .sparse(k: 9, edges: 45))
    try expectSameTrajectories(dense, sparse)
    // Mobility from the age shares: A = 0.2·a(7.5) + 0.6·a(40) + 0.2·a(82.5).
    let af = AgeFunction(.smoothStep(young: 30, old: 60))
    #expect(abs(dense.mobility[0] - (0.2 * af(7.5) + 0.6 * af(40) + 0.2 * af(82.5))) < 1e-15)
}

/// Both models, from q₀ = (i − (n − 1)/2)ᵢ at rest under the force sin(i), agree to 1e-9 at t = 0, 5, 10.
func expectSameTrajectories(_ dense: AssembledModel, _ sparse: AssembledModel,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let n = dense.mobility.count
    let q0 = (0..<n).map { Double($0) - Double(n - 1) / 2 }
    let zeros = [Double](repeating: 0, count: n)
    let settings = SimulationSettings(start: 0, end: 10, outputTimes: [0, 5, 10], rtol: 1e-10, atol: 1e-12)
    let forcing = ConstantForcing((0..<n).map { sin(Double($0)) })
    let a = try Simulation.run(model: dense.model, forcing: forcing, initialBalance: q0, initialVelocity: zeros, settings: settings)
    let b = try Simulation.run(model: sparse.model, forcing: forcing, initialBalance: q0, initialVelocity: zeros, settings: settings)
    for k in a.times.indices {
        for i in 0..<n { #expect(abs(a.balances[k][i] - b.balances[k][i]) < 1e-9, sourceLocation: sourceLocation) }
    }
}

@Test func sparseCouplingKeepsOnlyNearNeighbours() throws {
    let places = tenSettlements()
    var p = ModelParameters(beta: 0)
    p.denseLimit = 5
    p.neighbours = 2
    let sparse = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: nil, parameters: p)
    guard case .sparse(let k, let edges) = sparse.layout else { Issue.record("expected sparse coupling"); return }
    #expect(k == 2)
    #expect(edges >= 10 && edges <= 20)                // between n·k/2 and n·k symmetric pairs
    #expect(sparse.mobility == [Double](repeating: 0, count: 10))   // no age data: A = 0, D = δ·I
}

@Test func assemblyRejectsBadSettlementsAndSeries() {
    var places = tenSettlements()
    places[3].population = -1
    #expect(throws: ModelError.invalidSettlement(id: "s3", field: "population", value: -1, expected: "a finite number > 0")) {
        _ = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: nil, parameters: ModelParameters())
    }
    #expect(throws: ModelError.self) {
        _ = try ModelAssembly.build(settlements: tenSettlements(), ages: nil, similaritySeries: [[1, 2, 3]], parameters: ModelParameters())
    }
    #expect(throws: ModelError.self) {
        _ = try ModelAssembly.build(settlements: [], ages: nil, similaritySeries: nil, parameters: ModelParameters())
    }
    var bad = tenSettlements()
    bad[0].latitude = 95
    #expect(throws: (any Error).self) {
        _ = try ModelAssembly.build(settlements: bad, ages: nil, similaritySeries: nil, parameters: ModelParameters())
    }
}
