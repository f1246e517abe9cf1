import Dispatch
import Foundation
import Geodesy
import LinearAlgebra

/// Geodesy throughput: WGS84 inverse pairs per CPU second (one thread; wall too) and the all-pairs
/// sphere table for n = 5,000 (both cores: CPU seconds summed over threads, and wall). Inputs are seeded: points uniform on the sphere, drawn as
/// latitude = asin(2u − 1), longitude = 360u − 180 — the same recipe as bench/geodesy_peer.py.
enum GeodesyBench {
    static func run(pairs: Int) -> [String: Double] {
        var result: [String: Double] = [:]
        var rng = SeededGenerator(seed: 20_261_123)
        let (lats, lons) = uniformSpherePoints(2 * pairs, &rng)

        // WGS84 inverse, one thread; five passes, medians of CPU and wall seconds. The checksum keeps the work alive.
        var walls = [Double](), cpus = [Double](), checksum = 0.0
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
            var sum = 0.0
            for p in 0..<pairs {
                sum += WGS84Geodesic.inverse(lat1: lats[2 * p], lon1: lons[2 * p],
                                             lat2: lats[2 * p + 1], lon2: lons[2 * p + 1]).distanceMetres
            }
            cpus.append(processCPUSeconds() - cpuStart)
            walls.append(seconds(since: start))
            checksum = sum
        }
        result["wgs84_inverse_pairs"] = Double(pairs)
        result["wgs84_inverse_pairs_per_second"] = Double(pairs) / median(walls)
        result["wgs84_inverse_pairs_per_cpu_second"] = Double(pairs) / median(cpus)
        result["wgs84_inverse_mean_metres"] = checksum / Double(pairs)

        // Sphere all pairs, n = 5,000 (12.5 million distances, a 200 MB matrix).
        let n = 5_000
        let (tableLats, tableLons) = uniformSpherePoints(n, &rng)
        var tableBest = Double.infinity, tableCPU = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
            let m = try! DistanceTable.allPairs(latitudes: tableLats, longitudes: tableLons, metric: .sphere)
            tableBest = min(tableBest, seconds(since: start))
            tableCPU = min(tableCPU, processCPUSeconds() - cpuStart)
            precondition(m[0, 1] > 0)
        }
        result["sphere_all_pairs_n5000_seconds"] = tableBest
        // CPU seconds summed over threads: what the wall time would be on one idle core.
        result["sphere_all_pairs_n5000_cpu_seconds"] = tableCPU

        // k nearest neighbours, n = 50,000, k = 16, both metrics.
        let (knnLats, knnLons) = uniformSpherePoints(50_000, &rng)
        for metric in GeodesicMetric.allCases {
            let start = DispatchTime.now().uptimeNanoseconds
            let t = try! NearestNeighbours.compute(latitudes: knnLats, longitudes: knnLons, k: 16, metric: metric)
            result["\(metric.rawValue)_knn_n50000_k16_seconds"] = seconds(since: start)
            precondition(t.indices.count == 50_000)
        }
        return result
    }

    private static func uniformSpherePoints(_ n: Int, _ rng: inout SeededGenerator) -> ([Double], [Double]) {
        var lats = [Double](), lons = [Double]()
        lats.reserveCapacity(n); lons.reserveCapacity(n)
        for _ in 0..<n {
            lats.append(asin(2 * rng.nextUniform() - 1) * 180 / .pi)
            lons.append(360 * rng.nextUniform() - 180)
        }
        return (lats, lons)
    }

    /// CPU time of the whole process (all threads), seconds.
    private static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
