/// The monograph's §4.2 regression of population growth on research funding (cross-financing of
/// regional R&D costs):
/// y₃ = −315317.4 − 0.02542966 x₂ − 0.6432493 x₃ − 950912100/x₁ + 981.9057 √x₃ + 9314139000/x₃
/// on x₁ ∈ [48969, 751565], x₂ ∈ [194177, 2669465], x₃ ∈ [71717, 710836]. Its maximum, 69,973.39,
/// is at x₁ = 751565, x₂ = 194177 (bounds) and the interior x₃ = 526,041.10 where
/// ∂y₃/∂x₃ = −0.6432493 + 490.95285/√x₃ − 9314139000/x₃² = 0.
public enum ResearchFundingRegression {
    public static func value(_ x: [Double]) -> Double {
        -315317.4 - 0.02542966 * x[1] - 0.6432493 * x[2] - 950912100 / x[0]
            + 981.9057 * x[2].squareRoot() + 9314139000 / x[2]
    }

    public static let maximizer: [Double] = [751565, 194177, 526041.1077574943]
    public static let maximum = 69973.38783115252

    /// Minimization form: f = −y₃.
    public static var problem: OptimizationProblem {
        OptimizationProblem(name: "research-funding-regression", lowerBounds: [48969, 194177, 71717],
                            upperBounds: [751565, 2669465, 710836], knownMinimum: -maximum,
                            knownMinimizer: maximizer) { -value($0) }
    }
}
