import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) and `kill` (SIGTERM) into a flag that a long computation polls between
/// iterations, so it can write its checkpoint and stop cleanly. While installed the signals do not
/// terminate the process; `uninstall` restores their default action.
final class InterruptFlag {
    /// The signal number received, 0 before any; shared with the signal sources' handlers.
    private final class Raised: Sendable { let value = Atomic<Int32>(0) }
    private let raised = Raised()
    private let sources: [any DispatchSourceSignal]
    static let signals: [Int32] = [SIGINT, SIGTERM]

    init() {
        sources = InterruptFlag.signals.map { sig in
            signal(sig, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: sig, queue: .global())
        }
        for (source, sig) in zip(sources, InterruptFlag.signals) {
            let raised = self.raised
            source.setEventHandler { raised.value.store(sig, ordering: .sequentiallyConsistent) }
            source.resume()
        }
    }

    /// The signal received (SIGINT or SIGTERM), or nil.
    var signalReceived: Int32? {
        let s = raised.value.load(ordering: .sequentiallyConsistent)
        return s == 0 ? nil : s
    }

    func uninstall() {
        for s in sources { s.cancel() }
        for sig in InterruptFlag.signals { signal(sig, SIG_DFL) }
    }
}
