/// The solution of the inverse geodesic problem between two points.
public struct GeodesicInverse: Equatable, Sendable {
    /// Length of the shortest geodesic, metres.
    public var distanceMetres: Double
    /// Forward azimuth at the first point, degrees clockwise from north, in [−180, 180].
    public var azimuth1: Double
    /// Forward azimuth at the second point (the direction of travel on arrival), degrees.
    public var azimuth2: Double
    /// Arc length on the auxiliary sphere, degrees.
    public var arcDegrees: Double

    public init(distanceMetres: Double, azimuth1: Double, azimuth2: Double, arcDegrees: Double) {
        self.distanceMetres = distanceMetres
        self.azimuth1 = azimuth1
        self.azimuth2 = azimuth2
        self.arcDegrees = arcDegrees
    }
}
