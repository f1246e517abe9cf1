import Testing
import GlobalOptimization
import DistributedSearch

/// The parts of the MPI driver that need no running MPI: which evolvent each process takes, and when
/// `migsim` considers itself started by `mpirun` with several processes.
struct DistributedIndexMethodTests {
    @Test func processesTakeTheCurvesOfTheFamilyInTurn() {
        let c = IndexMethodConfiguration(reliability: 4)
        // N = 2: at most N(N−1)+1 = 3 rotated curves; a 4th process shares curve 0 in slot 1.
        let four = (0..<4).map { DistributedIndexMethod.assignment(rank: $0, size: 4, configuration: c, dimension: 2) }
        #expect(four.map(\.configuration.evolventCount) == [3, 3, 3, 3])
        #expect(four.map(\.line) == [0, 1, 2, 0])
        #expect(four.map(\.slot) == [0, 0, 0, 1])
        let two = (0..<2).map { DistributedIndexMethod.assignment(rank: $0, size: 2, configuration: c, dimension: 3) }
        #expect(two.map(\.configuration.evolventCount) == [2, 2] && two.map(\.line) == [0, 1])
        var shifted = c
        shifted.evolventFamily = .shifted
        shifted.density = 4
        let six = (0..<6).map { DistributedIndexMethod.assignment(rank: $0, size: 6, configuration: shifted, dimension: 2) }
        #expect(six.map(\.line) == [0, 1, 2, 3, 0, 1] && six.map(\.slot) == [0, 0, 0, 0, 1, 1])
        #expect(six.allSatisfy { $0.configuration.reliability == 4 && $0.configuration.evolventFamily == .shifted })
    }

    @Test func severalProcessesOnlyUnderMpirunWithSizeAboveOne() {
        #expect(!MPIRuntime.launchedWithSeveralProcesses(environment: [:]))
        #expect(!MPIRuntime.launchedWithSeveralProcesses(environment: ["OMPI_COMM_WORLD_SIZE": "1"]))
        #expect(!MPIRuntime.launchedWithSeveralProcesses(environment: ["OMPI_COMM_WORLD_SIZE": "x"]))
        #expect(MPIRuntime.launchedWithSeveralProcesses(environment: ["OMPI_COMM_WORLD_SIZE": "3"]))
    }
}
