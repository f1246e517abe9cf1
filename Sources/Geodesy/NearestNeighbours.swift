import Dispatch
import Foundation

/// The k nearest neighbours of every point: row i lists neighbour indices and their distances
/// (km), ascending by distance, equal distances by ascending index. A point is never its own
/// neighbour; a different point at the same position is a neighbour at distance 0.
public struct NeighbourTable: Equatable, Sendable {
    public let metric: GeodesicMetric
    public let k: Int
    public let indices: [[Int]]
    public let kilometres: [[Double]]

    public init(metric: GeodesicMetric, k: Int, indices: [[Int]], kilometres: [[Double]]) {
        self.metric = metric
        self.k = k
        self.indices = indices
        self.kilometres = kilometres
    }
}

public enum NearestNeighbours {
    /// k nearest neighbours of every point for n up to tens of thousands, in O(n log n)-ish time.
    ///
    /// Method: a k-d tree over unit vectors (`ChordKDTree`) returns m ≥ k candidates by chord,
    /// which orders points exactly as great-circle distance does. The candidates are ranked by
    /// the requested metric, and the answer is accepted only when it is provably exact: every
    /// point outside the candidate pool is at least as far as the m-th candidate on the sphere,
    /// hence at least `ratio` times that far in the metric, where `ratio` is 1 for the sphere
    /// and a(1 − e²)/R ≈ 0.99442 for WGS84 (the smallest radius of curvature of the ellipsoid,
    /// the meridional one at the equator, over the sphere's radius: the identity map
    /// (φ, λ) ↦ (φ, λ) from sphere to ellipsoid stretches every curve by at least that factor).
    /// If the k-th metric distance is not strictly below that bound (less a 1e-9 km rounding
    /// margin), the pool is doubled and the query repeated. The pool starts at m = 2k + 8.
    public static func compute(latitudes: [Double], longitudes: [Double], k: Int,
                               metric: GeodesicMetric) throws(GeodesyError) -> NeighbourTable {
        try CoordinateValidation.validate(latitudes: latitudes, longitudes: longitudes)
        let n = latitudes.count
        guard k >= 1, k <= n - 1 else { throw .neighbourCountOutOfRange(k: k, pointCount: n) }
        let tree = ChordKDTree(latitudes: latitudes, longitudes: longitudes)
        let sphere = HalfAngleTable(latitudes: latitudes, longitudes: longitudes)
        let ratio: Double
        switch metric {
        case .sphere: ratio = 1
        case .wgs84:
            let e = WGS84Geodesic.ellipsoid
            ratio = e.equatorialRadius * (1 - e.e2) / (1000 * Geodesy.meanEarthRadiusKilometres)
        }
        var flatIndices = [Int](repeating: 0, count: n * k)
        var flatKilometres = [Double](repeating: 0, count: n * k)
        let chunks = min(n, 128)
        flatIndices.withUnsafeMutableBufferPointer { idxOut in
            flatKilometres.withUnsafeMutableBufferPointer { kmOut in
                let indexWrites = DisjointWrites(base: idxOut.baseAddress!)
                let kmWrites = DisjointWrites(base: kmOut.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var heap = CandidateHeap()
                    var ranked: [(km: Double, index: Int)] = []
                    var i = chunk
                    while i < n {
                        var m = min(n - 1, 2 * k + 8)
                        while true {
                            tree.nearest(to: i, count: m, heap: &heap)
                            ranked.removeAll(keepingCapacity: true)
                            for c in 0..<heap.count {
                                let j = heap.indices[c]
                                let km = metric == .sphere
                                    ? sphere.kilometres(i, j)
                                    : WGS84Geodesic.inverse(lat1: latitudes[i], lon1: longitudes[i],
                                                            lat2: latitudes[j], lon2: longitudes[j]).distanceMetres / 1000
                                ranked.append((km, j))
                            }
                            sortByDistanceThenIndex(&ranked)
                            if m == n - 1 { break }
                            let poolEdgeKm = 2 * Geodesy.meanEarthRadiusKilometres
                                * asin(min(1, heap.worstKey.squareRoot() / 2))
                            if ranked[k - 1].km < ratio * poolEdgeKm - 1e-9 { break }
                            m = min(n - 1, 2 * m)
                        }
                        for r in 0..<k {
                            indexWrites.base[i * k + r] = ranked[r].index
                            kmWrites.base[i * k + r] = ranked[r].km
                        }
                        i += chunks
                    }
                }
            }
        }
        return NeighbourTable(
            metric: metric, k: k,
            indices: (0..<n).map { Array(flatIndices[($0 * k)..<(($0 + 1) * k)]) },
            kilometres: (0..<n).map { Array(flatKilometres[($0 * k)..<(($0 + 1) * k)]) })
    }

    /// Ascending by distance, then by index: insertion sort for the usual small pools.
    static func sortByDistanceThenIndex(_ a: inout [(km: Double, index: Int)]) {
        if a.count > 64 {
            a.sort { $0.km < $1.km || ($0.km == $1.km && $0.index < $1.index) }
            return
        }
        for s in 1..<max(1, a.count) {
            let item = a[s]
            var t = s - 1
            while t >= 0 && (a[t].km > item.km || (a[t].km == item.km && a[t].index > item.index)) {
                a[t + 1] = a[t]
                t -= 1
            }
            a[t + 1] = item
        }
    }
}
