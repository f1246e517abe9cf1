import Testing
import LinearAlgebra
@testable import FlowBalancing

@Test func rasConvergesOnRandomFeasibleMatrices() throws {
    for seed in UInt64(1)...5 {
        let m = 20 + Int(seed), n = 15 + 2 * Int(seed)
        // Targets from another random matrix: feasible because all cells are positive.
        let truth = randomMatrix(m, n, seed: seed + 100)
        let rows = rowSums(truth.storage, m, n), cols = columnSums(truth.storage, m, n)
        let result = try RASBalancer.balance(randomMatrix(m, n, seed: seed), rowTargets: rows, columnTargets: cols)
        #expect(result.converged)
        #expect(result.maxRelativeError <= 1e-10)
        #expect(result.iterations > 1)
        let got = rowSums(result.values, m, n)
        for i in 0..<m { #expect(abs(got[i] - rows[i]) <= 1e-10 * rows[i]) }
        #expect(result.marginErrors.count == 2 && result.marginErrors[0].count == m && result.marginErrors[1].count == n)
    }
}

@Test func rasTwoByTwoMatchesClosedForm() throws {
    // X = diag(r)·X₀·diag(s): the cross ratio x11·x22/(x12·x21) is invariant, which with the four
    // margins fixes x11 as a root of a quadratic.
    let x0 = Matrix([[1, 2], [3, 4]])
    let r = [5.0, 7.0], c = [4.0, 8.0]
    let result = try RASBalancer.balance(x0, rowTargets: r, columnTargets: c, options: BalancingOptions(tolerance: 1e-14))
    let theta = (1.0 * 4) / (2.0 * 3)
    // x11·(c2 − r1 + x11) = θ·(r1 − x11)·(c1 − x11)  ⇒  (1 − θ)x11² + (c2 − r1 + θ(r1 + c1))x11 − θ r1 c1 = 0
    let qa = 1 - theta, qb = c[1] - r[0] + theta * (r[0] + c[0]), qc = -theta * r[0] * c[0]
    let x11 = (-qb + (qb * qb - 4 * qa * qc).squareRoot()) / (2 * qa)
    let expected = [x11, r[0] - x11, c[0] - x11, r[1] - (c[0] - x11)]
    for k in 0..<4 { #expect(abs(result.values[k] - expected[k]) <= 1e-12 * expected[k]) }
}

@Test func markedCellsAreBitIdentical() throws {
    let m = 12, n = 10
    var x0 = randomMatrix(m, n, seed: 7)
    var fixed = [Bool](repeating: false, count: m * n)
    var g = SeededGenerator(seed: 8)
    for c in 0..<(m * n) where g.nextUniform() < 0.2 { fixed[c] = true }
    for c in stride(from: 0, to: m * n, by: 13) { fixed[c] = true; x0.storage[c] = 0 }   // structural zeros
    let truth = Matrix(rows: m, columns: n) { i, j in fixed[i * n + j] ? x0[i, j] : 3 * randomMatrix(m, n, seed: 9)[i, j] }
    let result = try RASBalancer.balance(x0, rowTargets: rowSums(truth.storage, m, n),
                                         columnTargets: columnSums(truth.storage, m, n), fixed: fixed)
    #expect(result.converged)
    for c in 0..<(m * n) where fixed[c] {
        #expect(result.values[c].bitPattern == x0.storage[c].bitPattern)
    }
}

@Test func alreadyBalancedMatrixNeedsNoSweep() throws {
    let x = Matrix([[1, 2], [3, 4]])
    let result = try RASBalancer.balance(x, rowTargets: [3, 7], columnTargets: [4, 6])
    #expect(result.iterations == 0)
    #expect(result.values == x.storage)
}

@Test func infeasibleTotalsAreRejected() {
    #expect(throws: BalancingError.inconsistentTotals(first: "row targets", firstTotal: 10,
                                                      second: "column targets", secondTotal: 11)) {
        try RASBalancer.balance(Matrix([[1, 1], [1, 1]]), rowTargets: [5, 5], columnTargets: [5, 6])
    }
}

@Test func positiveTargetWithoutFreeCellsIsRejected() {
    #expect(throws: BalancingError.noFreeCells(margin: "row 2", target: 4, fixedSum: 0)) {
        try RASBalancer.balance(Matrix([[1, 1], [0, 0]]), rowTargets: [4, 4], columnTargets: [4, 4])
    }
    // The free cells of row 1 are zero; its fixed cell is marked.
    #expect(throws: BalancingError.noFreeCells(margin: "row 1", target: 4, fixedSum: 1)) {
        try RASBalancer.balance(Matrix([[1, 0], [1, 1]]), rowTargets: [4, 4], columnTargets: [4, 4],
                                fixed: [true, false, false, false])
    }
}

@Test func negativeAndNonFiniteCellsAreRejected() {
    #expect(throws: BalancingError.invalidValue(what: "cell (2, 1)", value: -1)) {
        try RASBalancer.balance(Matrix([[1, 1], [-1, 1]]), rowTargets: [2, 2], columnTargets: [2, 2])
    }
    #expect(throws: BalancingError.self) {
        try RASBalancer.balance(Matrix([[1, .nan], [1, 1]]), rowTargets: [2, 2], columnTargets: [2, 2])
    }
    #expect(throws: BalancingError.invalidValue(what: "column target 2", value: .infinity)) {
        try RASBalancer.balance(Matrix([[1, 1], [1, 1]]), rowTargets: [2, 2], columnTargets: [2, .infinity])
    }
}

@Test func fixedCellsExceedingTargetAreRejected() {
    #expect(throws: BalancingError.fixedExceedTarget(margin: "column 1", target: 2, fixedSum: 3)) {
        try RASBalancer.balance(Matrix([[3, 1], [1, 1]]), rowTargets: [4, 2], columnTargets: [2, 4],
                                fixed: [true, false, false, false])
    }
}

@Test func errorMessagesSayWhy() {
    let e = BalancingError.noFreeCells(margin: "row 2", target: 4, fixedSum: 0)
    #expect(e.description.contains("row 2") && e.description.contains("free cells are zero"))
    #expect(BalancingError.inconsistentTotals(first: "row targets", firstTotal: 1, second: "column targets",
                                              secondTotal: 2).description.contains("must be equal"))
}

@Test func dimensionMismatchIsRejected() {
    #expect(throws: BalancingError.self) {
        try RASBalancer.balance(Matrix([[1, 1], [1, 1]]), rowTargets: [2, 2, 0], columnTargets: [2, 2])
    }
    #expect(throws: BalancingError.self) {
        try RASBalancer.balance(Matrix([[1, 1], [1, 1]]), rowTargets: [2, 2], columnTargets: [2, 2], fixed: [true])
    }
}

@Test func nonConvergenceIsReportedNotHidden() throws {
    // Zero pattern makes the margins unreachable: x11 = x22 = 0 free, targets want a positive diagonal share.
    let x0 = Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 1]])
    let result = try RASBalancer.balance(x0, rowTargets: [2, 1, 1], columnTargets: [1, 2, 1],
                                         options: BalancingOptions(maxIterations: 50))
    #expect(result.converged == (result.maxRelativeError <= 1e-10))
}
