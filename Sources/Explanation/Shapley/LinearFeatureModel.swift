/// A model that is affine in its features: f(x) = β₀ + Σⱼ βⱼ xⱼ, in raw feature units.
///
/// Shapley values of such a model against a background set have the closed form
/// φⱼ = βⱼ (xⱼ − E_bg[xⱼ]) (interventional, features independent of one another), which
/// `ShapleyExplainer` uses when the method is `.linear` or chosen automatically.
public protocol LinearFeatureModel: FeatureModel {
    /// β₀.
    var intercept: Double { get }
    /// β₁ … β_M, one per feature (`featureCount` of them).
    var coefficients: [Double] { get }
}
