import CMPI
import GlobalOptimization

/// The queues between the processors of the asynchronous parallel index method (seed 002 §5.2: "on
/// every processor L queues are created, into which the processors put the information about their
/// completed iterations"), over MPI point-to-point messages of one tag.
///
/// A message is a flat array of doubles: [kind, line, x, ν, z, y₁ … y_N] for a trial (kind 0), and
/// [1] for the stop notice (kind 1). Sends are non-blocking (MPI_Isend, the buffer kept until MPI
/// completes the request); receives drain whatever has arrived (MPI_Iprobe) without waiting. The
/// channel counts the messages it sent to and received from each rank, so that `close` can receive
/// every message still in flight (counts exchanged by MPI_Alltoall) and complete every send before
/// MPI_Finalize.
public final class TrialChannel {
    public enum Message: Equatable {
        case trial(IndexMethodPeer.Trial)
        case stop
    }

    static let tag: Int32 = 6_004
    public let rank: Int
    public let size: Int
    public let dimension: Int
    private var sentTo: [Int]
    private var receivedFrom: [Int]
    private var pending: [(request: UnsafeMutablePointer<MPI_Request?>, buffer: UnsafeMutablePointer<Double>)] = []

    public init(dimension: Int) {
        rank = MPIRuntime.rank
        size = MPIRuntime.size
        self.dimension = dimension
        sentTo = Array(repeating: 0, count: size)
        receivedFrom = Array(repeating: 0, count: size)
    }

    deinit {
        for p in pending { _ = migsim_mpi_wait(p.request); release(p) }
    }

    /// Sends `message` to every other rank without waiting.
    public func broadcast(_ message: Message) throws {
        let payload = encode(message)
        for dest in 0..<size where dest != rank {
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: payload.count)
            buffer.initialize(from: payload, count: payload.count)
            let request = UnsafeMutablePointer<MPI_Request?>.allocate(capacity: 1)
            request.initialize(to: nil)
            let rc = migsim_mpi_isend_doubles(buffer, Int32(payload.count), Int32(dest), Self.tag, request)
            guard rc == 0 else {
                release((request, buffer))
                throw MPIError.callFailed(call: "MPI_Isend", code: Int(rc))
            }
            pending.append((request, buffer))
            sentTo[dest] += 1
        }
        try reclaim()
    }

    /// Every message that has arrived so far, in arrival order per sender; never waits.
    public func drain() throws -> [(source: Int, message: Message)] {
        var messages: [(source: Int, message: Message)] = []
        while true {
            var found: Int32 = 0, source: Int32 = 0, count: Int32 = 0
            try MPIRuntime.check(migsim_mpi_iprobe_doubles(migsim_mpi_any_source(), Self.tag, &found, &source, &count), "MPI_Iprobe")
            if found == 0 { return messages }
            messages.append((Int(source), try receive(from: Int(source), count: Int(count))))
        }
    }

    /// Collective: receives every message other ranks sent here and that is still in flight, then
    /// completes this rank's sends. Call on every rank once all have stopped sending.
    public func close() throws -> [(source: Int, message: Message)] {
        let expected = try MPIRuntime.allToAll(sentTo.map { Int32($0) })
        var messages: [(source: Int, message: Message)] = []
        for source in 0..<size where source != rank {
            while receivedFrom[source] < Int(expected[source]) {
                var count: Int32 = 0
                try MPIRuntime.check(migsim_mpi_probe_doubles(Int32(source), Self.tag, &count), "MPI_Probe")
                messages.append((source, try receive(from: source, count: Int(count))))
            }
        }
        for p in pending {
            try MPIRuntime.check(migsim_mpi_wait(p.request), "MPI_Wait")
            release(p)
        }
        pending.removeAll()
        return messages
    }

    private func receive(from source: Int, count: Int) throws -> Message {
        var payload = [Double](repeating: 0, count: count)
        let rc = payload.withUnsafeMutableBufferPointer { migsim_mpi_recv_doubles($0.baseAddress, Int32(count), Int32(source), Self.tag) }
        try MPIRuntime.check(rc, "MPI_Recv")
        receivedFrom[source] += 1
        return try decode(payload, source: source)
    }

    /// Frees the buffers of completed sends.
    private func reclaim() throws {
        var kept: [(request: UnsafeMutablePointer<MPI_Request?>, buffer: UnsafeMutablePointer<Double>)] = []
        for p in pending {
            var done: Int32 = 0
            try MPIRuntime.check(migsim_mpi_test(p.request, &done), "MPI_Test")
            if done != 0 { release(p) } else { kept.append(p) }
        }
        pending = kept
    }

    private func release(_ p: (request: UnsafeMutablePointer<MPI_Request?>, buffer: UnsafeMutablePointer<Double>)) {
        p.request.deallocate()
        p.buffer.deallocate()
    }

    func encode(_ message: Message) -> [Double] {
        switch message {
        case .stop: return [1]
        case .trial(let t): return [0, Double(t.line), t.x, Double(t.index), t.value] + t.point
        }
    }

    func decode(_ payload: [Double], source: Int) throws -> Message {
        if payload == [1] { return .stop }
        guard payload.count == 5 + dimension, payload[0] == 0 else {
            throw MPIError.malformedMessage(source: source, count: payload.count,
                                            expected: "[1] (stop) or [0, line, x, ν, z, y₁…y\(dimension)] (\(5 + dimension) doubles)")
        }
        return .trial(IndexMethodPeer.Trial(line: Int(payload[1]), x: payload[2], point: Array(payload[5...]),
                                            index: Int(payload[3]), value: payload[4]))
    }
}
