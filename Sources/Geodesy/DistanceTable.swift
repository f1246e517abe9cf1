import Dispatch
import Foundation
import LinearAlgebra

/// All-pairs distance matrices.
public enum DistanceTable {
    /// The n × n matrix of distances in kilometres between all points (degrees in): symmetric,
    /// zero diagonal. Each unordered pair is computed once (upper triangle), rows are spread over
    /// the cores with `DispatchQueue.concurrentPerform`, then the lower triangle is mirrored.
    ///
    /// For the sphere the haversine is evaluated from per-point sines and cosines of the half
    /// angles, sin((φ₂ − φ₁)/2) = sin(φ₂/2)cos(φ₁/2) − cos(φ₂/2)sin(φ₁/2) (likewise for λ),
    /// so each pair costs one square root and one arcsine; it agrees with
    /// `Geodesy.haversineKilometres` to ~1e-12 km.
    public static func allPairs(latitudes: [Double], longitudes: [Double],
                                metric: GeodesicMetric) throws(GeodesyError) -> Matrix {
        try CoordinateValidation.validate(latitudes: latitudes, longitudes: longitudes)
        let n = latitudes.count
        guard n > 1 else { return Matrix(rows: n, columns: n) }
        let sphere = metric == .sphere ? HalfAngleTable(latitudes: latitudes, longitudes: longitudes) : nil
        // Row i has n − 1 − i entries; interleaving rows over many more chunks than cores balances
        // the triangle's uneven rows. The storage is not zero-filled first: every element is
        // written exactly once (upper triangle and diagonal, then the mirrored lower triangle),
        // so the pages are first touched by the parallel workers.
        let chunks = min(n, 256)
        let storage = [Double](unsafeUninitializedCapacity: n * n) { buffer, initialized in
            let shared = DisjointWrites(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var i = chunk
                while i < n {
                    let row = shared.base + i * n
                    row[i] = 0
                    if let sphere {
                        sphere.fillRow(i, into: row, upTo: n)
                    } else {
                        let lat1 = latitudes[i], lon1 = longitudes[i]
                        for j in (i + 1)..<n {
                            row[j] = WGS84Geodesic.inverse(lat1: lat1, lon1: lon1, lat2: latitudes[j],
                                                           lon2: longitudes[j]).distanceMetres / 1000
                        }
                    }
                    i += chunks
                }
            }
            mirrorUpperTriangle(shared, n: n)
            initialized = n * n
        }
        return Matrix(rows: n, columns: n, storage: storage)
    }

    /// Copies the strict upper triangle onto the lower one in square tiles (so both the rows
    /// read and the rows written stay in cache); tile rows are spread over the cores.
    static func mirrorUpperTriangle(_ m: DisjointWrites<Double>, n: Int) {
        let tile = 64
        let tileRows = (n + tile - 1) / tile
        DispatchQueue.concurrentPerform(iterations: tileRows) { t in
            let ib = t * tile
            let iEnd = min(ib + tile, n)
            var jb = 0
            while jb < iEnd {
                for i in ib..<iEnd {
                    let jEnd = min(jb + tile, i)
                    if jb < jEnd {
                        for j in jb..<jEnd { m.base[i * n + j] = m.base[j * n + i] }
                    }
                }
                jb += tile
            }
        }
    }
}

/// Per-point sin/cos of half the latitude and longitude, and cos φ, for the haversine of many pairs.
struct HalfAngleTable: Sendable {
    let sinHalfLat: [Double], cosHalfLat: [Double]
    let sinHalfLon: [Double], cosHalfLon: [Double]
    let cosLat: [Double]

    init(latitudes: [Double], longitudes: [Double]) {
        let rad = Double.pi / 180
        sinHalfLat = latitudes.map { sin($0 * rad / 2) }
        cosHalfLat = latitudes.map { cos($0 * rad / 2) }
        sinHalfLon = longitudes.map { sin($0 * rad / 2) }
        cosHalfLon = longitudes.map { cos($0 * rad / 2) }
        cosLat = latitudes.map { cos($0 * rad) }
    }

    /// Haversine distance (km) between points i and j.
    @inline(__always)
    func kilometres(_ i: Int, _ j: Int) -> Double {
        let sdLat = sinHalfLat[j] * cosHalfLat[i] - cosHalfLat[j] * sinHalfLat[i]
        let sdLon = sinHalfLon[j] * cosHalfLon[i] - cosHalfLon[j] * sinHalfLon[i]
        let h = sdLat * sdLat + cosLat[i] * cosLat[j] * sdLon * sdLon
        return 2 * Geodesy.meanEarthRadiusKilometres * asin(min(1, h.squareRoot()))
    }

    /// row[j] = distance(i, j) for j in i+1..<n, without bounds checks in the loop.
    func fillRow(_ i: Int, into row: UnsafeMutablePointer<Double>, upTo n: Int) {
        sinHalfLat.withUnsafeBufferPointer { sLat in
        cosHalfLat.withUnsafeBufferPointer { cLat in
        sinHalfLon.withUnsafeBufferPointer { sLon in
        cosHalfLon.withUnsafeBufferPointer { cLon in
        cosLat.withUnsafeBufferPointer { cosL in
            let twoR = 2 * Geodesy.meanEarthRadiusKilometres
            let si = sLat[i], ci = cLat[i], sli = sLon[i], cli = cLon[i], cosi = cosL[i]
            for j in (i + 1)..<n {
                let sdLat = sLat[j] * ci - cLat[j] * si
                let sdLon = sLon[j] * cli - cLon[j] * sli
                let h = sdLat * sdLat + cosi * cosL[j] * sdLon * sdLon
                row[j] = twoR * asin(min(1, h.squareRoot()))
            }
        }}}}}
    }
}
