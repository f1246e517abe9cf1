import Testing
import Geodesy

/// The example of Sources/Geodesy/README.md, kept compiling and checked.
@Test func readmeExampleGeodesy() throws {
    let latitudes = [0.0, 0.0, 0.0], longitudes = [0.0, 1.0, 3.0]
    let d = Geodesy.haversineKilometres(lat1: 0, lon1: 0, lat2: 0, lon2: 1)
    let g = WGS84Geodesic.inverse(lat1: 0, lon1: 0, lat2: 0, lon2: 1)
    let table = try DistanceTable.allPairs(latitudes: latitudes, longitudes: longitudes, metric: .sphere)
    let knn = try NearestNeighbours.compute(latitudes: latitudes, longitudes: longitudes, k: 1, metric: .wgs84)

    #expect(abs(d - 6371.0088 * Double.pi / 180) < 1e-9)
    #expect(abs(g.distanceMetres - 6_378_137 * Double.pi / 180) < 1e-6)
    #expect(abs(table[0, 2] - 3 * d) < 1e-9 && table[2, 0] == table[0, 2])
    #expect(knn.indices == [[1], [0], [1]])
}
