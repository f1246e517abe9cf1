import Testing
import LinearAlgebra
@testable import FlowBalancing

/// The balancer reads A once a sweep (`RASBalancer`'s fused pass); these tests hold it to the plain
/// two-product RAS written out below: same sweeps, same stopping, same matrix up to rounding.

/// Plain RAS with fixed cells, as the doc comment of `RASBalancer` states it: u = A·s, r = (R − F)/u,
/// v = Aᵀ·r, s = (C − G)/v (factors kept where a sum is 0), stop when the maximal relative row
/// error of r∘(A·s) + F is within the tolerance; X formed and its margins summed afresh.
private func referenceRAS(_ x0: Matrix, rows: [Double], columns: [Double], fixed: [Bool]?,
                          tolerance: Double, maxIterations: Int) -> (values: [Double], iterations: Int, maxError: Double) {
    let m = x0.rows, n = x0.columns
    let isFixed = { (c: Int) in fixed?[c] ?? false }
    var a = x0.storage, f = [Double](repeating: 0, count: m), g = [Double](repeating: 0, count: n)
    for i in 0..<m { for j in 0..<n where isFixed(i * n + j) { f[i] += a[i * n + j]; g[j] += a[i * n + j]; a[i * n + j] = 0 } }
    func times(_ s: [Double]) -> [Double] { (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * s[$1] } } }
    func transposeTimes(_ r: [Double]) -> [Double] { (0..<n).map { j in (0..<m).reduce(0.0) { $0 + a[$1 * n + j] * r[$1] } } }
    func rel(_ sum: Double, _ target: Double) -> Double { target > 0 ? abs(sum - target) / target : abs(sum) }
    var r = [Double](repeating: 1, count: m), s = [Double](repeating: 1, count: n)
    var u = times(s)
    let v0 = transposeTimes(r)
    var error = max((0..<m).map { rel(u[$0] + f[$0], rows[$0]) }.max() ?? 0, (0..<n).map { rel(v0[$0] + g[$0], columns[$0]) }.max() ?? 0)
    var iterations = 0
    while error > tolerance && iterations < maxIterations {
        iterations += 1
        for i in 0..<m where u[i] > 0 { r[i] = (rows[i] - f[i]) / u[i] }
        let v = transposeTimes(r)
        for j in 0..<n where v[j] > 0 { s[j] = (columns[j] - g[j]) / v[j] }
        u = times(s)
        error = (0..<m).map { rel(r[$0] * u[$0] + f[$0], rows[$0]) }.max() ?? 0
    }
    var x = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { let c = i * n + j; x[c] = isFixed(c) ? x0.storage[c] : r[i] * a[c] * s[j] } }
    let rowErrors = (0..<m).map { i in rel((0..<n).reduce(0.0) { $0 + x[i * n + $1] }, rows[i]) }
    let colErrors = (0..<n).map { j in rel((0..<m).reduce(0.0) { $0 + x[$1 * n + j] }, columns[j]) }
    return (x, iterations, max(rowErrors.max() ?? 0, colErrors.max() ?? 0))
}

/// Balances with the library and with `referenceRAS` and compares: sweeps, convergence, every cell to
/// 1e-12 relative (fixed cells to the bit), and the reported error against the reference's.
private func expectAgreement(_ x0: Matrix, rows: [Double], columns: [Double], fixed: [Bool]? = nil,
                             tolerance: Double, maxIterations: Int = 10_000,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
    let options = BalancingOptions(tolerance: tolerance, maxIterations: maxIterations, fixForcedZeros: false)
    let got = try RASBalancer.balance(x0, rowTargets: rows, columnTargets: columns, fixed: fixed, options: options)
    let want = referenceRAS(x0, rows: rows, columns: columns, fixed: fixed, tolerance: tolerance, maxIterations: maxIterations)
    #expect(got.iterations == want.iterations, sourceLocation: sourceLocation)
    #expect(got.converged == (want.maxError <= tolerance), sourceLocation: sourceLocation)
    var worst = 0.0
    for c in 0..<got.values.count {
        if fixed?[c] ?? false {
            #expect(got.values[c].bitPattern == x0.storage[c].bitPattern, sourceLocation: sourceLocation)
        } else {
            worst = max(worst, abs(got.values[c] - want.values[c]) / max(abs(want.values[c]), .leastNormalMagnitude))
        }
    }
    #expect(worst <= 1e-12, "largest relative difference \(worst)", sourceLocation: sourceLocation)
    #expect(abs(got.maxRelativeError - want.maxError) <= 1e-12, sourceLocation: sourceLocation)
}

/// Targets from another positive matrix of the same shape (feasible for a positive prior).
private func targets(_ m: Int, _ n: Int, seed: UInt64) -> (rows: [Double], columns: [Double]) {
    let truth = randomMatrix(m, n, seed: seed)
    return (rowSums(truth.storage, m, n), columnSums(truth.storage, m, n))
}

@Test(arguments: [(1, 1), (1, 5), (3, 1), (3, 7), (4, 4), (5, 2), (8, 9), (9, 8), (13, 11), (16, 3), (37, 41), (203, 150)])
func fusedSweepsAgreeWithPlainRAS(shape: (Int, Int)) throws {
    // Shapes around the blocks of four rows and the pairs of columns: full blocks, a remainder, none.
    let (m, n) = shape
    let t = targets(m, n, seed: UInt64(100 + m * 7 + n))
    let x0 = randomMatrix(m, n, seed: UInt64(m * 31 + n))
    for tolerance in [1e-6, 1e-10, 1e-13] {
        try expectAgreement(x0, rows: t.rows, columns: t.columns, tolerance: tolerance)
    }
}

@Test func fusedSweepsAgreeWhenStoppedBySweepLimit() throws {
    // Stopped after 1, 2 or 3 sweeps: X is formed in the pass that judges the last allowed sweep.
    let m = 23, n = 19
    let t = targets(m, n, seed: 5)
    let x0 = randomMatrix(m, n, seed: 6)
    for limit in 1...3 {
        try expectAgreement(x0, rows: t.rows, columns: t.columns, tolerance: 1e-14, maxIterations: limit)
        let result = try RASBalancer.balance(x0, rowTargets: t.rows, columnTargets: t.columns,
                                             options: BalancingOptions(tolerance: 1e-14, maxIterations: limit))
        #expect(result.iterations == limit && !result.converged)
    }
}

@Test func fusedSweepsAgreeBelowRoundingTolerance() throws {
    // A tolerance under the rounding floor: the error stalls near 1e-16 and the sweeps run to the limit.
    let m = 30, n = 26
    let t = targets(m, n, seed: 11)
    try expectAgreement(randomMatrix(m, n, seed: 12), rows: t.rows, columns: t.columns, tolerance: 1e-18, maxIterations: 40)
    // A rank-one prior is balanced by one sweep up to rounding, so the error falls from O(1) to 1e-16
    // at once: the pass judging sweep 2 predicts e ≈ 1e-32, forms X, and is wrong; sweep 3 then needs
    // the column product that pass left out, and X is formed again in the pass judging the last sweep.
    let a = randomMatrix(m, 1, seed: 13).storage, b = randomMatrix(1, n, seed: 14).storage
    let rankOne = Matrix(rows: m, columns: n) { i, j in a[i] * b[j] }
    try expectAgreement(rankOne, rows: t.rows, columns: t.columns, tolerance: 1e-18, maxIterations: 6)
    let (result, passes, wrongGuess) = try RASBalancer.balanceCountingPasses(
        rankOne, rowTargets: t.rows, columnTargets: t.columns, fixed: nil,
        options: BalancingOptions(tolerance: 1e-18, maxIterations: 6), marginNames: nil)
    #expect(wrongGuess && !result.converged && result.iterations == 6)
    #expect(passes == 7)
    #expect(result.maxRelativeError <= 1e-14)
}

@Test func fusedSweepsAgreeWithFixedCellsAndZeroMargins() throws {
    let m = 14, n = 11
    var x0 = randomMatrix(m, n, seed: 21)
    var fixed = [Bool](repeating: false, count: m * n)
    var g = SeededGenerator(seed: 22)
    for c in 0..<(m * n) where g.nextUniform() < 0.15 { fixed[c] = true }
    // Row 3 and column 5 are zero with zero targets: their factors stay 1 and their sums 0.
    for j in 0..<n { x0.storage[2 * n + j] = 0; fixed[2 * n + j] = false }
    for i in 0..<m { x0.storage[i * n + 4] = 0; fixed[i * n + 4] = false }
    var truth = randomMatrix(m, n, seed: 23)
    for c in 0..<(m * n) where fixed[c] { truth.storage[c] = x0.storage[c] }
    for j in 0..<n { truth.storage[2 * n + j] = 0 }
    for i in 0..<m { truth.storage[i * n + 4] = 0 }
    let rows = rowSums(truth.storage, m, n), columns = columnSums(truth.storage, m, n)
    #expect(rows[2] == 0 && columns[4] == 0)
    for tolerance in [1e-8, 1e-12] {
        try expectAgreement(x0, rows: rows, columns: columns, fixed: fixed, tolerance: tolerance)
        // The same zero row and column with nothing fixed take the path without a copy of A.
        var prior = x0
        for c in 0..<(m * n) where fixed[c] { prior.storage[c] = 1 }
        try expectAgreement(prior, rows: rows, columns: columns, tolerance: tolerance)
    }
}

@Test func balancedMarginsMeetTheToleranceExactly() throws {
    // The reported errors are those of the returned matrix, summed afresh.
    let m = 41, n = 33
    let t = targets(m, n, seed: 31)
    let result = try RASBalancer.balance(randomMatrix(m, n, seed: 32), rowTargets: t.rows, columnTargets: t.columns,
                                         options: BalancingOptions(tolerance: 1e-9))
    #expect(result.converged)
    let rows = rowSums(result.values, m, n), columns = columnSums(result.values, m, n)
    var worst = 0.0
    for i in 0..<m {
        #expect(abs(abs(rows[i] - t.rows[i]) / t.rows[i] - result.marginErrors[0][i]) <= 1e-13)
        worst = max(worst, abs(rows[i] - t.rows[i]) / t.rows[i])
    }
    for j in 0..<n {
        #expect(abs(abs(columns[j] - t.columns[j]) / t.columns[j] - result.marginErrors[1][j]) <= 1e-13)
        worst = max(worst, abs(columns[j] - t.columns[j]) / t.columns[j])
    }
    #expect(worst <= 1e-9)
    #expect(abs(worst - result.maxRelativeError) <= 1e-13)
}

@Test func eachSweepReadsTheMatrixOnce() throws {
    // Nothing fixed: k sweeps take k passes over A when the pass judging the last sweep also forms X
    // (as here, the error falling geometrically), k + 1 otherwise; never the 2k + 1 of two products a sweep.
    let m = 200, n = 180
    let t = targets(m, n, seed: 41)
    let x0 = randomMatrix(m, n, seed: 42)
    for tolerance in [1e-6, 1e-8, 1e-10] {
        let (result, passes, _) = try RASBalancer.balanceCountingPasses(
            x0, rowTargets: t.rows, columnTargets: t.columns, fixed: nil,
            options: BalancingOptions(tolerance: tolerance), marginNames: nil)
        #expect(result.converged && result.iterations >= 2)
        #expect(passes == result.iterations, "\(result.iterations) sweeps, \(passes) passes at \(tolerance)")
    }
    // With fixed cells: one product for the first v, k passes, one pass forming X.
    var fixed = [Bool](repeating: false, count: m * n)
    for c in stride(from: 0, to: m * n, by: 17) { fixed[c] = true }
    let (masked, passes, _) = try RASBalancer.balanceCountingPasses(
        x0, rowTargets: t.rows.map { $0 * 1.5 }, columnTargets: t.columns.map { $0 * 1.5 }, fixed: fixed,
        options: BalancingOptions(tolerance: 1e-8), marginNames: nil)
    #expect(masked.converged)
    #expect(passes == masked.iterations + 2)
}

@Test func maskWithoutFixedCellsTakesThePathWithoutMask() throws {
    // `migsim balance` passes an all-false mask when nothing is fixed: same result, bit for bit, and
    // the same passes as with no mask (no copy of A, X formed in the pass judging the last sweep).
    let m = 50, n = 45
    let t = targets(m, n, seed: 51)
    let x0 = randomMatrix(m, n, seed: 52)
    let options = BalancingOptions(tolerance: 1e-10)
    let none = try RASBalancer.balanceCountingPasses(x0, rowTargets: t.rows, columnTargets: t.columns, fixed: nil,
                                                     options: options, marginNames: nil)
    let allFalse = try RASBalancer.balanceCountingPasses(x0, rowTargets: t.rows, columnTargets: t.columns,
                                                         fixed: [Bool](repeating: false, count: m * n),
                                                         options: options, marginNames: nil)
    #expect(allFalse.result == none.result)
    #expect(allFalse.passes == none.passes)
}
