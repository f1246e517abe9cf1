import Foundation
import Testing
@testable import Geodesy

@Suite struct WGS84GeodesicTests {
    /// Every fixture pair within 1 mm of GeographicLib; in practice the worst is nanometres.
    @Test func agreesWithGeographicLibOnEveryFixturePair() throws {
        let pairs = try ReferenceFixture.load()
        #expect(pairs.count >= 2000)
        var worst = 0.0, worstKind = ""
        for p in pairs {
            let g = WGS84Geodesic.inverse(lat1: p.lat1, lon1: p.lon1, lat2: p.lat2, lon2: p.lon2)
            let error = abs(g.distanceMetres - p.distanceMetres)
            #expect(error < 1e-3, "\(p.kind) (\(p.lat1), \(p.lon1)) → (\(p.lat2), \(p.lon2)): \(g.distanceMetres) vs \(p.distanceMetres)")
            if error > worst { worst = error; worstKind = p.kind }
        }
        print("WGS84 fixture: max |s12 − GeographicLib| = \(worst) m (\(worstKind)) over \(pairs.count) pairs")
        #expect(worst < 1e-7)
    }

    /// Azimuths within 1e-9° wherever they are defined: not for coincident points, and not for
    /// lines starting or ending at a pole (the azimuth there depends on the longitude convention).
    /// For lines shorter than about 1 km the azimuth is ill-conditioned: one unit in the last
    /// place of a coordinate (≈ 1e-9 m on the ground) turns it by ≈ 1e-9 m / s₁₂ radians, so
    /// there the bound is the angle subtended by 1e-8 m (a few ulps) at distance s₁₂.
    @Test func azimuthsAgreeWithGeographicLib() throws {
        var worstDegrees = 0.0, worstGroundMetres = 0.0
        for p in try ReferenceFixture.load()
        where p.kind != "coincident" && abs(p.lat1) != 90 && abs(p.lat2) != 90 && p.distanceMetres > 0 {
            let g = WGS84Geodesic.inverse(lat1: p.lat1, lon1: p.lon1, lat2: p.lat2, lon2: p.lon2)
            let e = max(angularDifference(g.azimuth1, p.azimuth1), angularDifference(g.azimuth2, p.azimuth2))
            let conditioningBound = 1e-8 / p.distanceMetres * 180 / Double.pi
            #expect(e < max(1e-9, conditioningBound), "\(p.kind) (\(p.lat1), \(p.lon1)) → (\(p.lat2), \(p.lon2)): \(g.azimuth1), \(g.azimuth2) vs \(p.azimuth1), \(p.azimuth2)")
            if p.distanceMetres > 1000 { worstDegrees = max(worstDegrees, e) }
            else { worstGroundMetres = max(worstGroundMetres, e * Double.pi / 180 * p.distanceMetres) }
        }
        print("WGS84 fixture: max azimuth error \(worstDegrees)° on lines > 1 km; on shorter lines max (azimuth error × s12) = \(worstGroundMetres) m")
    }
}
