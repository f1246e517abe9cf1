import Testing
import MigrationModel

/// The example of Sources/MigrationModel/README.md, kept compiling and checked.
@Test func readmeExampleMigrationModel() throws {
    let settlements = [
        Settlement(id: "A", latitude: 37.57, longitude: 126.98, population: 9_400_000),
        Settlement(id: "B", latitude: 35.18, longitude: 129.08, population: 3_300_000),
        Settlement(id: "C", latitude: 35.87, longitude: 128.60, population: 2_400_000),
    ]
    let assembled = try ModelAssembly.build(settlements: settlements, ages: nil, similaritySeries: nil,
                                            parameters: ModelParameters())
    let settings = SimulationSettings(start: 0, end: 40,
                                      outputTimes: SimulationSettings.evenlySpaced(start: 0, end: 40, every: 1))
    let result = try Simulation.run(model: assembled.model, forcing: ConstantForcing([0.3, 0, 0]),
                                    initialBalance: [0, 0, 0], initialVelocity: [0, 0, 0], settings: settings)

    #expect(assembled.layout == .dense && assembled.mobility == [0, 0, 0])
    #expect(result.times.count == 41 && result.balances.count == 41)
    let total = result.balances[40].reduce(0, +)
    #expect(abs(total - 1) < 1e-4)
    // The pushed settlement ends above the others.
    #expect(result.balances[40][0] > result.balances[40][1] && result.balances[40][0] > result.balances[40][2])
}
