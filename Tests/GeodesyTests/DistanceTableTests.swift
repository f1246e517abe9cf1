import Foundation
import LinearAlgebra
import Testing
@testable import Geodesy

@Suite struct DistanceTableTests {
    @Test(arguments: GeodesicMetric.allCases)
    func matchesPairwiseFunctions(metric: GeodesicMetric) throws {
        var rng = SeededGenerator(seed: 3)
        var (lats, lons) = rng.spherePoints(150)
        lats += [90, -90, 0, 0, 37.5]; lons += [0, 180, 180, -180, 127]   // poles, date line, twin points
        let m = try DistanceTable.allPairs(latitudes: lats, longitudes: lons, metric: metric)
        #expect(m.rows == lats.count && m.columns == lats.count)
        var worst = 0.0
        for i in lats.indices {
            #expect(m[i, i] == 0)
            for j in lats.indices where j != i {
                #expect(m[i, j] == m[j, i])
                let expected = metric.kilometres(lat1: lats[i], lon1: lons[i], lat2: lats[j], lon2: lons[j])
                worst = max(worst, abs(m[i, j] - expected))
            }
        }
        // The sphere table uses precomputed half-angle sines; WGS84 calls the same function.
        #expect(worst <= (metric == .sphere ? 1e-9 : 0))
    }

    @Test(.needsDataFolder) func koreanCentroids() throws {
        let korea = try ReferenceFixture.koreanCentroids()
        let m = try DistanceTable.allPairs(latitudes: korea.latitudes, longitudes: korea.longitudes, metric: .wgs84)
        let seoul = try #require(korea.names.firstIndex(of: "Seoul"))
        let busan = try #require(korea.names.firstIndex(of: "Busan"))
        // Same pair from the GeographicLib fixture.
        // The fixture holds coordinates rounded to 1e-9° (≈ 0.1 mm), hence the 1 mm tolerance.
        let close = { (a: Double, b: Double) in abs(a - b) < 1e-8 }
        let reference = try ReferenceFixture.load().first {
            $0.kind == "korea" && ((close($0.lat1, korea.latitudes[seoul]) && close($0.lat2, korea.latitudes[busan]))
                || (close($0.lat2, korea.latitudes[seoul]) && close($0.lat1, korea.latitudes[busan])))
        }
        let pair = try #require(reference)
        #expect(abs(m[seoul, busan] * 1000 - pair.distanceMetres) < 1e-3)
        #expect(m[seoul, busan] > 300 && m[seoul, busan] < 340)   // Seoul–Busan ≈ 325 km
    }

    @Test func emptyAndSinglePoint() throws {
        #expect(try DistanceTable.allPairs(latitudes: [], longitudes: [], metric: .sphere).rows == 0)
        let one = try DistanceTable.allPairs(latitudes: [10], longitudes: [20], metric: .wgs84)
        #expect(one.rows == 1 && one[0, 0] == 0)
    }
}
