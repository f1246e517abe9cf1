import DataIO
import Foundation
import LinearAlgebra
import Testing

/// One row of `Fixtures/geodesic_reference.csv` (built by scripts/make_geodesic_fixture.py
/// with GeographicLib 2.1 on WGS84).
struct ReferencePair {
    let kind: String
    let lat1, lon1, lat2, lon2: Double
    let distanceMetres, azimuth1, azimuth2: Double
}

enum ReferenceFixture {
    static func load() throws -> [ReferencePair] {
        let url = try #require(Bundle.module.url(forResource: "geodesic_reference", withExtension: "csv",
                                                  subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var pairs: [ReferencePair] = []
        for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            let v = f.dropFirst().compactMap(Double.init)
            guard f.count == 8, v.count == 7 else {
                throw FixtureError(line: number + 1, text: String(line))
            }
            pairs.append(ReferencePair(kind: f[0], lat1: v[0], lon1: v[1], lat2: v[2], lon2: v[3],
                                       distanceMetres: v[4], azimuth1: v[5], azimuth2: v[6]))
        }
        return pairs
    }

    /// The Korean region centroids (`korea/regions.csv` of the data folder, columns region, lat, lon, …).
    static func koreanCentroids() throws -> (names: [String], latitudes: [Double], longitudes: [Double]) {
        let url = DataFolder.forTests.file("korea/regions.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var names: [String] = [], lats: [Double] = [], lons: [Double] = []
        for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count >= 3, let lat = Double(f[1]), let lon = Double(f[2]) else {
                throw FixtureError(line: number + 1, text: String(line))
            }
            names.append(f[0]); lats.append(lat); lons.append(lon)
        }
        return (names, lats, lons)
    }
}

/// Tests that read the project's data folder (`DataFolder`: `../shared/data` or `MIGSIM_DATA`) carry
/// this trait: without the folder they are skipped, and one line names the missing folder.
extension Trait where Self == ConditionTrait {
    static var needsDataFolder: Self {
        .enabled(if: DataFolder.availableForTests, "needs the data folder (../shared/data or MIGSIM_DATA)")
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    var description: String { "fixture line \(line) is malformed: \(text)" }
}

/// |a − b| for angles in degrees, modulo 360.
func angularDifference(_ a: Double, _ b: Double) -> Double {
    abs(remainder(a - b, 360))
}

extension SeededGenerator {
    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * nextUniform() }

    /// n points uniform on the sphere (latitude = asin(2u − 1)), degrees.
    mutating func spherePoints(_ n: Int) -> (latitudes: [Double], longitudes: [Double]) {
        var lats: [Double] = [], lons: [Double] = []
        for _ in 0..<n {
            lats.append(asin(2 * nextUniform() - 1) * 180 / .pi)
            lons.append(uniform(-180, 180))
        }
        return (lats, lons)
    }
}
