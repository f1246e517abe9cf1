/// The L Peano curves whose lines share the trials of an index-method run (Strongin & Sergeyev, §5.1–5.2;
/// seed 002 §5.1, formulas 39–40), each as an evolvent onto a box.
///
/// - `.rotated`: the curves Rₗ y(x), l = 0…L−1, of the rotated family (formula 39), all onto the
///   problem's box D.
/// - `.shifted`: the curves yˡ(x) = y⁰(x) − 2^{−l}u, u = (1, …, 1), with y⁰ covering the cube of twice
///   the side, [−½, 3/2]ᴺ in the centred coordinates of D = [−½, ½]ᴺ: curve l covers
///   [−½ − 2^{−l}, 3/2 − 2^{−l}]ᴺ ⊇ D. Points outside D are rejected by the index scheme through a first
///   constraint g₀(y) = maxᵢ |yᵢ − cᵢ|/(bᵢ − aᵢ) − ½ ≤ 0 (see `searchProblem`), so the problem's
///   objective and constraints are only evaluated inside D. The cells of a shifted curve are twice as
///   large as those of an evolvent onto D of the same density.
struct SearchCurves {
    let evolvents: [Evolvent]
    let lower: [[Double]]
    let upper: [[Double]]
    let family: EvolventFamily

    init(configuration c: IndexMethodConfiguration, problem: OptimizationProblem) throws {
        let n = problem.dimension
        family = c.evolventFamily
        switch c.evolventFamily {
        case .rotated:
            evolvents = try Evolvent.rotatedFamily(dimension: n, density: c.density, count: c.evolventCount)
            lower = Array(repeating: problem.lowerBounds, count: c.evolventCount)
            upper = Array(repeating: problem.upperBounds, count: c.evolventCount)
        case .shifted:
            let base = try Evolvent(dimension: n, density: c.density)
            evolvents = Array(repeating: base, count: c.evolventCount)
            let width = zip(problem.upperBounds, problem.lowerBounds).map { $0 - $1 }
            lower = (0..<c.evolventCount).map { l in
                let shift = Double(sign: .plus, exponent: -l, significand: 1)
                return zip(problem.lowerBounds, width).map { $0 - shift * $1 }
            }
            upper = (0..<c.evolventCount).map { l in
                let shift = Double(sign: .plus, exponent: -l, significand: 1)
                return zip(problem.lowerBounds, width).map { $0 + (2 - shift) * $1 }
            }
        }
    }

    var count: Int { evolvents.count }

    func point(line l: Int, at x: Double) -> [Double] { evolvents[l].point(at: x, lower: lower[l], upper: upper[l]) }

    func preimage(line l: Int, of y: [Double]) -> Double { evolvents[l].preimage(of: y, lower: lower[l], upper: upper[l]) }

    /// The problem the trials are made on: for shifted curves, the box D as a first constraint.
    static func searchProblem(_ problem: OptimizationProblem, family: EvolventFamily) -> OptimizationProblem {
        guard family == .shifted else { return problem }
        let lower = problem.lowerBounds, upper = problem.upperBounds
        let box: @Sendable ([Double]) -> Double = { y in
            var excess = -0.5
            for i in y.indices {
                excess = max(excess, abs(y[i] - 0.5 * (lower[i] + upper[i])) / (upper[i] - lower[i]) - 0.5)
            }
            return excess
        }
        return OptimizationProblem(name: problem.name, lowerBounds: lower, upperBounds: upper,
                                   constraints: [box] + problem.constraints, knownMinimum: problem.knownMinimum,
                                   knownMinimizer: problem.knownMinimizer, objective: problem.objective)
    }
}

/// Which family of evolvents shares the trials (`IndexMethodConfiguration.evolventFamily`).
public enum EvolventFamily: String, Sendable, Codable, CaseIterable {
    /// Rotations of one evolvent by ±π/2 in coordinate planes, up to N(N−1) + 1 curves (formula 39).
    case rotated
    /// Evolvents of the doubled cube shifted by 2^{−l} along the diagonal, up to `density` curves.
    case shifted
}
