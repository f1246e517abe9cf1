import Testing
import DistributedSearch
import GlobalOptimization

/// The example of Sources/DistributedSearch/README.md, kept compiling. Never called: it needs
/// `mpirun`, and the tests start no MPI.
func readmeExampleDistributedSearchProgram() throws {
    try MPIRuntime.initialize()
    defer { MPIRuntime.finalize() }
    let run = try DistributedIndexMethod(IndexMethodConfiguration(reliability: 4))
        .run(OptimizationProblem.rastrigin(dimension: 2), budget: OptimizationBudget(maxTrials: 5_000, tolerance: 1e-3))
    if MPIRuntime.rank == 0 { print(run.result.bestValue, run.trialsPerRank) }
}

/// The README's claim about the curves four processes take for N = 2.
@Test func readmeExampleDistributedSearch() {
    let c = IndexMethodConfiguration(reliability: 4)
    let ranks = (0..<4).map { DistributedIndexMethod.assignment(rank: $0, size: 4, configuration: c, dimension: 2) }
    #expect(ranks.map(\.configuration.evolventCount) == [3, 3, 3, 3])
    #expect(ranks.map(\.line) == [0, 1, 2, 0] && ranks.map(\.slot) == [0, 0, 0, 1])
}
