import DistributedSearch
import Forecasting
import Foundation
import Pipeline

/// `migsim backtest` started by `mpirun` with several processes: origin k goes to rank k mod p, each
/// rank writes its origins' records to a part file beside the output, and after a barrier rank 0
/// merges them in origin order (the same tables as one process would write) and the others return.
struct BacktestUnderMPI {
    let rank: Int
    let size: Int

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> BacktestUnderMPI? {
        guard MPIRuntime.launchedWithSeveralProcesses(environment: environment) else { return nil }
        guard (try? MPIRuntime.initialize()) != nil else { return nil }
        return BacktestUnderMPI(rank: MPIRuntime.rank, size: MPIRuntime.size)
    }

    /// The merged result on rank 0; nil on the other ranks.
    /// `output` is the backtest's output folder; the parts go beside it (`<output>.mpi-parts`), on the
    /// file system every rank shares.
    func run(_ plan: BacktestPlan, output: URL, progress: @escaping @Sendable (String) -> Void) throws -> BacktestResult? {
        defer { MPIRuntime.finalize() }
        let full = try Backtest.panel(plan.files)
        let indices = try Backtest.originIndices(plan.origins, horizon: plan.horizon, in: full, calibration: plan.calibration)
        let labels = full.data.trainingPeriods.map(\.label)
        let parts = URL(fileURLWithPath: output.standardizedFileURL.path + ".mpi-parts")
        if rank == 0 { try? FileManager.default.removeItem(at: parts) }
        try MPIRuntime.barrier()
        try? FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        var failure: String? = nil
        for (k, s) in indices.enumerated() where k % size == rank {
            do {
                let r = try Backtest.runOrigin(s, plan: plan, full: full, labels: labels)
                let part = Part(records: r.records.map(PartRecord.init), chosen: r.chosen.map {
                    PartChoice(origin: $0.origin, method: $0.method, anchoring: $0.settings.anchoring,
                               velocityWeight: $0.settings.velocityWeight, featureResponse: $0.settings.featureResponse, score: $0.settings.score)
                })
                try Self.encoder.encode(part).write(to: parts.appendingPathComponent("origin-\(s).json"))
                progress(labels[s])
            } catch {
                failure = "origin \(labels[s]) on rank \(rank): \(error)"
                try? Data(failure!.utf8).write(to: parts.appendingPathComponent("failed-\(s).txt"))
            }
        }
        try MPIRuntime.barrier()
        guard rank == 0 else { return nil }
        defer { try? FileManager.default.removeItem(at: parts) }
        var records = [ForecastRecord](), chosen = [(origin: String, method: String, settings: ForecastSettingsRecord)]()
        for s in indices {
            if let text = try? String(contentsOf: parts.appendingPathComponent("failed-\(s).txt"), encoding: .utf8) {
                throw ValidationErrorText(text)
            }
            let part = try Self.decoder.decode(Part.self, from: Data(contentsOf: parts.appendingPathComponent("origin-\(s).json")))
            records += part.records.map(\.record)
            chosen += part.chosen.map { ($0.origin, $0.method, ForecastSettingsRecord(anchoring: $0.anchoring, velocityWeight: $0.velocityWeight, featureResponse: $0.featureResponse, score: $0.score)) }
        }
        return BacktestResult(ids: full.data.ids, periodLabels: labels, records: records,
                              summaries: RollingOrigin.summary(records), chosenSettings: chosen)
    }
}

private struct ValidationErrorText: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

private struct Part: Codable { var records: [PartRecord]; var chosen: [PartChoice] }
extension BacktestUnderMPI {
    /// Part files carry non-finite numbers as strings (an origin without a validation fit has a NaN
    /// in-window score, which plain JSON cannot hold).
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

private struct PartChoice: Codable { var origin: String; var method: String; var anchoring: Double; var velocityWeight: Double; var featureResponse: Double; var score: Double }
private struct PartRecord: Codable {
    var origin: Int, originLabel: String, method: String, settlement: Int, period: Int, periodLabel: String, horizon: Int
    var forecast: Double, observed: Double, scale: Double, levels: [Double], lower: [Double], upper: [Double]
    init(_ r: ForecastRecord) {
        origin = r.origin; originLabel = r.originLabel; method = r.method; settlement = r.settlement; period = r.period
        periodLabel = r.periodLabel; horizon = r.horizon; forecast = r.forecast; observed = r.observed; scale = r.scale
        levels = r.lower.keys.sorted(); lower = levels.map { r.lower[$0]! }; upper = levels.map { r.upper[$0]! }
    }
    var record: ForecastRecord {
        ForecastRecord(origin: origin, originLabel: originLabel, method: method, settlement: settlement, period: period,
                       periodLabel: periodLabel, horizon: horizon, forecast: forecast, observed: observed, scale: scale,
                       lower: Dictionary(uniqueKeysWithValues: zip(levels, lower)), upper: Dictionary(uniqueKeysWithValues: zip(levels, upper)))
    }
}
