import ArgumentParser
import Foundation
import GlobalOptimization

/// The result of `migsim optimize` with several objectives: the non-dominated archive of every
/// evaluated point (NSGA-II's `archive`), in the objectives' own sense (maximized ones negated back),
/// with its hypervolume against a reference point.
///
/// The hypervolume is taken in the minimization form gᵢ = ±fᵢ (− for maximized objectives) against
/// ±rᵢ. The default reference is, per objective, the front's worst value plus 10% of the front's range
/// in it (1 when the range is 0), the usual choice when no nadir point is known.
struct ParetoOutput: Encodable {
    var method: String
    var paretoSet: [[Double]]
    var paretoFront: [[Double]]
    var trials: Int
    var iterations: Int
    var termination: TerminationReason
    var maximizedObjectives: [Int]
    var hypervolumeReference: [Double]
    var hypervolume: Double

    init(_ r: ParetoResult, maximized: [Bool], reference: [Double]?) {
        let sign = maximized.map { $0 ? -1.0 : 1.0 }
        method = r.method
        trials = r.trials
        iterations = r.iterations
        termination = r.termination
        maximizedObjectives = maximized.indices.filter { maximized[$0] }.map { $0 + 1 }
        let order = r.paretoFront.indices.sorted { r.paretoFront[$0].lexicographicallyPrecedes(r.paretoFront[$1]) }
        paretoSet = order.map { r.paretoSet[$0] }
        paretoFront = order.map { zip(r.paretoFront[$0], sign).map { $0 * $1 } }
        let m = maximized.count
        let minimizationReference: [Double] = reference.map { zip($0, sign).map { $0 * $1 } } ?? (0..<m).map { i in
            let values = r.paretoFront.map { $0[i] }
            guard let lo = values.min(), let hi = values.max() else { return 0 }
            return hi + (hi > lo ? 0.1 * (hi - lo) : 1)
        }
        hypervolumeReference = zip(minimizationReference, sign).map { $0 * $1 }
        hypervolume = ParetoMetrics.hypervolume(r.paretoFront, reference: minimizationReference)
    }

    /// The front as CSV: x1…xN, f1…fM, one row per non-dominated point.
    func csv(dimension n: Int) -> String {
        let m = hypervolumeReference.count
        var text = ((1...n).map { "x\($0)" } + (1...m).map { "f\($0)" }).joined(separator: ",") + "\n"
        for (x, f) in zip(paretoSet, paretoFront) { text += (x + f).map(\.description).joined(separator: ",") + "\n" }
        return text
    }
}

extension OptimizeCommand {
    /// Writes the front CSV (`--front`) and the result JSON (`--output`, else standard output), each
    /// atomically, after both are built.
    func writeFront(_ output: ParetoOutput, dimension: Int) throws {
        let csv = front.map { _ in output.csv(dimension: dimension) }
        try write(output, trace: nil)
        if let front, let csv {
            do { try Data(csv.utf8).write(to: URL(fileURLWithPath: front), options: .atomic) } catch {
                throw ValidationError("--front: cannot write \(front) (\(error.localizedDescription))")
            }
        }
    }
}
