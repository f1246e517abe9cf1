// The index method on the GKLS classes with the literature's criterion (a trial within 0.01·(b − a) of
// the global minimizer in every coordinate stops the run), and its parallel speed-up on an expensive
// objective. bench/gkls_peer.py runs NLopt's AGS and iOpt on the same functions and criterion.
import Dispatch
import Foundation
import GlobalOptimization

enum GKLSBench {
    /// `name=value` options: r (reliability), eps (ε), m (density), L (evolvents), alpha (local-adaptive α),
    /// freq (global iteration every freq-th), p (trials per iteration), family (rotated|shifted), tuning (1: local
    /// tuning of the Hölder constant), ls (local search during the run down to this step, `localSearchStep`), smr (and
    /// from the sample minima of this radius, `sampleMinimumRadius`),
    /// box (the success box's half-width as a fraction of the side: a number, or `delta` for Sergeyev & Kvasov's
    /// Δ-criterion, `GKLSFunction.sergeyevKvasovFraction`; default 0.01; read by `successFraction`).
    static func configuration(_ options: [String: String]) -> (IndexMethodConfiguration, Double) {
        var c = IndexMethodConfiguration(reliability: Double(options["r"] ?? "5")!, density: Int(options["m"] ?? "12")!,
                                         evolventCount: Int(options["L"] ?? "1")!)
        if let alpha = options["alpha"] { c.localAdaptation = Double(alpha)! }
        c.globalFrequency = Int(options["freq"] ?? "0")!
        c.parallelism = Int(options["p"] ?? "1")!
        c.evolventFamily = EvolventFamily(rawValue: options["family"] ?? "rotated")!
        if let tuning = options["tuning"] { c.localTuning = tuning == "1" }
        if let step = options["ls"] { c.localSearchStep = Double(step)! }
        if let radius = options["smr"] { c.sampleMinimumRadius = Double(radius)! }
        return (c, Double(options["eps"] ?? "1e-9")!)
    }

    /// The success box's half-width as a fraction of the side (option `box`).
    static func successFraction(_ options: [String: String], dimension n: Int) -> Double {
        guard let box = options["box"] else { return 0.01 }
        return box == "delta" ? GKLSFunction.sergeyevKvasovFraction(dimension: n)! : Double(box)!
    }

    static func parse(_ args: [String]) -> [String: String] {
        var options: [String: String] = [:]
        for a in args { let kv = a.split(separator: "=", maxSplits: 1); if kv.count == 2 { options[String(kv[0])] = String(kv[1]) } }
        return options
    }

    /// Trials to solve each of the 100 functions of a class (nil: not solved within the budget).
    /// `basin` (if given) receives, per function, the trial at which a trial first fell inside the global
    /// minimizer's pit (distance < its radius): the rest of the run is the approach to the 0.01 box.
    static func runClass(_ difficulty: GKLSFunction.Difficulty, dimension n: Int, maxTrials: Int,
                         configuration c: IndexMethodConfiguration, tolerance: Double, successFraction: Double = 0.01,
                         basin: UnsafeMutablePointer<[Int]>? = nil) throws -> [Int?] {
        let functions = try GKLSFunction.standardClass(difficulty, dimension: n)
        nonisolated(unsafe) var counts = [Int?](repeating: nil, count: functions.count)
        nonisolated(unsafe) var entries = [Int](repeating: -1, count: functions.count)
        let lock = NSLock()
        nonisolated(unsafe) var failure: Error?
        DispatchQueue.concurrentPerform(iterations: functions.count) { k in
            let f = functions[k]
            if let only = ProcessInfo.processInfo.environment["GKLS_ONLY"], Int(only) != k + 1 { return }
            do {
                var feasible = 0, entry = -1
                let centre = f.globalMinimizer, radius = f.globalRadius
                // GKLS_DUMP=FILE (an existing file; with GKLS_ONLY) receives every feasible trial as y₁,…,y_N,φ(y).
                let dump = ProcessInfo.processInfo.environment["GKLS_DUMP"].flatMap { FileHandle(forWritingAtPath: $0) }
                let result = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: maxTrials, tolerance: tolerance),
                                                         seed: 0, stopWhen: { y, z in
                    dump?.write((y.map { "\($0)" } + ["\(z)"]).joined(separator: ",").appending("\n").data(using: .utf8)!)
                    feasible += 1
                    if entry < 0, zip(y, centre).map({ ($0 - $1) * ($0 - $1) }).reduce(0, +) < radius * radius { entry = feasible }
                    return f.isSolved(by: y, within: successFraction)
                })
                if ProcessInfo.processInfo.environment["GKLS_PROGRESS"] != nil {
                    FileHandle.standardError.write("function \(k + 1): \(result.termination) after \(result.trials) trials\n".data(using: .utf8)!)
                }
                if ProcessInfo.processInfo.environment["GKLS_DEBUG"] != nil, result.termination != .targetReached {
                    FileHandle.standardError.write("function \(k + 1): \(result.termination) after \(result.trials) trials, best \(result.bestValue)\n".data(using: .utf8)!)
                }
                lock.withLock { counts[k] = result.termination == .targetReached ? result.trials : nil; entries[k] = entry }
            } catch { lock.withLock { failure = error } }
        }
        if let failure { throw failure }
        basin?.pointee = entries
        return counts
    }

    static func run(_ args: [String]) throws {
        let difficulty = GKLSFunction.Difficulty(rawValue: args[0])!
        let n = Int(args[1])!, maxTrials = Int(args[2])!
        let options = parse(Array(args.dropFirst(3)))
        let (c, eps) = configuration(options)
        let t0 = now()
        var entries: [Int] = []
        let fraction = successFraction(options, dimension: n)
        let counts = try runClass(difficulty, dimension: n, maxTrials: maxTrials, configuration: c, tolerance: eps,
                                  successFraction: fraction, basin: &entries)
        let solved = counts.compactMap { $0 }
        let entered = entries.filter { $0 > 0 }
        let thresholds = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
        printJSON(["case": "gkls-\(difficulty.rawValue)-\(n)", "method": "migsim index", "options": options,
                   "max_trials": maxTrials, "success_fraction": fraction, "solved": solved.count,
                   "average_trials": solved.isEmpty ? 0 : Double(solved.reduce(0, +)) / Double(solved.count),
                   "max_trials_solved": solved.max() ?? 0, "seconds": now() - t0,
                   "average_basin_entry": entered.isEmpty ? 0 : Double(entered.reduce(0, +)) / Double(entered.count),
                   "trials": counts.map { $0 ?? -1 },
                   "operational": thresholds.filter { $0 <= maxTrials }.map { k in [k, solved.filter { $0 <= k }.count] }])
    }

    /// CPU time of the calling thread: the expensive objective burns this much compute, so on a loaded
    /// machine its cost is not hidden by waiting (as a sleep or a wall-clock spin would be).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Wall time and trials with p = 1 and p = 2 trials per iteration on GKLS functions whose every
    /// evaluation also burns `milliseconds` of CPU time (an expensive objective), stopping at the criterion;
    /// with the option cost=sleep it waits instead (a model run elsewhere), which isolates the method's
    /// parallel efficiency from the load of a shared machine.
    static func parallel(_ args: [String]) throws {
        let difficulty = GKLSFunction.Difficulty(rawValue: args[0])!
        let n = Int(args[1])!, functions = Int(args[2])!, milliseconds = Double(args[3])!
        var options = parse(Array(args.dropFirst(4)))
        let sleeps = options.removeValue(forKey: "cost") == "sleep"
        var rows: [[String: Any]] = []
        var totals: [Int: (trials: Int, seconds: Double)] = [:]
        for number in 1...functions {
            let f = try GKLSFunction(difficulty, dimension: n, number: number)
            let cost = milliseconds * 1e-3
            let expensive = OptimizationProblem(name: "expensive", lowerBounds: f.problem.lowerBounds, upperBounds: f.problem.upperBounds) { y in
                if sleeps {
                    Thread.sleep(forTimeInterval: cost)
                } else {
                    let start = threadCPUSeconds()
                    while threadCPUSeconds() - start < cost {}
                }
                return f.value(at: y)
            }
            var row: [String: Any] = ["number": number]
            for p in [1, 2] {
                var o = options; o["p"] = "\(p)"
                let (c, eps) = configuration(o)
                let t0 = now()
                let result = try IndexMethod(c).minimize(expensive, budget: OptimizationBudget(maxTrials: 100_000, tolerance: eps),
                                                         seed: 0, stopWhen: { y, _ in f.isSolved(by: y) })
                let seconds = now() - t0
                row["p\(p)_trials"] = result.trials
                row["p\(p)_seconds"] = seconds
                row["p\(p)_solved"] = result.termination == .targetReached
                row["p\(p)_iterations"] = result.iterations
                totals[p, default: (0, 0)].trials += result.trials
                totals[p, default: (0, 0)].seconds += seconds
            }
            rows.append(row)
        }
        printJSON(["case": "gkls-parallel-\(difficulty.rawValue)-\(n)", "milliseconds_per_trial": milliseconds, "cost": sleeps ? "sleep" : "cpu", "options": options,
                   "functions": rows, "p1_trials": totals[1]!.trials, "p2_trials": totals[2]!.trials,
                   "p1_seconds": totals[1]!.seconds, "p2_seconds": totals[2]!.seconds,
                   "speedup": totals[1]!.seconds / totals[2]!.seconds,
                   "trial_ratio": Double(totals[2]!.trials) / Double(totals[1]!.trials)])
    }
}
