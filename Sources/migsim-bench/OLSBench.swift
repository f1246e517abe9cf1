import Explanation
import Foundation
import LinearAlgebra

/// OLS of migsim (`LinearRegression.fit`: pivoted QR + full summary) on the design bench/ols_peer.py
/// exported (X row-major n × p, then y), five runs after a warm-up: medians of CPU seconds (process
/// time; bench/run.sh runs one BLAS thread) and of wall seconds.
enum OLSBench {
    static func run(file: String, n: Int, p: Int) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard data.count == 8 * (n * p + n) else {
            throw NSError(domain: "migsim-bench", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "\(file) has \(data.count) bytes, expected \(8 * (n * p + n)) for n = \(n), p = \(p)"])
        }
        let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        let x = Matrix(rows: n, columns: p, storage: Array(values[0..<(n * p)]))
        let y = Array(values[(n * p)...])
        var model = try LinearRegression.fit(x: x, y: y)
        var walls = [Double](), cpus = [Double]()
        for _ in 0..<5 {
            let t0 = now(), c0 = cpuNow()
            model = try LinearRegression.fit(x: x, y: y)
            cpus.append(cpuNow() - c0)
            walls.append(now() - t0)
        }
        // The floor: the blocked Householder QR of the n × (p + 2) matrix [1, X | y] alone.
        let augmented = Matrix(rows: n, columns: p + 2) { i, j in j == 0 ? 1 : j <= p ? x[i, j - 1] : y[i] }
        var qrCPU = [Double]()
        for _ in 0..<5 {
            let c0 = cpuNow()
            _ = try LAPACK.householderQR(augmented)
            qrCPU.append(cpuNow() - c0)
        }
        return ["case": "ols-\(n)x\(p)", "seconds": median(walls), "cpu_seconds": median(cpus),
                "householder_qr_cpu_seconds": median(qrCPU), "params": model.table.map(\.estimate),
                "bse": model.table.map { $0.standardError ?? .nan }, "rsquared": model.summary.rSquared,
                "fvalue": model.summary.fStatistic ?? .nan, "condition_number": model.summary.conditionNumber]
    }
}
