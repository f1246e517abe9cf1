import Foundation

/// Shapley values of a set of explained rows against a background set.
///
/// For row x: f(x) = baseValue + Σⱼ φⱼ(x) (efficiency), with baseValue = E_bg f(X) the mean
/// prediction over the background. `efficiencyGaps[i]` = Σⱼ φⱼ − (f(xᵢ) − baseValue) reports how
/// well that holds numerically for every row. Global importance Iⱼ = mean over rows of |φⱼ|.
public struct ShapleyExplanation: Sendable, Codable, Equatable {
    /// φ[row][feature].
    public let values: [[Double]]
    /// E f(X) over the background.
    public let baseValue: Double
    /// f(x) for each explained row.
    public let predictions: [Double]
    /// Σⱼ φⱼ − (f(x) − baseValue), per row.
    public let efficiencyGaps: [Double]
    /// mean over rows of |φⱼ|, per feature.
    public let globalImportance: [Double]
    public let method: ShapleyMethod
    /// Distinct coalitions whose value v(S) was evaluated per row (0 for `.linear`).
    public let coalitionsEvaluated: Int

    public init(values: [[Double]], baseValue: Double, predictions: [Double], method: ShapleyMethod,
                coalitionsEvaluated: Int) {
        precondition(values.count == predictions.count, "ShapleyExplanation: \(values.count) rows of values, \(predictions.count) predictions")
        self.values = values
        self.baseValue = baseValue
        self.predictions = predictions
        self.method = method
        self.coalitionsEvaluated = coalitionsEvaluated
        efficiencyGaps = zip(values, predictions).map { φ, fx in φ.reduce(0, +) - (fx - baseValue) }
        let m = values.first?.count ?? 0
        globalImportance = (0..<m).map { j in
            values.isEmpty ? 0 : values.reduce(0) { $0 + abs($1[j]) } / Double(values.count)
        }
    }

    /// The largest |efficiency gap| over the rows (0 with no rows).
    public var maxAbsEfficiencyGap: Double { efficiencyGaps.reduce(0) { max($0, abs($1)) } }

    /// The values in long layout, one line per (row, feature): a header `row,feature,value`, then
    /// rows numbered from 0 and features named by `featureNames` (or their 0-based index).
    public func longCSVLines(featureNames: [String]? = nil) -> [String] {
        var lines = ["row,feature,value"]
        for (i, φ) in values.enumerated() {
            for (j, v) in φ.enumerated() {
                lines.append("\(i),\(Self.csvField(featureNames.map { $0[j] } ?? String(j))),\(v)")
            }
        }
        return lines
    }

    /// Global importance as `feature,mean_abs_shap` lines, in feature order.
    public func importanceCSVLines(featureNames: [String]? = nil) -> [String] {
        ["feature,mean_abs_shap"] + globalImportance.enumerated().map { j, v in
            "\(Self.csvField(featureNames.map { $0[j] } ?? String(j))),\(v)"
        }
    }

    /// Per-row summary `row,prediction,base_value,sum_phi,efficiency_gap`.
    public func rowSummaryCSVLines() -> [String] {
        ["row,prediction,base_value,sum_phi,efficiency_gap"] + values.indices.map { i in
            "\(i),\(predictions[i]),\(baseValue),\(values[i].reduce(0, +)),\(efficiencyGaps[i])"
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
