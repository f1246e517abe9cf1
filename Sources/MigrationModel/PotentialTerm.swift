/// A term of the potential energy V(q). The model's equations of motion use only the gradient;
/// energy and Hessian-vector products serve diagnostics, conservation tests and the fit.
///
/// Terms are pluggable: a researcher adds a new effect by conforming a type to this protocol and
/// passing it to `LagrangianModel`. Implementations must not allocate in `addGradient` (it runs
/// inside every right-hand-side evaluation).
public protocol PotentialTerm: Sendable {
    /// Short name used in energy breakdowns (`distance`, `similarity`, `age`, …).
    var name: String { get }
    /// Number of settlements the term acts on.
    var dimension: Int { get }
    /// V(q).
    func energy(_ q: [Double]) -> Double
    /// g ← g + scale·∇V(q).
    func addGradient(_ q: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>, scale: Double)
    /// h ← h + scale·∇²V(q)·v.
    func addHessianVectorProduct(at q: UnsafePointer<Double>, _ v: UnsafePointer<Double>,
                                 into h: UnsafeMutablePointer<Double>, scale: Double)
    /// g₁ ← g₁ + scale·∇V(q₁) and g₂ ← g₂ + scale·∇V(q₂): two points at once, where that is cheaper
    /// than two calls (a term bound by reading a dense matrix reads it once). The default makes the
    /// two calls.
    func addGradients(_ q1: UnsafePointer<Double>, into g1: UnsafeMutablePointer<Double>,
                      _ q2: UnsafePointer<Double>, into g2: UnsafeMutablePointer<Double>, scale: Double)
}

extension PotentialTerm {
    public func addGradients(_ q1: UnsafePointer<Double>, into g1: UnsafeMutablePointer<Double>,
                             _ q2: UnsafePointer<Double>, into g2: UnsafeMutablePointer<Double>, scale: Double) {
        addGradient(q1, into: g1, scale: scale)
        addGradient(q2, into: g2, scale: scale)
    }
}

extension PotentialTerm {
    /// ∇V(q) as an array (convenience for tests and small problems).
    public func gradient(_ q: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: q.count)
        q.withUnsafeBufferPointer { qp in
            g.withUnsafeMutableBufferPointer { addGradient(qp.baseAddress!, into: $0.baseAddress!, scale: 1) }
        }
        return g
    }
}
