import DataIO
import Foundation
import Identification

/// An identification's resumable state on disk (`JSONArtifact` format `migsim-identify-checkpoint`
/// v1): the key of the run it belongs to (a hash of the data, force, search space, method, seed and
/// tolerances, not the budget) and every trial recorded so far, which a resumed run replays.
///
/// Two files hold it. `identify-checkpoint.json` is written while a run goes on and when it is
/// interrupted (Ctrl-C, kill, `--stop-after`); it is not part of the finished output. `trials.json`
/// (`journalFile`) is part of a finished run's output set: the same record plus `completed` (the
/// budget and the trials of that run), so that `--resume --budget N` with N above that budget
/// extends the finished run: the method starts again with budget N, the recorded trials are
/// answered from the record, and the result is the one a single run with budget N gives.
public struct IdentifyCheckpoint: Codable, Sendable {
    public static let format = "migsim-identify-checkpoint"
    public static let version = 1
    /// The finished run's record in its output folder.
    public static let journalFile = "trials.json"
    /// The default checkpoint of a run going on, in its output folder.
    public static let checkpointFile = "identify-checkpoint.json"

    /// What a finished run did: the budget it was given and the trials its method counted.
    public struct Completed: Codable, Sendable, Equatable {
        public var budget: Int
        public var trials: Int
        public init(budget: Int, trials: Int) { self.budget = budget; self.trials = trials }
    }

    public var key: String
    public var trials: [RecordedTrial]
    /// Present in a finished run's `trials.json`; nil in the checkpoint of a run going on.
    public var completed: Completed?

    public init(key: String, trials: [RecordedTrial], completed: Completed? = nil) {
        self.key = key; self.trials = trials; self.completed = completed
    }

    public func write(to url: URL) throws {
        try JSONArtifact.write(self, format: Self.format, version: Self.version, to: url)
    }

    /// Reads the checkpoint of the run with `key`; an error names the file when it belongs to another run.
    public static func read(_ url: URL, key: String) throws -> IdentifyCheckpoint {
        let saved = try JSONArtifact.read(IdentifyCheckpoint.self, format: format, version: version, from: url)
        guard saved.key == key else {
            throw PipelineError("the checkpoint \(url.path) belongs to another identification (different data, force, "
                                + "parameters, bounds, method, seed or tolerances); run without --resume to start afresh")
        }
        if let c = saved.completed, c.budget < 1 || c.trials < 0 {
            throw PipelineError("\(url.path): completed: expected a positive budget and a trial count ≥ 0, got budget \(c.budget), trials \(c.trials)")
        }
        return saved
    }

    /// What `--resume` continues in `output`: the checkpoint at `checkpoint` when it exists (an
    /// interrupted run, possibly an interrupted extension), else the finished run's `trials.json`
    /// there, which is extended only to a budget above its own. Errors name the files and the
    /// budget expected.
    public static func resumable(checkpoint: URL, output: URL, key: String, budget: Int) throws -> IdentifyCheckpoint {
        if FileManager.default.fileExists(atPath: checkpoint.path) {
            return try read(checkpoint, key: key)
        }
        let journal = output.appendingPathComponent(journalFile)
        guard FileManager.default.fileExists(atPath: journal.path) else {
            throw PipelineError("--resume: expected the checkpoint of an interrupted run (\(checkpoint.path)) or the \(journalFile) "
                                + "of a finished one in \(output.path); found neither (run without --resume to start)")
        }
        let finished = try read(journal, key: key)
        guard let done = finished.completed else {
            throw PipelineError("\(journal.path): expected the record of a finished identification (a 'completed' entry), found none")
        }
        guard budget > done.budget else {
            throw PipelineError("--budget \(budget): the identification in \(output.path) is finished (\(done.trials) trials of a budget of "
                                + "\(done.budget)); --resume extends it only to a larger budget, e.g. --budget \(2 * done.budget)")
        }
        return finished
    }
}
