import Autodiff
import Foundation
import LinearAlgebra

/// Coalition values v(S) = (1/N) Σ_b f(x_S, b_S̄) of a tanh `MLPFeatureModel`, without forming the
/// hybrid rows: the fast path of `CoalitionValueEvaluator` for tanh networks.
///
/// The first layer is linear in the input, so for the hybrid row z = (x_S, b_S̄) of coalition S and
/// background row b its pre-activation splits into a part known in advance and one term per feature:
///
///     W₁z + c₁ = (W₁b + c₁) + Σ_{j∈S} W₁ⱼ (xⱼ − bⱼ) = (W₁x + c₁) − Σ_{j∉S} W₁ⱼ (xⱼ − bⱼ),
///
/// with W₁ⱼ the j-th column of W₁. With Dⱼ(b) = W₁ⱼ (xⱼ − bⱼ) (an N × H block per feature, H the first
/// hidden width), tanh u = 1 − 2 / (e^{2u} + 1) turns the sum into a product of exponentials computed
/// once per explained row:
///
///     e^{2(W₁z + c₁)} = e^{2(W₁b + c₁)} · Π_{j∈S} e^{2Dⱼ(b)} = e^{2(W₁x + c₁)} · Π_{j∉S} e^{−2Dⱼ(b)},
///
/// taking whichever of S and its complement is smaller (≤ M/2 factors). The first hidden layer of
/// N·|coalitions| rows thus costs a few multiplies and one division per value instead of a 20-term dot
/// product and a tanh (`ShapleyTanh.expProductActivations`: the products kept in registers, two background
/// rows × 32 units at a time).
///
/// The work is cut into chunks of `chunkRows` background rows, so that the chunk's exponentials
/// (2·M·chunkRows·H values, laid out by background row: one row's M × H factors contiguous) stay in the
/// level-2 cache while every coalition takes its factors from them, and within a chunk into blocks of
/// coalitions (`blockRows` rows). Per block: the first layer with background rows outside and coalitions
/// inside (one row's factors, 10 kB, stay in level 1); each later hidden layer a dgemm (BLAS, β = 1 onto
/// its bias rows), then tanh; the last hidden layer's tanh values are never stored but summed over each
/// coalition's rows as they are computed (`ShapleyTanh.segmentSums`), and the output layer (one unit) is
/// a dgemv of those sums: Σ_b (w·a_b + c) = w·Σ_b a_b + N c. The tanh of these layers is `ShapleyTanh`'s
/// (table-driven, FMA, within 1 ulp), not the networks' `Kernels.tanh`, so a network output here may
/// differ from `MLP.evaluate`'s in the last bits.
///
/// On the Kernel SHAP bench (`migsim-bench shap … mlp 20 100 10 2048 5`: 20-32-32-1, N = 100, 10 rows
/// × 2,048 coalitions, one BLAS thread; 2026-12-04) the coalition values took the CPU time from 1.71 s
/// (hybrid rows) to 1.05 s, then to 0.76 s (the AVX2 build of `Kernels.tanh`), then with the chunks, the
/// fused kernels and `ShapleyTanh` to about 0.28 s, with Shapley values within 3.3·10⁻¹⁶ of the previous
/// ones (absolute; largest |φ| 0.93). Of that (perf): the second layer's dgemm 36% (with OpenBLAS's
/// packing 42%; 4.2·10⁹ flops, near this core's multiply-add peak), its 6.6·10⁷ tanh summed 28%, the
/// first layer 17%, the bias rows 3%, the exponentials 2%. Chunks of 10 to 50 rows and blocks of 160 to
/// 640 rows measured within the noise of the 20 and 320 chosen (on the first version of these loops).
///
/// Accuracy: each factor e^{2Dⱼ} is one `exp` (< 1 ulp), each e^{−2Dⱼ} its reciprocal (< 1.5 ulp), and each
/// product one rounding, so e^{2u} carries a relative error of at most about (3⌊M/2⌋/2 + 3) ulp, and the
/// activation 1 − 2/(e^{2u} + 1), whose
/// derivative in e^{2u} is 2/(e^{2u} + 1)², an absolute error of at most half of that relative error
/// (2e^{2u}/(e^{2u} + 1)² ≤ ½): ≲ 10⁻¹⁵ for M = 20, near tanh's own rounding. `ShapleyTests` checks the
/// coalition values against the hybrid rows through `MLP.evaluate`. Products stay in the normal range
/// because every exponent must satisfy |2u| ≤ 700 / (⌊M/2⌋ + 1); for an explained row outside that range
/// (inputs or weights far out, where the network saturates) `values` returns false and the caller
/// evaluates the hybrid rows instead.
struct MLPCoalitionValues: Sendable {
    let network: MLP
    let parameters: [Double]
    let background: Matrix
    /// H, the width of the first hidden layer.
    let hidden: Int
    /// W₁ (H × M).
    let firstWeights: Matrix
    /// W₁b + c₁ for every background row b (N × H).
    let backgroundPreactivations: [Double]
    /// e^{2(W₁b + c₁)} (N × H).
    let backgroundExponentials: [Double]

    /// Background rows per chunk: the per-feature exponentials of one chunk (2·M·chunk·H values, 205 kB
    /// for M = 20, H = 32) stay in the level-2 cache while every coalition takes its factors from them.
    static let chunkRows = 20
    /// Rows of the hidden-layer blocks (whole coalitions of one chunk's rows each, at least one).
    static let blockRows = 320
    /// The most values the per-feature exponentials e^{±2Dⱼ(b)} (2·M·N·H) may take (64 MB); a larger
    /// problem takes the hybrid rows.
    static let tableLimit = 1 << 23

    /// nil unless the network's activation is tanh and it has a hidden layer.
    init?(model: MLPFeatureModel, background: Matrix) {
        let sizes = model.network.layerSizes
        guard model.network.activation == .tanh, sizes.count >= 3 else { return nil }
        let m = sizes[0], h = sizes[1], n = background.rows
        network = model.network
        parameters = model.parameters
        self.background = background
        hidden = h
        firstWeights = Matrix(rows: h, columns: m, storage: Array(model.parameters[0..<(h * m)]))
        var p = Matrix(rows: n, columns: h)
        BLAS.gemm(background, firstWeights, into: &p, transposeB: true)
        for b in 0..<n { for i in 0..<h { p.storage[b * h + i] += model.parameters[h * m + i] } }
        backgroundPreactivations = p.storage
        backgroundExponentials = p.storage.map { exp(2 * $0) }
    }

    /// v(S) for every coalition, written to result[0 ..< coalitions.count]; false (nothing written
    /// that matters) when an exponent leaves the safe range or the exponentials exceed `tableLimit`.
    func values(at x: [Double], coalitions: CoalitionSet, into result: UnsafeMutablePointer<Double>) -> Bool {
        let n = background.rows, m = background.columns, h = hidden
        let k = coalitions.count
        guard 2 * m * n * h <= Self.tableLimit else { return false }
        let limit = 700 / Double(m / 2 + 1)
        guard backgroundPreactivations.allSatisfy({ abs(2 * $0) <= limit }) else { return false }

        // W₁x + c₁ and its exponential.
        var q = [Double](repeating: 0, count: h)
        BLAS.gemv(firstWeights, x, into: &q)
        for i in 0..<h { q[i] += parameters[h * m + i] }
        guard q.allSatisfy({ abs(2 * $0) <= limit }) else { return false }
        let eq = q.map { exp(2 * $0) }

        // e^{±2Dⱼ(b)}, Dⱼ(b)ᵢ = W₁[i, j] (xⱼ − b_j): background row b's M × H block at b·M·H (one row's
        // factors contiguous, 5 kB a table for M = 20, H = 32).
        let chunk = min(n, Self.chunkRows)
        var plus = [Double](repeating: 0, count: m * n * h), minus = plus
        var inRange = true
        background.storage.withUnsafeBufferPointer { bg in
            firstWeights.storage.withUnsafeBufferPointer { w in
                for b in 0..<n {
                    for j in 0..<m {
                        let d = x[j] - bg[b * m + j]
                        let row = (b * m + j) * h
                        for i in 0..<h {
                            let u = 2 * (w[i * m + j] * d)
                            if !(abs(u) <= limit) { inRange = false }
                            let e = exp(u)
                            plus[row + i] = e
                            minus[row + i] = 1 / e                  // e^{−u}: half the cost of a second exp
                        }
                    }
                }
            }
        }
        guard inRange else { return false }

        // Per coalition the factors of the shorter product: S over e^{2(W₁b + c₁)}, or S̄ over e^{2(W₁x + c₁)}.
        var factorFeatures: [Int] = [], factorOffsets = [0], complement = [UInt8]()
        factorFeatures.reserveCapacity(k * (m / 2 + 1))
        complement.reserveCapacity(k)
        var inside = [Bool](repeating: false, count: m)
        for c in 0..<k {
            let members = coalitions.members(of: c)
            if 2 * members.count <= m {
                factorFeatures.append(contentsOf: members)
                complement.append(0)
            } else {
                for j in members { inside[j] = true }
                for j in 0..<m where !inside[j] { factorFeatures.append(j) }
                for j in members { inside[j] = false }
                complement.append(1)
            }
            factorOffsets.append(factorFeatures.count)
        }
        factorFeatures.append(0)                                    // never read: keeps the buffer non-empty

        let sizes = network.layerSizes
        let lastHidden = sizes.count - 2
        let perBlock = max(1, min(k, Self.blockRows / chunk))
        let width = sizes[1...].max()!
        var activations = [Double](repeating: 0, count: perBlock * chunk * h)
        var scratch = [Double](repeating: 0, count: 2 * perBlock * chunk * width)
        var sums = [Double](repeating: 0, count: perBlock * sizes[lastHidden])
        var outputs = [Double](repeating: 0, count: perBlock)
        var totals = [Double](repeating: 0, count: k)
        // Offsets of the weights and biases of layer l (sizes[l − 1] → sizes[l]) in θ.
        var offsets = [0]
        for l in 1..<sizes.count { offsets.append(offsets[l - 1] + sizes[l - 1] * sizes[l] + sizes[l]) }
        parameters.withUnsafeBufferPointer { θ in
        plus.withUnsafeBufferPointer { plus in
        minus.withUnsafeBufferPointer { minus in
        backgroundExponentials.withUnsafeBufferPointer { eb in
        eq.withUnsafeBufferPointer { eq in
        factorFeatures.withUnsafeBufferPointer { features in
        factorOffsets.withUnsafeBufferPointer { factorOffsets in
        complement.withUnsafeBufferPointer { complement in
        activations.withUnsafeMutableBufferPointer { a1 in
        scratch.withUnsafeMutableBufferPointer { scratch in
        sums.withUnsafeMutableBufferPointer { sums in
        outputs.withUnsafeMutableBufferPointer { out in
            let θ0 = θ.baseAddress!
            for s in stride(from: 0, to: n, by: chunk) {
                let r = min(chunk, n - s), block = r * h
                for start in stride(from: 0, to: k, by: perBlock) {
                    let count = min(perBlock, k - start)
                    // First hidden layer: tanh from the products of exponentials.
                    ShapleyTanh.expProductActivations(
                        plus: plus.baseAddress! + s * m * h, minus: minus.baseAddress! + s * m * h, featureStride: h,
                        rowStride: m * h, rowBase: eb.baseAddress! + s * h, baseStride: h, xBase: eq.baseAddress!,
                        features: features.baseAddress!,
                        offsets: factorOffsets.baseAddress! + start, complement: complement.baseAddress! + start,
                        coalitions: count, rows: r, units: h, into: a1.baseAddress!)
                    // Later hidden layers: the bias rows, + dgemm, then tanh; the last one summed over each
                    // coalition's rows instead of stored.
                    let rows = count * r
                    var a = UnsafePointer(a1.baseAddress!)
                    for l in stride(from: 2, through: lastHidden, by: 1) {
                        let z = scratch.baseAddress! + (l % 2) * perBlock * chunk * width
                        let bias = θ0 + offsets[l - 1] + sizes[l - 1] * sizes[l]
                        for row in 0..<rows { (z + row * sizes[l]).update(from: bias, count: sizes[l]) }
                        BLAS.gemmTransposedB(rows: rows, columns: sizes[l], inner: sizes[l - 1], a, θ0 + offsets[l - 1], z, beta: 1)
                        if l < lastHidden {
                            ShapleyTanh.tanh(z, into: z, count: rows * sizes[l])
                            a = UnsafePointer(z)
                        } else {
                            ShapleyTanh.segmentSums(z, segments: count, segmentRows: r, columns: sizes[l], into: sums.baseAddress!)
                        }
                    }
                    if lastHidden == 1 {
                        // One hidden layer: its activations summed as they are.
                        for c in 0..<count {
                            for i in 0..<h {
                                var sum = 0.0
                                for b in 0..<r { sum += a1[c * block + b * h + i] }
                                sums[c * h + i] = sum
                            }
                        }
                    }
                    // Output layer (one unit): Σ_rows (w·a + b_out) = w·(Σ_rows a) + rows·b_out, the bias added at the end.
                    BLAS.gemv(rows: count, columns: sizes[lastHidden], sums.baseAddress!, θ0 + offsets[lastHidden], out.baseAddress!)
                    for c in 0..<count { totals[start + c] += out[c] }
                }
            }
            let outputBias = θ[offsets[lastHidden] + sizes[lastHidden]]
            for c in 0..<k { result[c] = totals[c] / Double(n) + outputBias }
        }}}}}}}}}}}}
        return true
    }
}
