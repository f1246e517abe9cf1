import LinearAlgebra

/// Settings of the age-split estimator (seed 001, SPEC §6).
public struct AgeSplitConfiguration: Sendable, Equatable {
    /// Number of age groups k (3 in the paper: below, at, above working age).
    public var groups: Int
    /// Widths L_g in years of the bands g = 1…k−1 that people age out of (16 and 44 in the paper).
    /// Uniform ages within a band give the ageing shift q_{g,g+1} = q_{g,g} / L_g.
    public var bandWidths: [Double]
    /// Weight of the hard equality rows (block sums = M, flows to/from the rest) relative to the
    /// soft rows; equality constraints are imposed by weighting (Lawson–Hanson, ch. 22).
    public var equalityWeight: Double
    /// Weight of the rows that pull each unknown towards the proportional split (the paper's
    /// proportionality of age groups to a region's totals); it only resolves the null space.
    public var proportionalityWeight: Double
    /// Stopping rule of the RAS step.
    public var balancing: BalancingOptions

    public init(groups: Int = 3, bandWidths: [Double] = [16, 44], equalityWeight: Double = 1e3,
                proportionalityWeight: Double = 1e-2, balancing: BalancingOptions = BalancingOptions()) {
        self.groups = groups
        self.bandWidths = bandWidths
        self.equalityWeight = equalityWeight
        self.proportionalityWeight = proportionalityWeight
        self.balancing = balancing
    }
}

/// The age-split transition matrix and its errors against the all-ages flows.
public struct AgeSplitResult: Sendable, Equatable {
    /// Q, (k·n)×(k·n); state (region a, group g) has index a·k + g.
    public let q: Matrix
    /// The initial approximation Q₀ assembled from the pairwise problems (step 1).
    public let initial: Matrix
    /// J·Q·Jᵀ (n×n), Q aggregated over age groups.
    public let aggregated: Matrix
    /// |(J Q Jᵀ)_ab − M_ab| / M_ab per flow (0 where M_ab = 0 and the estimate is 0).
    public let relativeErrors: Matrix
    /// Σ|J Q Jᵀ − M| / Σ M: the flow-weighted mean relative error (the paper's 0.68% for 1998).
    public let weightedMeanError: Double
    /// The RAS step's result (iterations, final margin errors).
    public let balancing: BalancingResult
    /// Largest relative violation of the hard equalities over all pairwise problems.
    public let maxPairEqualityViolation: Double
}

/// Two-step estimator of a transition matrix by region and age group from all-ages flows M (n×n),
/// departures v and arrivals p by region and group (n×k each).
///
/// Step 1, for every pair of regions {i, j}: the 2k states of the pair plus one aggregated "rest"
/// state. Unknowns (all ≥ 0): the diagonals d^{ab}_g of the four k×k blocks a, b ∈ {i, j} (the
/// super-diagonal is d^{ab}_g / L_g), the flows r_{a,g} from state (a, g) to the rest and s_{a,g}
/// from the rest into (a, g). Hard equalities: every block sums to M_ab,
/// Σ_g r_{a,g} = Σ_{c∉{i,j}} M_ac, Σ_g s_{a,g} = Σ_{c∉{i,j}} M_ca. Soft rows (relative residuals):
/// the row sums of the pair's states equal v, the column sums equal p. Weak rows pull every unknown
/// towards the split proportional to the region's age structure. Solved by NNLS with the
/// equalities weighted. Off-diagonal blocks of Q₀ come from their pair; a diagonal block (i, i) is
/// the mean over the n − 1 pairs that contain i.
/// Step 2: RAS of Q₀ to row sums v and column sums p with every cell outside the block pattern
/// marked (a structural zero that stays zero). Cells the margins themselves force to zero — every
/// ageing cell q_{g,g+1} when each group's departures and arrivals have equal totals, i.e. nobody
/// changes group during a move — are found by `ForcedZeroCells` and fixed at zero before the
/// sweeps (`BalancingOptions.fixForcedZeros`), so the default tolerance is reached geometrically.
///
/// Data it needs: M by origin and destination (all ages, diagonal = moves inside a region) and, for
/// the same period, departures and arrivals of every region split into the k age groups, with the
/// band widths of the groups. The Korean KOSIS flows in `shared/data/korea` carry no age split, so
/// for them only the aggregated balancing applies; the age-split would need KOSIS's in- and
/// out-migration by five-year age group per region, regrouped into k bands.
public enum AgeSplitEstimator {
    public static func estimate(
        flows m: Matrix, departures v: Matrix, arrivals p: Matrix,
        configuration c: AgeSplitConfiguration = AgeSplitConfiguration()
    ) throws -> AgeSplitResult {
        let n = m.rows, k = c.groups
        guard k >= 1 else { throw BalancingError.invalidParameter(name: "groups", expected: "at least 1, got \(k)") }
        guard c.bandWidths.count == k - 1, c.bandWidths.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw BalancingError.invalidParameter(
                name: "bandWidths", expected: "\(k - 1) positive widths for \(k) groups, got \(c.bandWidths)")
        }
        guard n >= 2, m.columns == n else {
            throw BalancingError.dimensionMismatch("flows must be a square matrix of at least 2 regions, got \(m.rows)×\(m.columns)")
        }
        guard v.rows == n, v.columns == k, p.rows == n, p.columns == k else {
            throw BalancingError.dimensionMismatch(
                "departures and arrivals must be \(n)×\(k) (regions × groups), got \(v.rows)×\(v.columns) and \(p.rows)×\(p.columns)")
        }
        try requireNonNegativeFinite(m.storage) { "flow (\($0 / n + 1), \($0 % n + 1))" }
        try requireNonNegativeFinite(v.storage) { "departures of region \($0 / k + 1), group \($0 % k + 1)" }
        try requireNonNegativeFinite(p.storage) { "arrivals of region \($0 / k + 1), group \($0 % k + 1)" }

        let shift = c.bandWidths.map { 1 / $0 } + [0]          // superdiagonal ratio of group g
        let blockSum = shift.map { 1 + $0 }                    // row sum of a block row per unit diagonal
        let rowTotal = (0..<n).map { a in (0..<n).reduce(0) { $0 + m[a, $1] } }
        let colTotal = (0..<n).map { b in (0..<n).reduce(0) { $0 + m[$1, b] } }
        let vTotal = (0..<n).map { a in (0..<k).reduce(0) { $0 + v[a, $1] } }
        let pTotal = (0..<n).map { a in (0..<k).reduce(0) { $0 + p[a, $1] } }

        var initial = Matrix(rows: n * k, columns: n * k)
        var worstEquality = 0.0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let pair = [i, j]
                // Unknown layout: d[ab][g] at (ai*2+bi)*k+g (4k), r[ai][g] at 4k+ai*k+g, s[ai][g] at 6k+ai*k+g.
                let nu = 8 * k
                func d(_ ai: Int, _ bi: Int, _ g: Int) -> Int { (ai * 2 + bi) * k + g }
                func r(_ ai: Int, _ g: Int) -> Int { 4 * k + ai * k + g }
                func s(_ ai: Int, _ g: Int) -> Int { 6 * k + ai * k + g }
                var rows: [[Double]] = [], rhs: [Double] = [], isHard: [Bool] = []
                var columnScale = [Double](repeating: 1, count: nu)
                func add(_ coef: [(Int, Double)], _ target: Double, weight: Double, hard: Bool) {
                    var row = [Double](repeating: 0, count: nu)
                    for (idx, cf) in coef { row[idx] += cf * weight }
                    rows.append(row); rhs.append(target * weight); isHard.append(hard)
                }
                // Hard: block sums and flows to / from the rest.
                for ai in 0..<2 {
                    for bi in 0..<2 {
                        let target = m[pair[ai], pair[bi]]
                        add((0..<k).map { (d(ai, bi, $0), blockSum[$0]) }, target,
                            weight: c.equalityWeight / max(target, 1), hard: true)
                    }
                    let a = pair[ai]
                    let toRest = rowTotal[a] - m[a, i] - m[a, j], fromRest = colTotal[a] - m[i, a] - m[j, a]
                    add((0..<k).map { (r(ai, $0), 1) }, toRest, weight: c.equalityWeight / max(toRest, 1), hard: true)
                    add((0..<k).map { (s(ai, $0), 1) }, fromRest, weight: c.equalityWeight / max(fromRest, 1), hard: true)
                }
                // Soft: departures and arrivals of the pair's states.
                for ai in 0..<2 {
                    let a = pair[ai]
                    for g in 0..<k {
                        var dep: [(Int, Double)] = [(r(ai, g), 1)]
                        for bi in 0..<2 { dep.append((d(ai, bi, g), blockSum[g])) }
                        add(dep, v[a, g], weight: 1 / max(v[a, g], 1), hard: false)
                        var arr: [(Int, Double)] = [(s(ai, g), 1)]
                        for bi in 0..<2 {
                            arr.append((d(bi, ai, g), 1))
                            if g > 0 { arr.append((d(bi, ai, g - 1), shift[g - 1])) }
                        }
                        add(arr, p[a, g], weight: 1 / max(p[a, g], 1), hard: false)
                    }
                }
                // Weak: proportional split of each block, and of the flows to and from the rest.
                for ai in 0..<2 {
                    let a = pair[ai]
                    for bi in 0..<2 {
                        let b = pair[bi]
                        // Age stays the same along a block's diagonal, so the group's share is the
                        // geometric mean of its share in a's departures and in b's arrivals.
                        let w = (0..<k).map { g in
                            ((vTotal[a] > 0 ? v[a, g] / vTotal[a] : 1.0 / Double(k)) *
                             (pTotal[b] > 0 ? p[b, g] / pTotal[b] : 1.0 / Double(k))).squareRoot()
                        }
                        let norm = (0..<k).reduce(0) { $0 + w[$1] * blockSum[$1] }
                        for g in 0..<k {
                            let prior = norm > 0 ? m[a, b] * w[g] / norm : 0
                            add([(d(ai, bi, g), 1)], prior, weight: c.proportionalityWeight / max(prior, 1), hard: false)
                            columnScale[d(ai, bi, g)] = max(prior, 1)
                        }
                    }
                    let toRest = rowTotal[a] - m[a, i] - m[a, j], fromRest = colTotal[a] - m[i, a] - m[j, a]
                    for g in 0..<k {
                        let pr = vTotal[a] > 0 ? toRest * v[a, g] / vTotal[a] : toRest / Double(k)
                        add([(r(ai, g), 1)], pr, weight: c.proportionalityWeight / max(pr, 1), hard: false)
                        columnScale[r(ai, g)] = max(pr, 1)
                        let ps = pTotal[a] > 0 ? fromRest * p[a, g] / pTotal[a] : fromRest / Double(k)
                        add([(s(ai, g), 1)], ps, weight: c.proportionalityWeight / max(ps, 1), hard: false)
                        columnScale[s(ai, g)] = max(ps, 1)
                    }
                }
                // Column scaling x_u = prior_u · y_u makes every unknown O(1) (NNLS is invariant
                // under positive column scaling), which keeps the weighted system well conditioned.
                for row in rows.indices { for u in 0..<nu { rows[row][u] *= columnScale[u] } }
                let design = Matrix(rows: rows.count, columns: nu, storage: rows.flatMap { $0 })
                let scaled = try NonNegativeLeastSquares.solve(design, rhs)
                let estimate = (0..<nu).map { scaled.x[$0] * columnScale[$0] }
                for row in rows.indices { for u in 0..<nu { rows[row][u] /= columnScale[u] } }
                for (row, hard) in zip(rows.indices, isHard) where hard {
                    var lhs = 0.0
                    for u in 0..<nu { lhs += rows[row][u] * estimate[u] }
                    worstEquality = max(worstEquality, abs(lhs - rhs[row]) / c.equalityWeight)
                }
                let share = 1 / Double(n - 1)
                for ai in 0..<2 {
                    for bi in 0..<2 {
                        let weight = ai == bi ? share : 1
                        for g in 0..<k {
                            let x = estimate[d(ai, bi, g)]
                            let rI = pair[ai] * k + g, cI = pair[bi] * k + g
                            initial[rI, cI] += weight * x
                            if g + 1 < k { initial[rI, cI + 1] += weight * x * shift[g] }
                        }
                    }
                }
            }
        }

        // Step 2: RAS with the block pattern's zeros marked.
        var structuralZero = [Bool](repeating: true, count: n * k * n * k)
        for a in 0..<n {
            for b in 0..<n {
                for g in 0..<k {
                    let row = (a * k + g) * n * k
                    structuralZero[row + b * k + g] = false
                    if g + 1 < k { structuralZero[row + b * k + g + 1] = false }
                }
            }
        }
        let names = RASBalancer.MarginNames(row: { "the departures of region \($0 / k + 1), group \($0 % k + 1)" },
                                            column: { "the arrivals of region \($0 / k + 1), group \($0 % k + 1)" })
        let balanced = try RASBalancer.balance(initial, rowTargets: v.storage, columnTargets: p.storage,
                                               fixed: structuralZero, options: c.balancing, marginNames: names)
        let q = Matrix(rows: n * k, columns: n * k, storage: balanced.values)
        let aggregated = aggregate(q, groups: k)
        var errors = Matrix(rows: n, columns: n)
        var absError = 0.0, total = 0.0
        for a in 0..<n {
            for b in 0..<n {
                let diff = abs(aggregated[a, b] - m[a, b])
                errors[a, b] = m[a, b] > 0 ? diff / m[a, b] : (diff > 0 ? .infinity : 0)
                absError += diff
                total += m[a, b]
            }
        }
        return AgeSplitResult(q: q, initial: initial, aggregated: aggregated, relativeErrors: errors,
                              weightedMeanError: total > 0 ? absError / total : 0, balancing: balanced,
                              maxPairEqualityViolation: worstEquality)
    }

    /// J·Q·Jᵀ with J = Iₙ ⊗ 1ₖᵀ: sums every k×k block of Q.
    public static func aggregate(_ q: Matrix, groups k: Int) -> Matrix {
        let n = q.rows / k
        var out = Matrix(rows: n, columns: n)
        for r in 0..<q.rows { for c in 0..<q.columns { out[r / k, c / k] += q[r, c] } }
        return out
    }
}
