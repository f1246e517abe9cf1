/// Bad input to the batch distance computations; each case names the offending point or parameter.
public enum GeodesyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Latitude of point `index` (0-based) is non-finite or outside [−90, 90] degrees.
    case latitudeOutOfRange(index: Int, value: Double)
    /// Longitude of point `index` (0-based) is non-finite or outside [−180, 180] degrees.
    case longitudeOutOfRange(index: Int, value: Double)
    /// The latitude and longitude arrays have different lengths.
    case coordinateCountMismatch(latitudes: Int, longitudes: Int)
    /// k must satisfy 1 ≤ k ≤ n − 1.
    case neighbourCountOutOfRange(k: Int, pointCount: Int)

    public var description: String {
        switch self {
        case let .latitudeOutOfRange(index, value):
            return "point \(index): latitude \(value) is not a finite number of degrees in [-90, 90]"
        case let .longitudeOutOfRange(index, value):
            return "point \(index): longitude \(value) is not a finite number of degrees in [-180, 180]"
        case let .coordinateCountMismatch(latitudes, longitudes):
            return "got \(latitudes) latitudes but \(longitudes) longitudes; expected one of each per point"
        case let .neighbourCountOutOfRange(k, pointCount) where pointCount < 2:
            return "k = \(k) nearest neighbours requested for \(pointCount) point(s); expected at least 2 points"
        case let .neighbourCountOutOfRange(k, pointCount):
            return "k = \(k) nearest neighbours requested for \(pointCount) points; expected 1 ≤ k ≤ \(pointCount - 1)"
        }
    }
}

enum CoordinateValidation {
    /// Throws the first bad coordinate, scanning points in order (latitude before longitude).
    static func validate(latitudes: [Double], longitudes: [Double]) throws(GeodesyError) {
        guard latitudes.count == longitudes.count else {
            throw .coordinateCountMismatch(latitudes: latitudes.count, longitudes: longitudes.count)
        }
        for i in latitudes.indices {
            let lat = latitudes[i], lon = longitudes[i]
            guard lat.isFinite, abs(lat) <= 90 else { throw .latitudeOutOfRange(index: i, value: lat) }
            guard lon.isFinite, abs(lon) <= 180 else { throw .longitudeOutOfRange(index: i, value: lon) }
        }
    }
}
