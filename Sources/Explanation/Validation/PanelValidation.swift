import LinearAlgebra

/// How a panel (settlement × period) is split into training and test rows (SPEC §5). Random splits
/// of rows leak the settlement's identity into the test rows; the grouped and blocked protocols do not.
public enum ValidationProtocol: String, Sendable, Codable, CaseIterable {
    /// K seeded random splits of the rows (the paper's protocol).
    case randomRows = "random-rows"
    /// K seeded random splits of the settlements: every row of a test settlement is held out.
    case heldOutSettlements = "held-out-settlements"
    /// Blocked splits in time: with H = the test share of the T periods (at least one), split h = 1…H
    /// trains on the first T − h periods and tests on the last h (every origin of the last H).
    case heldOutPeriods = "held-out-periods"

    public var label: String {
        switch self {
        case .randomRows: return "random splits of rows"
        case .heldOutSettlements: return "held-out settlements"
        case .heldOutPeriods: return "held-out last periods"
        }
    }
}

/// Which fixed effects a panel model absorbs.
public struct PanelEffects: Sendable, Equatable, Codable {
    public var settlement: Bool
    public var period: Bool
    public init(settlement: Bool, period: Bool) { self.settlement = settlement; self.period = period }
    public static let none = PanelEffects(settlement: false, period: false)
    public static let both = PanelEffects(settlement: true, period: true)
    public var label: String {
        switch (settlement, period) {
        case (false, false): return "no fixed effects"
        case (true, false): return "settlement effects"
        case (false, true): return "period effects"
        case (true, true): return "settlement + period effects"
        }
    }
}

/// Options of the side-by-side validation.
public struct PanelValidationOptions: Sendable, Equatable {
    public var splits: Int
    public var trainFraction: Double
    public var seed: UInt64
    /// The regression of the features (method, weights, scaling, intercept); fixed effects come from `effects`.
    public var regression: RegressionOptions
    /// The fixed effects of the model under test.
    public var effects: PanelEffects

    public init(splits: Int = 200, trainFraction: Double = 0.8, seed: UInt64, regression: RegressionOptions = RegressionOptions(),
                effects: PanelEffects = .none) {
        self.splits = splits; self.trainFraction = trainFraction; self.seed = seed
        self.regression = regression; self.effects = effects
    }
}

/// Out-of-sample R² of one model under one protocol.
public struct ProtocolScore: Sendable, Codable, Equatable {
    public var validationProtocol: ValidationProtocol
    /// "features" (the model under test) or "fixed effects only" (the baseline).
    public var model: String
    public var splits: Int
    /// Test R² of each split, 1 − Σ(y − ŷ)² / Σ(y − ȳ_test)².
    public var testR2: [Double]
    public var meanTestR2: Double
    public var medianTestR2: Double
    /// 2.5 and 97.5 percentiles over the splits (equal to the single value for one split).
    public var lowerTestR2: Double
    public var upperTestR2: Double
}

/// In-sample decomposition on all rows: the features, the settlement + period effects alone, both
/// together, the within R² and the partial R² of the features beyond the fixed effects.
public struct PanelInSample: Sendable, Codable, Equatable {
    public var featuresR2: Double
    public var fixedEffectsOnlyR2: Double
    public var fixedEffectsAndFeaturesR2: Double
    public var withinR2: Double
    public var partialR2OfFeatures: Double
}

/// The validation protocols side by side for the model under test and the fixed-effects-only
/// baseline (settlement + period effects, no features). A level absent from the training rows (a
/// held-out settlement or period) is predicted with the mean effect of its factor.
public struct PanelValidation: Sendable, Codable, Equatable {
    public var effects: PanelEffects
    public var scores: [ProtocolScore]
    public var inSample: PanelInSample

    public func score(_ p: ValidationProtocol, model: String) -> ProtocolScore? {
        scores.first { $0.validationProtocol == p && $0.model == model }
    }

    public static let featuresModel = "features"
    public static let baselineModel = "fixed effects only"

    /// - Parameters: `settlements[i]`, `periods[i]` label row i; `periodOrder` lists the period
    ///   labels in time order.
    public static func run(x: Matrix, y: [Double], settlements: [String], periods: [String], periodOrder: [String],
                           options: PanelValidationOptions) throws(RegressionError) -> PanelValidation {
        let n = x.rows
        guard y.count == n, settlements.count == n, periods.count == n else {
            throw .dimensionMismatch("\(n) rows, \(y.count) targets, \(settlements.count) settlements, \(periods.count) periods")
        }
        guard options.splits >= 1 else { throw .invalidParameter(name: "splits", value: Double(options.splits), expected: "at least 1 split") }
        guard options.trainFraction > 0, options.trainFraction < 1 else {
            throw .invalidParameter(name: "trainFraction", value: options.trainFraction, expected: "a share strictly between 0 and 1")
        }
        let order = Dictionary(periodOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for p in periods where order[p] == nil { throw .dimensionMismatch("period '\(p)' is not in the period order") }
        let distinctSettlements = Array(Set(settlements)).sorted()
        let usedPeriods = periodOrder.filter { Set(periods).contains($0) }

        var rng = SeededGenerator(seed: options.seed)
        var splitsByProtocol: [(ValidationProtocol, [[Int]])] = []
        // Random rows.
        let nTrain = Int((Double(n) * options.trainFraction).rounded())
        var rowOrder = Array(0..<n)
        var random: [[Int]] = []
        for _ in 0..<options.splits { RegressionValidation.shuffle(&rowOrder, &rng); random.append(Array(rowOrder.prefix(nTrain))) }
        splitsByProtocol.append((.randomRows, random))
        // Held-out settlements.
        if distinctSettlements.count >= 2 {
            let sTrain = min(distinctSettlements.count - 1, max(1, Int((Double(distinctSettlements.count) * options.trainFraction).rounded())))
            var sOrder = distinctSettlements
            var grouped: [[Int]] = []
            for _ in 0..<options.splits {
                RegressionValidation.shuffle(&sOrder, &rng)
                let train = Set(sOrder.prefix(sTrain))
                grouped.append((0..<n).filter { train.contains(settlements[$0]) })
            }
            splitsByProtocol.append((.heldOutSettlements, grouped))
        }
        // Held-out last periods.
        if usedPeriods.count >= 2 {
            let held = min(usedPeriods.count - 1, max(1, Int((Double(usedPeriods.count) * (1 - options.trainFraction)).rounded())))
            let blocked = (1...held).map { h -> [Int] in
                let trainPeriods = Set(usedPeriods.prefix(usedPeriods.count - h))
                return (0..<n).filter { trainPeriods.contains(periods[$0]) }
            }
            splitsByProtocol.append((.heldOutPeriods, blocked))
        }

        func factors(_ effects: PanelEffects, _ rows: [Int]) -> [FixedEffectFactor] {
            var out: [FixedEffectFactor] = []
            if effects.settlement { out.append(FixedEffectFactor(name: "settlement", values: rows.map { settlements[$0] })) }
            if effects.period { out.append(FixedEffectFactor(name: "period", values: rows.map { periods[$0] })) }
            return out.filter { $0.labels.count >= 2 }
        }
        func testR2(features: Bool, effects: PanelEffects, train: [Int]) throws(RegressionError) -> Double {
            let trainSet = Set(train)
            let test = (0..<n).filter { !trainSet.contains($0) }
            var opts = options.regression
            opts.weights = options.regression.weights.map { w in train.map { w[$0] } }
            opts.fixedEffects = factors(effects, train)
            let xTrain = features ? RegressionValidation.rows(x, train) : Matrix(rows: train.count, columns: 0)
            let model = try LinearRegression.fit(x: xTrain, y: train.map { y[$0] }, featureNames: features ? nil : [], options: opts)
            let xTest = features ? RegressionValidation.rows(x, test) : Matrix(rows: test.count, columns: 0)
            let levels = model.fixedEffects.map { fe in test.map { fe.name == "settlement" ? settlements[$0] : periods[$0] } }
            return RegressionValidation.outOfSampleR2(observed: test.map { y[$0] }, predicted: model.predict(rows: xTest, levels: levels))
        }
        func summarize(_ p: ValidationProtocol, _ model: String, _ values: [Double]) -> ProtocolScore {
            let sorted = values.sorted()
            return ProtocolScore(validationProtocol: p, model: model, splits: values.count, testR2: values,
                                 meanTestR2: values.reduce(0, +) / Double(values.count),
                                 medianTestR2: RegressionValidation.percentile(sorted, 0.5),
                                 lowerTestR2: RegressionValidation.percentile(sorted, 0.025),
                                 upperTestR2: RegressionValidation.percentile(sorted, 0.975))
        }
        var scores: [ProtocolScore] = []
        for (p, splits) in splitsByProtocol {
            var featureR2: [Double] = [], baselineR2: [Double] = []
            for train in splits {
                featureR2.append(try testR2(features: true, effects: options.effects, train: train))
                baselineR2.append(try testR2(features: false, effects: .both, train: train))
            }
            scores.append(summarize(p, featuresModel, featureR2))
            scores.append(summarize(p, baselineModel, baselineR2))
        }

        // In-sample decomposition on all rows.
        let all = Array(0..<n)
        var pooled = options.regression
        pooled.fixedEffects = []
        let featuresOnly = try LinearRegression.fit(x: x, y: y, options: pooled)
        var withEffects = options.regression
        withEffects.method = .ordinaryLeastSquares
        withEffects.fixedEffects = factors(.both, all)
        let full = try LinearRegression.fit(x: x, y: y, options: withEffects)
        let inSample = PanelInSample(featuresR2: featuresOnly.summary.rSquared,
                                     fixedEffectsOnlyR2: full.summary.fixedEffectsOnlyRSquared ?? 0,
                                     fixedEffectsAndFeaturesR2: full.summary.rSquared,
                                     withinR2: full.summary.withinRSquared ?? 0,
                                     partialR2OfFeatures: full.summary.partialRSquaredOfTerms ?? 0)
        return PanelValidation(effects: options.effects, scores: scores, inSample: inSample)
    }
}
