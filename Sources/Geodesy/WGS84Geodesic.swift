/// Geodesics on the WGS84 ellipsoid: a = 6 378 137 m, f = 1/298.257223563.
public enum WGS84Geodesic {
    public static let equatorialRadiusMetres = 6_378_137.0
    public static let flattening = 1 / 298.257_223_563
    public static let ellipsoid = EllipsoidalGeodesic(equatorialRadius: equatorialRadiusMetres,
                                                      flattening: flattening)

    /// Shortest geodesic between two points given in degrees (Karney's algorithm; agrees with
    /// GeographicLib to a few nanometres). Latitudes outside [−90, 90] give NaN fields.
    @inlinable
    public static func inverse(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> GeodesicInverse {
        ellipsoid.inverse(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2)
    }
}
