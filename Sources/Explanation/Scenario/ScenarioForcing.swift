import MigrationModel

/// A base forcing plus a force change that is constant within each panel period:
///   f(t) = f_base(t) + Δf(k(t)),  k(t) = the period containing t (held beyond the last, 0 before
/// the first). With Δf ≡ 0 it evaluates bit-for-bit as the base forcing.
public struct ScenarioForcing: Forcing {
    public let base: any Forcing
    public let periodStarts: [Double]
    /// `changes[k][i]`: Δfᵢ in period k.
    public let changes: [[Double]]

    public init(base: any Forcing, periodStarts: [Double], changes: [[Double]]) {
        precondition(periodStarts.count == changes.count, "scenario forcing: \(changes.count) change rows for \(periodStarts.count) periods")
        precondition(changes.allSatisfy { $0.count == base.dimension }, "scenario forcing: change rows must have \(base.dimension) entries")
        self.base = base; self.periodStarts = periodStarts; self.changes = changes
    }

    public var dimension: Int { base.dimension }

    public func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>) {
        base.evaluate(at: t, into: out)
        var lo = 0, hi = periodStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if periodStarts[mid] <= t + 1e-9 { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return }
        let row = changes[lo - 1]
        for i in 0..<row.count { out[i] += row[i] }
    }
}
