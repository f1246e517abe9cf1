import LinearAlgebra

/// Correlation similarity S_ij = max(0, ρ_ij) of observed balance series (SPEC §2, term V_S).
public enum Similarity {
    /// Pearson correlation matrix of the rows of `series` (settlements × periods), using for each
    /// pair only the periods where both values are present (pairwise-complete observations).
    ///
    /// A pair with fewer than 3 common periods, or with a constant series, has no defined
    /// correlation and gets ρ = 0 (no similarity coupling) — a documented choice: an unknown
    /// similarity must not pull two places together. The diagonal is 1.
    public static func pearson(_ series: [[Double?]]) -> Matrix {
        let n = series.count
        var rho = Matrix.identity(n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let r = pairwiseCorrelation(series[i], series[j])
                rho[i, j] = r
                rho[j, i] = r
            }
        }
        return rho
    }

    /// ρ_ij of the given pairs only, in their order: the sparse layout's similarity without the n×n
    /// matrix. Each series is centred once (`CentredSeries`), then every pair costs one dot product
    /// of length T; missing values are treated exactly as in `pearson` (pairwise-complete
    /// observations, ρ = 0 below 3 common periods or for a constant series), and each result is
    /// the corresponding entry of `pearson(series)`, bit for bit.
    public static func pearson(_ series: [[Double?]], pairs: [(i: Int, j: Int)]) -> [Double] {
        CentredSeries(series).correlations(pairs: pairs)
    }

    /// S = max(0, ρ) with a zero diagonal (self-coupling has no meaning in a Laplacian).
    public static func positivePart(_ rho: Matrix) -> Matrix {
        Matrix(rows: rho.rows, columns: rho.columns) { i, j in i == j ? 0 : positivePart(rho[i, j]) }
    }

    /// s = max(0, ρ) of one pair, 0 where that is not finite (an undefined correlation couples nothing).
    @inlinable
    public static func positivePart(_ rho: Double) -> Double {
        let s = max(0, rho)
        return s.isFinite ? s : 0
    }

    /// ρ of two series over their common non-missing periods; two-pass for accuracy.
    public static func pairwiseCorrelation(_ a: [Double?], _ b: [Double?]) -> Double {
        precondition(a.count == b.count, "pairwiseCorrelation: series differ in length")
        var xs = [Double](), ys = [Double]()
        for k in a.indices {
            if let x = a[k], let y = b[k] { xs.append(x); ys.append(y) }
        }
        let m = xs.count
        guard m >= 3 else { return 0 }
        let mx = xs.reduce(0, +) / Double(m), my = ys.reduce(0, +) / Double(m)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<m {
            let dx = xs[k] - mx, dy = ys[k] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }
}
