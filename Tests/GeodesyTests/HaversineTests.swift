import Foundation
import LinearAlgebra
import Testing
@testable import Geodesy

@Suite struct HaversineTests {
    let r = 6371.0088

    @Test func exactArcs() {
        #expect(abs(Geodesy.haversineKilometres(lat1: 0, lon1: 0, lat2: 0, lon2: 90) - r * .pi / 2) < 1e-12 * r)
        #expect(abs(Geodesy.haversineKilometres(lat1: 90, lon1: 0, lat2: -90, lon2: 0) - r * .pi) < 1e-12 * r)
        #expect(abs(Geodesy.haversineKilometres(lat1: 0, lon1: 0, lat2: 0, lon2: 180) - r * .pi) < 1e-12 * r)
        #expect(Geodesy.haversineKilometres(lat1: 37.5, lon1: 127, lat2: 37.5, lon2: 127) == 0)
        // One degree of latitude anywhere is R·π/180.
        #expect(abs(Geodesy.haversineKilometres(lat1: 40, lon1: 10, lat2: 41, lon2: 10) - r * .pi / 180) < 1e-11)
    }

    @Test func dateLineAndSymmetry() {
        let across = Geodesy.haversineKilometres(lat1: 10, lon1: 179.5, lat2: -5, lon2: -179.5)
        let shifted = Geodesy.haversineKilometres(lat1: 10, lon1: -0.5, lat2: -5, lon2: 0.5)
        #expect(abs(across - shifted) < 1e-9)
        #expect(Geodesy.haversineKilometres(lat1: -5, lon1: -179.5, lat2: 10, lon2: 179.5) == across)
    }

    /// Against the spherical law of cosines, accurate away from tiny and antipodal separations.
    @Test func agreesWithLawOfCosines() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let (la1, lo1, la2, lo2) = (rng.uniform(-80, 80), rng.uniform(-180, 180), rng.uniform(-80, 80), rng.uniform(-180, 180))
            let rad = Double.pi / 180
            let c = sin(la1 * rad) * sin(la2 * rad) + cos(la1 * rad) * cos(la2 * rad) * cos((lo2 - lo1) * rad)
            let expected = r * acos(max(-1, min(1, c)))
            guard expected > 100, expected < 19_900 else { continue }
            #expect(abs(Geodesy.haversineKilometres(lat1: la1, lon1: lo1, lat2: la2, lon2: lo2) - expected) < 1e-7)
        }
    }

    /// Very short distances keep their relative precision (1 mm apart).
    @Test func millimetreSeparation() {
        let oneMillimetreInDegrees = 1e-6 / r * 180 / .pi
        let lat2 = 12 + oneMillimetreInDegrees
        let exact = r * (lat2 - 12) * .pi / 180   // lat2 − 12 is exact (Sterbenz)
        let d = Geodesy.haversineKilometres(lat1: 12, lon1: 34, lat2: lat2, lon2: 34)
        #expect(abs(d - exact) < 1e-12 * exact)
    }
}

