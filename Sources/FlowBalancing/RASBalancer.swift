import CKernels
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
///
/// Cost: A is read once a sweep. One pass goes through A eight rows at a time (C kernels,
/// `CKernels/ras_passes.c`, AVX2 + FMA where the CPU has them, the same bits without): the dot products
/// of the eight rows with s stream them from memory (u_i = (A·s)_i, the row error of the sweep just
/// finished, the next r_i), then Σ_k r_k·A_k over the eight rows is added into the next v = Aᵀ·r while
/// the rows are in cache, so sweep k's u and sweep k + 1's v come from one read. The first v is summed the same way
/// in the validating pass that sums the margins when nothing is fixed (A is then X₀ itself, not
/// copied). The pass judging a sweep also writes X = diag(r)·A·diag(s) and its margins, and leaves
/// out the next v, when that sweep is the last allowed one or the falling error predicts it is the
/// last (e_k ≈ e_{k−1}²/e_{k−2} ≤ tolerance); a wrong guess costs one BLAS product for the missing v,
/// and after it only the last allowed sweep is formed that way; X is otherwise formed by one more
/// pass. So k sweeps read A k + 1 times and write X once when the guess holds (k + 2 reads when no
/// pass guessed, at most k + 3 after a wrong guess), where two BLAS mat-vecs a sweep, a validating
/// pass and a forming pass read it 2k + 2 times: at n = 3,000 (3 sweeps) 4 reads and 1 write of the
/// 72 MB matrix against 8 + 1 before and a NumPy IPF's 12 + 2 (cachegrind, README). The sweeps, the
/// stopping rule and its error are those of the two-product form above; only the order of the sums
/// differs (agreement to rounding; the tests hold the cells to 1e-12 relative against a plain
/// two-product RAS). With fixed cells A is a copy with them zeroed, the first v is one BLAS product
/// and X is formed by its own pass.
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
        try balanceCountingPasses(x0, rowTargets: rowTargets, columnTargets: columnTargets, fixed: fixed,
                                  options: options, marginNames: marginNames).result
    }

    /// `balance`, also telling how many times the sweeps and the forming of X read the free part A
    /// (the validating pass, and with fixed cells the passes that sum them and copy A, not counted) and
    /// whether a pass formed X for a sweep that then turned out not to be the last (a wrong guess).
    static func balanceCountingPasses(
        _ x0: Matrix, rowTargets: [Double], columnTargets: [Double],
        fixed: [Bool]?, options: BalancingOptions, marginNames: MarginNames?
    ) throws -> (result: BalancingResult, passes: Int, wrongGuess: Bool) {
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
        // A mask without a fixed cell (the command line passes one always) counts as no mask.
        var mask: [UInt8] = fixed.map { $0.contains(true) ? $0.map { $0 ? 1 : 0 } : [] } ?? []
        var rowFree = [Double](repeating: 0, count: m), colFree = [Double](repeating: 0, count: n)
        // With nothing fixed the same pass also sums the first sweep's Aᵀ·r (r_i = R_i / (A·1)_i), while
        // each row is in cache; it is used only if the checks pass and no cell is fixed afterwards.
        var allValid = true, allPositive = false
        var firstColumnProduct: [Double]? = nil
        x0.storage.withUnsafeBufferPointer { xp in
            if mask.isEmpty {
                var product = [Double](repeating: 0, count: n)
                (allValid, allPositive) = validPositiveAccumulate(xp, m, n, rows: &rowFree, columns: &colFree,
                                                                  rowTargets: rowTargets, product: &product)
                firstColumnProduct = product
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
        // The free part A (fixed cells zeroed; A = X₀ itself, not copied, when nothing is fixed) and the two factors.
        var free = x
        if !mask.isEmpty { for c in 0..<(m * n) where mask[c] != 0 { free[c] = 0 } }
        let rowNeed = (0..<m).map { rowTargets[$0] - rowFixed[$0] }
        let colNeed = (0..<n).map { columnTargets[$0] - colFixed[$0] }
        var r = [Double](repeating: 1, count: m), s = [Double](repeating: 1, count: n)
        var rNext = r, v = colFree, vNext = [Double](repeating: 0, count: n)
        let u = rowFree   // A·s for s = 1
        var iterations = 0, converged = false, passes = 0, wrongGuess = false
        var maxError = marginError(u, rowFixed, rowTargets, colFree, colFixed, columnTargets)
        var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 0, count: n)
        let values: [Double] = HugePages.array(count: m * n) { out in
            var formed = false, haveNext = false, previousError = 1.0
            free.withUnsafeBufferPointer { ap in
                while maxError > options.tolerance && iterations < options.maxIterations {
                    iterations += 1
                    if iterations == 1 {
                        for i in 0..<m where u[i] > 0 { r[i] = rowNeed[i] / u[i] }
                        // Aᵀ·r: summed in the validating pass when nothing is fixed, else one product.
                        if mask.isEmpty, let firstColumnProduct { v = firstColumnProduct } else {
                            BLAS.gemv(Matrix(rows: m, columns: n, storage: free), r, into: &v, transpose: true)
                            passes += 1
                        }
                    } else {
                        swap(&r, &rNext)
                        if haveNext { swap(&v, &vNext) } else {
                            // The previous pass guessed its sweep was the last and left Aᵀ·r out.
                            BLAS.gemv(Matrix(rows: m, columns: n, storage: free), r, into: &v, transpose: true)
                            passes += 1
                        }
                    }
                    for j in 0..<n where v[j] > 0 { s[j] = colNeed[j] / v[j] }
                    // The pass judging this sweep also forms X when this sweep is the last allowed one, or
                    // when the error, falling geometrically, should reach the tolerance (after one wrong guess
                    // only the last allowed sweep is formed this way).
                    let last = iterations == options.maxIterations
                    let form = mask.isEmpty && (last || (!wrongGuess
                        && maxError * (maxError / previousError) <= options.tolerance))
                    previousError = maxError
                    passes += 1
                    haveNext = !last && !form
                    maxError = fusedPass(ap.baseAddress!, m, n, s: s, r: r, rowNeed: rowNeed, rowFixed: rowFixed,
                                         rowTargets: rowTargets, rNext: &rNext, vNext: &vNext, columnProduct: haveNext,
                                         out: form ? out.baseAddress! : nil, rows: &rows, cols: &cols)
                    if form { if maxError <= options.tolerance || last { formed = true } else { wrongGuess = true } }
                }
                if !formed {
                    passes += 1
                    if mask.isEmpty {
                        formMatrix(ap.baseAddress!, m, n, r: r, s: s, out: out.baseAddress!, rows: &rows, cols: &cols)
                    } else {
                        formMaskedMatrix(ap.baseAddress!, x, mask, m, n, r: r, s: s, out: out.baseAddress!,
                                         rows: &rows, cols: &cols)
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
        return (result, passes, wrongGuess)
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
    /// whether every cell is finite and ≥ 0, and whether every cell is > 0. `product` (zero on entry)
    /// receives Aᵀ·r for r_i = target_i / (row sum)_i (1 where the row sum is 0), the first sweep's
    /// column product, added while each block of eight rows is in cache (`migsim_ras_validating_pass`).
    /// A row holds only finite values ≥ 0 when its sum is finite (a NaN or an infinity makes it NaN or
    /// infinite) and the least cell is ≥ 0. A sum that overflows reports "not valid" wrongly; the
    /// caller's search for the bad cell then finds none.
    private static func validPositiveAccumulate(_ x: UnsafeBufferPointer<Double>, _ m: Int, _ n: Int,
                                                rows: inout [Double], columns: inout [Double],
                                                rowTargets: [Double], product: inout [Double]) -> (valid: Bool, positive: Bool) {
        var least = Double.infinity
        let finite = migsim_ras_validating_pass(x.baseAddress!, m, n, rowTargets, &rows, &columns, &product, &least,
                                                migsim_cpu_has_avx2_fma())
        return (finite != 0 && least >= 0, least > 0)
    }

    /// One pass over the free part A (row-major m×n), eight rows at a time while they are in cache
    /// (`migsim_ras_sweep_pass`): u_i = (A·s)_i, returning the sweep's maximal relative row error of
    /// r_i·u_i + F_i; the next factors r'_i = (R_i − F_i)/u_i (r_i where u_i = 0) and, with
    /// `columnProduct`, v' = Aᵀ·r' in `vNext`; with `out`, X = diag(r)·A·diag(s) and its row and column
    /// sums as `formMatrix` forms them (four rows at a time, from the loads of the dot products).
    private static func fusedPass(
        _ a: UnsafePointer<Double>, _ m: Int, _ n: Int, s: [Double], r: [Double], rowNeed: [Double],
        rowFixed: [Double], rowTargets: [Double], rNext: inout [Double], vNext: inout [Double], columnProduct: Bool,
        out: UnsafeMutablePointer<Double>?, rows: inout [Double], cols: inout [Double]
    ) -> Double {
        vNext.withUnsafeMutableBufferPointer { vp in
            migsim_ras_sweep_pass(a, m, n, s, r, rowNeed, rowFixed, rowTargets, &rNext,
                                  columnProduct ? vp.baseAddress! : nil, out, &rows, &cols, migsim_cpu_has_avx2_fma())
        }
    }

    /// X = diag(r)·A·diag(s), x_ij = (r_i·a_ij)·s_j, with its row sums in `rows` and column sums in `cols`.
    private static func formMatrix(_ a: UnsafePointer<Double>, _ m: Int, _ n: Int, r: [Double], s: [Double],
                                   out: UnsafeMutablePointer<Double>, rows: inout [Double], cols: inout [Double]) {
        migsim_ras_form(a, m, n, r, s, out, &rows, &cols, migsim_cpu_has_avx2_fma())
    }

    /// X on the free cells as `formMatrix`, the fixed cells (mask ≠ 0) as given in `x`; margins summed afresh.
    private static func formMaskedMatrix(_ a: UnsafePointer<Double>, _ x: [Double], _ mask: [UInt8], _ m: Int, _ n: Int,
                                         r: [Double], s: [Double], out: UnsafeMutablePointer<Double>,
                                         rows: inout [Double], cols: inout [Double]) {
        for j in 0..<n { cols[j] = 0 }
        for i in 0..<m {
            let ri = r[i]
            var sum = 0.0
            for j in 0..<n {
                let c = i * n + j
                let w = mask[c] != 0 ? x[c] : ri * a[c] * s[j]
                out[c] = w; sum += w; cols[j] += w
            }
            rows[i] = sum
        }
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
