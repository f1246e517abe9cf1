import DataIO
import Foundation
import MigrationModel

/// The observed balances of a fit, split into the fitting window and the holdout: the periods of
/// the balance file inside [simulation.start, simulation.end), the last `holdout` of them kept out.
/// Both parts must be complete panels (every settlement observed in every period).
public struct FitData: Sendable {
    public let ids: [String]
    public let trainingPeriods: [Period]
    public let holdoutPeriods: [Period]
    /// Rows are periods, columns settlements.
    public let training: [[Double]]
    public let holdout: [[Double]]

    public var trainingTimes: [Double] { trainingPeriods.map(\.decimalYear) }
    public var holdoutTimes: [Double] { holdoutPeriods.map(\.decimalYear) }
    public var allPeriods: [Period] { trainingPeriods + holdoutPeriods }
    public var allTimes: [Double] { trainingTimes + holdoutTimes }

    public init(table: BalanceTable, settlements: [Settlement], simulation: SimulationConfiguration, holdout: Int) throws {
        let aligned = try table.aligned(to: settlements)
        let window = table.periods.indices.filter {
            let t = table.periods[$0].decimalYear
            return t >= simulation.start - 1e-9 && t < simulation.end - 1e-9
        }
        guard holdout >= 0 else { throw PipelineError("--holdout must be ≥ 0 periods, got \(holdout)") }
        guard window.count - holdout >= 4 else {
            throw PipelineError("\(table.file): \(window.count) periods inside the simulation range \(simulation.start)–\(simulation.end) "
                                  + "leave \(window.count - holdout) for the fit after a holdout of \(holdout); the fit needs at least 4")
        }
        var rows = [[Double]]()
        for k in window {
            var row = [Double]()
            for (i, s) in settlements.enumerated() {
                guard let v = aligned[i][k] else {
                    let line = table.firstLine[s.id].map { " (the series of '\(s.id)' starts at line \($0))" } ?? ""
                    throw PipelineError("\(table.file): no balance for '\(s.id)' in period \(table.periods[k].label)\(line); "
                                          + "the fit needs every settlement in every period of the window")
                }
                row.append(v)
            }
            rows.append(row)
        }
        let split = window.count - holdout
        ids = settlements.map(\.id)
        trainingPeriods = window.prefix(split).map { table.periods[$0] }
        holdoutPeriods = window.suffix(holdout).map { table.periods[$0] }
        training = Array(rows.prefix(split))
        self.holdout = Array(rows.suffix(holdout))
    }
}
