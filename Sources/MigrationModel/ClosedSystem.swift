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

    /// Persons per period of rates per 1,000 inhabitants per year over a period of `length` years.
    public static func persons(rates q: [Double], populations p: [Double], periodLength length: Double) -> [Double] {
        q.indices.map { q[$0] * p[$0] / 1000 * length }
    }
}
