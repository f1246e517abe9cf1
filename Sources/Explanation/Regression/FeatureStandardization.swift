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
        let n = Double(x.rows), p = x.columns
        var means = [Double](repeating: 0, count: p)
        var ss = [Double](repeating: 0, count: p)
        // Row-major passes: sums, then squared deviations from the means.
        x.storage.withUnsafeBufferPointer { s in
            for i in 0..<x.rows { for j in 0..<p { means[j] += s[i * p + j] } }
            for j in 0..<p { means[j] /= n }
            for i in 0..<x.rows { for j in 0..<p { let d = s[i * p + j] - means[j]; ss[j] += d * d } }
        }
        let scales = ss.map { v -> Double in
            let sd = x.rows > 1 ? (v / (n - 1)).squareRoot() : 0
            return sd > 0 ? sd : 1
        }
        self.init(means: means, scales: scales)
    }

    /// z = (x − m) / s for every row of `x`.
    public func apply(_ x: Matrix) -> Matrix {
        var out = x.storage
        let p = x.columns
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<x.rows { for j in 0..<p { o[i * p + j] = (o[i * p + j] - means[j]) / scales[j] } }
        }
        return Matrix(rows: x.rows, columns: p, storage: out)
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
