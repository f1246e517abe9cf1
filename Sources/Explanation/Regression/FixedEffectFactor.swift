/// A categorical variable absorbed as fixed effects (settlement, period, …): the regression adds
/// one indicator column per level beyond a reference level (all levels for the first factor of a
/// model without intercept), so the factor shifts the level of y but carries no coefficient table.
public struct FixedEffectFactor: Sendable, Equatable {
    /// The option or column that defined it (named in errors and outputs).
    public var name: String
    /// Distinct levels in order of first appearance; level 0 is the reference.
    public var labels: [String]
    /// Per row, the index of its level in `labels`.
    public var codes: [Int]

    /// Levels from the value of the factor in each row.
    public init(name: String, values: [String]) {
        var index: [String: Int] = [:], labels: [String] = [], codes: [Int] = []
        codes.reserveCapacity(values.count)
        for v in values {
            if let c = index[v] { codes.append(c) } else { index[v] = labels.count; codes.append(labels.count); labels.append(v) }
        }
        self.name = name; self.labels = labels; self.codes = codes
    }

    /// The same factor restricted to `rows` (levels keep their labels; unused levels are dropped).
    public func subset(_ rows: [Int]) -> FixedEffectFactor {
        FixedEffectFactor(name: name, values: rows.map { labels[codes[$0]] })
    }
}

/// The estimated effects of one factor, in raw units: effect of each level relative to the
/// reference (0 for the reference level; 0 and `aliased` for a level the rank test dropped).
public struct FixedEffectEstimates: Sendable, Codable, Equatable {
    public var name: String
    public var labels: [String]
    public var effects: [Double]
    public var aliased: [Bool]

    /// The effect of `label`, or the mean effect over the estimated levels when the level was not
    /// in the data the model was fitted on (a settlement or period held out).
    public func effect(of label: String) -> Double {
        if let i = labels.firstIndex(of: label) { return effects[i] }
        return meanEffect
    }

    /// Mean effect over the levels (the prediction for an unseen level).
    public var meanEffect: Double { effects.isEmpty ? 0 : effects.reduce(0, +) / Double(effects.count) }
}
