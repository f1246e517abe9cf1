import Foundation
import Geodesy
import LinearAlgebra
import MigrationModel

/// The data of a physics-informed fit: observed balances of n settlements at increasing times,
/// and the fixed parts of the model (distances, similarity, mobility, starting parameters).
///
/// The networks work in normalized units (`Normalization`, stored with the fit).
public struct PINNProblem: Sendable {
    public let ids: [String]
    /// Observation times (decimal years), strictly increasing.
    public let times: [Double]
    /// observations[k][i]: the balance of settlement i at times[k].
    public let observations: [[Double]]
    /// The coupled pairs with their distances (km, great-circle or WGS84) and similarities
    /// S_ij = max(0, ρ_ij) over the fitting window: all pairs, or the sparse k-NN layout.
    public let coupling: PINNCoupling
    /// Aᵢ: mobility of each settlement's population (0 without age data).
    public let mobility: [Double]
    /// Starting values of the physical parameters (and the fixed ones).
    public let parameters: ModelParameters
    /// The inputs of the forecastable force F_i = g(zᵢ(t)) + bᵢ (SPEC §4.2); nil: the force is a
    /// network of time alone, F(t), kept as a diagnostic that cannot be carried beyond the data.
    public let forceFeatures: ForceFeatures?

    public var count: Int { ids.count }

    // Not optimized: Swift 6.3.1's release build (-O, WMO) specializes this throwing initializer
    // into a version that returns normally with a non-zero error register, so callers took a
    // successful call for a thrown garbage error and crashed (`migsim fit` in release; debug
    // builds were fine). The checks are cheap; keep this until a toolchain fixes it.
    @_optimize(none)
    public init(ids: [String], times: [Double], observations: [[Double]], coupling: PINNCoupling,
                mobility: [Double], parameters: ModelParameters, forceFeatures: ForceFeatures? = nil) throws {
        let n = ids.count
        guard n >= 1 else { throw PhysicsInformedError.invalidData("the fit needs at least one settlement") }
        guard times.count >= 4 else {
            throw PhysicsInformedError.invalidData("the fit needs at least 4 observation times in the fitting window (got \(times.count))")
        }
        for k in 1..<times.count where !(times[k] > times[k - 1]) {
            throw PhysicsInformedError.invalidData("observation times must increase strictly (\(times[k]) after \(times[k - 1]))")
        }
        guard observations.count == times.count else {
            throw PhysicsInformedError.invalidData("\(observations.count) observation rows for \(times.count) times")
        }
        for (k, row) in observations.enumerated() {
            guard row.count == n else { throw PhysicsInformedError.invalidData("observation row \(k) has \(row.count) values for \(n) settlements") }
            for (i, v) in row.enumerated() where !v.isFinite {
                throw PhysicsInformedError.invalidData("observation of '\(ids[i])' at t = \(times[k]) is missing or not finite; the fit needs a complete panel")
            }
        }
        guard mobility.count == n else {
            throw PhysicsInformedError.invalidData("\(mobility.count) mobilities for \(n) settlements")
        }
        try coupling.validate(count: n)
        self.ids = ids; self.times = times; self.observations = observations
        self.coupling = coupling; self.mobility = mobility
        self.parameters = parameters
        if let f = forceFeatures, f.weights.count != n {
            throw PhysicsInformedError.invalidData("the force features have \(f.weights.count) settlements, the fit \(n)")
        }
        self.forceFeatures = forceFeatures
    }

    /// All pairs coupled: distances (km) and S, both n×n.
    public init(ids: [String], times: [Double], observations: [[Double]], distances: Matrix, similarity: Matrix,
                mobility: [Double], parameters: ModelParameters, forceFeatures: ForceFeatures? = nil) throws {
        try self.init(ids: ids, times: times, observations: observations, coupling: .dense(distances: distances, similarity: similarity),
                      mobility: mobility, parameters: parameters, forceFeatures: forceFeatures)
    }

    /// Builds the problem from settlements and their observed series as the simulator would
    /// (`ModelAssembly`): all pairs when n ≤ `dense_limit`, else the symmetrized k-nearest-neighbour
    /// pattern (k = `neighbours`); distances by the parameters' metric; similarity from the Pearson
    /// correlation of the series over the training window only (no holdout information leaks in),
    /// computed for the coupled pairs alone in the sparse layout.
    public static func make(settlements: [Settlement], ages: AgeStructure?, times: [Double], observations: [[Double]],
                            parameters: ModelParameters, forceFeatures: ForceFeatures? = nil) throws -> PINNProblem {
        let metric: GeodesicMetric = parameters.metric == .wgs84 ? .wgs84 : .sphere
        let n = settlements.count
        let lat = settlements.map(\.latitude), lon = settlements.map(\.longitude)
        let series: [[Double?]] = (0..<n).map { i in observations.map { Optional($0[i]) } }
        // Mobility exactly as the simulator assembles it, after the simulator's checks of the inputs.
        let mobility = try ModelAssembly.checkedMobility(settlements: settlements, ages: ages, similaritySeries: nil, parameters: parameters)
        let coupling: PINNCoupling
        if n <= parameters.denseLimit {
            let d = try DistanceTable.allPairs(latitudes: lat, longitudes: lon, metric: metric)
            var sim = Similarity.positivePart(Similarity.pearson(series))
            for i in 0..<n { sim[i, i] = 0 }
            coupling = .dense(distances: d, similarity: sim)
        } else {
            let k = min(parameters.neighbours, n - 1)
            let nn = try NearestNeighbours.compute(latitudes: lat, longitudes: lon, k: k, metric: metric)
            let edges = CouplingBuilder.symmetricEdges(neighbourIndices: nn.indices, neighbourKilometres: nn.kilometres)
            let rho = Similarity.pearson(series, pairs: edges.map { (i: $0.i, j: $0.j) })
            coupling = .sparse(k: k, pairs: zip(edges, rho).map { e, r in
                CoupledPair(i: e.i, j: e.j, kilometres: e.km, similarity: Similarity.positivePart(r))
            })
        }
        return try PINNProblem(ids: settlements.map(\.id), times: times, observations: observations, coupling: coupling,
                               mobility: mobility, parameters: parameters, forceFeatures: forceFeatures)
    }
}

/// The affine maps between physical and network units:
///
///     τ = (t − t_mid)/T_s,   u_i = μ_i + σ·N_i(τ),   F_i = s_F·G_i(τ)
///
/// with t_mid the middle of the fitting window and T_s = (half its length)/k, so τ runs over
/// [−k, k]: k (`timeInputScale`) widens the input range so that Glorot-initialized tanh units see
/// several "wiggles" over the window (with τ ∈ [0, 1] they start almost linear and the network
/// underfits year-to-year changes). μ_i is the mean of series i, σ the pooled standard deviation
/// around those means, and s_F = rms(q)·max(1, α + β + δ) the scale of a force that holds balances
/// of that size.
public struct Normalization: Sendable, Codable, Equatable {
    public let t0: Double
    public let timeScale: Double
    public let means: [Double]
    public let scale: Double
    public let forceScale: Double

    public init(t0: Double, timeScale: Double, means: [Double], scale: Double, forceScale: Double) {
        self.t0 = t0; self.timeScale = timeScale; self.means = means; self.scale = scale; self.forceScale = forceScale
    }

    init(times: [Double], observations: [[Double]], parameters p: ModelParameters, timeInputScale k: Double) {
        let n = observations[0].count, m = Double(observations.count)
        var means = [Double](repeating: 0, count: n)
        for row in observations { for i in 0..<n { means[i] += row[i] / m } }
        var ss = 0.0, sq = 0.0
        for row in observations { for i in 0..<n { ss += (row[i] - means[i]) * (row[i] - means[i]); sq += row[i] * row[i] } }
        let sigma = (ss / (m * Double(n))).squareRoot()
        let rms = (sq / (m * Double(n))).squareRoot()
        let stiffness = max(1, p.alpha + p.beta + p.delta)
        let half = (times[times.count - 1] - times[0]) / 2
        self.init(t0: times[0] + half, timeScale: half / k, means: means,
                  scale: sigma > 0 ? sigma : 1, forceScale: rms > 0 ? rms * stiffness : stiffness)
    }

    /// τ = (t − t_mid)/T_s.
    @inlinable public func tau(_ t: Double) -> Double { (t - t0) / timeScale }
}
