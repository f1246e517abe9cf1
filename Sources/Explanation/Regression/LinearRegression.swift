import Foundation
import LinearAlgebra

/// Options of `LinearRegression.fit`.
public struct RegressionOptions: Sendable, Equatable {
    public var method: RegressionMethod
    /// Observation weights wᵢ > 0 (weighted least squares); nil = all 1.
    public var weights: [Double]?
    /// Estimate on standardized features (kept with the model); coefficients are reported in raw
    /// units either way. Ridge penalizes the standardized coefficients (the raw ones without it).
    /// Without intercept the features are only scaled, not centred (centring would add a constant).
    public var standardize: Bool
    /// Include the intercept b₀ (false: regression through the origin).
    public var intercept: Bool
    /// Categorical factors absorbed as fixed effects (indicator columns, not penalized by ridge).
    public var fixedEffects: [FixedEffectFactor]
    /// A pivot |R_kk| ≤ rankTolerance·|R₁₁| of the column-pivoted QR of the design with unit-length
    /// columns marks a dependent column.
    public var rankTolerance: Double
    /// Warn when the scaled condition number exceeds this (Belsley's 30).
    public var conditionWarning: Double
    /// Steps of iterative refinement of the solution (corrected semi-normal equations, residuals in
    /// twice the working precision) when the diagonal of R spans more than 30; 0 keeps the plain
    /// QR solution.
    public var refinementSteps: Int

    public init(method: RegressionMethod = .ordinaryLeastSquares, weights: [Double]? = nil, standardize: Bool = true,
                intercept: Bool = true, fixedEffects: [FixedEffectFactor] = [],
                rankTolerance: Double = 1e-13, conditionWarning: Double = 30, refinementSteps: Int = 2) {
        self.method = method; self.weights = weights; self.standardize = standardize
        self.intercept = intercept; self.fixedEffects = fixedEffects
        self.rankTolerance = rankTolerance; self.conditionWarning = conditionWarning
        self.refinementSteps = refinementSteps
    }
}

/// Linear least squares through a column-pivoted Householder QR (LAPACK dgeqp3 + dormqr; tall
/// designs are first reduced by a blocked dgeqrf of [D | y]), never the normal equations. The
/// design D = √W·[1, Z, indicators] (Z the standardized or raw features) is equilibrated to unit
/// column norms, D = D̃·C, before the factorization, so the rank decision and the condition number
/// do not depend on the units of the columns:
///   D̃·P = Q·R,  R₁₁ γ_P = (Qᵀ√W y)₁..r,  β = C⁻¹γ,  r = numerical rank, dependent pivots get β = 0;
///   Cov(β) = σ̂² C⁻¹(R₁₁ᵀR₁₁)⁻¹C⁻¹ (back-permuted),  σ̂² = RSS / (n − r),  RSS = ‖(Qᵀ√W y)_{r+1..}‖².
/// Ridge appends √λ·[0, I, 0] rows to D (and zeros to y): Cov(β) = σ̂² A⁻¹ DᵀD A⁻¹ with A = DᵀD + λI
/// and effective df tr(H) = tr(A⁻¹DᵀD). Raw-unit coefficients b = U·β, Cov(b) = U Cov(β) Uᵀ with
/// U the inverse of the standardization; t = b/se, p = 2·P(T_{df} > |t|).
public enum LinearRegression {
    public static func fit(x: Matrix, y: [Double], featureNames: [String]? = nil,
                           options: RegressionOptions = RegressionOptions()) throws(RegressionError) -> RegressionModel {
        let n = x.rows, p = x.columns
        let names = featureNames ?? (0..<p).map { "x\($0 + 1)" }
        guard names.count == p else { throw .dimensionMismatch("\(names.count) feature names for \(p) feature columns") }
        guard y.count == n else { throw .dimensionMismatch("X has \(n) rows, y has \(y.count) values") }
        guard n >= 2 else { throw .tooFewRows(rows: n, needed: 2) }
        for i in 0..<n {
            guard y[i].isFinite else { throw .nonFinite(what: "target", row: i, column: nil) }
            for j in 0..<p where !x[i, j].isFinite { throw .nonFinite(what: "feature \(names[j])", row: i, column: j) }
        }
        if y.allSatisfy({ $0 == y[0] }) { throw .constantResponse(value: y[0]) }
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
        for factor in options.fixedEffects {
            guard factor.codes.count == n else { throw .dimensionMismatch("fixed effect \(factor.name) has \(factor.codes.count) values for \(n) rows") }
            if factor.labels.count < 2 { throw .singleLevelFactor(name: factor.name, level: factor.labels.first ?? "") }
        }

        // Column layout: [intercept?][p features][indicators of each factor beyond its reference].
        let hasIntercept = options.intercept
        let featureOffset = hasIntercept ? 1 : 0
        var indicatorLevels: [(factor: Int, level: Int)] = []
        for (f, factor) in options.fixedEffects.enumerated() {
            let first = (!hasIntercept && f == 0) ? 0 : 1
            for l in first..<factor.labels.count { indicatorLevels.append((f, l)) }
        }
        let indicatorOffset = featureOffset + p
        let k = indicatorOffset + indicatorLevels.count
        guard k >= 1 else { throw .dimensionMismatch("the model has no column: no intercept, no feature, no fixed effect") }
        let hasConstant = hasIntercept || !options.fixedEffects.isEmpty
        if k > n, lambda == 0 {
            var terms = (hasIntercept ? ["(intercept)"] : []) + names
            for factor in options.fixedEffects { terms.append("\(factor.name) (\(factor.labels.count) levels)") }
            throw .tooManyTerms(coefficients: k, observations: n, terms: terms)
        }

        // Standardization of the features: centred only when the model holds the constant.
        var standardization = options.standardize ? FeatureStandardization(fitting: x) : .identity(p)
        if options.standardize && !hasIntercept {
            var ss = [Double](repeating: 0, count: p)
            for i in 0..<n { for j in 0..<p { ss[j] += x[i, j] * x[i, j] } }
            standardization = FeatureStandardization(means: .init(repeating: 0, count: p),
                                                     scales: ss.map { v in n > 1 && v > 0 ? (v / Double(n - 1)).squareRoot() : 1 })
        }
        let z = standardization.apply(x)
        let sw = w.map { $0.squareRoot() }
        let extra = lambda > 0 ? p : 0
        let m = n + extra, k1 = k + 1
        // [√W·D | √W·y], then the ridge rows [0, √λ·I, 0 | 0]: one row-major buffer of k + 1 columns.
        var augmented = [Double](repeating: 0, count: m * k1)
        z.storage.withUnsafeBufferPointer { zs in
            for i in 0..<n {
                let row = i * k1
                if hasIntercept { augmented[row] = sw[i] }
                for j in 0..<p { augmented[row + featureOffset + j] = sw[i] * zs[i * p + j] }
                augmented[row + k] = sw[i] * y[i]
            }
        }
        for (c, level) in indicatorLevels.enumerated() {
            let codes = options.fixedEffects[level.factor].codes
            for i in 0..<n where codes[i] == level.level { augmented[i * k1 + indicatorOffset + c] = sw[i] }
        }
        for j in 0..<extra { augmented[(n + j) * k1 + featureOffset + j] = lambda.squareRoot() }
        // Equilibration C: unit Euclidean norm of every design column (over all m rows).
        var columnNorm = [Double](repeating: 0, count: k)
        for i in 0..<m { for j in 0..<k { columnNorm[j] += augmented[i * k1 + j] * augmented[i * k1 + j] } }
        for j in 0..<k {
            columnNorm[j] = columnNorm[j].squareRoot()
            if columnNorm[j] == 0 { columnNorm[j] = 1 }
        }
        for i in 0..<m { for j in 0..<k { augmented[i * k1 + j] /= columnNorm[j] } }

        // Tall designs: [D̃ | y] = Q₁[R₁ c; 0 ρ] by blocked Householder QR (dgeqrf), so c = (Q₁ᵀy)₁..k
        // and ρ² the residual sum beyond the span; then the column-pivoted QR of the small R₁
        // (R₁P = Q₂R₂, D̃·P = Q₁Q₂R₂, Qᵀy = Q₂ᵀc): the rank-revealing factorization at level-3 speed.
        // Short designs: dgeqp3 directly.
        let qr: PivotedQR, qty: [Double]
        var residualBeyondSpan = 0.0
        do {
            if m >= 2 * k {
                let full = try LAPACK.householderQR(Matrix(rows: m, columns: k1, storage: augmented)).r
                let r1 = Matrix(rows: k, columns: k) { i, j in full[i, j] }
                qr = try LAPACK.pivotedQR(r1)
                qty = try qr.applyQTranspose((0..<k).map { full[$0, k] })
                residualBeyondSpan = full[k, k] * full[k, k]
            } else {
                let design = Matrix(rows: m, columns: k) { i, j in augmented[i * k1 + j] }
                qr = try LAPACK.pivotedQR(design)
                qty = try qr.applyQTranspose((0..<m).map { augmented[$0 * k1 + k] })
            }
        } catch { throw .linearAlgebra("\(error)") }
        let r = qr.r
        let d0 = abs(r[0, 0])
        var rank = 0
        while rank < min(k, m), abs(r[rank, rank]) > options.rankTolerance * d0 { rank += 1 }
        guard rank > 0 else { throw .dimensionMismatch("the design has rank 0 (all columns zero)") }

        // γ_P = R₁₁⁻¹ (Qᵀy)₁..r; (R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹R₁₁⁻ᵀ; then β = C⁻¹γ.
        let r11 = Matrix(rows: rank, columns: rank) { i, j in r[i, j] }
        let r11inv: Matrix
        do { r11inv = try LAPACK.upperTriangularInverse(r11) } catch { throw .linearAlgebra("\(error)") }
        let gammaP = r11inv * Array(qty.prefix(rank))
        var inverseP = Matrix(rows: rank, columns: rank)
        BLAS.gemm(r11inv, r11inv, into: &inverseP, transposeB: true)
        var gamma = [Double](repeating: 0, count: k)
        var beta = [Double](repeating: 0, count: k)
        var aInverse = Matrix(rows: k, columns: k)   // (D̃ᵀD̃ + λ)⁻¹ in β units: C⁻¹(R₁₁ᵀR₁₁)⁻¹C⁻¹
        var aliased = [Bool](repeating: true, count: k)
        for a in 0..<rank {
            let ca = qr.permutation[a]
            gamma[ca] = gammaP[a]
            beta[ca] = gammaP[a] / columnNorm[ca]
            aliased[ca] = false
            for b in 0..<rank {
                let cb = qr.permutation[b]
                aInverse[ca, cb] = inverseP[a, b] / (columnNorm[ca] * columnNorm[cb])
            }
        }

        // Iterative refinement by the corrected semi-normal equations (Björck): with the residual
        // r = ỹ − D̃γ and g = D̃ᵀr both in twice the working precision, solve R₁₁ᵀR₁₁ δ = g on the
        // independent columns and set γ += δ. Recovers the digits the QR solution loses to a large
        // residual (the κ²·ε term of least squares; NIST Wampler 4–5 on raw powers). Skipped when the
        // diagonal of R spans less than 30 (a well-conditioned design gains nothing from it).
        let diagonalSpread = abs(r[0, 0]) / abs(r[rank - 1, rank - 1])
        for _ in 0..<(diagonalSpread > 30 ? options.refinementSteps : 0) {
            let residual = (0..<m).map { i in
                augmented[i * k1 + k] - CompensatedDot.dot(k, { augmented[i * k1 + $0] }, { gamma[$0] })
            }
            let g = (0..<rank).map { a in
                let column = qr.permutation[a]
                return CompensatedDot.dot(m, { augmented[$0 * k1 + column] }, { residual[$0] })
            }
            let delta = inverseP * g   // (R₁₁ᵀR₁₁)⁻¹ g
            for a in 0..<rank {
                let ca = qr.permutation[a]
                gamma[ca] += delta[a]
                beta[ca] = gamma[ca] / columnNorm[ca]
            }
        }

        // Fitted values from the equilibrated design (well scaled), sums of squares.
        var fitted = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<k where gamma[j] != 0 { s += augmented[i * k1 + j] * gamma[j] }
            fitted[i] = s / sw[i]
        }
        let sumW = w.reduce(0, +)
        var yBar = 0.0
        if hasConstant {
            for i in 0..<n { yBar += w[i] * y[i] }
            yBar /= sumW
        }
        var tss = 0.0
        for i in 0..<n { let d = y[i] - yBar; tss += w[i] * d * d }
        var rss: Double
        if lambda == 0 {
            // ‖(Qᵀy) beyond the rank‖²: no cancellation between y and ŷ.
            rss = residualBeyondSpan
            for i in rank..<qty.count { rss += qty[i] * qty[i] }
        } else {
            rss = 0
            for i in 0..<n { let e = y[i] - fitted[i]; rss += w[i] * e * e }
        }

        // Gram matrix G = DᵀWD of the unaugmented design in β units (ridge only).
        var covarianceUnit: Matrix   // Cov(β)/σ̂²
        var effectiveDF: Double
        if lambda > 0 {
            var gram = Matrix(rows: k, columns: k)
            let weightedDesign = Matrix(rows: n, columns: k) { i, j in augmented[i * k1 + j] * columnNorm[j] }
            BLAS.gemm(weightedDesign, weightedDesign, into: &gram, transposeA: true)
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
        let dfModel = effectiveDF - (hasConstant ? 1 : 0)
        let sigma2 = dfResidual > 0 ? rss / dfResidual : .nan

        // U: raw b = U·β (features b_j = β_j/s_j, intercept b₀ = β₀ − Σ β_j m_j/s_j, indicators unchanged).
        var u = Matrix(rows: k, columns: k)
        for j in 0..<k { u[j, j] = 1 }
        for j in 0..<p {
            u[featureOffset + j, featureOffset + j] = 1 / standardization.scales[j]
            if hasIntercept { u[0, featureOffset + j] = -standardization.means[j] / standardization.scales[j] }
        }
        let rawBeta = u * beta
        var covUnitRaw = Matrix(rows: k, columns: k), tmp = Matrix(rows: k, columns: k)
        BLAS.gemm(u, covarianceUnit, into: &tmp)
        BLAS.gemm(tmp, u, into: &covUnitRaw, transposeB: true)
        var covRaw = covUnitRaw
        for i in covRaw.storage.indices { covRaw.storage[i] *= sigma2 }

        let tDist = dfResidual > 0 ? StudentT(degreesOfFreedom: dfResidual) : nil
        var table: [CoefficientRow] = []
        let tableColumns = Array(0..<indicatorOffset)
        for j in tableColumns {
            let name = (hasIntercept && j == 0) ? "(intercept)" : names[j - featureOffset]
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
        var effects: [FixedEffectEstimates] = options.fixedEffects.map {
            FixedEffectEstimates(name: $0.name, labels: $0.labels, effects: .init(repeating: 0, count: $0.labels.count),
                                 aliased: .init(repeating: false, count: $0.labels.count))
        }
        for (c, level) in indicatorLevels.enumerated() {
            effects[level.factor].effects[level.level] = rawBeta[indicatorOffset + c]
            effects[level.factor].aliased[level.level] = aliased[indicatorOffset + c]
        }

        // VIFⱼ = Var(bⱼ)/σ̂² · Σ wᵢ(xᵢⱼ − x̄ⱼ)² (OLS only; about 0 without a constant).
        var vif: [Double?] = []
        for j in 0..<p {
            let c = featureOffset + j
            guard lambda == 0, !aliased[c] else { vif.append(nil); continue }
            var mean = 0.0
            if hasConstant { for i in 0..<n { mean += w[i] * x[i, j] }; mean /= sumW }
            var ss = 0.0
            for i in 0..<n { let d = x[i, j] - mean; ss += w[i] * d * d }
            vif.append(covUnitRaw[c, c] * ss)
        }

        let r2 = tss > 0 ? 1 - rss / tss : 0
        let nForAdjusted = Double(n) - (hasConstant ? 1 : 0)
        let adj = dfResidual > 0 ? 1 - (1 - r2) * nForAdjusted / dfResidual : r2
        var fStat: Double? = nil, fP: Double? = nil
        if dfModel > 0, dfResidual > 0, rss > 0 {
            let f = ((tss - rss) / dfModel) / (rss / dfResidual)
            fStat = f
            fP = FisherF(numeratorDegrees: dfModel, denominatorDegrees: dfResidual).survival(max(f, 0))
        }

        // Condition numbers from the triangular factor of the observation rows: the design in raw
        // units is D_raw = Q·R·Pᵀ·C·U⁻¹ (U⁻¹ maps raw to standardized columns).
        let (kappa, kappaScaled) = conditionNumbers(r: r, permutation: qr.permutation, columnNorm: columnNorm,
                                                    rawFromModel: u,
                                                    observationRows: extra > 0 ? Matrix(rows: n, columns: k) { i, j in augmented[i * k1 + j] } : nil)

        // Fixed effects alone and the partial R² of the features (one more fit without features).
        var feOnlyR2: Double? = nil, withinR2: Double? = nil, partial: Double? = nil
        if p > 0, hasConstant, options.fixedEffects.isEmpty {
            partial = r2   // the reduced model is the intercept alone: RSS_reduced = TSS
        } else if p > 0, hasConstant {
            var reducedOptions = options
            reducedOptions.method = .ordinaryLeastSquares
            if let reduced = try? fit(x: Matrix(rows: n, columns: 0), y: y, featureNames: [], options: reducedOptions) {
                let rssReduced = reduced.summary.residualSumOfSquares
                if !options.fixedEffects.isEmpty {
                    feOnlyR2 = reduced.summary.rSquared
                    withinR2 = rssReduced > 0 ? 1 - rss / rssReduced : nil
                }
                partial = rssReduced > 0 ? (rssReduced - rss) / rssReduced : nil
            }
        }

        var warnings: [String] = []
        if rank < k {
            var dropped: [String] = []
            for j in 0..<k where aliased[j] {
                if j < indicatorOffset { dropped.append((hasIntercept && j == 0) ? "(intercept)" : names[j - featureOffset]) } else {
                    let level = indicatorLevels[j - indicatorOffset]
                    dropped.append("\(options.fixedEffects[level.factor].name)=\(options.fixedEffects[level.factor].labels[level.level])")
                }
            }
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
                                        scaledConditionNumber: kappaScaled, fixedEffectsOnlyRSquared: feOnlyR2,
                                        withinRSquared: withinR2, partialRSquaredOfTerms: partial, warnings: warnings)
        let tableCovariance = Matrix(rows: indicatorOffset, columns: indicatorOffset) { i, j in covRaw[i, j] }
        return RegressionModel(featureNames: names, hasIntercept: hasIntercept, method: options.method, weighted: options.weights != nil,
                               standardization: standardization, intercept: hasIntercept ? rawBeta[0] : 0,
                               coefficients: Array(rawBeta[featureOffset..<indicatorOffset]),
                               standardizedIntercept: hasIntercept ? beta[0] : 0,
                               standardizedCoefficients: Array(beta[featureOffset..<indicatorOffset]),
                               table: table, varianceInflation: vif, fixedEffects: effects, summary: summary,
                               covariance: tableCovariance.storage.map { $0.isFinite ? $0 : 0 })
    }

    /// κ = σmax/σmin of the design in raw units and of its unit-column scaling (Belsley), from the
    /// singular values of the k×k matrix R·Pᵀ·C·U⁻¹ (same singular values as the n×k design);
    /// with ridge rows (`observationRows` given) those rows are factored again. Infinite only for a zero σmin.
    static func conditionNumbers(r: Matrix, permutation: [Int], columnNorm: [Double], rawFromModel u: Matrix,
                                 observationRows: Matrix?) -> (Double, Double) {
        let k = columnNorm.count
        if let observationRows {
            guard let qr = try? LAPACK.pivotedQR(observationRows) else { return (.infinity, .infinity) }
            return conditionNumbers(r: qr.r, permutation: qr.permutation, columnNorm: columnNorm, rawFromModel: u, observationRows: nil)
        }
        let factor = r
        // M = R·Pᵀ·C (model units, i.e. standardized features), then M·U⁻¹ (raw units).
        var m = Matrix(rows: factor.rows, columns: k)
        for a in 0..<k { for i in 0..<factor.rows { m[i, permutation[a]] = factor[i, a] * columnNorm[permutation[a]] } }
        guard let uInverse = try? LAPACK.solve(u, identity(k)) else { return (.infinity, .infinity) }
        let raw = m * uInverse
        var norms = [Double](repeating: 0, count: k)
        for i in 0..<raw.rows { for j in 0..<k { norms[j] += raw[i, j] * raw[i, j] } }
        let scaled = Matrix(rows: raw.rows, columns: k) { i, j in norms[j] > 0 ? raw[i, j] / norms[j].squareRoot() : 0 }
        func kappa(_ a: Matrix) -> Double {
            guard let s = try? LAPACK.singularValues(a), let hi = s.first, let lo = s.last, s.count == k else { return .infinity }
            return lo > 0 ? hi / lo : .infinity
        }
        return (kappa(raw), kappa(scaled))
    }

    static func identity(_ k: Int) -> Matrix { Matrix(rows: k, columns: k) { i, j in i == j ? 1 : 0 } }
}
