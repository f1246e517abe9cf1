/// The age term V_A = ½ Σᵢ δ·(1 − Aᵢ)·qᵢ²: populations with little mobility (Aᵢ → 0, old) are
/// pulled towards zero balance, young ones (Aᵢ → 1) move freely. Diagonal stiffness D = diag(δ(1 − Aᵢ)).
public struct AgeRestoringTerm: PotentialTerm {
    public let name = "age"
    /// Stiffness Dᵢ = δ·(1 − Aᵢ).
    public let stiffness: [Double]

    public init(stiffness: [Double]) { self.stiffness = stiffness }

    /// D from δ and the mobilities Aᵢ.
    public init(delta: Double, mobility: [Double]) {
        self.stiffness = mobility.map { delta * (1 - $0) }
    }

    public var dimension: Int { stiffness.count }

    public func energy(_ q: [Double]) -> Double {
        var e = 0.0
        for i in q.indices { e += stiffness[i] * q[i] * q[i] }
        return 0.5 * e
    }

    public func addGradient(_ q: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>, scale: Double) {
        stiffness.withUnsafeBufferPointer { d in
            for i in 0..<d.count { g[i] += scale * d[i] * q[i] }
        }
    }

    public func addHessianVectorProduct(at q: UnsafePointer<Double>, _ v: UnsafePointer<Double>,
                                        into h: UnsafeMutablePointer<Double>, scale: Double) {
        addGradient(v, into: h, scale: scale)
    }
}
