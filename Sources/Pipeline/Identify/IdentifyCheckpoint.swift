import DataIO
import Foundation
import Identification

/// An identification's resumable state on disk (`JSONArtifact` format `migsim-identify-checkpoint`
/// v1): the key of the run it belongs to (a hash of the data, force, search space, method, seed and
/// tolerances, not the budget) and every trial recorded so far, which a resumed run replays.
public struct IdentifyCheckpoint: Codable, Sendable {
    public static let format = "migsim-identify-checkpoint"
    public static let version = 1

    public var key: String
    public var trials: [RecordedTrial]

    public init(key: String, trials: [RecordedTrial]) { self.key = key; self.trials = trials }

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
        return saved
    }
}
