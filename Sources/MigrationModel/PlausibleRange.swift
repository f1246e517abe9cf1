import Foundation

/// The range of values of a physical parameter (SPEC §2) that a demographer would accept for a
/// regional system observed yearly, with its unit. `migsim fit` keeps a learned parameter inside
/// it and `migsim identify` searches it, unless the configuration gives other bounds; both flag a
/// parameter that ends within 1% (on the log scale) of either end.
///
/// With the balance q in persons per 1,000 per year, time t in years and inertia m = 1:
///
/// | parameter | symbol | range | unit | why |
/// |---|---|---|---|---|
/// | distance coupling | α | 10⁻³ … 10 | 1/year² | √α from ~0.03 to ~3 per year: a response from decades to months |
/// | distance decay | γ | 0.1 … 8 | dimensionless | gravity-model exponents of 0.5–3, with room on both sides |
/// | similarity coupling | β | 10⁻³ … 10 | 1/year² | as α |
/// | age restoring strength | δ | 10⁻³ … 10 | 1/year² | as α |
/// | damping | c | 10⁻² … 10 | 1/year | relaxation times c⁻¹ from 0.1 to 100 years |
/// | inertia | m | 10⁻² … 10² | relative | fixed at 1 by default: it sets the time scale of the others |
/// | distance scale | d₀ | 10 … 1000 | km | from a city's districts to a country's regions |
/// | age thresholds | x_young, x_old | 15 … 40, 45 … 80 | years | ages of peak and of vanishing mobility |
public struct PlausibleRange: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double
    public var unit: String

    public init(lower: Double, upper: Double, unit: String) {
        self.lower = lower; self.upper = upper; self.unit = unit
    }

    public static let alpha = PlausibleRange(lower: 1e-3, upper: 10, unit: "1/year²")
    public static let gamma = PlausibleRange(lower: 0.1, upper: 8, unit: "dimensionless")
    public static let beta = PlausibleRange(lower: 1e-3, upper: 10, unit: "1/year²")
    public static let delta = PlausibleRange(lower: 1e-3, upper: 10, unit: "1/year²")
    public static let damping = PlausibleRange(lower: 1e-2, upper: 10, unit: "1/year")
    public static let inertia = PlausibleRange(lower: 1e-2, upper: 1e2, unit: "relative")
    public static let distanceScale = PlausibleRange(lower: 10, upper: 1000, unit: "km")
    public static let young = PlausibleRange(lower: 15, upper: 40, unit: "years")
    public static let old = PlausibleRange(lower: 45, upper: 80, unit: "years")

    /// The range of the parameter with this configuration name (`alpha`, `gamma`, `beta`, `delta`,
    /// `damping`, `inertia`, `distance_scale`, `young`, `old`), nil for another name.
    public static func named(_ name: String) -> PlausibleRange? {
        switch name {
        case "alpha": return .alpha
        case "gamma": return .gamma
        case "beta": return .beta
        case "delta": return .delta
        case "damping": return .damping
        case "inertia": return .inertia
        case "distance_scale": return .distanceScale
        case "young": return .young
        case "old": return .old
        default: return nil
        }
    }

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// `value` moved into the range.
    public func clamped(_ value: Double) -> Double { Swift.min(Swift.max(value, lower), upper) }

    /// Where `value` sits within 1% of the range's width from an end, measured on ln θ (the range
    /// must be positive): (near the lower end, near the upper end).
    public func nearLogBounds(_ value: Double) -> (lower: Bool, upper: Bool) {
        let width = log(upper / lower)
        let x = log(value)
        return (x - log(lower) <= 0.01 * width, log(upper) - x <= 0.01 * width)
    }
}
