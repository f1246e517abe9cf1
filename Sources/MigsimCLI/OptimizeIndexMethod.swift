import ArgumentParser
import DistributedSearch
import Foundation
import GlobalOptimization

/// `migsim optimize --method index`: Strongin's index method in one process, or — when started by
/// `mpirun` with several processes — the asynchronous parallel scheme of seed 002 §5.2
/// (`DistributedIndexMethod`: one evolvent per process, trials exchanged without waiting). Only rank 0
/// writes the result and trace, and prints the processes' trial counts to standard error.
extension OptimizeCommand {
    func runIndexMethod(_ problem: OptimizationProblem, budget: OptimizationBudget) throws {
        let configuration = IndexMethodConfiguration(reliability: reliability, evolventCount: evolvents)
        let known = try stopAtKnown ? gklsStopRule() : nil
        guard MPIRuntime.launchedWithSeveralProcesses(environment: ProcessInfo.processInfo.environment) else {
            let result = try IndexMethod(configuration).minimize(problem, budget: budget, seed: seed, stopWhen: known)
            try write(result, trace: result.trace)
            return
        }
        try MPIRuntime.initialize()
        defer { MPIRuntime.finalize() }
        let run = try DistributedIndexMethod(configuration).run(problem, budget: budget, stopWhen: known)
        guard MPIRuntime.rank == 0 else { return }
        let line = "mpi: \(run.trialsPerRank.count) processes, trials per rank \(run.trialsPerRank), "
            + "iterations per rank \(run.iterationsPerRank), total trials \(run.result.trials)\n"
        Log.write(line)
        try write(run.result, trace: run.result.trace)
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
        return { x, _ in f.isSolved(by: x) }
    }
}
