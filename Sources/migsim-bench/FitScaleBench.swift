import Foundation
import LinearAlgebra
import MigrationModel
import PhysicsInformed

/// `fit-scale N ITERATIONS COLLOCATION [full]`: the physics-informed fit of the synthetic scale case
/// (`ScaleCase`: n random points in a US-sized box, 24 yearly periods 1997–2021, the Korean model
/// parameters with dense_limit 3000 and k = 16, so n = 3,100 fits in the sparse layout) with a force
/// of three synthetic positive features (linear, as `force_hidden: []`), the default networks and
/// `COLLOCATION` points per interval. Reports CPU seconds to build the problem and loss, CPU per
/// Adam iteration (median and mean over ITERATIONS), and with `full` the CPU of the whole default
/// training (3,000 Adam + up to 1,000 L-BFGS iterations, with the L-BFGS loss evaluations, line
/// searches included). Fixed seeds.
func fitScaleBenchmark(n: Int, iterations: Int, collocation: Int, full: Bool) throws {
    let places = ScaleCase.settlements(n, seed: 18)
    var rng = SeededGenerator(seed: 23)
    let times = ScaleCase.times
    var q = (0..<n).map { _ in 3 * rng.nextGaussian() }
    let observations: [[Double]] = times.map { _ in
        let common = rng.nextGaussian()
        for i in 0..<n { q[i] = 0.8 * q[i] + 0.5 * common + rng.nextGaussian() }
        return q
    }
    // Three positive features per settlement and year (1996–2021), log random walks.
    var level = (0..<n).map { _ in (0..<3).map { _ in rng.nextGaussian() } }
    let featureTimes = (0...25).map { 1996 + Double($0) }
    let raw: [[[Double]]] = featureTimes.map { _ in
        level = level.map { row in row.map { $0 + 0.1 * rng.nextGaussian() } }
        return level.map { row in row.map { Foundation.exp($0) } }
    }
    let features = try ForceFeatures.make(names: ["f1", "f2", "f3"], lag: 1, times: featureTimes, periodLength: 1, raw: raw,
                                          weights: places.map(\.population), windowTimes: times)
    let c0 = cpuSeconds()
    let problem = try PINNProblem.make(settlements: places, ages: ScaleCase.ages, times: times, observations: observations,
                                       parameters: ScaleCase.korea, forceFeatures: features)
    let configuration = PINNConfiguration(forceHidden: [], collocationPerInterval: collocation)
    let loss = try PINNLoss(problem: problem, configuration: configuration)
    let buildCPU = cpuSeconds() - c0

    let trainer = PINNTrainer(loss: loss)
    var state = trainer.initialState(key: "fit-scale")
    var each = [Double]()
    let t0 = cpuSeconds()
    for _ in 0..<iterations {
        let e0 = cpuSeconds()
        _ = try trainer.advance(&state)
        each.append(cpuSeconds() - e0)
    }
    let iterationCPU = (cpuSeconds() - t0) / Double(max(1, iterations))
    each.sort()
    var result: [String: Any] = [
        "case": "fit-scale", "n": n, "layout": "\(problem.coupling.layout)", "collocation": loss.collocationTimes.count,
        "parameters": loss.parameterCount, "build_cpu_s": buildCPU, "iterations": iterations,
        "iteration_cpu_s_median": each.isEmpty ? 0 : each[each.count / 2], "iteration_cpu_s_mean": iterationCPU,
    ]
    if full {
        let f0 = cpuSeconds(), w0 = now()
        let start = trainer.initialState(key: "fit-scale")
        let done = try trainer.train(from: start)
        result["full_fit_cpu_s"] = cpuSeconds() - f0
        result["full_fit_wall_s"] = now() - w0
        result["full_fit_iterations"] = done.iterations
        result["full_fit_lbfgs_evaluations"] = done.lbfgs?.evaluations ?? 0
        result["full_fit_loss"] = done.history.last?.loss ?? .nan
    }
    result["peak_memory_mib"] = peakMemoryMiB()
    printJSON(result)
}
