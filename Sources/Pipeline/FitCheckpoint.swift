import DataIO
import Foundation
import PhysicsInformed

/// A fit's resumable state on disk (`JSONArtifact` format `migsim-fit-checkpoint` v1): the
/// trainer's whole `TrainingState`, so that a run stopped at iteration k and resumed ends with the
/// artifact an uninterrupted run writes, byte for byte. A checkpoint belongs to one fit: its key
/// (`FitCase.stateKey`, a hash of the inputs, configuration and window) must match to resume.
public enum FitCheckpoint {
    public static let format = "migsim-fit-checkpoint"
    public static let version = 1

    /// Writes the state (non-finite losses of a diverging run are kept as strings).
    public static func write(_ state: TrainingState, to url: URL) throws {
        try JSONArtifact.write(state, format: format, version: version, to: url, allowNonFinite: true)
    }

    /// Reads a checkpoint of the fit whose `FitCase.stateKey` is `key`; an error names the file
    /// when it belongs to another fit.
    public static func read(_ url: URL, key: String) throws -> TrainingState {
        let state = try JSONArtifact.read(TrainingState.self, format: format, version: version, from: url)
        guard state.key == key else {
            throw PipelineError("the checkpoint \(url.path) belongs to another fit (different data, configuration or seed); "
                                + "run without --resume to start afresh")
        }
        return state
    }
}
