import DistributedSearch
import Forecasting
import Foundation
import Pipeline

/// `migsim backtest` started by `mpirun` with several processes: the origins are dealt to the ranks
/// (`assignment`), each rank writes its origins' records to a part file beside the output, and after
/// a barrier rank 0 merges them in origin order (the same tables as one process would write) and the
/// others return.
struct BacktestUnderMPI {
    let parts: MPIPartFiles

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> BacktestUnderMPI? {
        MPIPartFiles.join(environment: environment).map(BacktestUnderMPI.init)
    }

    var rank: Int { parts.rank }
    var size: Int { parts.size }

    /// The merged result on rank 0; nil on the other ranks.
    /// `output` is the backtest's output folder; the parts go beside it (`MPIPartFiles`).
    func run(_ plan: BacktestPlan, output: URL, progress: @escaping @Sendable (String) -> Void) throws -> BacktestResult? {
        defer { MPIRuntime.finalize() }
        let full = try Backtest.panel(plan.files)
        let indices = try Backtest.originIndices(plan.origins, horizon: plan.horizon, in: full, calibration: plan.calibration)
        let labels = full.data.trainingPeriods.map(\.label)
        let folder = MPIPartFiles.folder(beside: output)
        try parts.prepare(folder)
        let owner = Self.assignment(origins: indices, ranks: size)
        for (k, s) in indices.enumerated() where owner[k] == rank {
            let written = parts.write("origin-\(s)", in: folder, failure: "origin \(labels[s])") {
                let r = try Backtest.runOrigin(s, plan: plan, full: full, labels: labels)
                return Part(records: r.records.map(PartRecord.init), chosen: r.chosen.map {
                    PartChoice(origin: $0.origin, method: $0.method, anchoring: $0.settings.anchoring,
                               velocityWeight: $0.settings.velocityWeight, featureResponse: $0.settings.featureResponse, score: $0.settings.score)
                })
            }
            if written { progress(labels[s]) }
        }
        guard let gathered = try parts.gather(Part.self, names: indices.map { "origin-\($0)" }, from: folder) else { return nil }
        var records = [ForecastRecord](), chosen = [(origin: String, method: String, settings: ForecastSettingsRecord)]()
        for part in gathered {
            records += part.records.map(\.record)
            chosen += part.chosen.map { ($0.origin, $0.method, ForecastSettingsRecord(anchoring: $0.anchoring, velocityWeight: $0.velocityWeight, featureResponse: $0.featureResponse, score: $0.score)) }
        }
        return BacktestResult(ids: full.data.ids, periodLabels: labels, records: records,
                              summaries: RollingOrigin.summary(records), chosenSettings: chosen)
    }
}

private struct Part: Codable { var records: [PartRecord]; var chosen: [PartChoice] }
extension BacktestUnderMPI {
    /// The rank of each origin (index s of the origin's last period, so its window has s + 1 periods):
    /// longest processing time first — origins in decreasing cost, each to the rank with the least
    /// cost so far (ties: the lower rank). Cost ∝ the periods fitted: the window's s + 1, plus the
    /// validation fit's s + 1 − (h + 2) periods when that window is long enough for one
    /// (`ForecastPlan`). Dealing round-robin gave the Korean backtest's first rank the three longest
    /// origins of five (2005, 2011, 2017: 71 of 114 cost units; wall time ×1.57 on 2 processes).
    static func assignment(origins: [Int], ranks: Int) -> [Int] {
        func cost(_ s: Int) -> Int {
            let window = s + 1, validation = window - (ForecastPlan.selectionHorizon + 2)
            return window + (validation >= ForecastPlan.minimumValidationPeriods ? validation : 0)
        }
        var load = [Int](repeating: 0, count: max(1, ranks)), owner = [Int](repeating: 0, count: origins.count)
        let order = origins.indices.sorted { cost(origins[$0]) != cost(origins[$1]) ? cost(origins[$0]) > cost(origins[$1]) : $0 < $1 }
        for k in order {
            let r = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            owner[k] = r
            load[r] += cost(origins[k])
        }
        return owner
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
