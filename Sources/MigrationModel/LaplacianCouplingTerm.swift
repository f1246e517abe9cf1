import LinearAlgebra

/// A pairwise coupling potential V = ½ Σ_{i<j} K_ij (qᵢ − qⱼ)² = ½ qᵀ L_K q, with L_K = diag(K·1) − K.
///
/// Both the distance term V_D (K = α·G(d)) and the similarity term V_S (K = β·max(0, ρ)) have
/// this form. ∇V = L_K q = d∘q − K q: one dsymv (dense, upper triangle) or one CSR mat-vec (sparse) per call.
public struct LaplacianCouplingTerm: PotentialTerm {
    public let name: String
    public let weights: CouplingWeights
    /// Degrees dᵢ = Σⱼ K_ij.
    public let degrees: [Double]

    public init(name: String, weights: CouplingWeights) {
        self.name = name
        self.weights = weights
        self.degrees = weights.rowSums
    }

    public var dimension: Int { weights.dimension }

    public func energy(_ q: [Double]) -> Double {
        var kq = [Double](repeating: 0, count: q.count)
        q.withUnsafeBufferPointer { qp in
            kq.withUnsafeMutableBufferPointer { weights.multiply(qp.baseAddress!, into: $0.baseAddress!, alpha: 1, beta: 0) }
        }
        var e = 0.0
        for i in q.indices { e += q[i] * (degrees[i] * q[i] - kq[i]) }
        return 0.5 * e
    }

    public func addGradient(_ q: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>, scale: Double) {
        // g ← g − scale·K q, then g ← g + scale·d∘q.
        weights.multiply(q, into: g, alpha: -scale, beta: 1)
        degrees.withUnsafeBufferPointer { d in
            for i in 0..<d.count { g[i] += scale * d[i] * q[i] }
        }
    }

    /// Both gradients with K read once (`CouplingWeights.multiplyPair`); each equals `addGradient`'s
    /// to rounding (to the bit below `symmetricProductMinimumEntries`).
    public func addGradients(_ q1: UnsafePointer<Double>, into g1: UnsafeMutablePointer<Double>,
                             _ q2: UnsafePointer<Double>, into g2: UnsafeMutablePointer<Double>, scale: Double) {
        weights.multiplyPair(q1, into: g1, q2, into: g2, alpha: -scale)
        degrees.withUnsafeBufferPointer { d in
            for i in 0..<d.count { g1[i] += scale * d[i] * q1[i] }
            for i in 0..<d.count { g2[i] += scale * d[i] * q2[i] }
        }
    }

    public func addHessianVectorProduct(at q: UnsafePointer<Double>, _ v: UnsafePointer<Double>,
                                        into h: UnsafeMutablePointer<Double>, scale: Double) {
        addGradient(v, into: h, scale: scale)  // quadratic: ∇²V = L_K
    }
}
