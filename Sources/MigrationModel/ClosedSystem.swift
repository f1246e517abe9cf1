/// Accounting of a closed system (SPEC §4.4): internal migration of one country, where net
/// migration in persons, Pᵢ·qᵢ/1000 for rates per 1,000, sums to zero over the settlements.
public enum ClosedSystem {
    /// The balance vector nearest to q on the plane Σ Pᵢ qᵢ = 0 in the norm Σ Pᵢ Δqᵢ²: the same rate
    /// correction −Σ Pᵢ qᵢ / Σ Pᵢ for every settlement (persons moved in proportion to population).
    public static func project(_ q: [Double], populations p: [Double]) -> [Double] {
        let total = p.reduce(0, +)
        guard total > 0 else { return q }
        var weighted = 0.0
        for i in q.indices { weighted += p[i] * q[i] }
        let shift = weighted / total
        return q.map { $0 - shift }
    }

    /// The populations P adjusted by the least change that makes the observed rates q closed,
    /// w = P − (P·q / q·q)·q; P itself when that would make a weight zero or negative.
    /// Observed rates are closed under the populations of their own period; a settlements file
    /// carries one population per settlement (usually the latest), so these weights stand in for
    /// the period's.
    public static func weights(populations p: [Double], closing q: [Double]) -> [Double] {
        var pq = 0.0, qq = 0.0
        for i in q.indices { pq += p[i] * q[i]; qq += q[i] * q[i] }
        guard qq > 0 else { return p }
        let w = q.indices.map { p[$0] - pq / qq * q[$0] }
        return w.allSatisfy({ $0 > 0 }) ? w : p
    }

    /// Persons per period of rates per 1,000 inhabitants per year over a period of `length` years.
    public static func persons(rates q: [Double], populations p: [Double], periodLength length: Double) -> [Double] {
        q.indices.map { q[$0] * p[$0] / 1000 * length }
    }
}
