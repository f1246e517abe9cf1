/// Net migration from origin–destination flows.
///
///     net_r(t) = Σ_{s ≠ r} F_{s→r}(t) − Σ_{s ≠ r} F_{r→s}(t)
///
/// Rows with origin == destination (moves inside a region) never count. A `merge` map renames
/// regions before summing (e.g. `Sejong → Chungcheongnam-do`), so flows between merged regions
/// become internal and drop out. Sums are exact in `Double` for counts below 2⁵³.
public enum BalanceDerivation {
    /// Net migration (persons) per region and period of the flow table's own granularity.
    public static func netMigration(_ table: FlowTable, merge: [String: String] = [:]) -> [String: [Period: Double]] {
        var net: [String: [Period: Double]] = [:]
        for f in table.flows {
            let o = merge[f.origin] ?? f.origin, d = merge[f.destination] ?? f.destination
            if o == d { continue }
            net[d, default: [:]][f.period, default: 0] += f.migrants
            net[o, default: [:]][f.period, default: 0] -= f.migrants
        }
        return net
    }

    /// Sums a quarterly or monthly series into calendar years.
    public static func yearly(_ series: [Period: Double]) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for (p, v) in series { out[p.year, default: 0] += v }
        return out
    }
}
