import Testing
@testable import Geodesy

@Suite struct InputValidationTests {
    @Test(arguments: [
        (90.000001, GeodesyError.latitudeOutOfRange(index: 2, value: 90.000001)),
        (-91, .latitudeOutOfRange(index: 2, value: -91)),
        (.infinity, .latitudeOutOfRange(index: 2, value: .infinity)),
    ])
    func badLatitudeIsNamed(value: Double, expected: GeodesyError) {
        let lats: [Double] = [0, 10, value, 20], lons: [Double] = [0, 10, 10, 20]
        #expect(throws: expected) { try DistanceTable.allPairs(latitudes: lats, longitudes: lons, metric: .sphere) }
        #expect(throws: expected) { try NearestNeighbours.compute(latitudes: lats, longitudes: lons, k: 1, metric: .wgs84) }
    }

    @Test func nanLatitudeIsNamed() {
        do {
            _ = try DistanceTable.allPairs(latitudes: [1, .nan], longitudes: [0, 0], metric: .wgs84)
            Issue.record("expected an error")
        } catch {
            guard case .latitudeOutOfRange(index: 1, let v) = error, v.isNaN else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(error.description.contains("point 1: latitude nan"))
        }
    }

    @Test(arguments: [180.5, -181, Double.nan, -Double.infinity])
    func badLongitudeIsNamed(value: Double) throws {
        let error = try #require(throws: GeodesyError.self) {
            try NearestNeighbours.compute(latitudes: [0, 1, 2], longitudes: [0, value, 5], k: 1, metric: .sphere)
        }
        guard case .longitudeOutOfRange(index: 1, _) = error else { Issue.record("wrong error \(error)"); return }
        #expect(error.description.contains("point 1: longitude"))
        #expect(error.description.contains("[-180, 180]"))
    }

    @Test func boundaryValuesAreAccepted() throws {
        let m = try DistanceTable.allPairs(latitudes: [90, -90, 0], longitudes: [180, -180, 0], metric: .wgs84)
        #expect(m.rows == 3)
    }

    @Test func mismatchedArrays() {
        #expect(throws: GeodesyError.coordinateCountMismatch(latitudes: 2, longitudes: 1)) {
            try DistanceTable.allPairs(latitudes: [0, 1], longitudes: [0], metric: .sphere)
        }
        #expect(GeodesyError.coordinateCountMismatch(latitudes: 2, longitudes: 1).description
                == "got 2 latitudes but 1 longitudes; expected one of each per point")
    }

    @Test func tooFewPointsForNeighbours() {
        #expect(throws: GeodesyError.neighbourCountOutOfRange(k: 1, pointCount: 1)) {
            try NearestNeighbours.compute(latitudes: [5], longitudes: [5], k: 1, metric: .wgs84)
        }
        #expect(GeodesyError.neighbourCountOutOfRange(k: 1, pointCount: 1).description
                == "k = 1 nearest neighbours requested for 1 point(s); expected at least 2 points")
    }

    @Test(arguments: [0, -1, 3, 10])
    func neighbourCountOutOfRange(k: Int) {
        #expect(throws: GeodesyError.neighbourCountOutOfRange(k: k, pointCount: 3)) {
            try NearestNeighbours.compute(latitudes: [0, 1, 2], longitudes: [0, 1, 2], k: k, metric: .sphere)
        }
        #expect(GeodesyError.neighbourCountOutOfRange(k: k, pointCount: 3).description
                == "k = \(k) nearest neighbours requested for 3 points; expected 1 ≤ k ≤ 2")
    }
}
