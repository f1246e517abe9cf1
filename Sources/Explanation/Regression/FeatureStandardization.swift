import LinearAlgebra

/// Feature standardization kept with a fitted model: z_j = (x_j − m_j) / s_j with m_j the column
/// mean and s_j the sample standard deviation (divisor n − 1); a constant column keeps s_j = 1.
/// The identity (m = 0, s = 1) when the model is fitted on raw features.
public struct FeatureStandardization: Sendable, Codable, Equatable {
    public let means: [Double]
    public let scales: [Double]

    public init(means: [Double], scales: [Double]) {
        precondition(means.count == scales.count, "standardization: \(means.count) means, \(scales.count) scales")
        self.means = means; self.scales = scales
    }

    /// The identity transform for `count` features.
    public static func identity(_ count: Int) -> FeatureStandardization {
        FeatureStandardization(means: .init(repeating: 0, count: count), scales: .init(repeating: 1, count: count))
    }

    /// Column means and sample standard deviations of `x` (two-pass, for accuracy).
    public init(fitting x: Matrix) {
        let n = Double(x.rows)
        var means = [Double](repeating: 0, count: x.columns)
        var scales = [Double](repeating: 1, count: x.columns)
        for j in 0..<x.columns {
            var sum = 0.0
            for i in 0..<x.rows { sum += x[i, j] }
            let m = sum / n
            var ss = 0.0
            for i in 0..<x.rows { let d = x[i, j] - m; ss += d * d }
            means[j] = m
            let sd = x.rows > 1 ? (ss / (n - 1)).squareRoot() : 0
            scales[j] = sd > 0 ? sd : 1
        }
        self.init(means: means, scales: scales)
    }

    /// z = (x − m) / s for every row of `x`.
    public func apply(_ x: Matrix) -> Matrix {
        Matrix(rows: x.rows, columns: x.columns) { i, j in (x[i, j] - means[j]) / scales[j] }
    }

    /// U with [1, z] = [1, x]·U, so raw-unit coefficients b = U·β of standardized ones β:
    /// U₀₀ = 1, U₀ⱼ = −mⱼ/sⱼ, Uⱼⱼ = 1/sⱼ.
    public var rawFromStandardized: Matrix {
        let p = means.count
        var u = Matrix(rows: p + 1, columns: p + 1)
        u[0, 0] = 1
        for j in 0..<p { u[0, j + 1] = -means[j] / scales[j]; u[j + 1, j + 1] = 1 / scales[j] }
        return u
    }

    /// U⁻¹ with [1, x] = [1, z]·U⁻¹: U⁻¹₀₀ = 1, U⁻¹₀ⱼ = mⱼ, U⁻¹ⱼⱼ = sⱼ.
    public var standardizedFromRaw: Matrix {
        let p = means.count
        var u = Matrix(rows: p + 1, columns: p + 1)
        u[0, 0] = 1
        for j in 0..<p { u[0, j + 1] = means[j]; u[j + 1, j + 1] = scales[j] }
        return u
    }
}
