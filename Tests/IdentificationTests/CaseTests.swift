import Geodesy
import Identification
import LinearAlgebra
import MigrationModel
import Testing

/// A trial's model is the model `ModelAssembly` builds from the same inputs: the identification
/// scores exactly what `migsim simulate` would integrate.
@Suite struct CaseTests {
    func assembledRun(_ p: ModelParameters, _ data: IdentificationCase) throws -> [[Double]] {
        let assembled = try ModelAssembly.build(settlements: SyntheticMigration.settlements, ages: SyntheticMigration.ages,
                                                similaritySeries: SyntheticMigration.similaritySeries, parameters: p)
        let settings = SimulationSettings(start: data.times[0], end: data.times.last!, outputTimes: data.times,
                                          solver: .dp5, rtol: data.rtol, atol: data.atol)
        return try Simulation.run(model: assembled.model, forcing: SyntheticMigration.forcing, initialBalance: data.initialBalance,
                                  initialVelocity: data.initialVelocity, settings: settings).balances
    }

    @Test func denseTrialMatchesModelAssemblyBitForBit() throws {
        let data = try SyntheticMigration.makeCase(years: 5)
        var p = SyntheticMigration.truth
        p.alpha = 1.3; p.gamma = 0.8; p.distanceScale = 250; p.beta = 0.9; p.delta = 0.2; p.damping = 1.1
        p.ageFunction = .smoothStep(young: 25, old: 55)
        #expect(try data.simulate(p).balances == assembledRun(p, data))
    }

    @Test func sparseTrialMatchesModelAssemblyBitForBit() throws {
        var base = SyntheticMigration.truth
        base.denseLimit = 2; base.neighbours = 2
        let data = try SyntheticMigration.makeCase(years: 5, base: base)
        var p = base
        p.alpha = 0.9; p.gamma = 2; p.beta = 0.3
        #expect(try data.simulate(p).balances == assembledRun(p, data))
    }

    @Test func invalidParametersScoreTheWorstValue() throws {
        let data = try SyntheticMigration.observedCase(years: 3)
        let space = try ParameterSpace([ParameterRange(.young, lower: 20, upper: 70, scale: .linear)], base: SyntheticMigration.truth)
        let objective = TheilObjective(data: data, space: space)
        // young = 65 ≥ old = 60: not a valid age function.
        let e = objective.evaluate(space.parameters(at: [65], base: data.base))
        #expect(e.theilU == TheilObjective.failureValue && e.failure != nil)
        #expect(objective([30]) == 0)
    }

    @Test func mismatchedObservationsAreRejected() throws {
        let t = SyntheticMigration.times(years: 2)
        #expect(throws: IdentificationError.self) {
            _ = try IdentificationCase(settlements: SyntheticMigration.settlements, ages: SyntheticMigration.ages, similaritySeries: nil,
                                       base: SyntheticMigration.truth, times: t, observed: [[0, 0, 0, 0, 0]],
                                       initialBalance: [0, 0, 0, 0, 0], initialVelocity: [0, 0, 0, 0, 0], forcing: SyntheticMigration.forcing)
        }
        #expect(throws: IdentificationError.self) {
            _ = try IdentificationCase(settlements: SyntheticMigration.settlements, ages: SyntheticMigration.ages, similaritySeries: nil,
                                       base: SyntheticMigration.truth, times: t, observed: t.map { _ in [0, 0, .nan, 0, 0] },
                                       initialBalance: [0, 0, 0, 0, 0], initialVelocity: [0, 0, 0, 0, 0], forcing: SyntheticMigration.forcing)
        }
    }
}
