/// Features by region and period, complete (no missing values) for the features of one model:
/// `values[k][i]` is the feature row of region i in period k, which starts at `periodStarts[k]`
/// (decimal years, ascending) and lasts `periodLength`. Beyond the last period the last row is
/// held; before the first there is no row.
public struct FeaturePanel: Sendable, Equatable {
    public var regionIDs: [String]
    public var featureNames: [String]
    public var periodStarts: [Double]
    public var periodLength: Double
    public var values: [[[Double]]]

    public init(regionIDs: [String], featureNames: [String], periodStarts: [Double], periodLength: Double,
                values: [[[Double]]]) {
        precondition(values.count == periodStarts.count, "panel: \(values.count) periods of values, \(periodStarts.count) starts")
        precondition(values.allSatisfy { $0.count == regionIDs.count && $0.allSatisfy { $0.count == featureNames.count } },
                     "panel: every period needs one row of \(featureNames.count) features per region")
        precondition(zip(periodStarts, periodStarts.dropFirst()).allSatisfy { $0 < $1 }, "panel: period starts must ascend")
        self.regionIDs = regionIDs; self.featureNames = featureNames; self.periodStarts = periodStarts
        self.periodLength = periodLength; self.values = values
    }

    /// The period whose row applies at time t: the last k with start_k ≤ t (+1e-9 for rounding);
    /// nil before the first period.
    public func period(at t: Double) -> Int? {
        var lo = 0, hi = periodStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if periodStarts[mid] <= t + 1e-9 { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}
