import ODE

/// The Lagrangian migration model L = T − V with Rayleigh dissipation (SPEC §2):
///
///     T = ½ Σᵢ mᵢ q̇ᵢ²,   V = Σ_terms V_term(q) − Σᵢ fᵢ(t) qᵢ,   R = ½ c Σᵢ q̇ᵢ²
///
/// whose Euler–Lagrange equations are M q̈ + C q̇ + ∇V(q) = f(t); with the standard quadratic
/// terms ∇V(q) = (L_K + D) q. As a first-order system in y = [q; q̇]:
///
///     q̇ = v,   v̇ = M⁻¹ (f(t) − c v − ∇V(q)).
public struct LagrangianModel: Sendable {
    /// Inertia mᵢ > 0 of every settlement.
    public let inertia: [Double]
    /// Rayleigh damping c ≥ 0.
    public let damping: Double
    /// The potential terms (distance, similarity, age, any user term).
    public let terms: [any PotentialTerm]

    public var dimension: Int { inertia.count }

    public init(inertia: [Double], damping: Double, terms: [any PotentialTerm]) throws(ModelError) {
        for (i, m) in inertia.enumerated() where !(m.isFinite && m > 0) {
            throw .invalidParameter(name: "inertia[\(i)]", value: m, expected: "a finite number > 0")
        }
        guard damping.isFinite && damping >= 0 else {
            throw .invalidParameter(name: "damping", value: damping, expected: "a finite number ≥ 0")
        }
        for t in terms where t.dimension != inertia.count {
            throw .dimensionMismatch("term '\(t.name)' acts on \(t.dimension) settlements, the model has \(inertia.count)")
        }
        self.inertia = inertia
        self.damping = damping
        self.terms = terms
    }

    /// The right-hand side of the first-order system for y = [q; v] (length 2n), writing into
    /// `dydt` without allocating.
    @inlinable
    public func evaluate(t: Double, y: UnsafePointer<Double>, dydt: UnsafeMutablePointer<Double>, forcing: any Forcing) {
        let n = inertia.count
        dydt.update(from: y + n, count: n)                 // q̇ = v
        acceleration(t: t, q: y, v: y + n, into: dydt + n, forcing: forcing)
    }

    /// a = q̈ = M⁻¹ (f(t) − c v − ∇V(q)), written into `a` without allocating: `positionForce`,
    /// then `accelerate`.
    @inlinable
    public func acceleration(t: Double, q: UnsafePointer<Double>, v: UnsafePointer<Double>,
                             into a: UnsafeMutablePointer<Double>, forcing: any Forcing) {
        positionForce(t: t, q: q, into: a, forcing: forcing)
        accelerate(v: v, force: a)
    }

    /// g = f(t) − ∇V(q): the part of the acceleration's numerator that does not depend on the velocity.
    @inlinable
    public func positionForce(t: Double, q: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>, forcing: any Forcing) {
        forcing.evaluate(at: t, into: g)                                // g = f
        for term in terms { term.addGradient(q, into: g, scale: -1) }   // g = f − ∇V
    }

    /// `positionForce` at two points at once (`PotentialTerm.addGradients`: a dense coupling matrix is
    /// read once for both); each equals the single call's to rounding, to the bit for small models.
    @inlinable
    public func positionForces(t1: Double, q1: UnsafePointer<Double>, into g1: UnsafeMutablePointer<Double>,
                               t2: Double, q2: UnsafePointer<Double>, into g2: UnsafeMutablePointer<Double>,
                               forcing: any Forcing) {
        forcing.evaluate(at: t1, into: g1)
        forcing.evaluate(at: t2, into: g2)
        for term in terms { term.addGradients(q1, into: g1, q2, into: g2, scale: -1) }
    }

    /// a = M⁻¹ (g − c v) in place of the position force g.
    @inlinable
    public func accelerate(v: UnsafePointer<Double>, force a: UnsafeMutablePointer<Double>) {
        let n = inertia.count, c = damping
        inertia.withUnsafeBufferPointer { m in
            for i in 0..<n { a[i] = (a[i] - c * v[i]) / m[i] }
        }
    }

    /// The equations of motion as a `SplitSecondOrderProblem` (q″ = M⁻¹(g(t, q) − c q′), g = f − ∇V),
    /// which `DormandPrince5` integrates with the coupling products of two stages paired: the same
    /// stages, steps and evaluations as the first-order problem of `evaluate`, half the passes over a
    /// dense coupling matrix.
    public func splitProblem(initialBalance q0: [Double], initialVelocity v0: [Double], timeSpan: (Double, Double),
                             forcing: any Forcing) -> SplitSecondOrderProblem {
        SplitSecondOrderProblem(
            position: q0, velocity: v0, timeSpan: timeSpan,
            positionForce: { t1, q1, g1, t2, q2, g2 in
                if let q2, let g2 {
                    positionForces(t1: t1, q1: q1, into: g1, t2: t2, q2: q2, into: g2, forcing: forcing)
                } else {
                    positionForce(t: t1, q: q1, into: g1, forcing: forcing)
                }
            },
            acceleration: { _, v, a in accelerate(v: v, force: a) })
    }

    /// Energy of a state: kinetic, each potential term, and the total E = T + Σ V_term
    /// (the forcing work is not part of E; dE/dt = −c Σ q̇² + Σ fᵢ q̇ᵢ).
    public func energy(position q: [Double], velocity v: [Double]) -> EnergyBreakdown {
        precondition(q.count == dimension && v.count == dimension, "energy: state has the wrong length")
        var kinetic = 0.0
        for i in 0..<dimension { kinetic += 0.5 * inertia[i] * v[i] * v[i] }
        let potentials = terms.map { (name: $0.name, value: $0.energy(q)) }
        return EnergyBreakdown(kinetic: kinetic, potentials: potentials)
    }

    /// The stiffness operator applied to a vector: ∇²V·x summed over terms (for linear analysis).
    public func stiffnessTimes(_ x: [Double], at q: [Double]) -> [Double] {
        var h = [Double](repeating: 0, count: dimension)
        q.withUnsafeBufferPointer { qp in
            x.withUnsafeBufferPointer { xp in
                h.withUnsafeMutableBufferPointer { hp in
                    for term in terms { term.addHessianVectorProduct(at: qp.baseAddress!, xp.baseAddress!, into: hp.baseAddress!, scale: 1) }
                }
            }
        }
        return h
    }
}

/// E = T + Σ V_term with its parts.
public struct EnergyBreakdown: Sendable {
    public let kinetic: Double
    public let potentials: [(name: String, value: Double)]
    public var potential: Double { potentials.reduce(0) { $0 + $1.value } }
    public var total: Double { kinetic + potential }
}
