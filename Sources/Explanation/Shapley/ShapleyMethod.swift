/// How `ShapleyExplainer` computes Shapley values.
public enum ShapleyMethod: String, Sendable, Codable, CaseIterable {
    /// Closed form for a `LinearFeatureModel`: φⱼ = βⱼ (xⱼ − E_bg[xⱼ]).
    case linear
    /// Enumeration of all 2^M coalitions (M ≤ `ShapleyExplainer.exactFeatureLimit`).
    case exact
    /// Kernel SHAP (Lundberg & Lee 2017): weighted regression over sampled coalitions.
    case kernel
}
