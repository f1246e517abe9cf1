// The metaheuristics of GlobalOptimization against SciPy (dual_annealing, differential_evolution,
// direct) and pymoo's NSGA-II: bench/metaheuristics_peer.py runs the peers on the same problems.
import Foundation
import GlobalOptimization
import LinearAlgebra

/// Single-objective bench problems: (name, problem, target value, trial budget).
///
/// Rastrigin is shifted, f(x) = 10N + Σ ((xᵢ−sᵢ)² − 10 cos 2π(xᵢ−sᵢ)) with sᵢ = 2.5 sin(i+1)
/// (i from 0), so that the minimizer is not the box centre (which DIRECT and a pattern search
/// started at the centre would hit at the first trial). Targets: f* + 1e-4 for Rastrigin, f* + 10⁻⁶|f*|
/// for the monograph's §3.2 Weber problem and §4.2 regression maximum (as a minimization of −y₃).
enum MetaheuristicsBenchProblems {
    static func shift(_ n: Int) -> [Double] { (0..<n).map { 2.5 * sin(Double($0 + 1)) } }

    static func shiftedRastrigin(_ n: Int) -> OptimizationProblem {
        let s = shift(n)
        return OptimizationProblem(name: "rastrigin\(n)", lowerBounds: Array(repeating: -5.12, count: n),
                                   upperBounds: Array(repeating: 5.12, count: n), knownMinimum: 0, knownMinimizer: s) { x in
            var f = 10 * Double(x.count)
            for i in x.indices { let v = x[i] - s[i]; f += v * v - 10 * cos(2 * Double.pi * v) }
            return f
        }
    }

    static var all: [(problem: OptimizationProblem, target: Double, budget: Int)] {
        let weber = WeberProblem.problem, funding = ResearchFundingRegression.problem
        return [
            (shiftedRastrigin(5), 1e-4, 100_000),
            (shiftedRastrigin(10), 1e-4, 200_000),
            (weber, weber.knownMinimum! + 1e-6 * abs(weber.knownMinimum!), 20_000),
            (funding, funding.knownMinimum! + 1e-6 * abs(funding.knownMinimum!), 20_000),
        ]
    }
}

/// CPU seconds of this process (CLOCK_PROCESS_CPUTIME_ID): on a shared machine a fairer clock than
/// wall time for single-threaded runs.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

enum MetaheuristicsBench {
    /// One method on one problem over `seeds` seeds: trials and seconds to the target (nil when missed).
    static func runs(_ method: (UInt64, OptimizationProblem) -> any Optimizer, _ problem: OptimizationProblem,
                     target: Double, budget: Int, seeds: Int) throws -> [String: Any] {
        var evals: [Any] = [], seconds: [Any] = [], cpuSeconds: [Any] = [], best: [Double] = []
        for seed in 1...UInt64(seeds) {
            let optimizer = method(seed, problem)
            let t0 = now(), c0 = cpuNow()
            let r = try optimizer.minimize(problem, budget: OptimizationBudget(maxTrials: budget, targetValue: target, tolerance: 1e-8), seed: seed)
            let dt = now() - t0, dc = cpuNow() - c0
            let reached = r.bestValue <= target
            evals.append(reached ? r.trials as Any : NSNull())
            seconds.append(reached ? dt as Any : NSNull())
            cpuSeconds.append(reached ? dc as Any : NSNull())
            best.append(r.bestValue)
        }
        return ["evals": evals, "seconds": seconds, "cpu_seconds": cpuSeconds, "best": best]
    }

    /// `migsim-bench metaheuristics SEEDS [METHOD…]`: SA, GA (both with the pattern-search hybrid), GPS 2N
    /// from a random start, ACO_R and generalized simulated annealing (with its Nelder–Mead local
    /// phase) on every problem of `MetaheuristicsBenchProblems`; only the named methods when given.
    static func single(seeds: Int, only: Set<String> = []) throws -> [String: Any] {
        func randomStart(_ seed: UInt64, _ p: OptimizationProblem) -> [Double] {
            var rng = SeededGenerator(seed: 1000 + seed)
            return (0..<p.dimension).map { p.lowerBounds[$0] + (p.upperBounds[$0] - p.lowerBounds[$0]) * rng.nextUniform() }
        }
        let methods: [(String, (UInt64, OptimizationProblem) -> any Optimizer)] = [
            ("sa", { _, _ in SimulatedAnnealing(schedule: .fast, hybrid: .patternSearch) }),
            ("ga", { _, _ in GeneticAlgorithm(hybrid: .patternSearch) }),
            ("gps", { seed, p in PatternSearch(poll: .gps2N, start: randomStart(seed, p)) }),
            ("aco-r", { _, _ in AntColonyContinuous() }),
            ("gsa", { _, _ in GeneralizedSimulatedAnnealing() }),
        ].filter { only.isEmpty || only.contains($0.0) }
        var problems: [String: Any] = [:]
        for (problem, target, budget) in MetaheuristicsBenchProblems.all {
            var entry: [String: Any] = ["target": target, "budget": budget, "dimension": problem.dimension,
                                        "check_point": problem.knownMinimizer!, "check_value": problem.objective(problem.knownMinimizer!)]
            for (name, make) in methods {
                entry[name] = try runs(make, problem, target: target, budget: budget, seeds: seeds)
            }
            problems[problem.name] = entry
        }
        return ["case": "metaheuristics", "seeds": seeds, "problems": problems]
    }

    /// `migsim-bench nsga2 SEEDS`: NSGA-II (population 100, 250 generations, SBX η_c = 20, polynomial
    /// mutation η_m = 20, p_m = 1/n) on ZDT1–4 and ZDT6; hypervolume (reference (1.1, 1.1)) over the
    /// exact true front's of the last population's first front (`hv_ratio`, clipped mutation, the
    /// default), of the run's archive of non-dominated points (`hv_ratio_archive`) and of the last
    /// front with the bounded mutation pymoo also uses (`hv_ratio_bounded`); run time; and the first
    /// generation (scanned in steps of 10, the run being a deterministic prefix of the longer one)
    /// whose front reaches 95%.
    static func nsga2(seeds: Int) throws -> [String: Any] {
        let reference = [1.1, 1.1]
        var problems: [String: Any] = [:]
        for name in ["zdt1", "zdt2", "zdt3", "zdt4", "zdt6"] {
            let problem = MultiObjectiveProblem.zdt(name)!
            let trueVolume = MultiObjectiveProblem.zdtTrueHypervolume(name, reference: reference)!
            let algorithm = NSGA2(populationSize: 100, crossoverEta: 20, mutationEta: 20)
            var ratios: [Double] = [], archived: [Double] = [], bounded: [Double] = []
            var seconds: [Double] = [], cpuSeconds: [Double] = [], reach: [Any] = []
            for seed in 1...UInt64(seeds) {
                let budget = OptimizationBudget(maxTrials: 25_000)
                let t0 = now(), c0 = cpuNow()
                let r = try algorithm.minimize(problem, budget: budget, seed: seed)
                seconds.append(now() - t0)
                cpuSeconds.append(cpuNow() - c0)
                ratios.append(ParetoMetrics.hypervolume2D(r.paretoFront, reference: reference) / trueVolume)
                var withArchive = algorithm, withBounded = algorithm
                withArchive.archive = true
                withBounded.mutationForm = .bounded
                archived.append(ParetoMetrics.hypervolume2D(try withArchive.minimize(problem, budget: budget, seed: seed).paretoFront,
                                                            reference: reference) / trueVolume)
                bounded.append(ParetoMetrics.hypervolume2D(try withBounded.minimize(problem, budget: budget, seed: seed).paretoFront,
                                                           reference: reference) / trueVolume)
                var reached: Any = NSNull()
                for generations in stride(from: 10, through: 240, by: 10) {
                    let s = try algorithm.minimize(problem, budget: OptimizationBudget(maxTrials: 100 * (generations + 1)), seed: seed)
                    if ParetoMetrics.hypervolume2D(s.paretoFront, reference: reference) >= 0.95 * trueVolume {
                        reached = 100 * (generations + 1); break
                    }
                }
                reach.append(reached)
            }
            problems[name] = ["true_hv": trueVolume, "hv_ratio": ratios, "hv_ratio_archive": archived, "hv_ratio_bounded": bounded,
                              "seconds": seconds, "cpu_seconds": cpuSeconds, "evals_to_95": reach]
        }
        return ["case": "nsga2", "seeds": seeds, "population": 100, "generations": 250, "problems": problems]
    }
}

extension MetaheuristicsBench {
    /// `migsim-bench zdt NAME SEEDS [ETA_C] [EVALUATIONS] [clipped|bounded]`: NSGA-II, population 100,
    /// SBX η_c = 20, 25,000 evaluations (250 generations) and clipped polynomial mutation (η_m = 20,
    /// p_m = 1/n) unless given, on one ZDT problem for seeds 1…SEEDS: per seed the hypervolume ratio
    /// (reference (1.1, 1.1), exact true front) of the last population's first front and of the run's
    /// archive, and for ZDT6 the convergence gap g − 1 = 9 (Σᵢ₌₂ⁿ xᵢ / (n − 1))^¼ of the front (smallest
    /// and median): on the true front g = 1. ZDT6's front has f₂ ≈ 1 − f₁² + (g − 1)(1 + f₁²), so the
    /// hypervolume lost is ≈ 1.05 (g − 1), ≈ 2 (g − 1) relative.
    static func zdtStudy(name: String, seeds: Int, crossoverEta: Double = 20, evaluations: Int = 25_000,
                         form: PolynomialMutationForm = .clipped) throws -> [String: Any] {
        let problem = MultiObjectiveProblem.zdt(name)!
        let reference = [1.1, 1.1]
        let exact = MultiObjectiveProblem.zdtTrueHypervolume(name, reference: reference)!
        var rows: [[String: Any]] = []
        for seed in 1...UInt64(seeds) {
            var row: [String: Any] = ["seed": seed]
            for archive in [false, true] {
                let t0 = now()
                let r = try NSGA2(populationSize: 100, crossoverEta: crossoverEta, mutationEta: 20, mutationForm: form, archive: archive)
                    .minimize(problem, budget: OptimizationBudget(maxTrials: evaluations), seed: seed)
                let key = archive ? "archive" : "population"
                row[key + "_seconds"] = now() - t0
                row[key + "_hv_ratio"] = ParetoMetrics.hypervolume2D(r.paretoFront, reference: reference) / exact
                row[key + "_points"] = r.paretoFront.count
                if name == "zdt6" {
                    let gaps = r.paretoSet.map { 9 * pow($0.dropFirst().reduce(0, +) / Double($0.count - 1), 0.25) }.sorted()
                    row[key + "_gap_min"] = gaps.first ?? Double.nan
                    row[key + "_gap_median"] = gaps.isEmpty ? Double.nan : gaps[gaps.count / 2]
                }
            }
            rows.append(row)
        }
        func summary(_ key: String) -> [String: Double] {
            let v = rows.map { $0[key] as! Double }.sorted()
            return ["min": v.first!, "median": v[v.count / 2], "max": v.last!]
        }
        return ["case": "zdt", "problem": name, "crossover_eta": crossoverEta, "evaluations": evaluations, "mutation_form": form.rawValue,
                "true_hv": exact, "population_hv_ratio": summary("population_hv_ratio"), "archive_hv_ratio": summary("archive_hv_ratio"),
                "runs": rows]
    }
}
