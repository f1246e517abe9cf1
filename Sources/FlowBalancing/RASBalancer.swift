import LinearAlgebra

/// Biproportional balancing (RAS, iterative proportional fitting of a matrix) with marked cells.
///
/// Finds X = diag(r)·X₀·diag(s) on the free cells such that every row sums to its target and every
/// column to its target; marked (fixed) cells keep their values to the last bit and count as a
/// constant part of their row and column (seed 001, "balancing with marked elements"). With A the
/// free part of X₀ (fixed cells zeroed), F_i, G_j the sums of the fixed cells and R_i, C_j the
/// targets, one sweep is
///
///   row step:    u = A·s,   r_i ← (R_i − F_i) / u_i
///   column step: v = Aᵀ·r,  s_j ← (C_j − G_j) / v_j
///
/// (a factor is kept where its sum is 0) — the classical x_ij ← x_ij·(R_i − F_i)/Σ_free x_ij and
/// x_ij ← x_ij·(C_j − G_j)/Σ_free x_ij, with the matrix left alone and only the two scaling vectors
/// updated. After a sweep the columns are exact and convergence is judged by the maximal relative
/// row error |r_i·(A·s)_i + F_i − R_i| / R_i, whose A·s is the next sweep's first product.
/// Cells the margins force to zero (`ForcedZeroCells`) are fixed at zero before the first sweep
/// (`BalancingOptions.fixForcedZeros`), which keeps the convergence geometric on such patterns.
/// Cost: two BLAS matrix–vector products a sweep (dgemv, reading A twice, writing nothing), then
/// one pass forming X and summing its margins.
public enum RASBalancer {
    public static func balance(
        _ x0: Matrix, rowTargets: [Double], columnTargets: [Double],
        fixed: [Bool]? = nil, options: BalancingOptions = BalancingOptions()
    ) throws -> BalancingResult {
        try balance(x0, rowTargets: rowTargets, columnTargets: columnTargets, fixed: fixed, options: options, marginNames: nil)
    }

    /// How an infeasibility error names a row and a column (0-based); "row 3" / "column 5" when nil.
    struct MarginNames {
        let row: (Int) -> String
        let column: (Int) -> String
    }

    static func balance(
        _ x0: Matrix, rowTargets: [Double], columnTargets: [Double],
        fixed: [Bool]?, options: BalancingOptions, marginNames: MarginNames?
    ) throws -> BalancingResult {
        try options.validate()
        let m = x0.rows, n = x0.columns
        guard rowTargets.count == m, columnTargets.count == n else {
            throw BalancingError.dimensionMismatch(
                "matrix is \(m)×\(n) but there are \(rowTargets.count) row and \(columnTargets.count) column targets")
        }
        if let fixed, fixed.count != m * n {
            throw BalancingError.dimensionMismatch("fixed-cell mask has \(fixed.count) entries, matrix has \(m * n)")
        }
        // One pass: invalid cells (NaN fails every comparison) are located only if there is one.
        // With no fixed cells the same pass sums the margins and sees whether every cell is positive.
        var mask: [UInt8] = fixed.map { $0.map { $0 ? 1 : 0 } } ?? []
        var rowFree = [Double](repeating: 0, count: m), colFree = [Double](repeating: 0, count: n)
        var allValid = true, allPositive = false
        x0.storage.withUnsafeBufferPointer { xp in
            if mask.isEmpty {
                (allValid, allPositive) = validPositiveAccumulate(xp, m, n, rows: &rowFree, columns: &colFree)
            } else {
                for v in xp { allValid = allValid && (v >= 0 && v < .infinity) }
            }
        }
        if !allValid {
            try requireNonNegativeFinite(x0.storage) { "cell (\($0 / n + 1), \($0 % n + 1))" }
        }
        try requireNonNegativeFinite(rowTargets) { "row target \($0 + 1)" }
        try requireNonNegativeFinite(columnTargets) { "column target \($0 + 1)" }
        let rowTotal = rowTargets.reduce(0, +), columnTotal = columnTargets.reduce(0, +)
        if abs(rowTotal - columnTotal) > options.tolerance * max(rowTotal, columnTotal) {
            throw BalancingError.inconsistentTotals(first: "row targets", firstTotal: rowTotal,
                                                    second: "column targets", secondTotal: columnTotal)
        }
        var rowFixed = [Double](repeating: 0, count: m), colFixed = [Double](repeating: 0, count: n)
        x0.storage.withUnsafeBufferPointer { xp in
            if !mask.isEmpty {
                for i in 0..<m {
                    for j in 0..<n {
                        let v = xp[i * n + j]
                        if mask[i * n + j] != 0 { rowFixed[i] += v; colFixed[j] += v } else { rowFree[i] += v; colFree[j] += v }
                    }
                }
            }
        }
        for i in 0..<m {
            try checkMarginCell("row \(i + 1)", target: rowTargets[i], fixedSum: rowFixed[i],
                                freeSum: rowFree[i], tolerance: options.tolerance)
        }
        for j in 0..<n {
            try checkMarginCell("column \(j + 1)", target: columnTargets[j], fixedSum: colFixed[j],
                                freeSum: colFree[j], tolerance: options.tolerance)
        }

        var x = x0.storage
        var forcedZeroCount = 0
        // With every cell free and positive no proper set of rows can be tight: nothing to look for.
        if options.fixForcedZeros && !(mask.isEmpty && allPositive) {
            forcedZeroCount = try fixForcedZeros(&x, mask: &mask, m: m, n: n, rowTargets: rowTargets, columnTargets: columnTargets,
                                                 rowFixed: rowFixed, colFixed: colFixed, tolerance: options.tolerance,
                                                 marginNames: marginNames)
            if forcedZeroCount > 0 {
                for i in 0..<m { rowFree[i] = 0 }
                for j in 0..<n { colFree[j] = 0 }
                for i in 0..<m {
                    for j in 0..<n where mask[i * n + j] == 0 { rowFree[i] += x[i * n + j]; colFree[j] += x[i * n + j] }
                }
            }
        }
        // The free part A (fixed cells zeroed; A = X₀ itself when nothing is fixed) and the two factors.
        var free = x
        if !mask.isEmpty { for c in 0..<(m * n) where mask[c] != 0 { free[c] = 0 } }
        let a = Matrix(rows: m, columns: n, storage: free)
        var r = [Double](repeating: 1, count: m), s = [Double](repeating: 1, count: n)
        var u = rowFree, v = colFree   // A·s and Aᵀ·r for r = s = 1
        var iterations = 0, converged = false
        var maxError = marginError(u, rowFixed, rowTargets, v, colFixed, columnTargets)
        while maxError > options.tolerance && iterations < options.maxIterations {
            iterations += 1
            for i in 0..<m where u[i] > 0 { r[i] = (rowTargets[i] - rowFixed[i]) / u[i] }
            BLAS.gemv(a, r, into: &v, transpose: true)
            for j in 0..<n where v[j] > 0 { s[j] = (columnTargets[j] - colFixed[j]) / v[j] }
            BLAS.gemv(a, s, into: &u)
            for i in 0..<m { rowFree[i] = r[i] * u[i] }
            maxError = rowError(rowFree, rowFixed, rowTargets)
        }
        // X = diag(r)·A·diag(s) on the free cells, the fixed cells as given; margins summed afresh.
        var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 0, count: n)
        let values: [Double] = HugePages.array(count: m * n) { out in
            free.withUnsafeBufferPointer { ap in
                x.withUnsafeBufferPointer { xp in
                    cols.withUnsafeMutableBufferPointer { cp in
                        s.withUnsafeBufferPointer { sp in
                            for i in 0..<m {
                                let o = out.baseAddress! + i * n, row = ap.baseAddress! + i * n
                                let ri = r[i]
                                if mask.isEmpty {
                                    // Four partial row sums break the addition chain so the loop vectorizes.
                                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                                    var j = 0
                                    while j + 4 <= n {
                                        let w0 = ri * row[j] * sp[j], w1 = ri * row[j + 1] * sp[j + 1]
                                        let w2 = ri * row[j + 2] * sp[j + 2], w3 = ri * row[j + 3] * sp[j + 3]
                                        o[j] = w0; o[j + 1] = w1; o[j + 2] = w2; o[j + 3] = w3
                                        cp[j] += w0; cp[j + 1] += w1; cp[j + 2] += w2; cp[j + 3] += w3
                                        s0 += w0; s1 += w1; s2 += w2; s3 += w3
                                        j += 4
                                    }
                                    while j < n { let w = ri * row[j] * sp[j]; o[j] = w; cp[j] += w; s0 += w; j += 1 }
                                    rows[i] = (s0 + s1) + (s2 + s3)
                                } else {
                                    var sum = 0.0
                                    for j in 0..<n {
                                        let w = mask[i * n + j] != 0 ? xp[i * n + j] : ri * row[j] * sp[j]
                                        o[j] = w; sum += w; cp[j] += w
                                    }
                                    rows[i] = sum
                                }
                            }
                        }
                    }
                }
            }
        }
        let rowErrors = (0..<m).map { relativeError(rows[$0], rowTargets[$0]) }
        let colErrors = (0..<n).map { relativeError(cols[$0], columnTargets[$0]) }
        let finalMax = max(rowErrors.max() ?? 0, colErrors.max() ?? 0)
        converged = finalMax <= options.tolerance
        var result = BalancingResult(values: values, iterations: iterations, converged: converged,
                                     maxRelativeError: finalMax, marginErrors: [rowErrors, colErrors])
        result.forcedZeroCells = forcedZeroCount
        return result
    }

    /// Finds the free cells the margins force to zero (`ForcedZeroCells`), sets them to zero and marks
    /// them fixed; returns how many. Throws when no matrix on the free non-zero cells meets the margins.
    /// Skipped when every cell is free and positive (then no proper set of rows can be tight).
    private static func fixForcedZeros(
        _ x: inout [Double], mask: inout [UInt8], m: Int, n: Int, rowTargets: [Double], columnTargets: [Double],
        rowFixed: [Double], colFixed: [Double], tolerance: Double, marginNames: MarginNames?
    ) throws -> Int {
        var support = [Bool](repeating: false, count: m * n)
        var full = true
        for c in 0..<(m * n) {
            support[c] = (mask.isEmpty || mask[c] == 0) && x[c] > 0
            full = full && support[c]
        }
        if full { return 0 }
        let rows = (0..<m).map { max(0, rowTargets[$0] - rowFixed[$0]) }
        let columns = (0..<n).map { max(0, columnTargets[$0] - colFixed[$0]) }
        let rowTotal = rows.reduce(0, +), columnTotal = columns.reduce(0, +)
        let scale = max(rowTotal, columnTotal, .leastNormalMagnitude)
        // Residuals below the totals' own disagreement (allowed up to the tolerance) plus rounding
        // count as exhausted, so a set that is tight up to that disagreement is found.
        let mismatch = abs(rowTotal - columnTotal)
        let found = ForcedZeroCells.detect(support: support, rows: rows, columns: columns, slack: 1e-12 * scale + mismatch)
        if found.shortfall > mismatch + max(tolerance, 1e-9) * scale, !found.blockedRows.isEmpty {
            func names(_ kind: String, _ list: [Int]) -> String {
                let more = list.count > 12 ? " … (\(list.count) in all)" : ""
                if let marginNames {
                    let name = kind == "row" ? marginNames.row : marginNames.column
                    return list.prefix(12).map(name).joined(separator: ", ") + more
                }
                let shown = list.prefix(12).map { String($0 + 1) }.joined(separator: ", ")
                return "\(kind)\(list.count == 1 ? "" : "s") \(shown)" + more
            }
            throw BalancingError.unreachableMargins(
                rows: names("row", found.blockedRows), need: found.blockedRows.reduce(0) { $0 + rows[$1] },
                columns: found.blockingColumns.isEmpty ? "no column" : names("column", found.blockingColumns),
                capacity: found.blockingColumns.reduce(0) { $0 + columns[$1] })
        }
        if found.cells.isEmpty { return 0 }
        if mask.isEmpty { mask = [UInt8](repeating: 0, count: m * n) }
        for c in found.cells { x[c] = 0; mask[c] = 1 }
        return found.cells.count
    }

    /// Adds the row and column sums of a row-major m×n buffer to `rows` and `columns`, and tells
    /// whether every cell is finite and ≥ 0, and whether every cell is > 0.
    private static func validPositiveAccumulate(_ x: UnsafeBufferPointer<Double>, _ m: Int, _ n: Int,
                                                rows: inout [Double], columns: inout [Double]) -> (valid: Bool, positive: Bool) {
        // Branch-free so that it vectorizes: a row holds only finite values ≥ 0 when its sum is
        // finite (a NaN or an infinity makes it NaN or infinite) and its least value is ≥ 0. A sum
        // that overflows reports "not valid" wrongly; the caller's search for the bad cell then finds none.
        var valid = true, positive = true
        columns.withUnsafeMutableBufferPointer { cp in
            for i in 0..<m {
                let row = x.baseAddress! + i * n
                var s0 = 0.0, s1 = 0.0, least = Double.infinity
                var j = 0
                while j + 2 <= n {
                    let v0 = row[j], v1 = row[j + 1]
                    s0 += v0; s1 += v1; cp[j] += v0; cp[j + 1] += v1
                    least = v0 < least ? v0 : least
                    least = v1 < least ? v1 : least
                    j += 2
                }
                if j < n { let v = row[j]; s0 += v; cp[j] += v; least = v < least ? v : least }
                let s = s0 + s1
                rows[i] += s
                valid = valid && s.isFinite && least >= 0
                positive = positive && least > 0
            }
        }
        return (valid, positive)
    }

    private static func rowError(_ free: [Double], _ fixed: [Double], _ target: [Double]) -> Double {
        var e = 0.0
        for i in 0..<free.count { e = max(e, relativeError(free[i] + fixed[i], target[i])) }
        return e
    }

    private static func marginError(
        _ rf: [Double], _ rowFixed: [Double], _ rowTargets: [Double],
        _ cf: [Double], _ colFixed: [Double], _ columnTargets: [Double]
    ) -> Double {
        max(rowError(rf, rowFixed, rowTargets), rowError(cf, colFixed, columnTargets))
    }
}
