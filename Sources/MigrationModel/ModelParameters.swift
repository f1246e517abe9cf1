/// Physical parameters of the Lagrangian migration model (SPEC §2).
///
///     M q̈ + C q̇ + (L_K + D) q = f(t)
///     K_ij = α·G(d_ij) + β·S_ij,   G(d) = (1 + d/d₀)^(−γ),   S_ij = max(0, ρ_ij)
///     D = diag(δ·(1 − A_i)),        A_i = Σ_g w_ig · a(x_g)
///
/// All parameters are plain numbers so that a YAML file or an optimizer can set them.
public struct ModelParameters: Sendable, Equatable, Codable {
    /// α ≥ 0: strength of the distance coupling (1/year²).
    public var alpha: Double
    /// d₀ > 0: distance scale of the coupling kernel (km).
    public var distanceScale: Double
    /// γ ≥ 0: decay exponent of the coupling kernel.
    public var gamma: Double
    /// β ≥ 0: strength of the correlation-similarity coupling (1/year²).
    public var beta: Double
    /// δ ≥ 0: strength of the age restoring term (1/year²).
    public var delta: Double
    /// c ≥ 0: Rayleigh damping (1/year).
    public var damping: Double
    /// m > 0: inertia of every settlement.
    public var inertia: Double
    /// The age function a(x) of the age term.
    public var ageFunction: AgeFunctionChoice
    /// How distances d_ij are measured.
    public var metric: DistanceMetric
    /// Dense coupling up to this many settlements; above it, k-nearest-neighbour sparse coupling.
    public var denseLimit: Int
    /// k of the k-nearest-neighbour sparse coupling.
    public var neighbours: Int

    public init(alpha: Double = 0.5, distanceScale: Double = 100, gamma: Double = 1.5,
                beta: Double = 0.2, delta: Double = 0.3, damping: Double = 0.8, inertia: Double = 1,
                ageFunction: AgeFunctionChoice = .smoothStep(young: 30, old: 60),
                metric: DistanceMetric = .sphere, denseLimit: Int = 3000, neighbours: Int = 16) {
        self.alpha = alpha; self.distanceScale = distanceScale; self.gamma = gamma
        self.beta = beta; self.delta = delta; self.damping = damping; self.inertia = inertia
        self.ageFunction = ageFunction; self.metric = metric
        self.denseLimit = denseLimit; self.neighbours = neighbours
    }

    /// Checks every parameter; the error names the parameter and the expected range.
    public func validate() throws(ModelError) {
        func require(_ ok: Bool, _ name: String, _ expected: String, _ value: Double) throws(ModelError) {
            if !ok { throw .invalidParameter(name: name, value: value, expected: expected) }
        }
        try require(alpha.isFinite && alpha >= 0, "alpha", "a finite number ≥ 0", alpha)
        try require(distanceScale.isFinite && distanceScale > 0, "distance_scale", "a finite number > 0 (km)", distanceScale)
        try require(gamma.isFinite && gamma >= 0, "gamma", "a finite number ≥ 0", gamma)
        try require(beta.isFinite && beta >= 0, "beta", "a finite number ≥ 0", beta)
        try require(delta.isFinite && delta >= 0, "delta", "a finite number ≥ 0", delta)
        try require(damping.isFinite && damping >= 0, "damping", "a finite number ≥ 0", damping)
        try require(inertia.isFinite && inertia > 0, "inertia", "a finite number > 0", inertia)
        try require(denseLimit >= 1, "dense_limit", "an integer ≥ 1", Double(denseLimit))
        try require(neighbours >= 1, "neighbours", "an integer ≥ 1", Double(neighbours))
        try ageFunction.validate()
    }
}

/// How distances between settlements are measured.
public enum DistanceMetric: String, Sendable, Codable, CaseIterable {
    /// Great circle on a sphere of radius 6371.0088 km (haversine).
    case sphere
    /// Geodesic on the WGS84 ellipsoid (Karney's algorithm).
    case wgs84
}

/// Which age function a(x) the age term uses.
public enum AgeFunctionChoice: Sendable, Equatable, Codable {
    /// The C^∞ smooth step: 1 for x ≤ young, 0 for x ≥ old.
    case smoothStep(young: Double, old: Double)
    /// A Rogers–Castro model migration schedule normalized to peak 1.
    case rogersCastro(RogersCastroParameters)

    func validate() throws(ModelError) {
        switch self {
        case .smoothStep(let y, let o):
            guard y.isFinite, o.isFinite, y < o else {
                throw .invalidParameter(name: "age_function.young", value: y,
                                        expected: "finite ages with young < old (old = \(o))")
            }
        case .rogersCastro(let p):
            try p.validate()
        }
    }
}

/// The Rogers–Castro model migration schedule
/// m(x) = a₁·exp(−α₁x) + a₂·exp(−α₂(x−μ₂) − exp(−λ₂(x−μ₂))) + c.
public struct RogersCastroParameters: Sendable, Equatable, Codable {
    public var a1: Double, alpha1: Double, a2: Double, alpha2: Double, mu2: Double, lambda2: Double, c: Double

    public init(a1: Double, alpha1: Double, a2: Double, alpha2: Double, mu2: Double, lambda2: Double, c: Double) {
        self.a1 = a1; self.alpha1 = alpha1; self.a2 = a2; self.alpha2 = alpha2
        self.mu2 = mu2; self.lambda2 = lambda2; self.c = c
    }

    func validate() throws(ModelError) {
        let named: [(String, Double)] = [("a1", a1), ("alpha1", alpha1), ("a2", a2), ("alpha2", alpha2),
                                         ("mu2", mu2), ("lambda2", lambda2), ("c", c)]
        for (name, v) in named where !(v.isFinite && v >= 0) {
            throw .invalidParameter(name: "rogers_castro.\(name)", value: v, expected: "a finite number ≥ 0")
        }
    }
}
