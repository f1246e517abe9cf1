import Autodiff
import Explanation
import Foundation
import LinearAlgebra

/// Kernel SHAP against the `shap` package's KernelExplainer (bench/shap_peer.py). The problem is
/// seeded and written to PREFIX.json so the peer explains the same model on the same data, with a
/// background of `background` standard-normal rows, `rows` rows to explain (normal, σ = 1.5) and
/// `samples` coalitions per row. Two models:
/// - `mlp`: features → 32 → 32 → 1 (tanh; Glorot weights from seed 2026, small seeded biases),
///   where evaluating the network (≈ 13 M tanh per row) dominates both sides;
/// - `interaction`: f(x) = β₀ + βᵀx + Σ_p c_p x_{a_p} x_{b_p} with M/2 random pairs, cheap to
///   evaluate, so the time is the Kernel SHAP machinery itself.
/// Times are the median and best of `repeats` runs after a one-row warm-up: CPU seconds (this
/// process's user + system time, all threads; bench/run.sh runs one BLAS thread) and wall seconds.
enum ShapBench {
    static func run(prefix: String, model kind: String, features m: Int, background n: Int, rows r: Int,
                    samples: Int, repeats: Int) throws -> [String: Any] {
        var rng = SeededGenerator(seed: 2027)
        var problem: [String: Any] = ["model": kind, "samples": samples, "repeats": repeats]
        let model: any FeatureModel
        switch kind {
        case "mlp":
            let network = MLP(layerSizes: [m, 32, 32, 1], activation: .tanh)
            var θ = network.initialParameters(seed: 2026)
            // Layout per layer: W (out×in) then b (out); give the biases small seeded values.
            var offset = 0
            for (inputs, outputs) in zip(network.layerSizes, network.layerSizes.dropFirst()) {
                offset += inputs * outputs
                for k in 0..<outputs { θ[offset + k] = 0.1 * rng.nextGaussian() }
                offset += outputs
            }
            model = try MLPFeatureModel(network: network, parameters: θ)
            problem["layer_sizes"] = network.layerSizes
            problem["activation"] = "tanh"
            problem["parameters"] = θ
        case "interaction":
            let beta = (0..<m).map { _ in rng.nextGaussian() }
            let pairs = (0..<(m / 2)).map { _ in
                (Int(rng.next() % UInt64(m)), Int(rng.next() % UInt64(m)), rng.nextGaussian())
            }
            model = InteractionBenchModel(intercept: 0.5, beta: beta, pairs: pairs)
            problem["intercept"] = 0.5
            problem["beta"] = beta
            problem["pairs"] = pairs.map { [$0.0, $0.1] }
            problem["pair_coefficients"] = pairs.map { $0.2 }
        default:
            throw BenchError.usage("shap: model \(kind), expected mlp or interaction")
        }
        let background = Matrix(rows: n, columns: m) { _, _ in rng.nextGaussian() }
        let explained = Matrix(rows: r, columns: m) { _, _ in 1.5 * rng.nextGaussian() }
        problem["background"] = (0..<n).map { background.row($0) }
        problem["rows"] = (0..<r).map { explained.row($0) }
        try JSONSerialization.data(withJSONObject: problem).write(to: URL(fileURLWithPath: prefix + ".json"))

        let setup0 = now()
        let explainer = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: samples, seed: 1)
        let setupSeconds = now() - setup0
        _ = try explainer.explain(Matrix(rows: 1, columns: m, storage: explained.row(0)))   // warm-up
        var walls = [Double](), cpus = [Double]()
        var result: ShapleyExplanation? = nil
        for _ in 0..<repeats {
            let t0 = now(), c0 = cpuSeconds()
            result = try explainer.explain(explained)
            cpus.append(cpuSeconds() - c0)
            walls.append(now() - t0)
        }
        let best = walls.min()!, cpu = median(cpus)
        return [
            "case": "kernel-shap-\(kind)", "model": kind, "features": m, "background": n, "rows": r, "samples": samples,
            "coalitions_per_row": explainer.coalitionsPerRow, "seconds": best, "seconds_per_row": best / Double(r),
            "cpu_seconds": cpu, "min_cpu_seconds": cpus.min()!, "median_seconds": median(walls),
            "setup_seconds": setupSeconds, "base_value": result!.baseValue,
            "max_abs_efficiency_gap": result!.maxAbsEfficiencyGap, "values": result!.values,
        ]
    }

    /// User + system CPU time of this process (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }
}

enum BenchError: Error { case usage(String) }

/// f(x) = β₀ + βᵀx + Σ_p c_p x_{a_p} x_{b_p}. A batch: gemv for β₀ + βᵀx, then the pair term
/// s_i = Σ_p c_p x_{i,a_p} x_{i,b_p} of four rows at a time, y_i += s_i. Each s_i is one chain of
/// dependent additions; running four rows' chains side by side lets them overlap instead of each
/// waiting out the add latency (NumPy's peer gets the same from its per-pair passes over all rows).
/// Every s_i is still summed over the pairs in order, so the outputs are those of a row-by-row loop.
struct InteractionBenchModel: FeatureModel {
    let intercept: Double
    let beta: [Double]
    let pairs: [(Int, Int, Double)]

    var featureCount: Int { beta.count }

    func predict(_ row: [Double]) -> Double {
        pairs.reduce(intercept + BLAS.dot(beta, row)) { $0 + $1.2 * row[$1.0] * row[$1.1] }
    }

    func predict(rows: Matrix) -> [Double] {
        let count = rows.rows, m = rows.columns
        var y = [Double](repeating: intercept, count: count)
        BLAS.gemv(rows, beta, into: &y, beta: 1)
        rows.storage.withUnsafeBufferPointer { storage in
            y.withUnsafeMutableBufferPointer { y in
                guard let x = storage.baseAddress else { return }
                var i = 0
                while i + 4 <= count {
                    let x0 = x + i * m, x1 = x0 + m, x2 = x1 + m, x3 = x2 + m
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    for (a, b, c) in pairs {
                        s0 += c * x0[a] * x0[b]
                        s1 += c * x1[a] * x1[b]
                        s2 += c * x2[a] * x2[b]
                        s3 += c * x3[a] * x3[b]
                    }
                    y[i] += s0; y[i + 1] += s1; y[i + 2] += s2; y[i + 3] += s3
                    i += 4
                }
                for i in i..<count {
                    let xi = x + i * m
                    var sum = 0.0
                    for (a, b, c) in pairs { sum += c * xi[a] * xi[b] }
                    y[i] += sum
                }
            }
        }
        return y
    }
}
