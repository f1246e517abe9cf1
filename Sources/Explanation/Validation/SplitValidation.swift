import LinearAlgebra

/// Options of the repeated train/test validation (SPEC §5, "as in the paper").
public struct SplitValidationOptions: Sendable, Equatable {
    /// K random splits (default 200).
    public var splits: Int
    /// Share of rows in the training part (default 0.8).
    public var trainFraction: Double
    /// Permutations B of the significance test (0 skips it).
    public var permutations: Int
    public var seed: UInt64
    public var regression: RegressionOptions

    public init(splits: Int = 200, trainFraction: Double = 0.8, permutations: Int = 999, seed: UInt64,
                regression: RegressionOptions = RegressionOptions()) {
        self.splits = splits; self.trainFraction = trainFraction; self.permutations = permutations
        self.seed = seed; self.regression = regression
    }
}

/// The distribution of out-of-sample R² over K random splits and a permutation test.
public struct SplitValidation: Sendable, Codable, Equatable {
    public var splits: Int
    public var trainSize: Int
    public var testSize: Int
    public var seed: UInt64
    /// Test R² of each split, 1 − Σ(y − ŷ)² / Σ(y − ȳ_test)², in split order.
    public var testR2: [Double]
    /// Training (in-sample) R² of each split.
    public var trainR2: [Double]
    public var meanTestR2: Double
    /// Sample standard deviation of the test R² over the splits.
    public var standardDeviationTestR2: Double
    public var medianTestR2: Double
    /// 2.5 and 97.5 percentiles (linear interpolation between order statistics, h = (K − 1)·q).
    public var lowerTestR2: Double
    public var upperTestR2: Double
    /// R² of the fit on all rows: the statistic of the permutation test.
    public var observedR2: Double
    public var permutations: Int
    /// #{b : R²_b ≥ R²_obs} over the B fits on permuted targets.
    public var permutationsAtLeastObserved: Int
    /// (1 + #{R²_b ≥ R²_obs}) / (1 + B); nil when B = 0.
    public var permutationPValue: Double?
}

/// Repeated random splits and the permutation test of a linear regression. Deterministic given
/// the seed: splits and permutations are Fisher–Yates shuffles driven by one `SeededGenerator`.
public enum RegressionValidation {
    public static func run(x: Matrix, y: [Double], options: SplitValidationOptions) throws(RegressionError) -> SplitValidation {
        let n = x.rows
        guard y.count == n else { throw .dimensionMismatch("X has \(n) rows, y has \(y.count) values") }
        guard options.splits >= 1 else {
            throw .invalidParameter(name: "splits", value: Double(options.splits), expected: "at least 1 split")
        }
        guard options.trainFraction > 0, options.trainFraction < 1 else {
            throw .invalidParameter(name: "trainFraction", value: options.trainFraction, expected: "a share strictly between 0 and 1")
        }
        guard options.permutations >= 0 else {
            throw .invalidParameter(name: "permutations", value: Double(options.permutations), expected: "B ≥ 0")
        }
        let nTrain = Int((Double(n) * options.trainFraction).rounded())
        let nTest = n - nTrain
        guard nTrain >= x.columns + 2, nTest >= 2 else {
            throw .tooFewRows(rows: n, needed: max(x.columns + 4, Int((Double(x.columns + 2) / options.trainFraction).rounded(.up)) + 2))
        }
        var rng = SeededGenerator(seed: options.seed)
        var testR2: [Double] = [], trainR2: [Double] = []
        var order = Array(0..<n)
        for _ in 0..<options.splits {
            shuffle(&order, &rng)
            let train = Array(order.prefix(nTrain)), test = Array(order.suffix(nTest))
            var opts = options.regression
            opts.weights = options.regression.weights.map { w in train.map { w[$0] } }
            let model = try LinearRegression.fit(x: rows(x, train), y: train.map { y[$0] }, options: opts)
            trainR2.append(model.summary.rSquared)
            let predicted = model.predict(rows: rows(x, test))
            testR2.append(outOfSampleR2(observed: test.map { y[$0] }, predicted: predicted))
        }

        let observed = try LinearRegression.fit(x: x, y: y, options: options.regression).summary.rSquared
        var atLeast = 0
        var permuted = y
        for _ in 0..<options.permutations {
            shuffle(&permuted, &rng)
            let r2 = try LinearRegression.fit(x: x, y: permuted, options: options.regression).summary.rSquared
            if r2 >= observed { atLeast += 1 }
        }
        let sorted = testR2.sorted()
        let mean = testR2.reduce(0, +) / Double(testR2.count)
        let sd = testR2.count > 1 ? (testR2.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(testR2.count - 1)).squareRoot() : 0
        return SplitValidation(splits: options.splits, trainSize: nTrain, testSize: nTest, seed: options.seed,
                               testR2: testR2, trainR2: trainR2, meanTestR2: mean, standardDeviationTestR2: sd,
                               medianTestR2: percentile(sorted, 0.5), lowerTestR2: percentile(sorted, 0.025),
                               upperTestR2: percentile(sorted, 0.975), observedR2: observed,
                               permutations: options.permutations, permutationsAtLeastObserved: atLeast,
                               permutationPValue: options.permutations > 0
                                   ? Double(1 + atLeast) / Double(1 + options.permutations) : nil)
    }

    /// 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² on held-out rows (ȳ their own mean; may be negative).
    public static func outOfSampleR2(observed: [Double], predicted: [Double]) -> Double {
        let mean = observed.reduce(0, +) / Double(observed.count)
        var sse = 0.0, sst = 0.0
        for i in observed.indices {
            sse += (observed[i] - predicted[i]) * (observed[i] - predicted[i])
            sst += (observed[i] - mean) * (observed[i] - mean)
        }
        return sst > 0 ? 1 - sse / sst : (sse == 0 ? 1 : -.infinity)
    }

    /// The q-quantile of sorted values, linear between order statistics at h = (K − 1)·q.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "percentile of no values")
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Fisher–Yates: for i = n−1 … 1 swap a[i] with a[j], j uniform in 0…i.
    static func shuffle<T>(_ a: inout [T], _ rng: inout SeededGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, through: 1, by: -1) {
            let j = Int(rng.nextUniform() * Double(i + 1))
            a.swapAt(i, min(j, i))
        }
    }

    static func rows(_ x: Matrix, _ index: [Int]) -> Matrix {
        var storage: [Double] = []
        storage.reserveCapacity(index.count * x.columns)
        for i in index { storage.append(contentsOf: x.row(i)) }
        return Matrix(rows: index.count, columns: x.columns, storage: storage)
    }
}
