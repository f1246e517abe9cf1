import Geodesy
import LinearAlgebra

/// How the coupling of an assembled model is stored.
public enum CouplingLayout: Sendable, Equatable, CustomStringConvertible {
    case dense
    /// k nearest neighbours, symmetrized; `edges` undirected pairs kept.
    case sparse(k: Int, edges: Int)

    public var description: String {
        switch self {
        case .dense: return "dense (all pairs)"
        case .sparse(let k, let e): return "sparse: \(k) nearest neighbours, \(e) symmetric pairs"
        }
    }
}

/// A model ready to simulate, with what was chosen while assembling it.
public struct AssembledModel: Sendable {
    public let model: LagrangianModel
    public let layout: CouplingLayout
    /// Aᵢ, the mobility of each settlement's population.
    public let mobility: [Double]
}

/// Assembles the Lagrangian model of SPEC §2 from settlements, parameters and (optionally)
/// observed balance series for the similarity term.
///
/// Choices (documented for users):
/// - Dense coupling when n ≤ `parameters.denseLimit`, otherwise the symmetrized k-nearest-neighbour
///   pattern with k = `parameters.neighbours` (similarity is then kept only between neighbours).
/// - Settlements without age shares have Aᵢ = 0, so D = δ·I: all of them are held alike towards
///   zero balance by δ (the age term degenerates to a uniform restoring force).
/// - No balance series (or β = 0): no similarity term.
public enum ModelAssembly {
    public static func build(settlements: [Settlement], ages: AgeStructure?, similaritySeries: [[Double?]]?,
                             parameters p: ModelParameters) throws -> AssembledModel {
        let mobility = try checkedMobility(settlements: settlements, ages: ages, similaritySeries: similaritySeries, parameters: p)
        let n = settlements.count
        let lat = settlements.map(\.latitude), lon = settlements.map(\.longitude)
        let metric: GeodesicMetric = p.metric == .wgs84 ? .wgs84 : .sphere

        // ρ only where it is used: all pairs in the dense layout, the coupled pairs in the sparse one.
        let series = p.beta > 0 ? similaritySeries : nil
        var terms: [any PotentialTerm] = []
        let layout: CouplingLayout
        if n <= p.denseLimit {
            let d = try DistanceTable.allPairs(latitudes: lat, longitudes: lon, metric: metric)
            if p.alpha > 0 { terms.append(LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.denseDistanceWeights(distances: d, parameters: p))) }
            if let series {
                let rho = Similarity.pearson(series)
                terms.append(LaplacianCouplingTerm(name: "similarity", weights: CouplingBuilder.denseSimilarityWeights(correlation: rho, parameters: p)))
            }
            layout = .dense
        } else {
            let k = min(p.neighbours, n - 1)
            let nn = try NearestNeighbours.compute(latitudes: lat, longitudes: lon, k: k, metric: metric)
            let edges = CouplingBuilder.symmetricEdges(neighbourIndices: nn.indices, neighbourKilometres: nn.kilometres)
            if p.alpha > 0 { terms.append(LaplacianCouplingTerm(name: "distance", weights: CouplingBuilder.sparseDistanceWeights(n: n, edges: edges, parameters: p))) }
            if let series {
                let rho = Similarity.pearson(series, pairs: edges.map { (i: $0.i, j: $0.j) })
                terms.append(LaplacianCouplingTerm(name: "similarity", weights: CouplingBuilder.sparseSimilarityWeights(n: n, edges: edges, edgeCorrelations: rho, parameters: p)))
            }
            layout = .sparse(k: k, edges: edges.count)
        }
        if p.delta > 0 { terms.append(AgeRestoringTerm(delta: p.delta, mobility: mobility)) }
        let model = try LagrangianModel(inertia: [Double](repeating: p.inertia, count: n), damping: p.damping, terms: terms)
        return AssembledModel(model: model, layout: layout, mobility: mobility)
    }

    /// The checks `build` makes on its inputs (parameters, at least one settlement, populations, the
    /// number of similarity series, age shares against the age groups) and the mobility Aᵢ it
    /// assembles, without the coupling: for callers that lay out the coupling themselves (the fit's
    /// problem, identification cases), so they do not compute the geometry twice.
    public static func checkedMobility(settlements: [Settlement], ages: AgeStructure?, similaritySeries: [[Double?]]?,
                                       parameters p: ModelParameters) throws -> [Double] {
        try p.validate()
        let n = settlements.count
        guard n >= 1 else { throw ModelError.dimensionMismatch("the model needs at least one settlement") }
        for s in settlements {
            if !(s.population.isFinite && s.population > 0) {
                throw ModelError.invalidSettlement(id: s.id, field: "population", value: s.population, expected: "a finite number > 0")
            }
        }
        if let series = similaritySeries, series.count != n {
            throw ModelError.dimensionMismatch("similarity series for \(series.count) settlements, the model has \(n)")
        }
        // Mobility Aᵢ from the age structure.
        let ageFunction = AgeFunction(p.ageFunction)
        var mobility = [Double](repeating: 0, count: n)
        if let ages {
            for (i, s) in settlements.enumerated() where !s.ageShares.isEmpty {
                guard s.ageShares.count == ages.count else {
                    throw ModelError.dimensionMismatch("settlement '\(s.id)' has \(s.ageShares.count) age shares, the case has \(ages.count) age groups")
                }
                mobility[i] = ageFunction.mobility(shares: s.ageShares, ages: ages.representativeAges)
            }
        }
        return mobility
    }
}
