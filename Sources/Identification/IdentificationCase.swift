import Geodesy
import LinearAlgebra
import MigrationModel

/// Everything a trial of the identification needs that does not depend on the trial's parameters,
/// assembled once: settlements, the distance table (or the k-NN edges), the similarity S = max(0, ρ),
/// the age structure, the observations, the initial state, the force and the solver settings.
///
/// A trial then only rebuilds what its parameters change (SPEC §2):
///
///     K^D_ij = α·(1 + d_ij/d₀)^(−γ)   (pow over the stored d_ij; no geodesics recomputed)
///     K^S_ij = β·S_ij                 (S stored)
///     D_ii   = δ·(1 − Aᵢ)             (Aᵢ recomputed only when x_young or x_old change)
///
/// and integrates M q̈ + c q̇ + (L_K + D) q = f(t) from the stored initial state; no file I/O and
/// no per-trial geodesy. The model it builds is term for term the one `ModelAssembly.build` builds
/// from the same inputs (same builders, same order: distance, similarity, age), so a trial
/// reproduces `migsim simulate` bit for bit.
public struct IdentificationCase: Sendable {
    /// How the stored geometry is laid out (the choice `ModelAssembly` makes from `denseLimit`).
    enum Geometry: Sendable {
        case dense(distances: Matrix)
        case sparse(edges: [Edge], k: Int)
    }

    struct Edge: Sendable { let i: Int, j: Int, km: Double }

    public let ids: [String]
    public let settlements: [Settlement]
    public let ages: AgeStructure?
    /// Values of every parameter that is not identified.
    public let base: ModelParameters
    /// Observation times t_k (decimal years); the simulation runs from t₀ = times[0].
    public let times: [Double]
    /// Observed balances o_k,i (rows times, columns settlements).
    public let observed: [[Double]]
    public let initialBalance: [Double]
    public let initialVelocity: [Double]
    public let forcing: any Forcing
    public let solver: SolverChoice
    public let rtol: Double
    public let atol: Double
    public let step: Double

    let geometry: Geometry
    /// S = max(0, ρ) of the similarity series with zero diagonal (dense layout; nil without series).
    let positiveSimilarity: Matrix?
    /// ρ of the similarity series for each stored edge, in edge order (sparse layout; nil without
    /// series): computed for the coupled pairs only, so no n×n matrix exists at any n.
    let edgeCorrelations: [Double]?
    /// Aᵢ under the base age function.
    let baseMobility: [Double]
    /// ln(1 + d/d₀) of the stored distances for the base d₀ (the modal path's kernel).
    let kernelLogs: KernelLogarithms

    /// - Parameters:
    ///   - similaritySeries: the balance series whose correlations give S (settlements × periods);
    ///     nil for no similarity term.
    ///   - times, observed: the observations the simulation is scored against (rows times).
    ///   - initialBalance, initialVelocity: the state at times[0].
    public init(settlements: [Settlement], ages: AgeStructure?, similaritySeries: [[Double?]]?, base: ModelParameters,
                times: [Double], observed: [[Double]], initialBalance: [Double], initialVelocity: [Double],
                forcing: any Forcing, solver: SolverChoice = .dp5, rtol: Double = 1e-6, atol: Double = 1e-9,
                step: Double = 0.01) throws {
        let n = settlements.count
        guard n >= 1 else { throw IdentificationError.invalidData("the case needs at least one settlement") }
        guard times.count >= 2 else { throw IdentificationError.invalidData("the case needs at least two observation times, got \(times.count)") }
        for k in 1..<times.count where !(times[k] > times[k - 1]) {
            throw IdentificationError.invalidData("observation times must increase: time \(k) is \(times[k]) after \(times[k - 1])")
        }
        guard observed.count == times.count else {
            throw IdentificationError.invalidData("\(observed.count) rows of observations for \(times.count) times")
        }
        for (k, row) in observed.enumerated() {
            guard row.count == n else { throw IdentificationError.invalidData("observation row \(k) has \(row.count) values for \(n) settlements") }
            for (i, v) in row.enumerated() where !v.isFinite {
                throw IdentificationError.invalidData("observation of '\(settlements[i].id)' at \(times[k]) is \(v): expected a finite number")
            }
        }
        guard initialBalance.count == n, initialVelocity.count == n else {
            throw IdentificationError.invalidData("initial state has \(initialBalance.count) balances and \(initialVelocity.count) velocities for \(n) settlements")
        }
        guard forcing.dimension == n else {
            throw IdentificationError.invalidData("the force has \(forcing.dimension) components for \(n) settlements")
        }
        // The same checks as ModelAssembly.build, and its mobility; the layout below is its choice.
        let assembledMobility = try ModelAssembly.checkedMobility(settlements: settlements, ages: ages,
                                                                  similaritySeries: similaritySeries, parameters: base)

        let lat = settlements.map(\.latitude), lon = settlements.map(\.longitude)
        let metric: GeodesicMetric = base.metric == .wgs84 ? .wgs84 : .sphere
        if n <= base.denseLimit {
            geometry = .dense(distances: try DistanceTable.allPairs(latitudes: lat, longitudes: lon, metric: metric))
        } else {
            let k = min(base.neighbours, n - 1)
            let nn = try NearestNeighbours.compute(latitudes: lat, longitudes: lon, k: k, metric: metric)
            let edges = CouplingBuilder.symmetricEdges(neighbourIndices: nn.indices, neighbourKilometres: nn.kilometres)
            geometry = .sparse(edges: edges.map { Edge(i: $0.i, j: $0.j, km: $0.km) }, k: k)
        }
        // ρ is computed whenever series exist, so that β may move away from 0 during the search.
        switch geometry {
        case .dense:
            positiveSimilarity = similaritySeries.map { Similarity.positivePart(Similarity.pearson($0)) }
            edgeCorrelations = nil
        case .sparse(let edges, _):
            positiveSimilarity = nil
            edgeCorrelations = similaritySeries.map { Similarity.pearson($0, pairs: edges.map { (i: $0.i, j: $0.j) }) }
        }
        baseMobility = assembledMobility
        kernelLogs = Self.kernelLogarithms(geometry, scale: base.distanceScale)

        self.ids = settlements.map(\.id)
        self.settlements = settlements
        self.ages = ages
        self.base = base
        self.times = times
        self.observed = observed
        self.initialBalance = initialBalance
        self.initialVelocity = initialVelocity
        self.forcing = forcing
        self.solver = solver
        self.rtol = rtol
        self.atol = atol
        self.step = step
    }

    public var count: Int { settlements.count }

    /// Aᵢ for the age function of `p` (the stored values when it is the base one).
    func mobility(for p: ModelParameters) -> [Double] {
        guard p.ageFunction != base.ageFunction, let ages else { return baseMobility }
        let a = AgeFunction(p.ageFunction)
        return settlements.map { s in s.ageShares.count == ages.count ? a.mobility(shares: s.ageShares, ages: ages.representativeAges) : 0 }
    }

    /// The Lagrangian model with parameters `p` (every parameter validated first).
    public func model(for p: ModelParameters) throws -> LagrangianModel {
        try p.validate()
        let n = count
        var terms: [any PotentialTerm] = []
        switch geometry {
        case .dense(let d):
            if p.alpha > 0 { terms.append(LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p))) }
            if p.beta > 0, let s = positiveSimilarity { terms.append(LaplacianCouplingTerm(name: "similarity", weights: .dense(p.beta * s))) }
        case .sparse(let stored, _):
            let edges = stored.map { (i: $0.i, j: $0.j, km: $0.km) }
            if p.alpha > 0 { terms.append(LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.sparseDistanceWeights(n: n, edges: edges, parameters: p))) }
            if p.beta > 0, let rho = edgeCorrelations {
                terms.append(LaplacianCouplingTerm(name: "similarity", weights: CouplingBuilder.sparseSimilarityWeights(n: n, edges: edges, edgeCorrelations: rho, parameters: p)))
            }
        }
        if p.delta > 0 { terms.append(AgeRestoringTerm(delta: p.delta, mobility: mobility(for: p))) }
        return try LagrangianModel(inertia: [Double](repeating: p.inertia, count: n), damping: p.damping, terms: terms)
    }

    /// The simulated balances at the observation times with parameters `p`.
    ///
    /// With solver `modal`, or `auto` when `SolverSelection` finds it cheaper, the trial builds
    /// the stiffness K directly from the stored geometry (`stiffness(for:)`) and integrates it
    /// exactly (`ModalIntegrator`); otherwise it builds the model and steps through it.
    public func simulate(_ p: ModelParameters) throws -> SimulationResult {
        if solver == .modal || solver == .auto, let force = forcing as? any PiecewiseLinearForcing {
            try p.validate()
            let k = stiffness(for: p)
            let span = times[times.count - 1] - times[0]
            if solver == .modal || SolverSelection.modalIsCheaper(dimension: count, gradientCost: k.gradientCost,
                                                                  stiffnessBound: k.rowBound / p.inertia, span: span) {
                let integrator = try ModalIntegrator(inertia: p.inertia, damping: p.damping, stiffness: k.matrix())
                return try integrator.simulate(forcing: force, initialBalance: initialBalance, initialVelocity: initialVelocity,
                                               start: times[0], end: times[times.count - 1], outputTimes: times)
            }
        }
        let settings = SimulationSettings(start: times[0], end: times[times.count - 1], outputTimes: times,
                                          solver: solver == .modal ? .modal : (solver == .auto ? .dp5 : solver),
                                          rtol: rtol, atol: atol, step: step)
        return try Simulation.run(model: try model(for: p), forcing: forcing, initialBalance: initialBalance,
                                  initialVelocity: initialVelocity, settings: settings)
    }
}
