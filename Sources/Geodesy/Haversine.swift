import Foundation

/// Great-circle distances on a sphere.
public enum Geodesy {
    /// Mean Earth radius R₁ = (2a + b)/3 of WGS84, kilometres (IUGG).
    public static let meanEarthRadiusKilometres = 6371.0088

    /// Great-circle distance in kilometres between two points given in degrees, on the sphere of
    /// radius 6371.0088 km, by the haversine formula
    ///     hav θ = hav(φ₂ − φ₁) + cos φ₁ cos φ₂ hav(λ₂ − λ₁),   d = 2R asin √(hav θ),
    /// with hav x = sin²(x/2). Well conditioned for short distances (no 1 − cos cancellation);
    /// near antipodes, where asin flattens, it keeps about 8 significant digits of the (tiny)
    /// departure from πR. Inputs are not validated (see `CoordinateValidation`).
    @inlinable
    public static func haversineKilometres(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let rad = Double.pi / 180
        let sinHalfDLat = sin((lat2 - lat1) * rad / 2)
        let sinHalfDLon = sin((lon2 - lon1) * rad / 2)
        let h = sinHalfDLat * sinHalfDLat + cos(lat1 * rad) * cos(lat2 * rad) * sinHalfDLon * sinHalfDLon
        return 2 * meanEarthRadiusKilometres * asin(min(1, h.squareRoot()))
    }
}
