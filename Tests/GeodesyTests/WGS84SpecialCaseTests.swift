import Foundation
import LinearAlgebra
import Testing
@testable import Geodesy

/// Closed-form WGS84 values and symmetries (independent of the GeographicLib fixture).
@Suite struct WGS84SpecialCaseTests {
    let a = 6_378_137.0
    let f = 1 / 298.257_223_563

    /// Quarter meridian Q = b·(π/2)·A₁(ε = n); its published WGS84 value is 10 001 965.729 m.
    @Test func poleToPoleIsTwoQuarterMeridians() {
        let g = WGS84Geodesic.inverse(lat1: -90, lon1: 0, lat2: 90, lon2: 0)
        #expect(abs(g.distanceMetres - 2 * 10_001_965.729_2) < 1e-3)
        #expect(abs(WGS84Geodesic.inverse(lat1: 0, lon1: 30, lat2: 90, lon2: -150).distanceMetres
                    - 10_001_965.729_2) < 1e-3)
    }

    /// Along the equator s = a·Δλ as long as Δλ ≤ (1 − f)·180°.
    @Test func equatorialArcs() {
        for dlon in [1e-7, 0.5, 10, 90, 179.39] {
            let g = WGS84Geodesic.inverse(lat1: 0, lon1: 20, lat2: 0, lon2: 20 + dlon)
            #expect(abs(g.distanceMetres - a * dlon * .pi / 180) < 1e-8 * max(1, g.distanceMetres / 1e6))
            #expect(g.azimuth1 == 90 && g.azimuth2 == 90)
        }
    }

    /// Beyond (1 − f)·180° the shortest path between equatorial points leaves the equator;
    /// exactly antipodal equatorial points are joined through the poles (2 quarter meridians).
    @Test func equatorialAntipodes() {
        let g = WGS84Geodesic.inverse(lat1: 0, lon1: 0, lat2: 0, lon2: 180)
        #expect(abs(g.distanceMetres - 2 * 10_001_965.729_2) < 1e-3)
        let nearly = WGS84Geodesic.inverse(lat1: 0, lon1: 0, lat2: 0, lon2: 179.9)
        #expect(nearly.distanceMetres < a * 179.9 * .pi / 180)
        #expect(abs(nearly.azimuth1) < 90 && abs(nearly.azimuth1) > 0)
    }

    @Test func coincidentPointsAreZero() {
        for (lat, lon) in [(0.0, 0.0), (37.5665, 126.978), (-90, 10), (90, -180), (-33.9, 180)] {
            #expect(WGS84Geodesic.inverse(lat1: lat, lon1: lon, lat2: lat, lon2: lon).distanceMetres == 0)
        }
        #expect(WGS84Geodesic.inverse(lat1: 0, lon1: 180, lat2: 0, lon2: -180).distanceMetres == 0)
        #expect(WGS84Geodesic.inverse(lat1: 90, lon1: 0, lat2: 90, lon2: 77).distanceMetres == 0)
    }

    @Test func dateLineIsSeamless() {
        let across = WGS84Geodesic.inverse(lat1: 52, lon1: 179.9, lat2: 53, lon2: -179.8)
        let shifted = WGS84Geodesic.inverse(lat1: 52, lon1: -0.1, lat2: 53, lon2: 0.2)
        #expect(abs(across.distanceMetres - shifted.distanceMetres) < 1e-8)
        #expect(abs(across.azimuth1 - shifted.azimuth1) < 1e-9)
        // Longitudes outside [−180, 180] are reduced.
        let wrapped = WGS84Geodesic.inverse(lat1: 52, lon1: 179.9 - 720, lat2: 53, lon2: 180.2)
        #expect(abs(wrapped.distanceMetres - across.distanceMetres) < 1e-8)
    }

    /// Swapping the endpoints keeps the distance and reverses the azimuths (azi1′ = azi2 + 180).
    @Test func reversalSymmetry() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let p = rng.spherePoints(2)
            let g = WGS84Geodesic.inverse(lat1: p.latitudes[0], lon1: p.longitudes[0], lat2: p.latitudes[1], lon2: p.longitudes[1])
            let h = WGS84Geodesic.inverse(lat1: p.latitudes[1], lon1: p.longitudes[1], lat2: p.latitudes[0], lon2: p.longitudes[0])
            #expect(abs(g.distanceMetres - h.distanceMetres) < 1e-8)
            #expect(angularDifference(h.azimuth1, g.azimuth2 + 180) < 1e-9)
        }
    }

    @Test func invalidLatitudeGivesNaN() {
        #expect(WGS84Geodesic.inverse(lat1: 90.5, lon1: 0, lat2: 0, lon2: 0).distanceMetres.isNaN)
        #expect(WGS84Geodesic.inverse(lat1: 0, lon1: .infinity, lat2: 0, lon2: 0).distanceMetres.isNaN)
    }

    /// The ellipsoid's distance over the sphere's lies within [a(1 − e²)/R, b/(1 − e²)/R]
    /// (extreme radii of curvature) — the bound that makes WGS84 nearest neighbours exact.
    @Test func ellipsoidOverSphereRatioIsBounded() {
        let e2 = f * (2 - f), r = 6_371_008.8
        let low = a * (1 - e2) / r, high = a / (1 - e2).squareRoot() / r
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let p = rng.spherePoints(2)
            let s = WGS84Geodesic.inverse(lat1: p.latitudes[0], lon1: p.longitudes[0], lat2: p.latitudes[1], lon2: p.longitudes[1]).distanceMetres
            let d = 1000 * Geodesy.haversineKilometres(lat1: p.latitudes[0], lon1: p.longitudes[0], lat2: p.latitudes[1], lon2: p.longitudes[1])
            #expect(s >= low * d && s <= high * d)
        }
    }
}
