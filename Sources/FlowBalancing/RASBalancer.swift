import LinearAlgebra

/// Biproportional balancing (RAS, iterative proportional fitting of a matrix) with marked cells.
///
/// Finds X = diag(r)·X₀·diag(s) on the free cells such that every row sums to its target and every
/// column to its target; marked (fixed) cells keep their values to the last bit and count as a
/// constant part of their row and column (seed 001, "balancing with marked elements"):
///
///   row step:    x_ij ← x_ij · (R_i − F_i) / Σ_free x_ij
///   column step: x_ij ← x_ij · (C_j − G_j) / Σ_free x_ij
///
/// with F_i, G_j the sums of the fixed cells. One sweep = row step + column step; after it the
/// columns are exact and convergence is judged by the maximal relative row error.
/// Cells the margins force to zero (`ForcedZeroCells`) are fixed at zero before the first sweep
/// (`BalancingOptions.fixForcedZeros`), which keeps the convergence geometric on such patterns.
/// Each sweep reads and writes the matrix twice (the sums for the next step are accumulated while
/// scaling), so the cost is two passes over memory per sweep.
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
        let allValid = x0.storage.withUnsafeBufferPointer { p in
            var ok = true
            for v in p { ok = ok && (v >= 0 && v < .infinity) }
            return ok
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
        var mask: [UInt8] = fixed.map { $0.map { $0 ? 1 : 0 } } ?? []
        var rowFixed = [Double](repeating: 0, count: m), colFixed = [Double](repeating: 0, count: n)
        var rowFree = [Double](repeating: 0, count: m), colFree = [Double](repeating: 0, count: n)
        x0.storage.withUnsafeBufferPointer { xp in
            if mask.isEmpty {
                columnAccumulate(xp, m, n, rows: &rowFree, columns: &colFree)
            } else {
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
        if options.fixForcedZeros {
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
        var factor = [Double](repeating: 1, count: max(m, n))
        var iterations = 0, converged = false, maxError = Double.infinity
        x.withUnsafeMutableBufferPointer { xp in
            mask.withUnsafeBufferPointer { mp in
                factor.withUnsafeMutableBufferPointer { fp in
                    rowFree.withUnsafeMutableBufferPointer { rf in
                        colFree.withUnsafeMutableBufferPointer { cf in
                            // Converged before any sweep?
                            maxError = marginError(rf, rowFixed, rowTargets, cf, colFixed, columnTargets)
                            while maxError > options.tolerance && iterations < options.maxIterations {
                                iterations += 1
                                // Row step; accumulates the free column sums of the scaled matrix.
                                for j in 0..<n { cf[j] = 0 }
                                for i in 0..<m {
                                    let f = rf[i] > 0 ? (rowTargets[i] - rowFixed[i]) / rf[i] : 1
                                    let row = xp.baseAddress! + i * n
                                    if mp.isEmpty {
                                        for j in 0..<n { let v = row[j] * f; row[j] = v; cf[j] += v }
                                    } else {
                                        let mrow = mp.baseAddress! + i * n
                                        for j in 0..<n {
                                            let free = mrow[j] == 0
                                            let v = free ? row[j] * f : row[j]
                                            row[j] = v
                                            cf[j] += free ? v : 0
                                        }
                                    }
                                }
                                // Column step; accumulates the free row sums.
                                for j in 0..<n {
                                    fp[j] = cf[j] > 0 ? (columnTargets[j] - colFixed[j]) / cf[j] : 1
                                }
                                for i in 0..<m {
                                    let row = xp.baseAddress! + i * n
                                    var s = 0.0
                                    if mp.isEmpty {
                                        // Four partial sums break the addition chain so the loop vectorizes.
                                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                                        var j = 0
                                        while j + 4 <= n {
                                            let v0 = row[j] * fp[j], v1 = row[j + 1] * fp[j + 1]
                                            let v2 = row[j + 2] * fp[j + 2], v3 = row[j + 3] * fp[j + 3]
                                            row[j] = v0; row[j + 1] = v1; row[j + 2] = v2; row[j + 3] = v3
                                            s0 += v0; s1 += v1; s2 += v2; s3 += v3
                                            j += 4
                                        }
                                        while j < n { let v = row[j] * fp[j]; row[j] = v; s0 += v; j += 1 }
                                        s = (s0 + s1) + (s2 + s3)
                                    } else {
                                        let mrow = mp.baseAddress! + i * n
                                        for j in 0..<n {
                                            let free = mrow[j] == 0
                                            let v = free ? row[j] * fp[j] : row[j]
                                            row[j] = v
                                            s += free ? v : 0
                                        }
                                    }
                                    rf[i] = s
                                }
                                maxError = rowError(rf, rowFixed, rowTargets)
                            }
                        }
                    }
                }
            }
        }
        // Final errors from freshly summed margins.
        var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { columnAccumulate($0, m, n, rows: &rows, columns: &cols) }
        let rowErrors = (0..<m).map { relativeError(rows[$0], rowTargets[$0]) }
        let colErrors = (0..<n).map { relativeError(cols[$0], columnTargets[$0]) }
        let finalMax = max(rowErrors.max() ?? 0, colErrors.max() ?? 0)
        converged = finalMax <= options.tolerance
        var result = BalancingResult(values: x, iterations: iterations, converged: converged,
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

    /// Adds the row sums and column sums of a row-major m×n buffer to `rows` and `columns`.
    private static func columnAccumulate(_ x: UnsafeBufferPointer<Double>, _ m: Int, _ n: Int,
                                         rows: inout [Double], columns: inout [Double]) {
        columns.withUnsafeMutableBufferPointer { cp in
            for i in 0..<m {
                let row = x.baseAddress! + i * n
                var s = 0.0
                for j in 0..<n { let v = row[j]; s += v; cp[j] += v }
                rows[i] += s
            }
        }
    }

    private static func rowError(_ free: UnsafeMutableBufferPointer<Double>, _ fixed: [Double], _ target: [Double]) -> Double {
        var e = 0.0
        for i in 0..<free.count { e = max(e, relativeError(free[i] + fixed[i], target[i])) }
        return e
    }

    private static func marginError(
        _ rf: UnsafeMutableBufferPointer<Double>, _ rowFixed: [Double], _ rowTargets: [Double],
        _ cf: UnsafeMutableBufferPointer<Double>, _ colFixed: [Double], _ columnTargets: [Double]
    ) -> Double {
        max(rowError(rf, rowFixed, rowTargets), rowError(cf, colFixed, columnTargets))
    }
}
