import DataIO
import Foundation
import MigrationModel

/// How the starting velocity of a simulation from observed balances is set (`--initial-velocity`).
public enum InitialVelocity: String, CaseIterable, Sendable {
    /// v₀ = 0.
    case zero
    /// v₀ = (q(t₀) − q(t₋₁)) / (t₀ − t₋₁), the observed backward difference.
    case observed
}

/// The state a simulation starts from when it starts from the data (`simulate`, `identify --force zero`).
public enum InitialState {
    /// q₀ from the last observed period at or before `start`; v₀ zero or the backward difference.
    public static func observed(observed: BalanceTable?, series: [[Double?]]?, places: [Settlement], start: Double,
                                velocity: InitialVelocity) throws -> ([Double], [Double]) {
        let n = places.count
        guard let observed, let series else {
            if velocity == .observed { throw PipelineError("--initial-velocity observed needs observed balances (--balance)") }
            return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n))
        }
        let times = observed.times
        guard let k = times.lastIndex(where: { $0 <= start + 1e-9 }) else {
            throw PipelineError("no observed period at or before --start \(start) in \(observed.file) (first is \(observed.periods.first?.label ?? "none"))")
        }
        var q0 = [Double](), v0 = [Double]()
        for i in 0..<n {
            guard let q = series[i][k] else {
                throw PipelineError("\(observed.file): no balance for '\(places[i].id)' in period \(observed.periods[k].label), needed as the initial state")
            }
            q0.append(q)
            switch velocity {
            case .zero: v0.append(0)
            case .observed:
                guard k > 0, let previous = series[i][k - 1] else {
                    throw PipelineError("\(observed.file): no balance for '\(places[i].id)' in the period before \(observed.periods[k].label), needed for --initial-velocity observed")
                }
                v0.append((q - previous) / (times[k] - times[k - 1]))
            }
        }
        return (q0, v0)
    }
}
