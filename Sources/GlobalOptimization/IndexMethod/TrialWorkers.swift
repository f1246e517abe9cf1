import Foundation
import Synchronization

/// Persistent threads for the p trials of one iteration of the parallel index method (SPEC §7):
/// the calling thread makes the first trial, worker k − 1 the k-th.
///
/// `DispatchQueue.concurrentPerform` wakes a pool thread on every call. With one trial per thread
/// and ~1 ms trials that wake-up is a visible share of the iteration: on this project's 2-core
/// machine two 1 ms CPU-bound tasks took 1.14–1.23 ms per pair through concurrentPerform and
/// 1.01 ms with a spinning worker. A worker here spins on its own atomic flag while the search
/// computes the next points and parks (50 µs naps) after 2 ms without work, so an idle or finished
/// run holds no core. Both the spinning worker and the caller waiting for the workers yield the core
/// every 256 polls: when other processes compete for the cores, a pure spin kept the thread it waits
/// for off the CPU (`migsim-bench gkls-parallel simple 2 10 1 … cost=cpu` with one busy process
/// beside it on the 2 cores: p = 2 ran at 0.59–0.62× the speed of p = 1 without the yields, 0.84–0.89×
/// with them; on an idle machine 1.91–1.96× either way). The workers quit when the value is released.
final class TrialWorkers: @unchecked Sendable {
    /// One worker's mailbox: 0 idle, 1 task posted, 2 task done, 3 quit.
    private final class Slot: @unchecked Sendable {
        let state = Atomic<Int>(0)
        var task: (@Sendable () -> Void)?
    }

    private let slots: [Slot]

    /// The number of trials one `run` can take (workers + the calling thread).
    var capacity: Int { slots.count + 1 }

    init(workers: Int) {
        precondition(workers >= 1, "TrialWorkers: \(workers) workers (expected ≥ 1)")
        slots = (0..<workers).map { _ in Slot() }
        for slot in slots {
            let thread = Thread {
                var idleSince = TrialWorkers.seconds()
                var spins = 0
                while true {
                    switch slot.state.load(ordering: .acquiring) {
                    case 1:
                        slot.task?()
                        slot.task = nil
                        slot.state.store(2, ordering: .releasing)
                        idleSince = TrialWorkers.seconds()
                    case 3:
                        return
                    default:
                        spins += 1
                        if spins & 255 == 0 {
                            if TrialWorkers.seconds() - idleSince > 2e-3 { usleep(50) } else { sched_yield() }
                        }
                    }
                }
            }
            thread.start()
        }
    }

    deinit {
        for slot in slots { slot.state.store(3, ordering: .releasing) }
    }

    /// Runs tasks[0] on the calling thread and tasks[k] on worker k − 1; returns when all are done.
    func run(_ tasks: [@Sendable () -> Void]) {
        precondition(!tasks.isEmpty && tasks.count <= capacity, "TrialWorkers.run: \(tasks.count) tasks for \(capacity) threads")
        for k in 1..<tasks.count {
            slots[k - 1].task = tasks[k]
            slots[k - 1].state.store(1, ordering: .releasing)
        }
        tasks[0]()
        for k in 1..<tasks.count {
            var spins = 0
            while slots[k - 1].state.load(ordering: .acquiring) != 2 {
                spins += 1
                if spins & 255 == 0 { sched_yield() }
            }
            slots[k - 1].state.store(0, ordering: .releasing)
        }
    }

    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Results written by several threads, each into its own element.
final class TrialOutcomes: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<(index: Int, value: Double)>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: (0, 0))
    }

    deinit { buffer.deallocate() }
}
