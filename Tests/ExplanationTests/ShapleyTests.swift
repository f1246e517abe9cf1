import Autodiff
@testable import Explanation
import Foundation
import LinearAlgebra
import Testing

/// Random test data from a seeded generator.
private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    return Matrix(rows: rows, columns: columns) { _, _ in scale * rng.nextGaussian() }
}

private func maxAbsDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
    zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
}

/// f(x) = Σ_{(a,b) ∈ pairs} c·x_a x_b + Σⱼ βⱼ xⱼ and its interventional Shapley values. By
/// additivity of the Shapley value, each term is its own game: a linear term gives βⱼ(xⱼ − x̄ⱼ);
/// a product x_a x_b is a two-player game with v(∅) = mean(b_a b_b), v(a) = x_a·mean(b_b),
/// v(b) = mean(b_a)·x_b, v(ab) = x_a x_b, so φ_a = ½[(v(a) − v(∅)) + (v(ab) − v(b))] and
/// symmetrically for b.
private struct InteractionModel: FeatureModel {
    let featureCount: Int
    let beta: [Double]
    let pairs: [(Int, Int, Double)]

    func predict(_ row: [Double]) -> Double {
        var y = 0.0
        for j in 0..<featureCount { y += beta[j] * row[j] }
        for (a, b, c) in pairs { y += c * row[a] * row[b] }
        return y
    }

    func shapley(_ x: [Double], background: Matrix) -> [Double] {
        let n = Double(background.rows)
        let mean = (0..<featureCount).map { j in background.column(j).reduce(0, +) / n }
        var φ = (0..<featureCount).map { beta[$0] * (x[$0] - mean[$0]) }
        for (a, b, c) in pairs {
            let vEmpty = c * zip(background.column(a), background.column(b)).map { $0 * $1 }.reduce(0, +) / n
            let vA = c * x[a] * mean[b], vB = c * mean[a] * x[b], vAB = c * x[a] * x[b]
            φ[a] += 0.5 * ((vA - vEmpty) + (vAB - vB))
            φ[b] += 0.5 * ((vB - vEmpty) + (vAB - vA))
        }
        return φ
    }
}

@Suite struct ShapleyTests {
    // MARK: linear models

    @Test func enumerationAndKernelAgreeWithTheLinearClosedForm() throws {
        let m = 8
        var rng = SeededGenerator(seed: 11)
        let model = AffineFeatureModel(intercept: 0.7, coefficients: (0..<m).map { _ in rng.nextGaussian() })
        let background = randomMatrix(25, m, seed: 12, scale: 2)
        let rows = randomMatrix(6, m, seed: 13, scale: 3)

        let closed = try ShapleyExplainer(model: model, background: background).explain(rows)
        #expect(closed.method == .linear)
        // Direct check of the formula φⱼ = βⱼ (xⱼ − x̄ⱼ).
        for i in 0..<rows.rows {
            for j in 0..<m {
                let mean = background.column(j).reduce(0, +) / Double(background.rows)
                #expect(abs(closed.values[i][j] - model.coefficients[j] * (rows[i, j] - mean)) < 1e-12)
            }
        }
        let exact = try ShapleyExplainer(model: model, background: background, method: .exact).explain(rows)
        #expect(exact.method == .exact)
        #expect(exact.coalitionsEvaluated == (1 << m) - 2)
        #expect(maxAbsDifference(exact.values, closed.values) < 1e-10)

        // 40 of 254 coalitions: sampled, yet exact for an additive game up to rounding.
        let kernel = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: 40, seed: 3).explain(rows)
        #expect(kernel.method == .kernel)
        #expect(kernel.coalitionsEvaluated <= 40)
        #expect(maxAbsDifference(kernel.values, closed.values) < 1e-3)
        for e in [closed, exact, kernel] { #expect(e.maxAbsEfficiencyGap < 1e-9) }
    }

    @Test func kernelAgreesWithTheClosedFormBeyondSixteenFeatures() throws {
        let m = 30
        var rng = SeededGenerator(seed: 21)
        let model = AffineFeatureModel(intercept: -1, coefficients: (0..<m).map { _ in rng.nextGaussian() })
        let background = randomMatrix(40, m, seed: 22)
        let rows = randomMatrix(4, m, seed: 23, scale: 2)
        // As a plain FeatureModel the automatic choice is Kernel SHAP (M > 16).
        let opaque = ClosureFeatureModel(featureCount: m) { model.predict($0) }
        let kernel = try ShapleyExplainer(model: opaque, background: background, samples: 512).explain(rows)
        #expect(kernel.method == .kernel)
        let closed = try ShapleyExplainer(model: model, background: background).explain(rows)
        #expect(maxAbsDifference(kernel.values, closed.values) < 1e-3)
        #expect(kernel.maxAbsEfficiencyGap < 1e-9)
    }

    // MARK: nonlinear models

    /// f = x₁·x₂ + x₃², background {b¹ = (0, 0, 0), b² = (2, 1, 1)}.
    ///
    /// Row x = (1, 3, 2): f(x) = 3 + 4 = 7; E f = (f(b¹) + f(b²))/2 = (0 + 3)/2 = 1.5.
    /// v(S) = ½ Σ_b f(x_S, b_S̄) over the 8 coalitions (x₁x₂ part + x₃² part):
    ///   v(∅)     = ½[(0·0 + 0) + (2·1 + 1)]       = 1.5
    ///   v(1)     = ½[(1·0 + 0) + (1·1 + 1)]       = 1
    ///   v(2)     = ½[(0·3 + 0) + (2·3 + 1)]       = 3.5
    ///   v(3)     = ½[(0·0 + 4) + (2·1 + 4)]       = 5
    ///   v(1,2)   = ½[(3 + 0) + (3 + 1)]           = 3.5
    ///   v(1,3)   = ½[(1·0 + 4) + (1·1 + 4)]       = 4.5
    ///   v(2,3)   = ½[(0·3 + 4) + (2·3 + 4)]       = 7
    ///   v(1,2,3) = 7
    /// Weights for M = 3: |S| = 0 → 1/3, |S| = 1 → 1/6, |S| = 2 → 1/3.
    ///   φ₁ = ⅓(v1 − v∅) + ⅙(v12 − v2) + ⅙(v13 − v3) + ⅓(v123 − v23)
    ///      = ⅓(−0.5) + ⅙(0) + ⅙(−0.5) + ⅓(0)          = −0.25
    ///   φ₂ = ⅓(v2 − v∅) + ⅙(v12 − v1) + ⅙(v23 − v3) + ⅓(v123 − v13)
    ///      = ⅓(2) + ⅙(2.5) + ⅙(2) + ⅓(2.5)             = 2.25
    ///   φ₃ = ⅓(v3 − v∅) + ⅙(v13 − v1) + ⅙(v23 − v2) + ⅓(v123 − v12)
    ///      = ⅓(3.5) + ⅙(3.5) + ⅙(3.5) + ⅓(3.5)         = 3.5
    ///   Σφ = 5.5 = 7 − 1.5.
    /// Row x = (−1, 2, 0): f(x) = −2, and the same way
    ///   v(∅) = 1.5, v1 = ½[0 + (−1 + 1)] = 0, v2 = ½[0 + (4 + 1)] = 2.5, v3 = ½[0 + 2] = 1,
    ///   v12 = ½[−2 + (−2 + 1)] = −1.5, v13 = ½[0 + (−1)] = −0.5, v23 = ½[0 + 4] = 2, v123 = −2;
    ///   φ₁ = ⅓(−1.5) + ⅙(−4) + ⅙(−1.5) + ⅓(−4)  = −2.75
    ///   φ₂ = ⅓(1) + ⅙(−1.5) + ⅙(1) + ⅓(−1.5)     = −0.25
    ///   φ₃ = ⅓(−0.5) + ⅙(−0.5) + ⅙(−0.5) + ⅓(−0.5) = −0.5;  Σφ = −3.5 = −2 − 1.5.
    @Test func interactionModelMatchesTheHandComputation() throws {
        let model = ClosureFeatureModel(featureCount: 3) { $0[0] * $0[1] + $0[2] * $0[2] }
        let background = Matrix([[0, 0, 0], [2, 1, 1]])
        let rows = Matrix([[1, 3, 2], [-1, 2, 0]])
        let expected: [[Double]] = [[-0.25, 2.25, 3.5], [-2.75, -0.25, -0.5]]

        let exact = try ShapleyExplainer(model: model, background: background).explain(rows)
        #expect(exact.method == .exact)
        #expect(exact.baseValue == 1.5)
        #expect(exact.predictions == [7, -2])
        #expect(maxAbsDifference(exact.values, expected) < 1e-12)
        #expect(exact.maxAbsEfficiencyGap < 1e-12)
        #expect(abs(exact.globalImportance[0] - 1.5) < 1e-12)     // (0.25 + 2.75) / 2
        #expect(abs(exact.globalImportance[1] - 1.25) < 1e-12)    // (2.25 + 0.25) / 2
        #expect(abs(exact.globalImportance[2] - 2.0) < 1e-12)     // (3.5 + 0.5) / 2

        // With all 6 proper coalitions in the budget Kernel SHAP is exact as well.
        let kernel = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: 6).explain(rows)
        #expect(kernel.coalitionsEvaluated == 6)
        #expect(maxAbsDifference(kernel.values, expected) < 1e-12)
    }

    @Test func exactEnumerationMatchesTheAnalyticInteractionValues() throws {
        let m = 10
        var rng = SeededGenerator(seed: 31)
        let model = InteractionModel(featureCount: m, beta: (0..<m).map { _ in rng.nextGaussian() },
                                     pairs: [(0, 1, 1.5), (2, 7, -2), (3, 4, 0.5), (4, 9, 1), (5, 6, -1)])
        let background = randomMatrix(7, m, seed: 32)
        let rows = randomMatrix(5, m, seed: 33, scale: 2)
        let exact = try ShapleyExplainer(model: model, background: background).explain(rows)
        #expect(exact.method == .exact)
        let analytic = (0..<rows.rows).map { model.shapley(rows.row($0), background: background) }
        #expect(maxAbsDifference(exact.values, analytic) < 1e-10)
        #expect(exact.maxAbsEfficiencyGap < 1e-9)
    }

    @Test func kernelApproximatesAnalyticInteractionValuesWithTwentyFeatures() throws {
        let m = 20
        var rng = SeededGenerator(seed: 41)
        let model = InteractionModel(featureCount: m, beta: (0..<m).map { _ in rng.nextGaussian() },
                                     pairs: [(0, 1, 1.5), (2, 17, -2), (3, 4, 0.5), (4, 19, 1), (5, 6, -1), (10, 11, 0.8)])
        let background = randomMatrix(30, m, seed: 42)
        let rows = randomMatrix(5, m, seed: 43, scale: 1.5)
        let kernel = try ShapleyExplainer(model: model, background: background, samples: 2048, seed: 7).explain(rows)
        #expect(kernel.method == .kernel)
        let analytic = (0..<rows.rows).map { model.shapley(rows.row($0), background: background) }
        let error = maxAbsDifference(kernel.values, analytic)
        let scale = analytic.flatMap { $0 }.map(abs).max()!
        #expect(error < 0.02 * scale, "Kernel SHAP error \(error) against values up to \(scale)")
        #expect(kernel.maxAbsEfficiencyGap < 1e-9)
    }

    @Test func mlpExplainedByEnumerationAndCompleteKernelAgree() throws {
        let network = MLP(layerSizes: [6, 12, 1], activation: .tanh)
        let model = try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 5))
        let background = randomMatrix(16, 6, seed: 51)
        let rows = randomMatrix(4, 6, seed: 52, scale: 2)
        let exact = try ShapleyExplainer(model: model, background: background).explain(rows)
        let kernel = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: 62).explain(rows)
        #expect(exact.method == .exact && kernel.coalitionsEvaluated == 62)
        #expect(maxAbsDifference(exact.values, kernel.values) < 1e-10)
        #expect(exact.maxAbsEfficiencyGap < 1e-9 && kernel.maxAbsEfficiencyGap < 1e-9)
    }

    @Test func sampledKernelApproachesEnumerationOnAnMLP() throws {
        let network = MLP(layerSizes: [12, 16, 1], activation: .tanh)
        let model = try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 5))
        let background = randomMatrix(20, 12, seed: 51)
        let rows = randomMatrix(5, 12, seed: 52, scale: 2)
        let exact = try ShapleyExplainer(model: model, background: background).explain(rows)
        let scale = exact.values.flatMap { $0 }.map(abs).max()!
        // 256 and 2048 of the 4094 proper coalitions (seed 1).
        let coarse = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: 256).explain(rows)
        let fine = try ShapleyExplainer(model: model, background: background, method: .kernel, samples: 2048).explain(rows)
        let coarseError = maxAbsDifference(coarse.values, exact.values)
        let fineError = maxAbsDifference(fine.values, exact.values)
        #expect(fineError < coarseError)
        #expect(fineError < 0.02 * scale, "Kernel SHAP (2048) error \(fineError) against values up to \(scale)")
        #expect(fine.maxAbsEfficiencyGap < 1e-9 && coarse.maxAbsEfficiencyGap < 1e-9)
    }

    @Test func efficiencyHoldsForEveryRowWithASampledKernel() throws {
        let network = MLP(layerSizes: [24, 16, 16, 1], activation: .softplus)
        let model = try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 9))
        let background = randomMatrix(20, 24, seed: 61)
        let rows = randomMatrix(8, 24, seed: 62, scale: 3)
        let kernel = try ShapleyExplainer(model: model, background: background, samples: 300, seed: 4).explain(rows)
        #expect(kernel.method == .kernel)
        #expect(kernel.efficiencyGaps.count == 8)
        for gap in kernel.efficiencyGaps { #expect(abs(gap) < 1e-9) }
        let direct = (0..<8).map { model.predict(rows.row($0)) }
        #expect(zip(direct, kernel.predictions).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    // MARK: the MLP adaptor

    @Test func mlpAdaptorPredictsLikeTheNetwork() throws {
        let network = MLP(layerSizes: [3, 5, 1])
        let θ = network.initialParameters(seed: 2)
        let model = try MLPFeatureModel(network: network, parameters: θ)
        let rows = randomMatrix(7, 3, seed: 71)
        let batch = model.predict(rows: rows)
        let reference = network.evaluate(Tensor(rows: 7, cols: 3, values: rows.storage), parameters: θ).values
        #expect(batch == reference)
        for i in 0..<7 { #expect(abs(model.predict(rows.row(i)) - batch[i]) < 1e-14) }
    }

    /// More rows than one block: every row is predicted once, in order, as by one whole evaluation
    /// (to rounding: BLAS may sum a block's dot products in another order).
    @Test func mlpAdaptorPredictsInBlocks() throws {
        let network = MLP(layerSizes: [3, 5, 1])
        let θ = network.initialParameters(seed: 3)
        let model = try MLPFeatureModel(network: network, parameters: θ)
        let count = 2 * MLPFeatureModel.blockRows + 5
        let rows = randomMatrix(count, 3, seed: 72)
        let batch = model.predict(rows: rows)
        let whole = network.evaluate(Tensor(rows: count, cols: 3, values: rows.storage), parameters: θ).values
        #expect(batch.count == count)
        #expect(zip(batch, whole).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) })
        #expect(abs(batch[count - 1] - model.predict(rows.row(count - 1))) < 1e-14)
    }

    /// The tanh-network fast path of the coalition values (`MLPCoalitionValues`: first layer from
    /// products of precomputed exponentials, later layers through `MLP.evaluate(firstHidden:…)`) against
    /// v(S) computed sample by sample: each hybrid row (x_S, b_S̄) through `MLP.evaluate`, averaged.
    /// Random masks of every size (both branches: S and its complement), several depths and widths,
    /// and a Kernel SHAP design with more coalitions than one block.
    @Test func mlpFastCoalitionValuesMatchPerSampleEvaluation() throws {
        for (sizes, seed) in [([20, 32, 32, 1], UInt64(11)), ([7, 5, 1], 12), ([9, 16, 8, 6, 1], 13)] {
            let network = MLP(layerSizes: sizes, activation: .tanh)
            var θ = network.initialParameters(seed: seed)
            var rng = SeededGenerator(seed: seed + 100)
            for i in θ.indices where θ[i] == 0 { θ[i] = 0.2 * rng.nextGaussian() }   // nonzero biases
            let model = try MLPFeatureModel(network: network, parameters: θ)
            let m = sizes[0], n = 23
            let background = randomMatrix(n, m, seed: seed + 200)
            let rows = randomMatrix(3, m, seed: seed + 300, scale: 1.5)
            var coalitions = CoalitionSet(featureCount: m)
            for _ in 0..<60 {
                let density = rng.nextUniform()
                let members = (0..<m).filter { _ in rng.nextUniform() < density }
                coalitions.append(members)
            }
            let fast = CoalitionValueEvaluator(model: model, background: background)
            #expect(fast.network != nil)
            for r in 0..<rows.rows {
                let x = rows.row(r)
                let values = try fast.values(at: x, coalitions: coalitions)
                for c in 0..<coalitions.count {
                    var hybrid = background.storage
                    for b in 0..<n { for j in coalitions.members(of: c) { hybrid[b * m + j] = x[j] } }
                    let outputs = network.evaluate(Tensor(rows: n, cols: m, values: hybrid), parameters: θ).values
                    let direct = outputs.reduce(0, +) / Double(n)
                    #expect(abs(values[c] - direct) < 1e-13, "\(sizes) row \(r) coalition \(c): \(values[c]) vs \(direct)")
                }
            }
        }
        // A whole Kernel SHAP design (2,048 coalitions, several blocks): fast path against the hybrid rows.
        let network = MLP(layerSizes: [20, 32, 32, 1], activation: .tanh)
        let model = try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 21))
        let background = randomMatrix(100, 20, seed: 22)
        let x = randomMatrix(1, 20, seed: 23, scale: 1.5).row(0)
        let design = KernelShapDesign(featureCount: 20, samples: 2048, seed: 1)
        let fast = try CoalitionValueEvaluator(model: model, background: background).values(at: x, coalitions: design.coalitions)
        let hybrid = try CoalitionValueEvaluator(model: model, background: background, hybridRowsOnly: true)
            .values(at: x, coalitions: design.coalitions)
        #expect(zip(fast, hybrid).map { abs($0 - $1) }.max()! < 1e-13)
    }

    /// Outside the fast path's safe range (|2u| ≤ 700/(⌊M/2⌋ + 1) for every exponent) or its table
    /// size the evaluator takes the hybrid rows, and a softplus network always does; the values are the
    /// same either way.
    @Test func mlpFastPathFallsBackToHybridRows() throws {
        let network = MLP(layerSizes: [6, 8, 1], activation: .tanh)
        let model = try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 31))
        let background = randomMatrix(10, 6, seed: 32)
        let far = [1e4, -2e4, 3, 0, 5e3, 1]
        let coalitions = CoalitionSet.allProper(featureCount: 6)
        let evaluator = CoalitionValueEvaluator(model: model, background: background)
        var ignored = [Double](repeating: 0, count: coalitions.count)
        #expect(!evaluator.network!.values(at: far, coalitions: coalitions, into: &ignored))
        let values = try evaluator.values(at: far, coalitions: coalitions)
        let hybrid = try CoalitionValueEvaluator(model: model, background: background, hybridRowsOnly: true)
            .values(at: far, coalitions: coalitions)
        #expect(values == hybrid)
        // Per-feature exponentials beyond `tableLimit` values (2·M·N·H): hybrid rows as well.
        let rowsOver = MLPCoalitionValues.tableLimit / (2 * 6 * 8) + 1
        let large = randomMatrix(rowsOver, 6, seed: 34)
        let x = randomMatrix(1, 6, seed: 35).row(0)
        var two = CoalitionSet(featureCount: 6)
        two.append([0, 2])
        two.append([1, 3, 4, 5])
        let bigEvaluator = CoalitionValueEvaluator(model: model, background: large)
        var unused = [0.0, 0.0]
        #expect(!bigEvaluator.network!.values(at: x, coalitions: two, into: &unused))
        #expect(try bigEvaluator.values(at: x, coalitions: two)
                == CoalitionValueEvaluator(model: model, background: large, hybridRowsOnly: true).values(at: x, coalitions: two))
        let softplus = MLP(layerSizes: [6, 8, 1], activation: .softplus)
        let other = try MLPFeatureModel(network: softplus, parameters: softplus.initialParameters(seed: 33))
        #expect(CoalitionValueEvaluator(model: other, background: background).network == nil)
    }

    /// `HybridRows.form` (one branch-free select per element) writes exactly the rows of the naive
    /// formation: a copy of the background with the coalition's columns overwritten by x. Compared
    /// bit for bit, with signed zeros in x and the background, the empty and the full coalition,
    /// a block that starts inside the set, and an output buffer filled with garbage beforehand.
    /// N = 2·patternRows + 3 background rows: full steps of the formation loop and a shorter last one.
    @Test func hybridRowsEqualTheNaiveFormation() {
        let n = 2 * HybridRows.patternRows + 3, m = 9
        var background = randomMatrix(n, m, seed: 41)
        background[2, 3] = -0.0
        background[4, 0] = 0.0
        var x = randomMatrix(1, m, seed: 42, scale: 1.5).row(0)
        x[1] = -0.0
        var rng = SeededGenerator(seed: 43)
        var coalitions = CoalitionSet(featureCount: m)
        coalitions.append([Int]())
        coalitions.append(0..<m)
        for _ in 0..<30 {
            let density = rng.nextUniform()
            coalitions.append((0..<m).filter { _ in rng.nextUniform() < density })
        }
        for (first, count) in [(0, coalitions.count), (5, 11), (coalitions.count - 1, 1)] {
            var output = [Double](repeating: .nan, count: count * n * m)
            var keep = [UInt64](repeating: 7, count: HybridRows.patternRows * m)
            var taken = [UInt64](repeating: 7, count: HybridRows.patternRows * m)
            HybridRows.form(x: x, background: background.storage, rows: n, columns: m, coalitions: coalitions,
                            first: first, count: count, keep: &keep, taken: &taken, into: &output)
            var naive = [Double]()
            for c in first..<(first + count) {
                var block = background.storage
                for r in 0..<n { for j in coalitions.members(of: c) { block[r * m + j] = x[j] } }
                naive += block
            }
            #expect(output.map(\.bitPattern) == naive.map(\.bitPattern), "block \(first) ..< \(first + count)")
        }
    }

    /// v(S) through the hybrid rows does not depend on how the coalitions are cut into blocks:
    /// one coalition per block, a block of one value (still one coalition), blocks that leave a
    /// short last one, the default and a single block give the same values up to rounding, and they
    /// match the mean of `predict(_:)` over the naively formed hybrid rows. (Not bit for bit: the
    /// model's outputs are the same, but the averaging gemv's kernel may sum a coalition's N
    /// outputs in another order depending on where the coalition falls in its block.)
    @Test func coalitionValuesDoNotDependOnTheBlockSize() throws {
        let m = 12, n = 30
        var rng = SeededGenerator(seed: 51)
        let model = InteractionModel(featureCount: m, beta: (0..<m).map { _ in rng.nextGaussian() },
                                     pairs: (0..<6).map { _ in (Int(rng.next() % 12), Int(rng.next() % 12), rng.nextGaussian()) })
        let background = randomMatrix(n, m, seed: 52)
        let x = randomMatrix(1, m, seed: 53, scale: 1.5).row(0)
        let coalitions = KernelShapDesign(featureCount: m, samples: 300, seed: 3).coalitions
        var direct = [Double]()
        for c in 0..<coalitions.count {
            var sum = 0.0
            for r in 0..<n {
                var row = background.row(r)
                for j in coalitions.members(of: c) { row[j] = x[j] }
                sum += model.predict(row)
            }
            direct.append(sum / Double(n))
        }
        let reference = try CoalitionValueEvaluator(model: model, background: background).values(at: x, coalitions: coalitions)
        #expect(zip(reference, direct).map { abs($0 - $1) }.max()! < 1e-13)
        for batchValues in [1, n * m, 7 * n * m + 5, 64 * n * m, coalitions.count * n * m] {
            let values = try CoalitionValueEvaluator(model: model, background: background, batchValues: batchValues, hybridRowsOnly: true)
                .values(at: x, coalitions: coalitions)
            let worst = zip(values, reference).map { abs($0 - $1) / max(1, abs($1)) }.max()!
            #expect(worst < 1e-14, "batchValues \(batchValues): \(worst)")
        }
    }

    // MARK: the Kernel SHAP design

    @Test func kernelDesignEnumeratesSmallSizesAndPairsTheRest() {
        let design = KernelShapDesign(featureCount: 20, samples: 2048, seed: 1)
        // As in shap's KernelExplainer: sizes 1, 2 (and 19, 18) fit the budget, 2·(20 + 190) = 420.
        #expect(design.enumeratedSizes == 2)
        #expect(design.coalitions.count == 2048)
        #expect(abs(design.weights.reduce(0, +) - 1) < 1e-12)
        #expect(!design.isComplete)
        // Every sampled coalition of size s < 10 is followed by its complement (antithetic pair).
        var k = 420
        while k < design.coalitions.count {
            let s = design.coalitions.size(of: k)
            #expect(s >= 3 && s <= 17)
            if s < 10 && k + 1 < design.coalitions.count {
                let members = Array(design.coalitions.members(of: k))
                #expect(Array(design.coalitions.members(of: k + 1)) == complement(members, 20))
                #expect(design.weights[k] == design.weights[k + 1])
                k += 2
            } else { k += 1 }
        }
        // Same seed, same design; another seed, another.
        let again = KernelShapDesign(featureCount: 20, samples: 2048, seed: 1)
        #expect(again.weights == design.weights && again.coalitions.members == design.coalitions.members)
        let other = KernelShapDesign(featureCount: 20, samples: 2048, seed: 2)
        #expect(other.coalitions.members != design.coalitions.members)
    }

    // MARK: errors

    @Test func badInputsGiveTypedErrors() throws {
        let model = ClosureFeatureModel(featureCount: 3) { $0[0] + $0[1] * $0[2] }
        let background = randomMatrix(5, 3, seed: 81)
        #expect(throws: ShapleyError.featureCountMismatch(parameter: "background", expected: 3, got: 2)) {
            try ShapleyExplainer(model: model, background: Matrix(rows: 4, columns: 2))
        }
        #expect(throws: ShapleyError.emptyBackground) {
            try ShapleyExplainer(model: model, background: Matrix(rows: 0, columns: 3))
        }
        let explainer = try ShapleyExplainer(model: model, background: background)
        #expect(throws: ShapleyError.featureCountMismatch(parameter: "rows", expected: 3, got: 4)) {
            try explainer.explain(Matrix(rows: 1, columns: 4))
        }
        var nan = background
        nan[2, 1] = .nan
        #expect(throws: ShapleyError.nonFiniteInput(parameter: "background", row: 2, column: 1)) {
            try ShapleyExplainer(model: model, background: nan)
        }
        #expect(throws: ShapleyError.nonFiniteInput(parameter: "rows", row: 0, column: 2)) {
            try explainer.explain(Matrix([[1, 2, .infinity]]))
        }
        let wide = ClosureFeatureModel(featureCount: 17) { $0.reduce(0, +) }
        #expect(throws: ShapleyError.tooManyFeaturesForExact(features: 17, limit: 16)) {
            try ShapleyExplainer(model: wide, background: Matrix(rows: 2, columns: 17), method: .exact)
        }
        #expect(throws: ShapleyError.tooFewSamples(samples: 20, minimum: 34)) {
            try ShapleyExplainer(model: wide, background: Matrix(rows: 2, columns: 17), samples: 20)
        }
        #expect(throws: ShapleyError.linearMethodNeedsLinearModel) {
            try ShapleyExplainer(model: model, background: background, method: .linear)
        }
        // Finite at the background (0, 0, 0) and at x = (1, 1, 0), infinite at the hybrid (1, 0, 0).
        let exploding = ClosureFeatureModel(featureCount: 3) { 1 / ($0[0] + $0[1] - 1) }
        #expect(throws: ShapleyError.nonFiniteModelOutput(context: "coalition values v(S) over the background")) {
            try ShapleyExplainer(model: exploding, background: Matrix([[0, 0, 0]])).explain(Matrix([[1, 1, 0]]))
        }
        let network = MLP(layerSizes: [3, 4, 2])
        #expect(throws: ShapleyError.networkOutputCount(expected: 1, got: 2)) {
            try MLPFeatureModel(network: network, parameters: network.initialParameters(seed: 1))
        }
        let single = MLP(layerSizes: [3, 4, 1])
        #expect(throws: ShapleyError.networkParameterCount(expected: 21, got: 20)) {
            try MLPFeatureModel(network: single, parameters: [Double](repeating: 0, count: 20))
        }
        #expect(ShapleyError.tooFewSamples(samples: 20, minimum: 34).description.contains("samples"))
    }

    // MARK: output

    @Test func explanationWritesCSVAndRoundTripsThroughJSON() throws {
        let model = AffineFeatureModel(intercept: 0, coefficients: [2, -1])
        let explanation = try ShapleyExplainer(model: model, background: Matrix([[0, 0], [2, 2]])).explain(Matrix([[3, 4]]))
        // x̄ = (1, 1): φ = (2·2, −1·3) = (4, −3); f(x) = 2, E f = (0 + 2)/2 = 1.
        #expect(explanation.values == [[4, -3]])
        #expect(explanation.longCSVLines(featureNames: ["gdp, per capita", "b"]) ==
                ["row,feature,value", "0,\"gdp, per capita\",4.0", "0,b,-3.0"])
        #expect(explanation.importanceCSVLines() == ["feature,mean_abs_shap", "0,4.0", "1,3.0"])
        #expect(explanation.rowSummaryCSVLines() == ["row,prediction,base_value,sum_phi,efficiency_gap", "0,2.0,1.0,1.0,0.0"])
        let data = try JSONEncoder().encode(explanation)
        #expect(try JSONDecoder().decode(ShapleyExplanation.self, from: data) == explanation)
    }
}
