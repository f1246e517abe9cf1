// libFuzzer target: the JSON artifacts migsim reads back (JSONArtifact over Foundation's decoder).
// Each input is decoded as
//   - a fitted model (fit.json, `migsim-fit` v2) and checked whole (`FittedModel.validate`, as
//     `FitArtifact.read` does); a model that passes is then evaluated as its readers evaluate it
//     (solution network and state at the window's times, force inside and beyond the window, mean
//     force per period, the forcing the integrators call), which must not stop the program;
//   - an identified model (identify.json, `migsim-identify` v1), whose embedded fitted model gets
//     the same treatment;
//   - an identification checkpoint or trials.json (`migsim-identify-checkpoint` v1), whose trials
//     fill a TrialJournal as `identify --resume` does.
// Any input must be refused with a DataError naming the file, or a validation error, or pass.
import DataIO
import Foundation
import Identification
import PhysicsInformed

let file = "fuzz.json"

func exercise(_ model: FittedModel) {
    do { try model.validate() } catch {
        _ = "\(error)"
        return
    }
    let times = model.times
    _ = model.solution(at: times)
    _ = model.state(at: times[0])
    _ = model.jet(at: times[times.count - 1])
    _ = model.force(at: [times[0] - 10, times[0], times[times.count - 1], model.fittingEnd + 10])
    _ = model.periodForces()
    let forcing = model.forcing()
    var out = [Double](repeating: 0, count: model.ids.count)
    out.withUnsafeMutableBufferPointer { forcing.evaluate(at: model.fittingEnd + 1, into: $0.baseAddress!) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        exercise(try JSONArtifact.decode(FittedModel.self, format: "migsim-fit", version: 2, from: bytes, file: file))
    } catch {
        precondition(error.file == file)
        _ = error.description
    }
    do {
        let identified = try JSONArtifact.decode(IdentifiedModel.self, format: IdentifiedModel.format, version: IdentifiedModel.version,
                                                 from: bytes, file: file)
        if let fitted = identified.fittedModel { exercise(fitted) }
    } catch {
        precondition(error.file == file)
        _ = error.description
    }
    do {
        let checkpoint = try JSONArtifact.decode(IdentifyCheckpoint.self, format: IdentifyCheckpoint.format,
                                                 version: IdentifyCheckpoint.version, from: bytes, file: file)
        let journal = TrialJournal(trials: checkpoint.trials)
        _ = journal.bestValue
        if let first = checkpoint.trials.first { _ = journal.value(at: first.point) { _ in 0 } }
    } catch {
        precondition(error.file == file)
        _ = error.description
    }
    return 0
}
