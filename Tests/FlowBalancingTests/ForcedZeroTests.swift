import Testing
import LinearAlgebra
@testable import FlowBalancing

/// Column 1 is reached only from row 1 and must take exactly row 1's target, so the cell (1, 2) is
/// zero in the only solution [[2, 0], [0, 3]]: plain RAS approaches it like 1/sweeps.
@Test func forcedZeroCellIsFixedAndRASConverges() throws {
    let x0 = Matrix([[1, 1], [0, 1]])
    let result = try RASBalancer.balance(x0, rowTargets: [2, 3], columnTargets: [2, 3])
    #expect(result.converged)
    #expect(result.forcedZeroCells == 1)
    #expect(result.values == [2, 0, 0, 3])
    #expect(result.iterations <= 2)

    let plain = try RASBalancer.balance(x0, rowTargets: [2, 3], columnTargets: [2, 3],
                                        options: BalancingOptions(fixForcedZeros: false))
    #expect(!plain.converged)
    #expect(plain.iterations == 10_000)
    #expect(plain.forcedZeroCells == 0)
}

@Test func forcedZeroDetectionFindsTheTightSetOnly() {
    // Rows 1–2 reach only columns 1–2 and fill them exactly (3 + 4 = 5 + 2): row 3 may not send there.
    let support = [true, true, false,
                   true, true, false,
                   true, true, true]
    let found = ForcedZeroCells.detect(support: support, rows: [3, 4, 6], columns: [5, 2, 6], slack: 1e-12)
    #expect(found.cells == [6, 7])
    #expect(found.shortfall == 0)
    #expect(found.blockedRows.isEmpty)
}

@Test func rowsThatCannotReachEnoughColumnsAreReported() {
    // Rows 1 and 2 reach only column 1, which can take 1 of their 2.
    let x0 = Matrix([[1, 0, 0], [1, 0, 0], [1, 1, 1]])
    #expect(throws: BalancingError.unreachableMargins(rows: "rows 1, 2", need: 2, columns: "column 1", capacity: 1)) {
        try RASBalancer.balance(x0, rowTargets: [1, 1, 1], columnTargets: [1, 1, 1])
    }
}

/// A panel where nobody changes age group during a move: Q is block diagonal within each k×k block,
/// so the departures and arrivals of every group have equal totals and the margins force every
/// ageing cell q_{g,g+1} of Q₀ to zero.
func ageSplitWithoutAgeing(flows m: Matrix, shares: [[Double]]) -> (truth: Matrix, flows: Matrix, departures: Matrix, arrivals: Matrix) {
    let n = m.rows, k = shares[0].count
    var q = Matrix(rows: n * k, columns: n * k)
    for a in 0..<n { for b in 0..<n { for g in 0..<k { q[a * k + g, b * k + g] = (m[a, b] * shares[a][g]).rounded() } } }
    let v = Matrix(rows: n, columns: k) { a, g in (0..<(n * k)).reduce(0) { $0 + q[a * k + g, $1] } }
    let p = Matrix(rows: n, columns: k) { a, g in (0..<(n * k)).reduce(0) { $0 + q[$1, a * k + g] } }
    return (q, AgeSplitEstimator.aggregate(q, groups: k), v, p)
}

@Test func ageSplitConvergesWithDefaultsWhenTheMarginsForbidAgeing() throws {
    let n = 12, k = 3
    let truth = syntheticAgeSplitTruth(n: n, seed: 7)
    let all = AgeSplitEstimator.aggregate(truth, groups: k)
    let shares = (0..<n).map { a in
        let row = (0..<k).map { g in (0..<(n * k)).reduce(0) { $0 + truth[a * k + g, $1] } }
        return row.map { $0 / row.reduce(0, +) }
    }
    let panel = ageSplitWithoutAgeing(flows: all, shares: shares)
    let result = try AgeSplitEstimator.estimate(flows: panel.flows, departures: panel.departures, arrivals: panel.arrivals)
    #expect(result.balancing.converged)
    #expect(result.balancing.maxRelativeError <= 1e-10)
    // Every ageing cell ends at exactly zero.
    for r in 0..<(n * k) where r % k + 1 < k {
        for b in 0..<n { #expect(result.q[r, b * k + r % k + 1] == 0) }
    }
    #expect(result.balancing.forcedZeroCells >= n * n * (k - 1))
    #expect(result.weightedMeanError <= 0.01)

    // Without the detection the same problem stalls at the default 10,000 sweeps (the failure).
    var plain = AgeSplitConfiguration()
    plain.balancing.fixForcedZeros = false
    let stalled = try AgeSplitEstimator.estimate(flows: panel.flows, departures: panel.departures,
                                                 arrivals: panel.arrivals, configuration: plain)
    #expect(!stalled.balancing.converged)
}

/// Korea 2019: the KOSIS origin–destination flows of the year (17 regions) split by the origin's
/// mid-year age structure into 0–15, 16–59 and 60+ (band widths 16 and 44), whole persons, nobody
/// changing group. The age-split estimator with its default settings converges and reproduces M.
@Test(.needsDataFolder) func koreanAgePanelWithoutAgeingConvergesWithDefaults() throws {
    let flowRows = try readCSV(sharedData("korea/flows_quarterly.csv")).filter { $0["period"]!.hasPrefix("2019-") }
    let names = Array(Set(flowRows.map { $0["origin"]! })).sorted()
    #expect(names.count == 17)
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    let n = names.count, k = 3
    var m = Matrix(rows: n, columns: n)
    for r in flowRows { m[index[r["origin"]!]!, index[r["destination"]!]!] += Double(r["migrants"]!)! }
    var population = [[Double]](repeating: [0, 0, 0], count: n)
    for r in try readCSV(sharedData("korea/population_by_age.csv")) where r["year"] == "2019" {
        let age = Int(r["age_from"]!)!
        population[index[r["region"]!]!][age < 16 ? 0 : age < 60 ? 1 : 2] += Double(r["population"]!)!
    }
    let shares = population.map { g in g.map { $0 / g.reduce(0, +) } }
    let panel = ageSplitWithoutAgeing(flows: m, shares: shares)
    let result = try AgeSplitEstimator.estimate(flows: panel.flows, departures: panel.departures, arrivals: panel.arrivals)
    #expect(result.balancing.converged)
    #expect(result.balancing.maxRelativeError <= 1e-10)
    var diff = 0.0, total = 0.0
    for i in 0..<panel.truth.storage.count { diff += abs(result.q.storage[i] - panel.truth.storage[i]); total += panel.truth.storage[i] }
    print("age-split, Korea 2019 without ageing: RAS sweeps \(result.balancing.iterations), forced zeros "
          + "\(result.balancing.forcedZeroCells), weighted mean error of JQJᵀ vs M \(result.weightedMeanError), "
          + "Q recovery error \(diff / total)")
    #expect(result.weightedMeanError <= 0.01)
}

/// Totals that disagree within the tolerance (allowed by the totals check) neither count as an
/// infeasible pattern nor hide a tight set.
@Test func totalsThatDisagreeWithinTheToleranceStillFindTheTightSet() throws {
    let x0 = Matrix([[1, 1], [0, 1]])
    let result = try RASBalancer.balance(x0, rowTargets: [2, 3 + 1e-11], columnTargets: [2, 3],
                                         options: BalancingOptions(tolerance: 1e-10))
    #expect(result.forcedZeroCells == 1)
    #expect(result.values[1] == 0)
    #expect(result.converged)
    let masked = try RASBalancer.balance(Matrix([[1, 2], [3, 4]]), rowTargets: [3, 7 + 1e-11], columnTargets: [4, 6],
                                         fixed: [false, false, false, true])
    #expect(masked.forcedZeroCells == 0)
    #expect(masked.converged)
}

/// The age-split names the rows and columns of an infeasible pattern by region and group.
@Test func unreachableMarginsUseTheCallersNames() {
    let x0 = Matrix([[1, 0, 0], [1, 0, 0], [1, 1, 1]])
    let names = RASBalancer.MarginNames(row: { "the departures of region \($0 + 1)" }, column: { "the arrivals of region \($0 + 1)" })
    #expect(throws: BalancingError.unreachableMargins(rows: "the departures of region 1, the departures of region 2", need: 2,
                                                      columns: "the arrivals of region 1", capacity: 1)) {
        try RASBalancer.balance(x0, rowTargets: [1, 1, 1], columnTargets: [1, 1, 1], fixed: nil,
                                options: BalancingOptions(), marginNames: names)
    }
}
