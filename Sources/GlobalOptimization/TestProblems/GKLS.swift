import Foundation

/// A D-type (continuously differentiable) test function of the GKLS generator (Gaviano, Kvasov, Lera & Sergeyev,
/// ACM TOMS 29(4), 2003) on D = [−1, 1]ᴺ: a paraboloid ‖x − T‖² with vertex T (value 0), into which
/// 9 smooth cubic "pits" are carved, one of them the global minimum −1 at distance `globalDistance`
/// from T with attraction radius `globalRadius`.
///
/// Inside pit i (centre Mᵢ, radius ρᵢ, value fᵢ) the function is the cubic
///   C(x) = (2⟨x−Mᵢ, T−Mᵢ⟩/(ρ²‖x−Mᵢ‖) − 2A/ρ³)‖x−Mᵢ‖³ + (1 − 4⟨x−Mᵢ, T−Mᵢ⟩/(‖x−Mᵢ‖ρ) + 3A/ρ²)‖x−Mᵢ‖² + fᵢ,
/// A = ‖T − Mᵢ‖² − fᵢ, which meets the paraboloid with matching gradient on the sphere ‖x − Mᵢ‖ = ρᵢ.
///
/// All random choices come from Knuth's ranf_array seeded with (k−1) + 100·(minima−1) + 10⁶·N for
/// function number k, in the generator's order, so `GKLSFunction(.simple, dimension: 2, number: 7)`
/// is function 7 of the published simple 2-D class.
public struct GKLSFunction: Sendable {
    /// The standard classes of Sergeyev & Kvasov: 10 minima, f* = −1, (distance, radius) per N.
    public enum Difficulty: String, Sendable, CaseIterable {
        case simple, hard

        /// (global distance, global radius) of the class for N = 2…5.
        public func parameters(dimension n: Int) -> (distance: Double, radius: Double)? {
            switch (self, n) {
            case (.simple, 2): return (0.9, 0.2)
            case (.simple, 3), (.simple, 4): return (0.66, 0.2)
            case (.simple, 5): return (0.66, 0.3)
            case (.hard, 2): return (0.9, 0.1)
            case (.hard, 3), (.hard, 4): return (0.9, 0.2)
            case (.hard, 5): return (0.66, 0.2)
            default: return nil
            }
        }
    }

    public static let minimaCount = 10
    public static let globalValue = -1.0
    /// Value outside the domain, as in the generator.
    public static let outsideValue = 1e100
    static let precision = 1e-10
    /// The generator's own value of π (8 digits), needed to reproduce its minimizers exactly.
    static let generatorPi = 3.14159265

    public let difficulty: Difficulty
    public let dimension: Int
    public let number: Int
    public let globalDistance: Double
    public let globalRadius: Double
    /// Mᵢ: index 0 is the paraboloid vertex T, index 1 the global minimizer.
    public let minimizers: [[Double]]
    /// ρᵢ: attraction radii.
    public let radii: [Double]
    /// fᵢ: values at the minimizers (f₀ = 0 at the vertex, f₁ = −1).
    public let minimumValues: [Double]

    public var globalMinimizer: [Double] { minimizers[1] }

    public init(_ difficulty: Difficulty, dimension n: Int, number: Int) throws {
        guard let (distance, radius) = difficulty.parameters(dimension: n) else {
            throw GKLSError.invalidDimension(n)
        }
        guard (1...100).contains(number) else { throw GKLSError.invalidNumber(number) }
        self.difficulty = difficulty
        self.dimension = n
        self.number = number
        self.globalDistance = distance
        self.globalRadius = radius
        let generated = Self.generate(dimension: n, number: number, distance: distance, radius: radius)
        minimizers = generated.minimizers
        radii = generated.radii
        minimumValues = generated.values
    }

    /// The 100 functions of a standard class.
    public static func standardClass(_ difficulty: Difficulty, dimension: Int) throws -> [GKLSFunction] {
        try (1...100).map { try GKLSFunction(difficulty, dimension: dimension, number: $0) }
    }

    /// The function as a box-constrained problem on [−1, 1]ᴺ.
    public var problem: OptimizationProblem {
        let f = self
        return OptimizationProblem(name: "GKLS \(difficulty.rawValue) N=\(dimension) #\(number)",
                                   lowerBounds: Array(repeating: -1, count: dimension),
                                   upperBounds: Array(repeating: 1, count: dimension),
                                   knownMinimum: Self.globalValue, knownMinimizer: globalMinimizer) { f.value(at: $0) }
    }

    /// The literature's success criterion: |xᵢ − x*ᵢ| ≤ δ·(b − a) = 2δ in every coordinate, with δ = 0.01
    /// unless given (`sergeyevKvasovFraction` gives the Δ-criterion's δ).
    public func isSolved(by x: [Double], within fraction: Double = 0.01) -> Bool {
        let halfWidth = fraction * 2
        return zip(x, globalMinimizer).allSatisfy { abs($0 - $1) <= halfWidth }
    }

    /// The Δ-criterion of Sergeyev & Kvasov ("Global search based on efficient diagonal partitions and a set
    /// of Lipschitz constants", SIAM J. Optim. 16(3), 2006, §5): a trial solves the problem when it lies in
    /// the box around x* whose volume is Δ times the search box's, |xᵢ − x*ᵢ| ≤ Δ^{1/N}·(b − a), with
    /// Δ = 10⁻⁴ for N = 2, 10⁻⁶ for N = 3 and 4, 10⁻⁷ for N = 5. That is δ = 0.01 for N = 2 and 3 (the usual
    /// criterion), 10^{−1.5} ≈ 0.0316 for N = 4 and 10^{−1.4} ≈ 0.0398 for N = 5 — the `*_serg` classes of
    /// Sovrasov's ags_nlp_solver experiments. nil outside N = 2…5.
    public static func sergeyevKvasovFraction(dimension: Int) -> Double? {
        switch dimension {
        case 2: return 0.01
        case 3: return 0.01
        case 4: return pow(1e-6, 1.0 / 4)
        case 5: return pow(1e-7, 1.0 / 5)
        default: return nil
        }
    }

    // MARK: - Evaluation

    public func value(at x: [Double]) -> Double {
        precondition(x.count == dimension, "GKLSFunction.value: point has \(x.count) coordinates, expected \(dimension)")
        for xi in x where xi < -1 - Self.precision || xi > 1 + Self.precision { return Self.outsideValue }
        var index = 1
        while index < Self.minimaCount, Self.distance(minimizers[index], x) > radii[index] { index += 1 }
        if index == Self.minimaCount {
            let r = Self.distance(minimizers[0], x)
            return r * r + minimumValues[0]
        }
        let m = minimizers[index], t = minimizers[0]
        let r = Self.distance(x, m)
        if r < Self.precision { return minimumValues[index] }
        let toVertex = Self.distance(t, m)
        let a = toVertex * toVertex + minimumValues[0] - minimumValues[index]
        let rho = radii[index]
        var scal = 0.0
        for i in 0..<dimension { scal += (x[i] - m[i]) * (t[i] - m[i]) }
        return (2 / rho / rho * scal / r - 2 * a / rho / rho / rho) * r * r * r
            + (1 - 4 * scal / r / rho + 3 * a / rho / rho) * r * r + minimumValues[index]
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += (a[i] - b[i]) * (a[i] - b[i]) }
        return s.squareRoot()
    }

    // MARK: - Generation (GKLS_arg_generate and GKLS_set_basins)

    private static func generate(dimension n: Int, number: Int, distance globalDist: Double, radius: Double)
        -> (minimizers: [[Double]], radii: [Double], values: [Double]) {
        let count = minimaCount
        let left = -1.0, width = 2.0
        var rng = GKLSRandomGenerator(seed: (number - 1) + (count - 1) * 100 + n * 1_000_000)
        var counter = 0
        func draw() -> Double {
            let r = rng.block[counter]
            counter += 1
            if counter == GKLSRandomGenerator.blockSize { rng.nextBlock(); counter = 0 }
            return r
        }
        func freshBlock() { rng.nextBlock(); counter = 0 }

        var m = Array(repeating: Array(repeating: 0.0, count: n), count: count)
        var f = Array(repeating: 0.0, count: count)
        freshBlock()
        for i in 0..<n { m[0][i] = left + draw() * width }              // paraboloid vertex T
        f[0] = 0
        // Global minimizer at distance `distance` from T in generalized spherical coordinates; a
        // coordinate leaving the domain is reflected through T.
        freshBlock()
        func place(_ j: Int, _ offset: Double) {
            m[1][j] = m[0][j] + offset
            if m[1][j] > 1 - precision || m[1][j] < -1 + precision { m[1][j] = m[0][j] - offset }
        }
        let first = draw()
        place(0, globalDist * cos(generatorPi * first))
        var sinPhi = sin(generatorPi * first)
        for j in 1..<max(1, n - 1) {
            let angle = rng.block[counter]
            place(j, globalDist * cos(2 * generatorPi * angle) * sinPhi)
            sinPhi *= sin(2 * generatorPi * angle)
            counter += 1
        }
        place(n - 1, globalDist * sinPhi)
        f[1] = globalValue
        var weight = Array(repeating: 0.99, count: count)
        weight[1] = 1
        _ = draw()                                                        // δ of the D2 type (unused here)
        // Local minimizers outside the global basin enlarged by a gap equal to its radius.
        repeat {
            for i in 2..<count {
                repeat {
                    freshBlock()
                    for j in 0..<n { m[i][j] = left + draw() * width }
                } while (radius + radius) - distance(m[i], m[1]) > precision
            }
        } while coincide(m)

        // Attraction radii: half the distance to the nearest minimizer, kept off the global basin,
        // then enlarged as far as the others allow, and shrunk by the weights.
        var rho = Array(repeating: 0.0, count: count)
        for i in 0..<count {
            var nearest = outsideValue
            for j in 0..<count where j != i { nearest = min(nearest, distance(m[i], m[j])) }
            rho[i] = nearest / 2
        }
        rho[1] = radius
        for i in 2..<count {
            let d = distance(m[i], m[1]) - radius - precision
            if d < rho[i] { rho[i] = d }
        }
        for i in 0..<count where i != 1 {
            var room = outsideValue
            for j in 0..<count where j != i { room = min(room, distance(m[i], m[j]) - rho[j]) }
            if room > rho[i] + precision { rho[i] = room }
        }
        for i in 0..<count { rho[i] *= weight[i] }
        // Depths: each local minimum lies below the paraboloid's value on its basin border.
        for i in 2..<count {
            let d = distance(m[0], m[i])
            let border = (rho[i] - d) * (rho[i] - d) + f[0]
            let r = draw()
            let peak = min((1 + r) * rho[i], r * (border - globalValue))
            f[i] = border - peak
        }
        return (m, rho, f)
    }

    private static func coincide(_ m: [[Double]]) -> Bool {
        for i in 2..<m.count where distance(m[i], m[0]) < precision { return true }
        for i in 1..<m.count {
            for j in (i + 1)..<max(i + 1, m.count) where distance(m[i], m[j]) < precision { return true }
        }
        return false
    }
}

/// Invalid GKLS parameters; each case names the parameter and what was expected.
public enum GKLSError: Error, Equatable, CustomStringConvertible {
    case invalidDimension(Int)
    case invalidNumber(Int)

    public var description: String {
        switch self {
        case .invalidDimension(let n): return "GKLS: parameter 'dimension' = \(n); the standard classes exist for N in 2...5"
        case .invalidNumber(let k): return "GKLS: parameter 'number' = \(k); expected a function number in 1...100"
        }
    }
}
