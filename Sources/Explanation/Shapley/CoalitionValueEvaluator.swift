import LinearAlgebra

/// The interventional value of a coalition, v(S) = (1/N) Σ_b f(x_S, b_S̄): the mean prediction
/// over the N background rows b with the features in S replaced by those of the explained row x
/// (Janzing, Minorics & Blöbaum 2020; the "interventional" value function of `shap`).
///
/// The hybrid rows of many coalitions are stacked into one matrix and sent through the model's
/// batched `predict(rows:)`; the per-coalition means are one gemv with the averaging vector.
struct CoalitionValueEvaluator: Sendable {
    let model: any FeatureModel
    let background: Matrix
    /// Upper bound on the number of Double values in one batch of hybrid rows.
    let batchValues: Int

    init(model: any FeatureModel, background: Matrix, batchValues: Int = 1 << 19) {
        self.model = model
        self.background = background
        self.batchValues = batchValues
    }

    /// v(S) for every coalition of `coalitions`, in order.
    func values(at x: [Double], coalitions: CoalitionSet) throws -> [Double] {
        let n = background.rows, m = background.columns
        precondition(x.count == m && coalitions.featureCount == m, "CoalitionValueEvaluator: feature counts differ")
        let k = coalitions.count
        guard k > 0 else { return [] }
        let perBatch = max(1, min(k, batchValues / max(1, n * m)))
        let averaging = [Double](repeating: 1 / Double(n), count: n)
        var result = [Double](repeating: 0, count: k)
        var hybrid = Matrix(rows: perBatch * n, columns: m)
        var start = 0
        while start < k {
            let count = min(perBatch, k - start)
            if count != hybrid.rows / n { hybrid = Matrix(rows: count * n, columns: m) }
            hybrid.storage.withUnsafeMutableBufferPointer { h in
                background.storage.withUnsafeBufferPointer { b in
                    for c in 0..<count {
                        let block = h.baseAddress! + c * n * m
                        block.update(from: b.baseAddress!, count: n * m)
                        for j in coalitions.members(of: start + c) {
                            let xj = x[j]
                            for r in 0..<n { block[r * m + j] = xj }
                        }
                    }
                }
            }
            let outputs = model.predict(rows: hybrid)
            precondition(outputs.count == count * n, "FeatureModel.predict(rows:) returned \(outputs.count) values for \(count * n) rows")
            let predictions = Matrix(rows: count, columns: n, storage: outputs)
            averaging.withUnsafeBufferPointer { a in
                result.withUnsafeMutableBufferPointer { r in
                    BLAS.gemv(predictions, a.baseAddress!, r.baseAddress! + start)
                }
            }
            start += count
        }
        guard result.allSatisfy({ $0.isFinite }) else {
            throw ShapleyError.nonFiniteModelOutput(context: "coalition values v(S) over the background")
        }
        return result
    }
}
