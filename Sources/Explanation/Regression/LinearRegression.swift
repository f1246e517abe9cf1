import Foundation
import LinearAlgebra

/// Options of `LinearRegression.fit`.
public struct RegressionOptions: Sendable, Equatable {
    public var method: RegressionMethod
    /// Observation weights wᵢ > 0 (weighted least squares); nil = all 1.
    public var weights: [Double]?
    /// Estimate on standardized features (kept with the model); coefficients are reported in raw
    /// units either way. Ridge penalizes the standardized coefficients.
    public var standardize: Bool
    /// A pivot |R_kk| ≤ rankTolerance·|R₁₁| of the column-pivoted QR marks a dependent column.
    public var rankTolerance: Double
    /// Warn when the scaled condition number exceeds this (Belsley's 30).
    public var conditionWarning: Double

    public init(method: RegressionMethod = .ordinaryLeastSquares, weights: [Double]? = nil, standardize: Bool = true,
                rankTolerance: Double = 1e-10, conditionWarning: Double = 30) {
        self.method = method; self.weights = weights; self.standardize = standardize
        self.rankTolerance = rankTolerance; self.conditionWarning = conditionWarning
    }
}

/// Linear least squares through a column-pivoted Householder QR (LAPACK dgeqp3 + dormqr; tall
/// designs are first reduced by a blocked dgeqrf of [D | y]), never the normal equations: with
/// D = √W·[1, Z] (Z the standardized features),
///   D·P = Q·R,  R₁₁ β_P = (Qᵀ√W y)₁..r,  r = numerical rank,  dependent pivots get β = 0;
///   Cov(β) = σ̂² (R₁₁ᵀR₁₁)⁻¹ (back-permuted),  σ̂² = Σ wᵢ eᵢ² / (n − r).
/// Ridge appends √λ·[0, I] rows to D (and zeros to y): Cov(β) = σ̂² A⁻¹ DᵀD A⁻¹ with A = DᵀD + λI
/// and effective df tr(H) = tr(A⁻¹DᵀD). Raw-unit coefficients b = U·β, Cov(b) = U Cov(β) Uᵀ
/// (`FeatureStandardization.rawFromStandardized`); t = b/se, p = 2·P(T_{df} > |t|).
public enum LinearRegression {
    public static func fit(x: Matrix, y: [Double], featureNames: [String]? = nil,
                           options: RegressionOptions = RegressionOptions()) throws(RegressionError) -> RegressionModel {
        let n = x.rows, p = x.columns, k = p + 1
        let names = featureNames ?? (0..<p).map { "x\($0 + 1)" }
        guard names.count == p else { throw .dimensionMismatch("\(names.count) feature names for \(p) feature columns") }
        guard y.count == n else { throw .dimensionMismatch("X has \(n) rows, y has \(y.count) values") }
        guard n >= 2 else { throw .tooFewRows(rows: n, needed: 2) }
        for i in 0..<n {
            guard y[i].isFinite else { throw .nonFinite(what: "target", row: i, column: nil) }
            for j in 0..<p where !x[i, j].isFinite { throw .nonFinite(what: "feature \(names[j])", row: i, column: j) }
        }
        let w = options.weights ?? [Double](repeating: 1, count: n)
        guard w.count == n else { throw .dimensionMismatch("\(w.count) weights for \(n) rows") }
        for i in 0..<n where !(w[i] > 0 && w[i].isFinite) {
            throw .invalidParameter(name: "weights[\(i + 1)]", value: w[i], expected: "a finite weight > 0")
        }
        var lambda = 0.0
        if case .ridge(let l) = options.method {
            guard l >= 0, l.isFinite else { throw .invalidParameter(name: "lambda", value: l, expected: "a finite λ ≥ 0") }
            lambda = l
        }
        guard options.rankTolerance > 0 else {
            throw .invalidParameter(name: "rankTolerance", value: options.rankTolerance, expected: "a tolerance > 0")
        }

        let standardization = options.standardize ? FeatureStandardization(fitting: x) : .identity(p)
        let z = standardization.apply(x)
        let sw = w.map { $0.squareRoot() }
        // [√W·[1, Z] | √W·y], then the ridge rows [0, √λ·I | 0]: one row-major buffer of k + 1 columns.
        let extra = lambda > 0 ? p : 0
        let m = n + extra, k1 = k + 1
        var augmented = [Double](repeating: 0, count: m * k1)
        z.storage.withUnsafeBufferPointer { zs in
            for i in 0..<n {
                let row = i * k1
                augmented[row] = sw[i]
                for j in 0..<p { augmented[row + j + 1] = sw[i] * zs[i * p + j] }
                augmented[row + k] = sw[i] * y[i]
            }
        }
        for j in 0..<extra { augmented[(n + j) * k1 + j + 1] = lambda.squareRoot() }

        // Tall designs: [D | y] = Q₁[R₁ c; 0 ρ] by blocked Householder QR (dgeqrf), so c = (Q₁ᵀy)₁..k
        // and DᵀD = R₁ᵀR₁; then the column-pivoted QR of the small R₁ (R₁P = Q₂R₂, D·P = Q₁Q₂R₂,
        // Qᵀy = Q₂ᵀc): the rank-revealing factorization at level-3 speed. Short designs: dgeqp3 directly.
        let qr: PivotedQR, qty: [Double]
        var gram = Matrix(rows: k, columns: k)
        do {
            if m >= 2 * k {
                let full = try LAPACK.householderQR(Matrix(rows: m, columns: k1, storage: augmented)).r
                let r1 = Matrix(rows: k, columns: k) { i, j in full[i, j] }
                qr = try LAPACK.pivotedQR(r1)
                qty = try qr.applyQTranspose((0..<k).map { full[$0, k] })
                if extra == 0 { BLAS.gemm(r1, r1, into: &gram, transposeA: true) }
            } else {
                let design = Matrix(rows: m, columns: k) { i, j in augmented[i * k1 + j] }
                qr = try LAPACK.pivotedQR(design)
                qty = try qr.applyQTranspose((0..<m).map { augmented[$0 * k1 + k] })
            }
        } catch { throw .linearAlgebra("\(error)") }
        if extra > 0 || m < 2 * k {
            // Gram matrix G = DᵀWD of the (unaugmented) weighted standardized design.
            let weightedDesign = Matrix(rows: n, columns: k) { i, j in augmented[i * k1 + j] }
            BLAS.gemm(weightedDesign, weightedDesign, into: &gram, transposeA: true)
        }
        let r = qr.r
        let d0 = abs(r[0, 0])
        var rank = 0
        while rank < min(k, m), abs(r[rank, rank]) > options.rankTolerance * d0 { rank += 1 }
        guard rank > 0 else { throw .dimensionMismatch("the design has rank 0 (all columns zero)") }

        // β_P = R₁₁⁻¹ (Qᵀy)₁..r; (R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹R₁₁⁻ᵀ.
        let r11 = Matrix(rows: rank, columns: rank) { i, j in r[i, j] }
        let r11inv: Matrix
        do { r11inv = try LAPACK.upperTriangularInverse(r11) } catch { throw .linearAlgebra("\(error)") }
        let betaP = r11inv * Array(qty.prefix(rank))
        var inverseP = Matrix(rows: rank, columns: rank)
        BLAS.gemm(r11inv, r11inv, into: &inverseP, transposeB: true)
        var beta = [Double](repeating: 0, count: k)
        var aInverse = Matrix(rows: k, columns: k)
        var aliased = [Bool](repeating: true, count: k)
        for a in 0..<rank {
            let ca = qr.permutation[a]
            beta[ca] = betaP[a]
            aliased[ca] = false
            for b in 0..<rank { aInverse[ca, qr.permutation[b]] = inverseP[a, b] }
        }

        // Fitted values and sums of squares on the observation rows.
        var fitted = [Double](repeating: beta[0], count: n)
        BLAS.gemv(z, Array(beta.dropFirst()), into: &fitted, alpha: 1, beta: 1)
        let sumW = w.reduce(0, +)
        var yBar = 0.0
        for i in 0..<n { yBar += w[i] * y[i] }
        yBar /= sumW
        var rss = 0.0, tss = 0.0
        for i in 0..<n {
            let e = y[i] - fitted[i], d = y[i] - yBar
            rss += w[i] * e * e; tss += w[i] * d * d
        }

        var covarianceUnit: Matrix   // Cov(β)/σ̂²
        var effectiveDF: Double
        if lambda > 0 {
            var ag = Matrix(rows: k, columns: k)
            BLAS.gemm(aInverse, gram, into: &ag)
            effectiveDF = (0..<k).reduce(0) { $0 + ag[$1, $1] }
            covarianceUnit = Matrix(rows: k, columns: k)
            BLAS.gemm(ag, aInverse, into: &covarianceUnit)
        } else {
            effectiveDF = Double(rank)
            covarianceUnit = aInverse
        }
        let dfResidual = Double(n) - effectiveDF
        let dfModel = effectiveDF - 1
        let sigma2 = dfResidual > 0 ? rss / dfResidual : .nan
        let u = standardization.rawFromStandardized
        let rawBeta = u * beta
        var covStd = covarianceUnit
        for i in covStd.storage.indices { covStd.storage[i] *= sigma2 }
        var tmp = Matrix(rows: k, columns: k), covRaw = Matrix(rows: k, columns: k)
        BLAS.gemm(u, covStd, into: &tmp)
        BLAS.gemm(tmp, u, into: &covRaw, transposeB: true)

        let tDist = dfResidual > 0 ? StudentT(degreesOfFreedom: dfResidual) : nil
        var table: [CoefficientRow] = []
        for j in 0..<k {
            let name = j == 0 ? "(intercept)" : names[j - 1]
            if aliased[j] {
                table.append(CoefficientRow(name: name, estimate: 0, standardError: nil, tValue: nil, pValue: nil, aliased: true))
                continue
            }
            let variance = covRaw[j, j]
            let se: Double? = variance.isFinite && variance >= 0 ? variance.squareRoot() : nil
            let t: Double? = se.flatMap { $0 > 0 ? rawBeta[j] / $0 : nil }
            let pv: Double? = t.flatMap { tv in tDist.map { $0.twoSidedPValue(tv) } }
            table.append(CoefficientRow(name: name, estimate: rawBeta[j], standardError: se, tValue: t, pValue: pv, aliased: false))
        }

        let r2 = tss > 0 ? 1 - rss / tss : 0
        let adj = dfResidual > 0 ? 1 - (1 - r2) * Double(n - 1) / dfResidual : r2
        var fStat: Double? = nil, fP: Double? = nil
        if dfModel > 0, dfResidual > 0, rss > 0 {
            let f = ((tss - rss) / dfModel) / (rss / dfResidual)
            fStat = f
            fP = FisherF(numeratorDegrees: dfModel, denominatorDegrees: dfResidual).survival(max(f, 0))
        }
        let (kappa, kappaScaled) = conditionNumbers(gram: gram, standardization: standardization)
        var warnings: [String] = []
        if rank < k {
            let dropped = (0..<k).filter { aliased[$0] }.map { $0 == 0 ? "(intercept)" : names[$0 - 1] }
            warnings.append("the design is rank deficient (rank \(rank) of \(k)); aliased and set to 0: \(dropped.joined(separator: ", "))")
        }
        if !(kappaScaled <= options.conditionWarning) {
            warnings.append(String(format: "scaled condition number %.4g exceeds %.4g: strong collinearity, coefficients are unstable",
                                   kappaScaled, options.conditionWarning))
        }
        if dfResidual <= 0 { warnings.append("no residual degrees of freedom: standard errors and tests are undefined") }

        let summary = RegressionSummary(observations: n, rank: rank, modelDegreesOfFreedom: dfModel,
                                        residualDegreesOfFreedom: dfResidual, residualSumOfSquares: rss, totalSumOfSquares: tss,
                                        rSquared: r2, adjustedRSquared: adj, residualStandardError: sigma2.squareRoot(),
                                        fStatistic: fStat, fPValue: fP, conditionNumber: kappa,
                                        scaledConditionNumber: kappaScaled, warnings: warnings)
        return RegressionModel(featureNames: names, method: options.method, weighted: options.weights != nil,
                               standardization: standardization, intercept: rawBeta[0], coefficients: Array(rawBeta.dropFirst()),
                               standardizedIntercept: beta[0], standardizedCoefficients: Array(beta.dropFirst()),
                               table: table, summary: summary,
                               covariance: covRaw.storage.map { $0.isFinite ? $0 : 0 })
    }

    /// κ = √(λmax/λmin) of the raw Gram U⁻ᵀGU⁻¹ and of its unit-diagonal scaling (Belsley).
    static func conditionNumbers(gram: Matrix, standardization: FeatureStandardization) -> (Double, Double) {
        let k = gram.rows
        let inv = standardization.standardizedFromRaw
        var tmp = Matrix(rows: k, columns: k), raw = Matrix(rows: k, columns: k)
        BLAS.gemm(inv, gram, into: &tmp, transposeA: true)
        BLAS.gemm(tmp, inv, into: &raw)
        func kappa(_ m: Matrix) -> Double {
            guard let e = try? LAPACK.symmetricEigen(m), let lo = e.values.first, let hi = e.values.last else { return .infinity }
            return lo > 0 ? (hi / lo).squareRoot() : .infinity
        }
        let d = (0..<k).map { raw[$0, $0].squareRoot() }
        let scaled = Matrix(rows: k, columns: k) { i, j in d[i] > 0 && d[j] > 0 ? raw[i, j] / (d[i] * d[j]) : (i == j ? 1 : 0) }
        return (kappa(raw), kappa(scaled))
    }
}
