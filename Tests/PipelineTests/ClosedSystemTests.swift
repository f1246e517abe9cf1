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

@Suite struct ClosureWeightsTests {
    @Test("the least change of the populations that closes an observed row")
    func weightsCloseTheRow() {
        let p = [100.0, 50, 30]
        let q = [-2.0, 3.0, 1.5]
        let w = ClosedSystem.weights(populations: p, closing: q)
        #expect(abs(zip(w, q).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-12)
        // Δw is parallel to q (the least-norm change).
        let d = zip(w, p).map { $0 - $1 }
        #expect(abs(d[0] * q[1] - d[1] * q[0]) < 1e-12 && abs(d[1] * q[2] - d[2] * q[1]) < 1e-12)
        // A row that only negative weights could close keeps the populations.
        #expect(ClosedSystem.weights(populations: [1, 1], closing: [5, 1]) == [1, 1])
        #expect(ClosedSystem.weights(populations: p, closing: [0, 0, 0]) == p)
    }
}
