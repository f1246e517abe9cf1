// migsim-bench: the Swift side of `make bench`. Each subcommand prints one JSON object on stdout;
// bench/run.sh runs the peers (SciPy, GeographicLib, ipfn, …) on the same inputs and forms ratios.
import DataIO
import FlowBalancing
import GlobalOptimization
import Foundation
import LinearAlgebra
import MigrationModel
import ODE

@inline(__always) func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Peak resident set size of this process in MiB (getrusage: kilobytes on Linux).
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The median of a non-empty sample (the mean of the middle two for an even count).
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted(), k = s.count / 2
    return s.count % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k])
}

func printJSON(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(data: data, encoding: .utf8)!)
}

/// The stiffness S = L_K + D of an assembled model, densely (for exporting to the SciPy peer).
func denseStiffness(_ model: LagrangianModel) -> Matrix {
    let n = model.dimension
    var s = Matrix(rows: n, columns: n)
    for term in model.terms {
        if let t = term as? LaplacianCouplingTerm {
            let k = t.weights.denseMatrix
            for i in 0..<n {
                s[i, i] += t.degrees[i]
                for j in 0..<n { s[i, j] -= k[i, j] }
            }
        } else if let t = term as? AgeRestoringTerm {
            for i in 0..<n { s[i, i] += t.stiffness[i] }
        } else {
            fatalError("denseStiffness: unknown term \(term.name)")
        }
    }
    return s
}

/// Writes PREFIX.json + PREFIX.bin for bench/linear_system_peer.py, integrates the same system
/// with Dormand–Prince 5(4) and reports counts and time.
func odeBenchmark(name: String, model: LagrangianModel, q0: [Double], v0: [Double], forcing f: [Double],
                  span: (Double, Double), prefix: String, rtol: Double, atol: Double, repeats: Int? = nil) throws {
    let n = model.dimension
    let s = denseStiffness(model)
    try s.storage.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: prefix + ".bin"))
    let meta: [String: Any] = ["n": n, "inertia": model.inertia, "damping": model.damping, "t0": span.0, "t1": span.1,
                               "q0": q0, "v0": v0, "forcing": f]
    try JSONSerialization.data(withJSONObject: meta).write(to: URL(fileURLWithPath: prefix + ".json"))

    let forcing = ConstantForcing(f)
    // What `Simulation.run` integrates with DP5: the split second-order form, the coupling products of
    // two stages paired (one pass over a dense K for both). The first-order form, one product a stage,
    // is timed beside it (`first_order_*`): the same stages, steps and evaluations.
    let split = model.splitProblem(initialBalance: q0, initialVelocity: v0, timeSpan: span, forcing: forcing)
    let problem = ODEProblem(initialState: q0 + v0, timeSpan: span) { t, y, dydt in
        model.evaluate(t: t, y: y.baseAddress!, dydt: dydt.baseAddress!, forcing: forcing)
    }
    var options = SolverOptions(rtol: rtol, atol: atol)
    options.saveAt = [span.1]
    // Warm up once (page faults), then time `repeats` solves: CPU seconds of this process (one BLAS
    // thread: bench/run.sh exports OPENBLAS_NUM_THREADS=1) and wall seconds, medians and minima.
    _ = try solve(split, DormandPrince5(), options: options)
    let repeats = repeats ?? (n < 100 ? 51 : 5)
    var cpuSamples = [Double](), wallSamples = [Double]()
    var firstOrderCPU = [Double]()
    var solution: ODESolution? = nil, firstOrder: ODESolution? = nil
    for _ in 0..<repeats {
        let t0 = now(), c0 = cpuNow()
        solution = try solve(split, DormandPrince5(), options: options)
        cpuSamples.append(cpuNow() - c0)
        wallSamples.append(now() - t0)
        let c1 = cpuNow()
        firstOrder = try solve(problem, DormandPrince5(), options: options)
        firstOrderCPU.append(cpuNow() - c1)
    }
    let firstOrderDifference = zip(solution!.finalState, firstOrder!.finalState).map { abs($0 - $1) }.max()!
    // One right-hand side alone (CPU seconds), to express the solver's overhead per step.
    var y = q0 + v0, dy = [Double](repeating: 0, count: 2 * n)
    let reps = max(10, 20_000_000 / max(1, n * n))
    let r0 = cpuNow()
    for _ in 0..<reps {
        y.withUnsafeBufferPointer { yp in dy.withUnsafeMutableBufferPointer { dp in
            model.evaluate(t: span.0, y: yp.baseAddress!, dydt: dp.baseAddress!, forcing: forcing) } }
    }
    let rhsSeconds = (cpuNow() - r0) / Double(reps)
    let sol = solution!
    // Solver overhead per step (an upper bound): fixed-step DP5 on a right-hand side that costs
    // almost nothing (q̇ = v, v̇ = −q, O(n)), time per step, against one dense right-hand side.
    let cheap = ODEProblem(initialState: q0 + v0, timeSpan: (0, 1)) { _, y, dydt in
        for i in 0..<n { dydt[i] = y[n + i]; dydt[n + i] = -y[i] }
    }
    let steps = 2_000
    var cheapOptions = SolverOptions()
    cheapOptions.saveAt = [1]
    var cheapStep = Double.infinity
    for _ in 0..<3 {
        let c0 = cpuNow()
        _ = try solve(cheap, DormandPrince5.fixedStep(1.0 / Double(steps)), options: cheapOptions)
        cheapStep = min(cheapStep, (cpuNow() - c0) / Double(steps))
    }
    // The cheap right-hand side itself (6 per step) is not solver overhead: time it and subtract.
    var cheapRHS = Double.infinity
    for _ in 0..<3 {
        let c0 = cpuNow()
        for _ in 0..<steps {
            y.withUnsafeBufferPointer { yp in dy.withUnsafeMutableBufferPointer { dp in cheap.rhs(0, yp, dp) } }
        }
        cheapRHS = min(cheapRHS, (cpuNow() - c0) / Double(steps))
    }
    let overheadPerStep = max(0, cheapStep - 6 * cheapRHS)
    printJSON(["case": name, "n": n, "nfev": sol.rhsEvaluations, "accepted_steps": sol.acceptedSteps,
               "rejected_steps": sol.rejectedSteps, "repeats": repeats,
               "cpu_seconds": median(cpuSamples), "min_cpu_seconds": cpuSamples.min()!,
               "seconds": median(wallSamples), "min_seconds": wallSamples.min()!, "rhs_cpu_seconds": rhsSeconds,
               "overhead_per_step_over_rhs": overheadPerStep / rhsSeconds,
               "first_order_cpu_seconds": median(firstOrderCPU), "first_order_min_cpu_seconds": firstOrderCPU.min()!,
               "first_order_nfev": firstOrder!.rhsEvaluations, "first_order_max_final_difference": firstOrderDifference,
               "final": Array(sol.finalState.prefix(4))])
}

func koreaModel(root: String) throws -> (LagrangianModel, [Double]) {
    let config = try ModelConfiguration.load(URL(fileURLWithPath: root + "/model.yaml"))
    let (places, ages) = try SettlementsFile.read(config.data.settlements!)
    let observed = try BalanceFile.read(config.data.balance!)
    let series = places.map { s in observed.values[observed.ids.firstIndex(of: s.id)!] }
    let assembled = try ModelAssembly.build(settlements: places, ages: ages, similaritySeries: series, parameters: config.parameters)
    let q0 = series.map { $0.last!! }
    return (assembled.model, q0)
}

/// n random settlements in a 20°×30° box (seeded), population 10⁴…10⁶.
func syntheticSettlements(_ n: Int, seed: UInt64) -> [Settlement] {
    var rng = SeededGenerator(seed: seed)
    return (0..<n).map { i in
        Settlement(id: "s\(i)", latitude: 40 + 20 * rng.nextUniform(), longitude: 30 + 30 * rng.nextUniform(),
                   population: pow(10, 4 + 2 * rng.nextUniform()))
    }
}

func main() throws {
    AllocatorTuning.keepLargeBlocks()   // as `migsim` does at start
    let args = CommandLine.arguments.dropFirst()
    guard let command = args.first else {
        print("""
        usage: migsim-bench ode-korea PREFIX | ode-dense N PREFIX [REPEATS] | sparse N K YEARS | geodesy PAIRS | ipf FILE N [TOLERANCE REPEATS]
                          | identify-scale N TRIALS dp5|auto|modal | simulate-scale N dp5|auto|modal
                          | fit-scale N ITERATIONS COLLOCATION [full]
                          | pinn-step PREFIX [REPEATS]
                          | shap PREFIX mlp|interaction [FEATURES BACKGROUND ROWS SAMPLES REPEATS]
                          | ols FILE N P
                          | metaheuristics SEEDS [METHOD…] | nsga2 SEEDS | zdt NAME SEEDS [ETA_C] [EVALUATIONS] [clipped|bounded]
                          | gkls simple|hard N MAXTRIALS [r= eps= m= L= alpha= freq= p=] | gkls-parallel simple|hard N FUNCTIONS MS [options]
        """)
        exit(2)
    }
    let rest = Array(args.dropFirst())
    switch command {
    case "ode-korea":
        let (model, q0) = try koreaModel(root: "models/korea")
        let f = model.stiffnessTimes(q0, at: q0).map { $0 * 0.5 }  // half the force that would hold today's state
        try odeBenchmark(name: "korea", model: model, q0: q0, v0: [Double](repeating: 0, count: q0.count), forcing: f,
                         span: (2020, 2050), prefix: rest[0], rtol: 1e-6, atol: 1e-9)
    case "ode-dense":
        let n = Int(rest[0])!
        var p = ModelParameters(alpha: 0.05, distanceScale: 200, gamma: 1.0, beta: 0, delta: 0.5, damping: 0.5)
        p.denseLimit = n
        let places = syntheticSettlements(n, seed: 2024)
        let assembled = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: nil, parameters: p)
        var rng = SeededGenerator(seed: 7)
        let q0 = (0..<n).map { _ in 5 * rng.nextGaussian() }
        let f = (0..<n).map { _ in rng.nextGaussian() }
        try odeBenchmark(name: "dense-\(n)", model: assembled.model, q0: q0, v0: [Double](repeating: 0, count: n), forcing: f,
                         span: (0, 30), prefix: rest[1], rtol: 1e-6, atol: 1e-9, repeats: rest.count > 2 ? Int(rest[2])! : nil)
    case "sparse":
        let n = Int(rest[0])!, k = Int(rest[1])!, years = Double(rest[2])!
        var p = ModelParameters(alpha: 0.5, distanceScale: 50, gamma: 1.5, beta: 0, delta: 0.3, damping: 0.8)
        p.denseLimit = 3000
        p.neighbours = k
        let places = syntheticSettlements(n, seed: 2025)
        let t0 = now(), c0 = cpuNow()
        let assembled = try ModelAssembly.build(settlements: places, ages: nil, similaritySeries: nil, parameters: p)
        let tBuild = now() - t0, cBuild = cpuNow() - c0
        var rng = SeededGenerator(seed: 8)
        let q0 = (0..<n).map { _ in 5 * rng.nextGaussian() }
        let f = (0..<n).map { _ in rng.nextGaussian() }
        let t1 = now(), c1 = cpuNow()
        let result = try Simulation.run(model: assembled.model, forcing: ConstantForcing(f), initialBalance: q0,
                                        initialVelocity: [Double](repeating: 0, count: n),
                                        settings: SimulationSettings(start: 0, end: years,
                                                                     outputTimes: SimulationSettings.evenlySpaced(start: 0, end: years, every: 1)))
        let tRun = now() - t1, cRun = cpuNow() - c1
        printJSON(["case": "sparse-\(n)-k\(k)", "n": n, "years": years, "layout": "\(assembled.layout)",
                   "build_cpu_seconds": cBuild, "simulate_cpu_seconds": cRun, "total_cpu_seconds": cBuild + cRun,
                   "build_seconds": tBuild, "simulate_seconds": tRun, "total_seconds": tBuild + tRun,
                   "nfev": result.rhsEvaluations, "accepted_steps": result.acceptedSteps, "peak_memory_mib": peakMemoryMiB()])
    case "identify-scale":
        try identifyScaleBenchmark(n: Int(rest[0])!, trials: Int(rest[1])!, solver: SolverChoice(rawValue: rest[2])!)
    case "fit-scale":
        try fitScaleBenchmark(n: Int(rest[0])!, iterations: Int(rest[1])!, collocation: Int(rest[2])!, full: rest.count > 3 && rest[3] == "full")
    case "simulate-scale":
        try simulateScaleBenchmark(n: Int(rest[0])!, solver: SolverChoice(rawValue: rest[1])!)
    case "ipf":
        // The problem written by bench/ipf_peer.py --export: prior (n·n), row targets, column targets.
        let path = rest[0], n = Int(rest[1])!, tolerance = rest.count > 2 ? Double(rest[2])! : 1e-8
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let values: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        precondition(values.count == n * n + 2 * n, "ipf: \(path) holds \(values.count) numbers, expected n² + 2n")
        let prior = Matrix(rows: n, columns: n, storage: Array(values[0..<(n * n)]))
        let rows = Array(values[(n * n)..<(n * n + n)]), columns = Array(values[(n * n + n)...])
        let repeats = rest.count > 3 ? Int(rest[3])! : 7
        var walls = [Double](), cpus = [Double]()
        var result: BalancingResult? = nil
        for _ in 0..<repeats {
            let t0 = now(), c0 = cpuNow()
            result = try RASBalancer.balance(prior, rowTargets: rows, columnTargets: columns,
                                             options: BalancingOptions(tolerance: tolerance))
            walls.append(now() - t0)
            cpus.append(cpuNow() - c0)
        }
        let best = walls.min()!, bestCPU = cpus.min()!
        // Memory-bandwidth bound of the balancer's own traffic: k sweeps read the n×n matrix k + 1 times
        // (the validating pass, then one fused pass a sweep) and write the result once, (k + 2) · 8n²
        // bytes; copy speed (bytes read + written per second) measured by memcpy of the matrix.
        var source = prior.storage, target = [Double](repeating: 0, count: n * n)
        var copyBest = Double.infinity
        for _ in 0..<5 {
            let c0 = now()
            source.withUnsafeBufferPointer { s in target.withUnsafeMutableBufferPointer { t in
                t.baseAddress!.update(from: s.baseAddress!, count: n * n) } }
            copyBest = min(copyBest, now() - c0)
            source[0] += target[n * n - 1] * 0   // keep both buffers live
        }
        let copyBytesPerSecond = 2.0 * 8 * Double(n * n) / copyBest   // read + write
        let boundSeconds = Double(result!.iterations + 2) * 8 * Double(n * n) / copyBytesPerSecond
        printJSON(["case": "ipf-\(n)", "n": n, "tolerance": tolerance, "seconds": best, "cpu_seconds": bestCPU,
                   "median_seconds": median(walls), "median_cpu_seconds": median(cpus), "repeats": repeats,
                   "sweeps": result!.iterations,
                   "max_relative_error": result!.maxRelativeError, "converged": result!.converged,
                   "copy_gigabytes_per_second": copyBytesPerSecond / 1e9, "bandwidth_bound_seconds": boundSeconds])
    case "pinn-step":
        printJSON(try PINNBench.run(prefix: rest[0], repeats: rest.count > 1 ? Int(rest[1])! : 2000))
    case "metaheuristics":
        printJSON(try MetaheuristicsBench.single(seeds: Int(rest.first ?? "10")!, only: Set(rest.dropFirst())))
    case "nsga2":
        printJSON(try MetaheuristicsBench.nsga2(seeds: Int(rest.first ?? "5")!))
    case "zdt":
        guard let name = rest.first, MultiObjectiveProblem.zdt(name) != nil,
              rest.count <= 5, rest.count < 5 || PolynomialMutationForm(rawValue: rest[4]) != nil else {
            print("usage: migsim-bench zdt zdt1|zdt2|zdt3|zdt4|zdt6 SEEDS [ETA_C] [EVALUATIONS] [clipped|bounded]"); exit(2)
        }
        printJSON(try MetaheuristicsBench.zdtStudy(name: name, seeds: Int(rest.count > 1 ? rest[1] : "20")!,
                                                   crossoverEta: Double(rest.count > 2 ? rest[2] : "20")!,
                                                   evaluations: Int(rest.count > 3 ? rest[3] : "25000")!,
                                                   form: rest.count > 4 ? PolynomialMutationForm(rawValue: rest[4])! : .clipped))
    case "geodesy":
        let pairs = Int(rest.first ?? "200000")!
        var json: [String: Any] = ["case": "geodesy"]
        for (key, value) in GeodesyBench.run(pairs: pairs) { json[key] = value }
        printJSON(json)
    case "shap":
        let n = rest.dropFirst(2).compactMap { Int($0) }
        printJSON(try ShapBench.run(prefix: rest[0], model: rest.count > 1 ? rest[1] : "mlp", features: n.count > 0 ? n[0] : 20, background: n.count > 1 ? n[1] : 100,
                                    rows: n.count > 2 ? n[2] : 10, samples: n.count > 3 ? n[3] : 2048,
                                    repeats: n.count > 4 ? n[4] : 3))
    case "ols":
        guard rest.count == 3, let n = Int(rest[1]), let p = Int(rest[2]) else {
            print("usage: migsim-bench ols FILE N P"); exit(2)
        }
        printJSON(try OLSBench.run(file: rest[0], n: n, p: p))
    case "gkls":
        try GKLSBench.run(rest)
    case "gkls-parallel":
        try GKLSBench.parallel(rest)
    default:
        print("unknown benchmark \(command)")
        exit(2)
    }
}

do { try main() } catch {
    FileHandle.standardError.write(Data("migsim-bench: \(error)\n".utf8))
    exit(1)
}
