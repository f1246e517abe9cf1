import Foundation
import LinearAlgebra
import Testing
@testable import Geodesy

@Suite struct NearestNeighboursTests {
    /// Brute force: all distances from point i with the same per-pair arithmetic, sorted by
    /// (km, index).
    func bruteForce(_ lats: [Double], _ lons: [Double], k: Int, metric: GeodesicMetric) throws -> NeighbourTable {
        let m = try DistanceTable.allPairs(latitudes: lats, longitudes: lons, metric: metric)
        var indices: [[Int]] = [], kms: [[Double]] = []
        for i in lats.indices {
            let others: [Int] = lats.indices.filter { $0 != i }
            let sorted: [Int] = others.sorted { a, b in
                m[i, a] < m[i, b] || (m[i, a] == m[i, b] && a < b)
            }
            let row = Array(sorted.prefix(k))
            indices.append(row)
            kms.append(row.map { m[i, $0] })
        }
        return NeighbourTable(metric: metric, k: k, indices: indices, kilometres: kms)
    }

    /// Identical tables; on a difference, reports the first differing row only.
    func expectSame(_ fast: NeighbourTable, _ brute: NeighbourTable, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.k == brute.k && fast.metric == brute.metric && fast.indices.count == brute.indices.count,
                sourceLocation: sourceLocation)
        for i in fast.indices.indices
        where fast.indices[i] != brute.indices[i] || fast.kilometres[i] != brute.kilometres[i] {
            Issue.record("row \(i): \(fast.indices[i]) \(fast.kilometres[i]) vs brute force \(brute.indices[i]) \(brute.kilometres[i])",
                         sourceLocation: sourceLocation)
            return
        }
    }

    @Test(arguments: GeodesicMetric.allCases)
    func randomGlobalPointsMatchBruteForce(metric: GeodesicMetric) throws {
        var rng = SeededGenerator(seed: 42)
        let (lats, lons) = rng.spherePoints(300)
        for k in [1, 5, 16] {
            let fast = try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: k, metric: metric)
            expectSame(fast, try bruteForce(lats, lons, k: k, metric: metric))
        }
    }

    /// A clustered set (one dense region plus global points), duplicates, poles and the date line:
    /// ties must be broken by index and the WGS84 re-ranking must reach past the sphere's order.
    @Test(arguments: GeodesicMetric.allCases)
    func clusteredDuplicatesAndSeamsMatchBruteForce(metric: GeodesicMetric) throws {
        var rng = SeededGenerator(seed: 9)
        var lats: [Double] = [], lons: [Double] = []
        for _ in 0..<200 {
            lats.append(rng.uniform(-1, 1))
            let lon = rng.uniform(179, 181)
            lons.append(lon > 180 ? lon - 360 : lon)
        }
        for _ in 0..<60 { lats.append(rng.uniform(88, 90)); lons.append(rng.uniform(-180, 180)) }
        lats += [10, 10, 10, 90, 90, -90]; lons += [20, 20, 20, 0, 45, 0]   // triplicate point, pole twins
        let (gl, go) = rng.spherePoints(40)
        lats += gl; lons += go
        for k in [1, 3, 12] {
            let fast = try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: k, metric: metric)
            expectSame(fast, try bruteForce(lats, lons, k: k, metric: metric))
        }
        let twins = try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: 2, metric: metric)
        let first = lats.count - 46
        #expect(twins.indices[first] == [first + 1, first + 2])
        #expect(twins.kilometres[first] == [0, 0])
    }

    @Test(.needsDataFolder, arguments: GeodesicMetric.allCases)
    func koreanCentroidsMatchBruteForce(metric: GeodesicMetric) throws {
        let korea = try ReferenceFixture.koreanCentroids()
        for k in [1, 4, korea.latitudes.count - 1] {
            let fast = try NearestNeighbours.compute(latitudes: korea.latitudes, longitudes: korea.longitudes,
                                                     k: k, metric: metric)
            expectSame(fast, try bruteForce(korea.latitudes, korea.longitudes, k: k, metric: metric))
            for row in fast.kilometres { #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 }) }
        }
    }

    /// The sphere and WGS84 orders can differ: a point due north vs one due east at nearly the
    /// same spherical distance (meridian degrees are shorter than equatorial ones on the ellipsoid).
    @Test func wgs84CanReorderSphereNeighbours() throws {
        let lats = [0, 1.0, 0], lons = [0, 0, 0.998]
        let sphere = try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: 1, metric: .sphere)
        let wgs84 = try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: 1, metric: .wgs84)
        #expect(sphere.indices[0] == [2])
        #expect(wgs84.indices[0] == [1])
    }
}
