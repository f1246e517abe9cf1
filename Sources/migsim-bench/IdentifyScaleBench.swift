import Foundation
import Identification
import LinearAlgebra
import MigrationModel

/// CPU seconds (user + system, getrusage) of this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

/// The synthetic scale case of issue 18: n random points in a US-sized box (25–49° N, 124–67° W),
/// three age groups with random shares, the Korean `models/korea/model.yaml` parameters (wgs84,
/// dense_limit 3000, k = 16), 24 yearly periods 1997–2021, random-walk similarity series, the
/// zero force (as `identify --force zero`) and a random initial state. Fixed seeds.
enum ScaleCase {
    static let korea = ModelParameters(alpha: 0.5, distanceScale: 100, gamma: 1.5, beta: 0.2, delta: 0.3, damping: 0.8, inertia: 1,
                                       ageFunction: .smoothStep(young: 30, old: 60), metric: .wgs84, denseLimit: 3000, neighbours: 16)
    static let ages = AgeStructure(lowerBounds: [0, 30, 60], upperBounds: [30, 60, 100])
    static let times = (0...24).map { 1997 + Double($0) }

    static func settlements(_ n: Int, seed: UInt64) -> [Settlement] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { i in
            let w = (0..<3).map { _ in 0.2 + rng.nextUniform() }
            let total = w.reduce(0, +)
            return Settlement(id: "u\(i)", latitude: 25 + 24 * rng.nextUniform(), longitude: -124 + 57 * rng.nextUniform(),
                              population: pow(10, 3 + 3 * rng.nextUniform()), ageShares: w.map { $0 / total })
        }
    }

    static func make(n: Int, solver: SolverChoice) throws -> IdentificationCase {
        let places = settlements(n, seed: 18)
        var rng = SeededGenerator(seed: 19)
        let series: [[Double?]] = (0..<n).map { _ in
            var x = 0.0
            return (0..<24).map { _ in x += rng.nextGaussian(); return x }
        }
        let q0 = (0..<n).map { _ in 5 * rng.nextGaussian() }, v0 = (0..<n).map { _ in rng.nextGaussian() }
        let placeholder = times.map { _ in [Double](repeating: 0, count: n) }
        let build = { (observed: [[Double]]) in
            try IdentificationCase(settlements: places, ages: ages, similaritySeries: series, base: korea, times: times,
                                   observed: observed, initialBalance: q0, initialVelocity: v0, forcing: ZeroForcing(dimension: n),
                                   solver: solver, rtol: 1e-6, atol: 1e-9, step: 0.01)
        }
        // Observations: the base parameters' own simulation plus noise.
        let clean = try build(placeholder).simulate(korea).balances
        return try build(clean.map { row in row.map { $0 + 0.5 * rng.nextGaussian() } })
    }
}

/// `identify-scale N TRIALS SOLVER`: CPU seconds to build the case, per trial of U at points drawn
/// uniformly from the default box of α, γ, β, δ, c, and for one 24-year simulation at the base point.
func identifyScaleBenchmark(n: Int, trials: Int, solver: SolverChoice) throws {
    let c0 = cpuSeconds(), w0 = now()
    let data = try ScaleCase.make(n: n, solver: solver)
    let buildCPU = cpuSeconds() - c0, buildWall = now() - w0
    let space = try ParameterSpace(IdentifiedParameter.defaultSelection.map { ParameterRange(default: $0) }, base: data.base)
    let objective = TheilObjective(data: data, space: space)
    var rng = SeededGenerator(seed: 77)
    let lower = space.lowerBounds, upper = space.upperBounds
    let points = (0..<trials).map { _ in lower.indices.map { lower[$0] + (upper[$0] - lower[$0]) * rng.nextUniform() } }

    let s0 = cpuSeconds()
    let base = try data.simulate(data.base)
    let simulateCPU = cpuSeconds() - s0

    let t0 = cpuSeconds(), tw = now()
    var failures = 0, worst = 0.0, best = Double.infinity
    var each: [Double] = []
    for y in points {
        let e0 = cpuSeconds()
        let u = objective(y)
        each.append(cpuSeconds() - e0)
        if u >= TheilObjective.failureValue { failures += 1 }
        worst = max(worst, u); best = min(best, u)
    }
    let trialCPU = cpuSeconds() - t0, trialWall = now() - tw
    each.sort()
    printJSON(["case": "identify-scale", "n": n, "solver": solver.rawValue, "trials": trials,
               "build_cpu_s": buildCPU, "build_wall_s": buildWall,
               "simulate_base_cpu_s": simulateCPU, "simulate_base_rhs": base.rhsEvaluations, "simulate_base_steps": base.acceptedSteps,
               "trial_cpu_s_mean": trialCPU / Double(max(1, trials)), "trial_cpu_s_median": each.isEmpty ? 0 : each[each.count / 2],
               "trial_cpu_s_max": each.last ?? 0, "trials_wall_s": trialWall, "failed_trials": failures, "best_u": best,
               "peak_memory_mib": peakMemoryMiB()])
}

/// `simulate-scale N SOLVER`: one 24-year simulation of the assembled model (ModelAssembly, the
/// `migsim simulate` path) at the Korean parameters with a constant random force.
func simulateScaleBenchmark(n: Int, solver: SolverChoice) throws {
    let places = ScaleCase.settlements(n, seed: 18)
    var rng = SeededGenerator(seed: 21)
    let series: [[Double?]] = (0..<n).map { _ in
        var x = 0.0
        return (0..<24).map { _ in x += rng.nextGaussian(); return x }
    }
    let c0 = cpuSeconds()
    let assembled = try ModelAssembly.build(settlements: places, ages: ScaleCase.ages, similaritySeries: series, parameters: ScaleCase.korea)
    let buildCPU = cpuSeconds() - c0
    let q0 = (0..<n).map { _ in 5 * rng.nextGaussian() }, f = (0..<n).map { _ in rng.nextGaussian() }
    let settings = SimulationSettings(start: 1997, end: 2021, outputTimes: ScaleCase.times, solver: solver)
    let s0 = cpuSeconds(), w0 = now()
    let result = try Simulation.run(model: assembled.model, forcing: ConstantForcing(f), initialBalance: q0,
                                    initialVelocity: [Double](repeating: 0, count: n), settings: settings)
    let simCPU = cpuSeconds() - s0, simWall = now() - w0
    let last = result.balances[result.balances.count - 1]
    printJSON(["case": "simulate-scale", "n": n, "solver": solver.rawValue, "layout": "\(assembled.layout)",
               "build_cpu_s": buildCPU, "simulate_cpu_s": simCPU, "simulate_wall_s": simWall,
               "rhs": result.rhsEvaluations, "steps": result.acceptedSteps,
               "checksum_last": last.reduce(0, +), "q_last_0": last[0], "peak_memory_mib": peakMemoryMiB()])
}
