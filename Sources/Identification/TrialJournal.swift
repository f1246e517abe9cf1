import Synchronization

/// One recorded trial: the box point (optimizer coordinates) and the objective value there.
public struct RecordedTrial: Sendable, Codable, Equatable {
    public var point: [Double]
    public var value: Double
    public init(point: [Double], value: Double) { self.point = point; self.value = value }
}

/// The memory of an identification run, and what makes it resumable.
///
/// Every objective evaluation goes through the journal: a point already recorded (bit-for-bit the
/// same coordinates) is answered from the record, a new point is evaluated and recorded. The
/// optimizers of the optimization core are deterministic given their seed and the values they
/// see, and the objective is deterministic, so re-running a method from the start with the journal
/// of an interrupted run replays the interrupted part from the record (no simulations) and then
/// continues exactly as the uninterrupted run did: the same trials, the same result. This works for
/// every method behind the `Optimizer` interface without access to its internal state; a checkpoint
/// is just the list of recorded trials.
///
/// Interruption: after `cancel()`, or once `evaluationLimit` new evaluations are made, a new point
/// is not evaluated and not recorded; it gets `abandonedValue` so that the method runs out quickly,
/// and the run's result is to be discarded (`isCancelled`).
///
/// Thread-safe (the parallel index method evaluates several points at once); evaluations run
/// outside the lock.
public final class TrialJournal: Sendable {
    struct State: Sendable {
        var trials: [RecordedTrial] = []
        var index: [[UInt64]: Double] = [:]
        var newEvaluations = 0
        var replayed = 0
        var inFlight = 0
        var cancelled = false
        var evaluationLimit: Int?
    }

    private let state: Mutex<State>

    /// The value returned for points not evaluated after cancellation.
    public static let abandonedValue = 1.0

    /// A journal holding `trials` (from a checkpoint), evaluating at most `evaluationLimit` new points.
    public init(trials: [RecordedTrial] = [], evaluationLimit: Int? = nil) {
        var s = State()
        for t in trials where s.index[Self.key(t.point)] == nil {
            s.index[Self.key(t.point)] = t.value
            s.trials.append(t)
        }
        s.evaluationLimit = evaluationLimit
        state = Mutex(s)
    }

    static func key(_ point: [Double]) -> [UInt64] { point.map(\.bitPattern) }

    /// f(point) from the record, or by `evaluate` (then recorded).
    public func value(at point: [Double], evaluate: ([Double]) -> Double) -> Double {
        let key = Self.key(point)
        enum Decision { case known(Double), abandon, compute }
        let decision: Decision = state.withLock { s in
            if let v = s.index[key] { s.replayed += 1; return .known(v) }
            if s.cancelled { return .abandon }
            if let limit = s.evaluationLimit, s.newEvaluations + s.inFlight >= limit {
                s.cancelled = true
                return .abandon
            }
            s.inFlight += 1
            return .compute
        }
        switch decision {
        case .known(let v): return v
        case .abandon: return Self.abandonedValue
        case .compute:
            let v = evaluate(point)
            state.withLock { s in
                s.inFlight -= 1
                s.newEvaluations += 1
                if s.index[key] == nil {
                    s.index[key] = v
                    s.trials.append(RecordedTrial(point: point, value: v))
                }
            }
            return v
        }
    }

    /// Stops evaluating new points (an interrupted run).
    public func cancel() { state.withLock { $0.cancelled = true } }

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// The recorded trials in the order they were first evaluated (the checkpoint).
    public var trials: [RecordedTrial] { state.withLock { $0.trials } }

    public var count: Int { state.withLock { $0.trials.count } }

    /// Points evaluated (simulated) through this journal, not counting replays.
    public var newEvaluations: Int { state.withLock { $0.newEvaluations } }

    /// Points answered from the record.
    public var replayed: Int { state.withLock { $0.replayed } }

    /// The least recorded value, or +∞.
    public var bestValue: Double { state.withLock { s in s.trials.map(\.value).min() ?? .infinity } }
}
