import LinearAlgebra

/// The linear structure of a model whose potential terms are all quadratic (SPEC §2):
///
///     ∇V(q) = K q,   K = Σ_coupling (diag(K·1) − K_w) + diag(D)   (symmetric, positive semidefinite)
///
/// so that M q̈ + C q̇ + K q = f is linear in q. With M = m·I and C = c·I (as the model builds
/// them: one inertia and one damping for every settlement) the equations decouple in the
/// eigenvectors of K, which `ModalIntegrator` exploits.
extension LagrangianModel {
    /// m when every settlement has the same inertia, nil otherwise.
    public var uniformInertia: Double? {
        guard let m = inertia.first, inertia.allSatisfy({ $0 == m }) else { return nil }
        return m
    }

    /// The dense stiffness K (n×n, symmetric) when every term is one of the known quadratic terms
    /// (`LaplacianCouplingTerm`, `AgeRestoringTerm`); nil when a term is of another kind (a user
    /// term may be non-linear, and then only the step-by-step integrators apply).
    public func quadraticStiffness() -> Matrix? {
        let n = dimension
        var k = Matrix(rows: n, columns: n)
        for term in terms {
            if let laplacian = term as? LaplacianCouplingTerm {
                switch laplacian.weights {
                case .dense(let w):
                    for i in 0..<(n * n) { k.storage[i] -= w.storage[i] }
                case .sparse(let s):
                    for i in 0..<n {
                        for p in s.rowPointers[i]..<s.rowPointers[i + 1] { k.storage[i * n + s.columnIndices[p]] -= s.values[p] }
                    }
                }
                for i in 0..<n { k.storage[i * n + i] += laplacian.degrees[i] }
            } else if let age = term as? AgeRestoringTerm {
                for i in 0..<n { k.storage[i * n + i] += age.stiffness[i] }
            } else {
                return nil
            }
        }
        return k
    }

    /// Gershgorin's bound on the largest eigenvalue of M⁻¹K: maxᵢ Σⱼ |K_ij| / mᵢ, from the terms
    /// without forming K (2·degree + D for a Laplacian). nil when a term is of an unknown kind.
    public func stiffnessBound() -> Double? {
        var rowSum = [Double](repeating: 0, count: dimension)
        for term in terms {
            if let laplacian = term as? LaplacianCouplingTerm {
                for i in 0..<dimension { rowSum[i] += 2 * abs(laplacian.degrees[i]) }
            } else if let age = term as? AgeRestoringTerm {
                for i in 0..<dimension { rowSum[i] += abs(age.stiffness[i]) }
            } else {
                return nil
            }
        }
        var bound = 0.0
        for i in 0..<dimension { bound = max(bound, rowSum[i] / inertia[i]) }
        return bound
    }

    /// Non-zeros touched by one evaluation of ∇V (n² per dense coupling, the stored entries of a
    /// sparse one, n per diagonal term): the cost unit of an explicit step.
    public var gradientCost: Int {
        terms.reduce(dimension) { total, term in
            if let laplacian = term as? LaplacianCouplingTerm { return total + laplacian.weights.storedEntries + dimension }
            return total + dimension
        }
    }
}
