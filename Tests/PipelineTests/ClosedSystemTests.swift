import MigrationModel
import Testing

@Suite struct ClosedSystemTests {
    @Test func projectionZeroesPersonsAndMovesEveryRateEqually() {
        let p = [9_700_000.0, 13_000_000, 1_500_000, 300_000]
        let q = [-5.2, 8.1, 0.4, -11.0]
        let c = ClosedSystem.project(q, populations: p)
        let persons = zip(p, c).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(persons) <= 1e-9 * p.reduce(0, +))
        let shifts = zip(c, q).map { $0 - $1 }
        for s in shifts { #expect(abs(s - shifts[0]) < 1e-12) }
        // Already closed: unchanged.
        #expect(ClosedSystem.project(c, populations: p).enumerated().allSatisfy { abs($1 - c[$0]) < 1e-12 })
    }
}
