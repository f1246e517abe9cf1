import Autodiff
import Foundation
import Testing
import MigrationModel
import PhysicsInformed

/// The example of Sources/PhysicsInformed/README.md, kept compiling and checked.
@Test func readmeExamplePhysicsInformed() throws {
    let settlements = [
        Settlement(id: "A", latitude: 37.57, longitude: 126.98, population: 9_400_000),
        Settlement(id: "B", latitude: 35.18, longitude: 129.08, population: 3_300_000),
        Settlement(id: "C", latitude: 35.87, longitude: 128.60, population: 2_400_000),
    ]
    let times = (0..<10).map { 2000 + Double($0) }
    let observations = times.map { t in [2 + sin(t - 2000), -1 + 0.2 * (t - 2000), -cos(t - 2000)] }
    let problem = try PINNProblem.make(settlements: settlements, ages: nil, times: times,
                                       observations: observations, parameters: ModelParameters())
    let configuration = PINNConfiguration(solutionHidden: [8], forceHidden: [4], collocationPerInterval: 2,
                                          adamIterations: 200, adam: AdamOptions(learningRate: 1e-2),
                                          lbfgsIterations: 50)
    let loss = try PINNLoss(problem: problem, configuration: configuration)
    let trainer = PINNTrainer(loss: loss)
    let start = trainer.initialState(key: "readme")
    let state = try trainer.train(from: start)
    let fitted = FittedModel(loss: loss, state: state, fingerprint: [:])
    let u = fitted.solution(at: times)

    #expect(state.phase == .done && state.adamIterations == 200)
    #expect(fitted.training.finalLoss.total < loss.terms(start.theta).total / 10)
    let r2 = FitMetrics.rSquared(observed: observations.map { $0[0] }, predicted: u.map { $0[0] })
    #expect(r2 > 0.9)
}
