import DataIO
import Foundation
import PhysicsInformed

/// One training step of the Korean PINN fit (forward + backward of the full loss of SPEC §4.3):
/// 16 regions, yearly balances 1997–2017 (21 periods, the fit's window with a 3-year holdout),
/// 4 collocation points per interval, networks 1→32→32→16 and 1→16→16 (tanh), all six physical
/// parameters learned. Writes the loss description (constants, θ) to PREFIX.json for
/// bench/pinn_peer.py, which must reproduce the value and gradient before it is timed, and
/// reports the median and minimum CPU seconds (process time, one thread) and wall seconds of a step
/// over `repeats` steps.
enum PINNBench {
    static func run(prefix: String, repeats: Int) throws -> [String: Any] {
        let config = try ModelConfiguration.load(URL(fileURLWithPath: "models/korea/model.yaml"))
        let (places, ages) = try SettlementsFile.read(URL(fileURLWithPath: "models/korea/settlements.csv"))
        let table = try BalanceFile.read(URL(fileURLWithPath: "models/korea/balance_yearly.csv"))
        let aligned = try table.aligned(to: places)
        let window = table.periods.indices.filter { table.periods[$0].decimalYear < 2017.5 }
        let times = window.map { table.periods[$0].decimalYear }
        let observations = window.map { k in places.indices.map { aligned[$0][k]! } }
        let problem = try PINNProblem.make(settlements: places, ages: ages, times: times, observations: observations,
                                           parameters: config.parameters)
        let configuration = PINNConfiguration(learned: PhysicalParameter.allCases)
        let loss = try PINNLoss(problem: problem, configuration: configuration)
        let theta = loss.initialParameters()

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(loss.description(theta: theta)).write(to: URL(fileURLWithPath: prefix + ".json"))

        let (value, gradient) = loss.valueAndGradient(theta)
        for _ in 0..<20 { _ = loss.valueAndGradient(theta) }
        var samples = [Double](), cpuSamples = [Double]()
        samples.reserveCapacity(repeats)
        cpuSamples.reserveCapacity(repeats)
        for _ in 0..<repeats {
            let t0 = now(), c0 = cpuNow()
            _ = loss.valueAndGradient(theta)
            cpuSamples.append(cpuNow() - c0)
            samples.append(now() - t0)
        }
        samples.sort()
        cpuSamples.sort()
        return ["case": "pinn-step", "regions": problem.count, "observations": times.count,
                "collocation": loss.collocationTimes.count, "parameters": loss.parameterCount,
                "solution_layers": loss.solutionNetwork.layerSizes, "force_layers": loss.forceNetwork.layerSizes,
                "repeats": repeats, "median_seconds": samples[samples.count / 2], "min_seconds": samples[0],
                "median_cpu_seconds": cpuSamples[cpuSamples.count / 2], "min_cpu_seconds": cpuSamples[0],
                "loss": value, "gradient": gradient]
    }
}
