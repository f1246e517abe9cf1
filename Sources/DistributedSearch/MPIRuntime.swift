import CMPI

/// The MPI environment of one process of `mpirun` (Open MPI, all on MPI_COMM_WORLD), for the
/// asynchronous parallel index method of seed 002 §5.2: initialization and finalization, rank and
/// size, and the few collective operations the scheme needs (barrier, all-to-all of counts, sums,
/// broadcast). Point-to-point traffic of trials is `TrialChannel`.
public enum MPIRuntime {
    /// True when this process was started by Open MPI's `mpirun` with more than one process
    /// (`OMPI_COMM_WORLD_SIZE` > 1). A lone process never initializes MPI.
    public static func launchedWithSeveralProcesses(environment: [String: String]) -> Bool {
        guard let text = environment["OMPI_COMM_WORLD_SIZE"], let size = Int(text) else { return false }
        return size > 1
    }

    /// MPI_Init (once per process; a second call does nothing).
    public static func initialize() throws {
        try check(migsim_mpi_init(), "MPI_Init")
    }

    /// MPI_Finalize (does nothing if MPI was not initialized or is already finalized).
    public static func finalize() {
        _ = migsim_mpi_finalize()
    }

    public static var rank: Int { Int(migsim_mpi_rank()) }
    public static var size: Int { Int(migsim_mpi_size()) }

    public static func barrier() throws { try check(migsim_mpi_barrier(), "MPI_Barrier") }

    /// MPI_Alltoall of one Int32 per rank: `send[d]` goes to rank d; returns what each rank sent here.
    public static func allToAll(_ send: [Int32]) throws -> [Int32] {
        precondition(send.count == size, "MPIRuntime.allToAll: send has \(send.count) entries, expected the size \(size)")
        var receive = [Int32](repeating: 0, count: send.count)
        let rc = send.withUnsafeBufferPointer { s in
            receive.withUnsafeMutableBufferPointer { r in migsim_mpi_alltoall_ints(s.baseAddress, r.baseAddress) }
        }
        try check(rc, "MPI_Alltoall")
        return receive
    }

    /// The sum of `value` over all ranks (MPI_Allreduce).
    public static func sum(_ value: Int) throws -> Int {
        var result = 0
        try check(migsim_mpi_allreduce_sum_long(value, &result), "MPI_Allreduce(sum)")
        return result
    }

    /// The largest `value` over all ranks (MPI_Allreduce).
    public static func maximum(_ value: Int32) throws -> Int32 {
        var result: Int32 = 0
        try check(migsim_mpi_allreduce_max_int(value, &result), "MPI_Allreduce(max)")
        return result
    }

    /// Rank `root`'s `values` on every rank (MPI_Bcast); every rank passes an array of the same count.
    public static func broadcast(_ values: [Double], from root: Int) throws -> [Double] {
        var buffer = values
        let rc = buffer.withUnsafeMutableBufferPointer { migsim_mpi_bcast_doubles($0.baseAddress, Int32($0.count), Int32(root)) }
        try check(rc, "MPI_Bcast")
        return buffer
    }

    static func check(_ code: Int32, _ call: String) throws {
        guard code == 0 else { throw MPIError.callFailed(call: call, code: Int(code)) }
    }
}

/// An MPI call that returned an error code, or a malformed message.
public enum MPIError: Error, Equatable, CustomStringConvertible {
    case callFailed(call: String, code: Int)
    case malformedMessage(source: Int, count: Int, expected: String)

    public var description: String {
        switch self {
        case .callFailed(let call, let code): return "MPI: \(call) failed with error code \(code)"
        case .malformedMessage(let source, let count, let expected):
            return "MPI: a message of \(count) doubles from rank \(source); expected \(expected)"
        }
    }
}
