import ArgumentParser
import DistributedSearch
import Foundation
import GlobalOptimization

/// `migsim optimize --method index`: Strongin's index method in one process, or — when started by
/// `mpirun` with several processes — the asynchronous parallel scheme of seed 002 §5.2
/// (`DistributedIndexMethod`: one evolvent per process, trials exchanged without waiting). Only rank 0
/// writes the result and trace, and prints the processes' trial counts to standard error.
extension OptimizeCommand {
    func runIndexMethod(_ problem: OptimizationProblem, budget: OptimizationBudget, maximized: Bool = false) throws {
        let configuration = try indexConfiguration(dimension: problem.dimension)
        let known = try stopAtKnown ? gklsStopRule() : nil
        guard MPIRuntime.launchedWithSeveralProcesses(environment: ProcessInfo.processInfo.environment) else {
            let result = try Self.namingOptions {
                try IndexMethod(configuration).minimize(problem, budget: budget, seed: seed, stopWhen: known)
            }
            let reported = Self.inObjectiveSense(result, maximized: maximized)
            try write(reported, trace: reported.trace)
            return
        }
        try MPIRuntime.initialize()
        defer { MPIRuntime.finalize() }
        let run = try Self.namingOptions { try DistributedIndexMethod(configuration).run(problem, budget: budget, stopWhen: known) }
        guard MPIRuntime.rank == 0 else { return }
        let line = "mpi: \(run.trialsPerRank.count) processes, trials per rank \(run.trialsPerRank), "
            + "iterations per rank \(run.iterationsPerRank), total trials \(run.result.trials)\n"
        Log.write(line)
        let reported = Self.inObjectiveSense(run.result, maximized: maximized)
        try write(reported, trace: reported.trace)
    }

    /// The index method's settings from the options; their defaults are
    /// `IndexMethodConfiguration.recommended(dimension:)`.
    func indexConfiguration(dimension: Int) throws -> IndexMethodConfiguration {
        var c = IndexMethodConfiguration.recommended(dimension: dimension)
        if let reliability { c.reliability = reliability }
        switch localAdaptation.lowercased() {
        case "off", "none": c.localAdaptation = nil
        default:
            guard let alpha = Double(localAdaptation) else {
                throw ValidationError("--local-adaptation: expected α in 0…30 or 'off', got '\(localAdaptation)'")
            }
            c.localAdaptation = alpha
        }
        c.globalFrequency = globalEvery
        if let localTuning { c.localTuning = localTuning }
        c.density = density
        c.evolventCount = evolvents
        guard let family = EvolventFamily(rawValue: evolventFamily.lowercased()) else {
            throw ValidationError("--evolvent-family: expected rotated or shifted, got '\(evolventFamily)'")
        }
        c.evolventFamily = family
        c.localRefinement = refine
        c.refinementStep = refineStep
        switch localSearch?.lowercased() {
        case nil: break
        case "off", "none": c.localSearchStep = nil; c.sampleMinimumRadius = nil
        case let value?:
            guard let step = Double(value), step > 0, step < 1 else {
                throw ValidationError("--local-search: expected a step in (0, 1) (fraction of the box side) or 'off', got '\(value)'")
            }
            c.localSearchStep = step
        }
        switch sampleMinima?.lowercased() {
        case nil: break
        case "off", "none": c.sampleMinimumRadius = nil
        case let value?:
            guard let radius = Double(value), radius > 0, radius < 1 else {
                throw ValidationError("--sample-minima: expected a radius in (0, 1) (fraction of the box side) or 'off', got '\(value)'")
            }
            guard c.localSearchStep != nil else {
                throw ValidationError("--sample-minima: the searches from sample minima are local searches during the run; give --local-search STEP too (it is off by default in 1 and 2 dimensions)")
            }
            c.sampleMinimumRadius = radius
        }
        return c
    }

    /// Runs `body`, turning the index method's parameter errors into errors that name the option.
    static func namingOptions<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch IndexMethodError.invalidParameter(let name, let value, let expected) {
            let options = ["reliability": "--reliability", "density": "--density", "evolventCount": "--evolvents",
                           "localAdaptation": "--local-adaptation", "globalFrequency": "--global-every",
                           "refinementStep": "--refine-step", "localSearchStep": "--local-search", "sampleMinimumRadius": "--sample-minima", "budget.tolerance": "--tolerance", "budget.maxTrials": "--budget"]
            throw ValidationError("\(options[name] ?? name): expected \(expected), got \(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)")")
        }
    }

    /// The GKLS function of `--gkls-class`, `--gkls-number` and `--dimension` (default 2).
    func gklsFunction() throws -> GKLSFunction {
        guard let difficulty = GKLSFunction.Difficulty(rawValue: gklsClass.lowercased()) else {
            throw ValidationError("--gkls-class: expected \(GKLSFunction.Difficulty.allCases.map(\.rawValue).joined(separator: " or ")), got '\(gklsClass)'")
        }
        guard (1...100).contains(gklsNumber) else { throw ValidationError("--gkls-number: expected 1…100, got \(gklsNumber)") }
        do {
            return try GKLSFunction(difficulty, dimension: dimension ?? 2, number: gklsNumber)
        } catch {
            throw ValidationError("--dimension: no GKLS \(difficulty.rawValue) class for N = \(dimension ?? 2) (\(error))")
        }
    }

    func gklsStopRule() throws -> @Sendable ([Double], Double) -> Bool {
        guard builtin?.lowercased() == "gkls" else { throw ValidationError("--stop-at-known: only for --builtin gkls") }
        let f = try gklsFunction()
        let fraction = try successFraction(dimension: f.dimension)
        return { x, _ in f.isSolved(by: x, within: fraction) }
    }

    /// The success box of `--stop-within` (default 0.01 of the side).
    func successFraction(dimension: Int) throws -> Double {
        guard let stopWithin else { return 0.01 }
        if stopWithin.lowercased() == "delta" {
            guard let fraction = GKLSFunction.sergeyevKvasovFraction(dimension: dimension) else {
                throw ValidationError("--stop-within: the Δ-criterion is defined for N = 2…5, got --dimension \(dimension)")
            }
            return fraction
        }
        guard let fraction = Double(stopWithin), fraction > 0, fraction < 0.5 else {
            throw ValidationError("--stop-within: expected a fraction of the box side in (0, 0.5) or 'delta', got '\(stopWithin)'")
        }
        return fraction
    }
}
