import LinearAlgebra

/// Kernel SHAP (Lundberg & Lee 2017): the Shapley values are the solution of the weighted least
/// squares problem over coalitions z ∈ {0,1}^M with the Shapley kernel weights π(z),
///
///     min_φ Σ_z π(z) (v(z) − v(∅) − Σⱼ zⱼ φⱼ)²   subject to   Σⱼ φⱼ = f(x) − v(∅) =: Δ.
///
/// The constraint is enforced exactly by eliminating the last coefficient, φ_M = Δ − Σ_{j<M} φⱼ,
/// which leaves the unconstrained problem
///
///     min Σ_z π(z) ((v(z) − v(∅) − z_M Δ) − Σ_{j<M} (zⱼ − z_M) φⱼ)²,
///
/// solved with rows scaled by √π(z) through LAPACK dgelsy (QR with column pivoting). With every
/// coalition present the solution equals the exact Shapley values; efficiency holds to rounding
/// either way.
struct KernelShap: Sendable {
    let design: KernelShapDesign
    /// √π(z) (zⱼ − z_M), K × (M − 1), shared by every explained row.
    let scaledDesign: Matrix
    let rootWeights: [Double]

    init(featureCount m: Int, samples: Int, seed: UInt64) {
        design = KernelShapDesign(featureCount: m, samples: samples, seed: seed)
        let k = design.coalitions.count
        rootWeights = design.weights.map { $0.squareRoot() }
        var a = Matrix(rows: k, columns: m - 1)
        for c in 0..<k {
            var z = [Double](repeating: 0, count: m)
            for j in design.coalitions.members(of: c) { z[j] = 1 }
            for j in 0..<(m - 1) { a[c, j] = rootWeights[c] * (z[j] - z[m - 1]) }
        }
        scaledDesign = a
    }

    var featureCount: Int { design.coalitions.featureCount }

    func values(at x: [Double], prediction fx: Double, baseValue: Double,
                evaluator: CoalitionValueEvaluator) throws -> [Double] {
        let m = featureCount
        let delta = fx - baseValue
        let v = try evaluator.values(at: x, coalitions: design.coalitions)
        var b = [Double](repeating: 0, count: v.count)
        for c in v.indices {
            let zLast = design.coalitions.members(of: c).last == m - 1 ? 1.0 : 0.0
            b[c] = rootWeights[c] * (v[c] - baseValue - zLast * delta)
        }
        let solution = try LAPACK.leastSquares(scaledDesign, b)
        guard solution.rank == m - 1 else { throw ShapleyError.rankDeficientDesign(rank: solution.rank, expected: m - 1) }
        var φ = solution.x
        φ.append(delta - φ.reduce(0, +))
        return φ
    }
}
