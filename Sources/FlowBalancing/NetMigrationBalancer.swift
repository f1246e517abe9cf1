import LinearAlgebra

/// Balancing of an n×n flow matrix (row = origin, column = destination) to target net migration
/// per region, net_r = in_r − out_r (diagonal cells are moves inside a region and never change).
///
/// The minimum-information adjustment of a prior X₀ under these constraints has the form
/// x_ij = x⁰_ij · β_j / β_i. Coordinate r is solved exactly: with A_r, B_r the free inflow and
/// outflow of r and c_r = net_r − (fixed inflow − fixed outflow), β·A_r − B_r/β = c_r gives
///   β = (c_r + √(c_r² + 4·A_r·B_r)) / (2·A_r),
/// then column r is multiplied by β and row r divided by it (Gauss–Seidel sweeps over regions).
/// The error of region r is |in_r − out_r − net_r| / (in_r + out_r), relative to its turnover.
public enum NetMigrationBalancer {
    public static func balance(
        _ x0: Matrix, netTargets: [Double], fixed: [Bool]? = nil,
        options: BalancingOptions = BalancingOptions()
    ) throws -> BalancingResult {
        try options.validate()
        let n = x0.rows
        guard x0.columns == n, netTargets.count == n else {
            throw BalancingError.dimensionMismatch(
                "matrix is \(x0.rows)×\(x0.columns), needs to be square with \(n) net targets (got \(netTargets.count))")
        }
        if let fixed, fixed.count != n * n {
            throw BalancingError.dimensionMismatch("fixed-cell mask has \(fixed.count) entries, matrix has \(n * n)")
        }
        try requireNonNegativeFinite(x0.storage) { "cell (\($0 / n + 1), \($0 % n + 1))" }
        for (r, v) in netTargets.enumerated() where !v.isFinite {
            throw BalancingError.invalidValue(what: "net target \(r + 1)", value: v)
        }
        let total = netTargets.reduce(0, +), scale = netTargets.reduce(0) { $0 + abs($1) }
        if abs(total) > 1e-9 * max(scale, 1) {
            throw BalancingError.inconsistentTotals(first: "net targets", firstTotal: total,
                                                    second: "a closed system", secondTotal: 0)
        }
        var free = [Bool](repeating: true, count: n * n)
        for r in 0..<n { free[r * n + r] = false }
        if let fixed { for c in 0..<(n * n) where fixed[c] { free[c] = false } }

        var x = x0.storage
        func sums(_ r: Int) -> (a: Double, b: Double, fin: Double, fout: Double) {
            var a = 0.0, b = 0.0, fin = 0.0, fout = 0.0
            for i in 0..<n where i != r { if free[i * n + r] { a += x[i * n + r] } else { fin += x[i * n + r] } }
            for j in 0..<n where j != r { if free[r * n + j] { b += x[r * n + j] } else { fout += x[r * n + j] } }
            return (a, b, fin, fout)
        }
        for r in 0..<n {
            let s = sums(r), c = netTargets[r] - (s.fin - s.fout)
            let slack = options.tolerance * max(abs(netTargets[r]), s.a + s.b + s.fin + s.fout)
            if (s.a == 0 && c > slack) || (s.b == 0 && c < -slack) || (s.a == 0 && s.b == 0 && abs(c) > slack) {
                throw BalancingError.noFreeCells(margin: "net migration of region \(r + 1)",
                                                 target: netTargets[r], fixedSum: s.fin - s.fout)
            }
        }
        func errors() -> [Double] {
            (0..<n).map { r in
                let s = sums(r)
                let inflow = s.a + s.fin, outflow = s.b + s.fout, turnover = inflow + outflow
                let e = abs(inflow - outflow - netTargets[r])
                return turnover > 0 ? e / turnover : e
            }
        }
        var err = errors(), maxError = err.max() ?? 0, iterations = 0
        while maxError > options.tolerance && iterations < options.maxIterations {
            iterations += 1
            for r in 0..<n {
                let s = sums(r), c = netTargets[r] - (s.fin - s.fout)
                let beta: Double
                if s.a > 0 { beta = (c + (c * c + 4 * s.a * s.b).squareRoot()) / (2 * s.a) }
                else if s.b > 0, c < 0 { beta = -s.b / c }
                else { continue }
                guard beta.isFinite, beta > 0 else { continue }
                for i in 0..<n where free[i * n + r] { x[i * n + r] *= beta }
                for j in 0..<n where free[r * n + j] { x[r * n + j] /= beta }
            }
            err = errors()
            maxError = err.max() ?? 0
        }
        return BalancingResult(values: x, iterations: iterations, converged: maxError <= options.tolerance,
                               maxRelativeError: maxError, marginErrors: [err])
    }
}
