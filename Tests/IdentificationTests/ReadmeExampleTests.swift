import Testing
import GlobalOptimization
import Identification
import MigrationModel

/// The example of Sources/Identification/README.md, kept compiling and checked.
@Test func readmeExampleIdentification() throws {
    let settlements = [
        Settlement(id: "A", latitude: 37.57, longitude: 126.98, population: 9_400_000),
        Settlement(id: "B", latitude: 35.18, longitude: 129.08, population: 3_300_000),
        Settlement(id: "C", latitude: 35.87, longitude: 128.60, population: 2_400_000),
    ]
    let times = (0...10).map(Double.init)
    var truth = ModelParameters(); truth.damping = 0.5
    let force = ConstantForcing([0.3, -0.1, 0])
    let model = try ModelAssembly.build(settlements: settlements, ages: nil, similaritySeries: nil, parameters: truth).model
    let observed = try Simulation.run(model: model, forcing: force, initialBalance: [1, 0, -1], initialVelocity: [0, 0, 0],
                                      settings: SimulationSettings(start: 0, end: 10, outputTimes: times)).balances

    let data = try IdentificationCase(settlements: settlements, ages: nil, similaritySeries: nil, base: ModelParameters(),
                                      times: times, observed: observed, initialBalance: [1, 0, -1],
                                      initialVelocity: [0, 0, 0], forcing: force)
    let space = try ParameterSpace([ParameterRange(.damping, lower: 0.1, upper: 2, scale: .linear)], base: ModelParameters())
    let result = try Identification.run(TheilObjective(data: data, space: space), optimizer: IndexMethod(),
                                        budget: OptimizationBudget(maxTrials: 60, tolerance: 1e-4), seed: 1)

    let r = try #require(result)
    #expect(r.trials <= 60)
    #expect(abs(r.identified["damping"]! - 0.5) < 0.01)
    #expect(r.theilU < 1e-3)
    #expect(r.parameters.alpha == ModelParameters().alpha)   // not identified: kept from the base
}
