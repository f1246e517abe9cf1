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
