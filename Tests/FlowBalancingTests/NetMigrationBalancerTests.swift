import Testing
import LinearAlgebra
@testable import FlowBalancing

@Test func netMigrationTargetsAreMet() throws {
    let n = 8
    let x0 = randomMatrix(n, n, seed: 41), truth = randomMatrix(n, n, seed: 42)
    let net = (0..<n).map { r in (0..<n).reduce(0) { $0 + truth[$1, r] - truth[r, $1] } }
    let result = try NetMigrationBalancer.balance(x0, netTargets: net)
    #expect(result.converged)
    for r in 0..<n {
        let got = (0..<n).reduce(0) { $0 + result.values[$1 * n + r] - result.values[r * n + $1] }
        #expect(abs(got - net[r]) <= 1e-9 * 100)
        #expect(result.values[r * n + r].bitPattern == x0[r, r].bitPattern)
    }
}

@Test func netMigrationRejectsInfeasibleInput() {
    #expect(throws: BalancingError.self) {
        try NetMigrationBalancer.balance(randomMatrix(3, 3, seed: 1), netTargets: [1, 1, 1])
    }
    // Region 3 has no free inter-regional flow but is asked for a gain.
    let x0 = Matrix([[1, 1, 0], [1, 1, 0], [0, 0, 5]])
    #expect(throws: BalancingError.noFreeCells(margin: "net migration of region 3", target: 2, fixedSum: 0)) {
        try NetMigrationBalancer.balance(x0, netTargets: [-1, -1, 2])
    }
}
