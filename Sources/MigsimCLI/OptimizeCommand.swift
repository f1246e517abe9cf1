import ArgumentParser
import DataIO
import Foundation
import Geodesy
import GlobalOptimization
import Yams

/// `migsim optimize`: minimize typed formulas, a YAML problem file or a built-in problem with any
/// method of the optimization core; writes the result as JSON and the trace as CSV (atomically).
public struct OptimizeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Minimize an objective (formulas over x1…xN, a YAML problem file, or a built-in problem).",
        discussion: """
        Formulas: + − * / ^, unary minus, sqrt, ln, exp, abs, sin, cos, min, max, parentheses, pi.
        Two or more --objective options make a multi-objective problem (method nsga2): the result is the \
        non-dominated archive of every evaluated point, with its hypervolume (--reference) and a CSV (--front).
        --maximize maximizes every objective, --maximize-objective K the K-th only.
        YAML problem file: objectives: ["x1^2 + x2^2"]   bounds: [[-5, 5], [-5, 5]]
        Built-in problems: rastrigin, rosenbrock, shekel, weber, gkls (--gkls-class, --gkls-number, --dimension), \
        zdt1, zdt2, zdt3, zdt4, zdt6, dtlz2 (3 objectives), tsp.
        Methods: \(OptimizeCommand.continuousMethods.joined(separator: ", ")), index; nsga2; for tsp: \(OptimizeCommand.tourMethods.joined(separator: ", ")).
        The index method under `mpirun -n p` (p > 1) runs the asynchronous parallel scheme: each process \
        iterates on its own evolvent and sends its trials to the others; rank 0 writes the outputs.
        """)

    static let continuousMethods = ["nelder-mead", "sa-fast", "sa-boltzmann", "sa-exponential", "sa-generalized", "ps-gps2n",
                                    "ps-gpsnp1", "ps-gss", "ps-mads", "ga", "ga-hybrid", "aco-r"]
    static let tourMethods = ["acs", "mmas", "tour-annealing"]

    @Option(name: .customLong("objective"), parsing: .unconditionalSingleValue,
            help: "An objective formula over x1…xN (repeat for several objectives); may start with a minus sign.")
    public var objectives: [String] = []
    @Option(parsing: .unconditional, help: "Bounds of x1…xN as lo:hi pairs separated by commas, e.g. -5:5,0:1.")
    public var bounds: String?
    @Flag(help: "Maximize every objective instead of minimizing it.")
    public var maximize = false
    @Option(name: .customLong("maximize-objective"),
            help: "Maximize objective K (1…M, in the order given; repeat for several); the others are minimized.")
    public var maximizeObjectives: [Int] = []
    @Option(help: "Several objectives: CSV of the non-dominated front (x1…xN, f1…fM), one row per point.")
    public var front: String?
    @Option(parsing: .unconditional,
            help: "Several objectives: reference point r1,…,rM of the hypervolume, in the objectives' own units (default: the front's worst value in each objective plus 10% of its range).")
    public var reference: String?
    @Option(help: "A YAML problem file with `objectives` (or `objective`) and `bounds`.")
    public var problem: String?
    @Option(help: "A built-in problem by name.")
    public var builtin: String?
    @Option(help: "Dimension of a built-in problem that has one (rastrigin, rosenbrock, zdt*).")
    public var dimension: Int?
    @Option(help: "For tsp: a CSV with a header and columns including x/lon and y/lat.")
    public var points: String?
    @Option(help: "For tsp: planar (Euclidean in the coordinates), great-circle (haversine, km) or wgs84 (ellipsoidal geodesic, km).")
    public var metric: String = "planar"
    @Option(help: "The method.")
    public var method: String?
    @Option(help: "Random seed.")
    public var seed: UInt64 = 1
    @Option(help: "Objective evaluations (tours for the ant colonies, moves for tour annealing).")
    public var budget: Int = 10_000
    @Option(help: "Result JSON file (default: standard output).")
    public var output: String?
    @Option(help: "Trace CSV file (trials, best value).")
    public var trace: String?
    @Option(name: .customLong("gkls-class"), help: "For gkls: simple or hard (Gaviano et al. 2003).")
    public var gklsClass: String = "simple"
    @Option(name: .customLong("gkls-number"), help: "For gkls: the function's number 1…100 in its class.")
    public var gklsNumber: Int = 1
    @Option(help: "Accuracy ε: the index method stops when its best interval has (length)^(1/N) ≤ ε; other methods: their tolerance.")
    public var tolerance: Double = 1e-6
    @Option(help: "Index method: reliability r > 1 of the Hölder-constant estimate (default 12 on a box of 1 or 2 dimensions, 5 on 3, 6 on 4 or more).")
    public var reliability: Double?
    @Option(name: .customLong("local-adaptation"),
            help: "Index method: local-adaptive strength α in 0…30, or 'off' for the purely global characteristic.")
    public var localAdaptation: String = IndexMethodConfiguration.recommended.localAdaptation.map { "\($0)" } ?? "off"
    @Option(name: .customLong("global-every"),
            help: "Index method, mixed strategy: every k-th iteration is global, the others local-adaptive (0: all local-adaptive).")
    public var globalEvery: Int = IndexMethodConfiguration.recommended.globalFrequency
    @Flag(name: .customLong("local-tuning"), inversion: .prefixedNo,
          help: "Index method: local tuning of the Hölder constant (each interval's estimate from the slopes around it; Sergeyev 1995; default on in 1 or 2 dimensions, off in 3 or more).")
    public var localTuning: Bool?
    @Option(help: "Index method: evolvent density m, bits per coordinate (1…20).")
    public var density: Int = IndexMethodConfiguration.recommended.density
    @Option(help: "Index method: number of evolvents sharing the trials in one process (under mpirun: one per process).")
    public var evolvents: Int = IndexMethodConfiguration.recommended.evolventCount
    @Option(name: .customLong("evolvent-family"), help: "Index method: rotated or shifted evolvents.")
    public var evolventFamily: String = IndexMethodConfiguration.recommended.evolventFamily.rawValue
    @Flag(name: .customLong("refine"), inversion: .prefixedNo,
          help: "Index method: refine the best point by Hooke–Jeeves (moves projected onto the box) when the global stage stops.")
    public var refine = IndexMethodConfiguration.recommended.localRefinement
    @Option(name: .customLong("refine-step"), help: "Index method: the refinement stops when its step is below this fraction of each box side.")
    public var refineStep: Double = IndexMethodConfiguration.recommended.refinementStep
    @Option(name: .customLong("local-search"),
            help: "Index method: Hooke–Jeeves local search from each new incumbent during the run, down to this step (fraction of the box side), or 'off' (default 0.001 on a box of 3 or more dimensions, off in 1 and 2).")
    public var localSearch: String?
    @Option(name: .customLong("sample-minima"),
            help: "Index method: with the local search during the run, also start it from the sample's local minima (trials in the lower half that no trial within this fraction of each side undercuts), or 'off' (default 0.15 on a box of 3 or more dimensions; --local-search off turns it off too).")
    public var sampleMinima: String?
    @Flag(name: .customLong("stop-at-known"), help: "Index method on gkls: stop at the first trial within 0.01 of the box side of the global minimizer (or --stop-within).")
    public var stopAtKnown = false
    @Option(name: .customLong("stop-within"),
            help: "With --stop-at-known: the success box's half-width as a fraction of the box side (default 0.01), or 'delta' for Sergeyev & Kvasov's Δ-criterion (Δ^(1/N): 0.01 for N ≤ 3, 10^-1.5 for N = 4, 10^-1.4 for N = 5).")
    public var stopWithin: String?

    public init() {}

    public func run() throws {
        try validateCommon()
        let budget = OptimizationBudget(maxTrials: self.budget, tolerance: tolerance)
        if builtin?.lowercased() == "tsp" {
            guard !maximize, maximizeObjectives.isEmpty else { throw ValidationError("--maximize: tsp minimizes the tour length") }
            let tsp = try loadTourProblem()
            let m = (method ?? "acs").lowercased()
            let result: TourResult
            switch m {
            case "acs": result = try AntColonyTour(variant: .antColonySystem).minimize(tsp, budget: budget, seed: seed)
            case "mmas": result = try AntColonyTour(variant: .maxMinAntSystem).minimize(tsp, budget: budget, seed: seed)
            case "tour-annealing": result = try TourAnnealing().minimize(tsp, budget: budget, seed: seed)
            default: throw ValidationError("--method: expected one of \(Self.tourMethods.joined(separator: ", ")) for tsp, got '\(m)'")
            }
            try write(result, trace: result.trace)
            return
        }
        let (single, multi) = try loadProblem()
        let maximized = try maximizedObjectives(count: multi?.objectiveCount ?? 1)
        if let multi {
            let m = (method ?? "nsga2").lowercased()
            guard m == "nsga2" else { throw ValidationError("--method: a multi-objective problem needs nsga2, got '\(m)'") }
            let reference = try self.reference.map { try Self.parseReference($0, count: multi.objectiveCount) }
            let result = try NSGA2(populationSize: 100, archive: true)
                .minimize(Self.minimizationForm(multi, maximized: maximized), budget: budget, seed: seed)
            try writeFront(ParetoOutput(result, maximized: maximized, reference: reference), dimension: multi.dimension)
        } else if let single {
            let problem = maximized[0] ? Self.negated(single) : single
            if (method ?? "").lowercased() == "index" {
                try runIndexMethod(problem, budget: budget, maximized: maximized[0])
            } else {
                let result = Self.inObjectiveSense(try optimizer(method ?? "ps-gps2n").minimize(problem, budget: budget, seed: seed),
                                                   maximized: maximized[0])
                try write(result, trace: result.trace)
            }
        }
    }

    /// Which objectives are maximized (`--maximize`: all; `--maximize-objective K`: the K-th).
    func maximizedObjectives(count: Int) throws -> [Bool] {
        var maximized = Array(repeating: maximize, count: count)
        for k in maximizeObjectives {
            guard (1...count).contains(k) else {
                throw ValidationError("--maximize-objective: objective \(k) does not exist; the problem has \(count) objective(s), numbered 1…\(count)")
            }
            maximized[k - 1] = true
        }
        return maximized
    }

    /// max f = −min(−f): the problem with its objective negated.
    static func negated(_ p: OptimizationProblem) -> OptimizationProblem {
        let f = p.objective
        return OptimizationProblem(name: p.name, lowerBounds: p.lowerBounds, upperBounds: p.upperBounds, constraints: p.constraints,
                                   knownMinimizer: p.knownMinimizer) { x in -f(x) }
    }

    /// The multi-objective problem with its maximized objectives negated.
    static func minimizationForm(_ p: MultiObjectiveProblem, maximized: [Bool]) -> MultiObjectiveProblem {
        guard maximized.contains(true) else { return p }
        let f = p.objectives
        return MultiObjectiveProblem(name: p.name, lowerBounds: p.lowerBounds, upperBounds: p.upperBounds, objectiveCount: p.objectiveCount,
                                     constraints: p.constraints) { x in zip(f(x), maximized).map { $1 ? -$0 : $0 } }
    }

    /// A result of the minimization form reported in the objective's own sense (values negated back).
    static func inObjectiveSense(_ r: OptimizationResult, maximized: Bool) -> OptimizationResult {
        guard maximized else { return r }
        var result = r
        result.bestValue = -r.bestValue
        result.trace = r.trace.map { TraceEntry(trials: $0.trials, bestValue: -$0.bestValue) }
        return result
    }

    /// Parses the hypervolume's reference point "r1,…,rM".
    static func parseReference(_ text: String, count: Int) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == count, values.allSatisfy({ $0?.isFinite == true }) else {
            throw ValidationError("--reference: expected \(count) finite numbers separated by commas (one per objective), got '\(text)'")
        }
        return values.map { $0! }
    }

    func validateCommon() throws {
        guard budget >= 1 else { throw ValidationError("--budget: expected a positive number of evaluations, got \(budget)") }
        guard tolerance > 0, tolerance.isFinite else { throw ValidationError("--tolerance: expected a finite number > 0, got \(tolerance)") }
        let sources = [!objectives.isEmpty, problem != nil, builtin != nil].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError("give exactly one of --objective, --problem or --builtin (got \(sources))")
        }
        if stopWithin != nil, !stopAtKnown { throw ValidationError("--stop-within: only with --stop-at-known") }
    }

    func optimizer(_ name: String) throws -> any Optimizer {
        switch name.lowercased() {
        case "nelder-mead": return NelderMead()
        case "sa-fast": return SimulatedAnnealing(schedule: .fast)
        case "sa-boltzmann": return SimulatedAnnealing(schedule: .boltzmann)
        case "sa-exponential": return SimulatedAnnealing(schedule: .exponential)
        case "sa-generalized": return GeneralizedSimulatedAnnealing()
        case "ps-gps2n": return PatternSearch(poll: .gps2N)
        case "ps-gpsnp1": return PatternSearch(poll: .gpsNp1)
        case "ps-gss": return PatternSearch(poll: .gss)
        case "ps-mads": return PatternSearch(poll: .mads)
        case "ga": return GeneticAlgorithm()
        case "ga-hybrid": return GeneticAlgorithm(hybrid: .patternSearch)
        case "aco-r": return AntColonyContinuous()
        default:
            throw ValidationError("--method: expected one of \(Self.continuousMethods.joined(separator: ", ")), got '\(name)'")
        }
    }

    /// Parses "lo:hi,lo:hi"; `origin` names where the text came from in errors.
    static func parseBounds(_ text: String, origin: String) throws -> (lower: [Double], upper: [Double]) {
        var lower: [Double] = [], upper: [Double] = []
        for (k, pair) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]) else {
                throw ValidationError("\(origin): bound \(k + 1) '\(pair)': expected lo:hi with two numbers")
            }
            guard lo.isFinite, hi.isFinite else {
                throw ValidationError("\(origin): bound \(k + 1) '\(pair)': expected finite numbers lo < hi, got \(lo) and \(hi)")
            }
            guard lo != hi else {
                throw ValidationError("\(origin): bound \(k + 1) '\(pair)': the interval is empty (lo = hi = \(lo)); expected lo < hi")
            }
            guard lo < hi else { throw ValidationError("\(origin): bound \(k + 1) '\(pair)': expected lo < hi") }
            lower.append(lo); upper.append(hi)
        }
        return (lower, upper)
    }

    func loadProblem() throws -> (OptimizationProblem?, MultiObjectiveProblem?) {
        if let builtin { return try builtinProblem(builtin.lowercased()) }
        var texts = objectives
        var lower: [Double] = [], upper: [Double] = []
        var origin = "--objective"
        if let problem {
            origin = problem
            (texts, lower, upper) = try Self.readYAMLProblem(path: problem)
        } else {
            guard let bounds else { throw ValidationError("--bounds: expected lo:hi pairs for x1…xN with --objective") }
            (lower, upper) = try Self.parseBounds(bounds, origin: "--bounds")
        }
        var formulas: [Formula] = []
        for (k, text) in texts.enumerated() {
            do { formulas.append(try Formula(text)) } catch let error as FormulaError {
                throw ValidationError("\(origin): objective \(k + 1): \(error)")
            }
        }
        let needed = formulas.map(\.variableCount).max() ?? 0
        guard needed <= lower.count else {
            throw ValidationError("\(origin): the objectives use x\(needed) but bounds are given for \(lower.count) variable(s)")
        }
        if formulas.count == 1 {
            let f = formulas[0].closure
            return (OptimizationProblem(name: "formula", lowerBounds: lower, upperBounds: upper, objective: f), nil)
        }
        let closures = formulas.map(\.closure)
        return (nil, MultiObjectiveProblem(name: "formulas", lowerBounds: lower, upperBounds: upper,
                                           objectiveCount: closures.count) { x in closures.map { $0(x) } })
    }

    static func readYAMLProblem(path: String) throws -> ([String], [Double], [Double]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("\(path): cannot read the problem file; expected an existing, readable UTF-8 text file")
        }
        let node: Any?
        try YAMLLimits.check(text, file: path)   // depth and alias expansion, before Yams builds anything
        do { node = try Yams.load(yaml: text) } catch let error as YamlError {
            throw ValidationError("\(path): not valid YAML: \(error)")
        }
        guard let map = node as? [String: Any] else { throw ValidationError("\(path): expected a mapping with keys objectives and bounds") }
        var texts: [String] = []
        if let one = map["objective"] { texts = [String(describing: one)] }
        else if let many = map["objectives"] as? [Any] { texts = many.map { String(describing: $0) } }
        guard !texts.isEmpty else { throw ValidationError("\(path): expected key 'objective' (a formula) or 'objectives' (a list of formulas)") }
        guard let rows = map["bounds"] as? [Any] else { throw ValidationError("\(path): expected key 'bounds', a list of [lo, hi] pairs") }
        var lower: [Double] = [], upper: [Double] = []
        for (k, row) in rows.enumerated() {
            guard let pair = row as? [Any], pair.count == 2,
                  let lo = Self.number(pair[0]), let hi = Self.number(pair[1]), lo.isFinite, hi.isFinite, lo < hi else {
                throw ValidationError("\(path): bounds[\(k)]: expected [lo, hi] with two finite numbers, lo < hi, got \(row)")
            }
            lower.append(lo); upper.append(hi)
        }
        return (texts, lower, upper)
    }

    static func number(_ v: Any) -> Double? {
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        return Double(String(describing: v))
    }

    func builtinProblem(_ name: String) throws -> (OptimizationProblem?, MultiObjectiveProblem?) {
        let n = dimension
        if let n, !(2...1_000).contains(n) { throw ValidationError("--dimension: expected 2 to 1000 (the dimension limit), got \(n)") }
        switch name {
        case "rastrigin": return (.rastrigin(dimension: n ?? 2), nil)
        case "rosenbrock": return (.rosenbrock(dimension: n ?? 2), nil)
        case "shekel": return (.shekel(maxima: 10), nil)
        case "weber": return (WeberProblem.problem, nil)
        case "gkls": return (try gklsFunction().problem, nil)
        case "dtlz2":
            if let n, n < 3 { throw ValidationError("--dimension: dtlz2 with 3 objectives needs at least 3 variables, got \(n)") }
            return (nil, .dtlz2(objectives: 3, dimension: n ?? 12))
        default:
            if let zdt = MultiObjectiveProblem.zdt(name, dimension: n) { return (nil, zdt) }
            throw ValidationError("--builtin: expected rastrigin, rosenbrock, shekel, weber, gkls, zdt1, zdt2, zdt3, zdt4, zdt6, dtlz2 or tsp, got '\(name)'")
        }
    }

    func loadTourProblem() throws -> TourProblem {
        guard let points else { throw ValidationError("--points: tsp needs a CSV of points") }
        let m = TourProblem.Metric(rawValue: metric == "great-circle" ? "greatCircle" : metric)
        guard m != nil || metric == "wgs84" else {
            throw ValidationError("--metric: expected planar, great-circle or wgs84, got '\(metric)'")
        }
        let text: String
        do { text = try String(contentsOfFile: points, encoding: .utf8) } catch {
            throw ValidationError("\(points): cannot read the points file")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let header = lines.first?.split(separator: ",").map({ $0.lowercased() }) else {
            throw ValidationError("\(points): line 1: expected a header row")
        }
        guard let xi = header.firstIndex(where: { $0 == "x" || $0 == "lon" }),
              let yi = header.firstIndex(where: { $0 == "y" || $0 == "lat" }) else {
            throw ValidationError("\(points): line 1: expected columns x and y (or lon and lat)")
        }
        var xy: [(x: Double, y: Double)] = []
        for (k, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw ValidationError("\(points): line \(k + 2): expected \(header.count) fields, got \(fields.count)")
            }
            guard let x = Double(fields[xi]) else { throw ValidationError("\(points): line \(k + 2), column \(xi + 1): expected a number, got '\(fields[xi])'") }
            guard let y = Double(fields[yi]) else { throw ValidationError("\(points): line \(k + 2), column \(yi + 1): expected a number, got '\(fields[yi])'") }
            xy.append((x, y))
        }
        guard xy.count >= 4 else { throw ValidationError("\(points): expected at least 4 points, got \(xy.count)") }
        guard let m else { return Self.wgs84Tour(xy) }
        return TourProblem(name: "tsp", points: xy, metric: m)
    }

    /// A tour problem whose distances are WGS84 geodesics (Karney's inverse, kilometres) between
    /// points (x, y) = (longitude, latitude) in degrees.
    static func wgs84Tour(_ xy: [(x: Double, y: Double)]) -> TourProblem {
        let n = xy.count
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let v = GeodesicMetric.wgs84.kilometres(lat1: xy[i].y, lon1: xy[i].x, lat2: xy[j].y, lon2: xy[j].x)
                d[i * n + j] = v; d[j * n + i] = v
            }
        }
        return TourProblem(name: "tsp", distances: d, cityCount: n)
    }

    func write<R: Encodable>(_ result: R, trace: [TraceEntry]?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = try encoder.encode(result)
        if let output {
            try json.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(String(decoding: json, as: UTF8.self))
        }
        if let path = self.trace, let trace {
            var csv = "trials,best_value\n"
            for e in trace { csv += "\(e.trials),\(e.bestValue.description)\n" }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
