/// How the distance between two settlements is measured.
public enum GeodesicMetric: String, Sendable, CaseIterable {
    /// Great circle on the sphere of radius 6371.0088 km (haversine).
    case sphere
    /// Shortest geodesic on the WGS84 ellipsoid (Karney's algorithm).
    case wgs84

    /// Distance in kilometres between two points given in degrees.
    @inlinable
    public func kilometres(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        switch self {
        case .sphere:
            return Geodesy.haversineKilometres(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2)
        case .wgs84:
            return WGS84Geodesic.inverse(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2).distanceMetres / 1000
        }
    }
}
