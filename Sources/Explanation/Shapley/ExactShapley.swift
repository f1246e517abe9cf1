/// Exact interventional Shapley values by enumerating all 2^M coalitions:
///
///     φⱼ = Σ_{S ⊆ N∖{j}} |S|! (M − |S| − 1)! / M! · [v(S ∪ {j}) − v(S)],
///
/// with v(S) the interventional coalition value (`CoalitionValueEvaluator`), v(∅) = E_bg f and
/// v(N) = f(x). Each v(S) is evaluated once (2^M − 2 batched background means per row) and reused
/// for all M features; the weight |S|!(M−|S|−1)!/M! = 1 / (M · C(M−1, |S|)).
struct ExactShapley: Sendable {
    static let featureLimit = 16

    let featureCount: Int
    /// The proper non-empty coalitions; coalition k has bit mask k + 1.
    let coalitions: CoalitionSet
    /// weights[s] = s!(M−s−1)!/M! for s = 0 … M−1.
    let weights: [Double]

    init(featureCount m: Int) {
        precondition(m >= 1 && m <= Self.featureLimit, "ExactShapley: \(m) features")
        featureCount = m
        coalitions = CoalitionSet.allProper(featureCount: m)
        var binomial = 1.0   // C(M−1, s)
        var w = [Double]()
        for s in 0..<m {
            w.append(1 / (Double(m) * binomial))
            binomial = binomial * Double(m - 1 - s) / Double(s + 1)
        }
        weights = w
    }

    func values(at x: [Double], prediction fx: Double, baseValue: Double,
                evaluator: CoalitionValueEvaluator) throws -> [Double] {
        let m = featureCount, full = (1 << m) - 1
        var v = [Double](repeating: 0, count: full + 1)
        v[0] = baseValue
        v[full] = fx
        if m > 1 {
            let inner = try evaluator.values(at: x, coalitions: coalitions)
            for k in inner.indices { v[k + 1] = inner[k] }
        }
        var φ = [Double](repeating: 0, count: m)
        for mask in 0..<full {
            let w = weights[mask.nonzeroBitCount]
            let vS = v[mask]
            for j in 0..<m where mask & (1 << j) == 0 {
                φ[j] += w * (v[mask | (1 << j)] - vS)
            }
        }
        return φ
    }
}
