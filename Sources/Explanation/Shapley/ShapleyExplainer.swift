import LinearAlgebra

/// Interventional Shapley values of a `FeatureModel` against a background set (SPEC §5).
///
/// For a row x with features N = {1 … M} the value of a coalition S is
/// v(S) = E_b f(x_S, b_S̄), the mean prediction over the background rows b with the features in S
/// taken from x. The Shapley value of feature j,
///
///     φⱼ = Σ_{S ⊆ N∖{j}} |S|! (M − |S| − 1)! / M! · [v(S ∪ {j}) − v(S)],
///
/// satisfies efficiency, Σⱼ φⱼ = f(x) − E_b f(b). Three ways to get it:
/// - `.linear`: the closed form φⱼ = βⱼ (xⱼ − E_b bⱼ) of a `LinearFeatureModel`;
/// - `.exact`: enumeration of all 2^M coalitions, M ≤ 16;
/// - `.kernel`: Kernel SHAP (Lundberg & Lee 2017) with `samples` coalitions (paired sampling,
///   small sizes enumerated when the budget allows), efficiency enforced exactly.
/// With `method: nil` the explainer picks linear for a `LinearFeatureModel`, exact up to 16
/// features and Kernel SHAP beyond. Kernel SHAP draws its coalitions once, from `seed`, and uses
/// them for every explained row.
public struct ShapleyExplainer: Sendable {
    /// The largest M for which `.exact` is accepted (2^16 coalitions per row).
    public static let exactFeatureLimit = ExactShapley.featureLimit

    public let model: any FeatureModel
    public let background: Matrix
    public let method: ShapleyMethod
    public let samples: Int
    public let seed: UInt64
    /// E_b f(b), the mean prediction over the background.
    public let baseValue: Double

    private let plan: Plan

    private enum Plan: Sendable {
        case linear(LinearShapley)
        case exact(ExactShapley)
        case kernel(KernelShap)
        case single   // M = 1: φ₁ = f(x) − E f for every method
    }

    public init(model: any FeatureModel, background: Matrix, method: ShapleyMethod? = nil,
                samples: Int = 2048, seed: UInt64 = 1) throws {
        let m = model.featureCount
        guard m >= 1 else { throw ShapleyError.noFeatures }
        guard background.columns == m else {
            throw ShapleyError.featureCountMismatch(parameter: "background", expected: m, got: background.columns)
        }
        guard background.rows >= 1 else { throw ShapleyError.emptyBackground }
        try Self.checkFinite(background, parameter: "background")
        let linear = model as? any LinearFeatureModel
        let chosen = method ?? (linear != nil ? .linear : m <= ExactShapley.featureLimit ? .exact : .kernel)

        switch chosen {
        case .linear:
            guard let linear else { throw ShapleyError.linearMethodNeedsLinearModel }
            guard linear.coefficients.count == m else {
                throw ShapleyError.coefficientCountMismatch(expected: m, got: linear.coefficients.count)
            }
            plan = .linear(LinearShapley(coefficients: linear.coefficients, background: background))
        case .exact:
            guard m <= ExactShapley.featureLimit else {
                throw ShapleyError.tooManyFeaturesForExact(features: m, limit: ExactShapley.featureLimit)
            }
            plan = m == 1 ? .single : .exact(ExactShapley(featureCount: m))
        case .kernel:
            let minimum = m == 1 ? 0 : KernelShapDesign.minimumSamples(featureCount: m)
            guard samples >= max(1, minimum) else { throw ShapleyError.tooFewSamples(samples: samples, minimum: max(1, minimum)) }
            plan = m == 1 ? .single : .kernel(KernelShap(featureCount: m, samples: samples, seed: seed))
        }

        let predictions = model.predict(rows: background)
        guard predictions.allSatisfy({ $0.isFinite }) else {
            throw ShapleyError.nonFiniteModelOutput(context: "the background rows")
        }
        self.model = model
        self.background = background
        self.method = chosen
        self.samples = samples
        self.seed = seed
        baseValue = predictions.reduce(0, +) / Double(predictions.count)
    }

    /// Distinct coalitions evaluated per explained row (besides ∅ and the full set).
    public var coalitionsPerRow: Int {
        switch plan {
        case .linear, .single: return 0
        case .exact(let e): return e.coalitions.count
        case .kernel(let k): return k.design.coalitions.count
        }
    }

    /// Shapley values of every row of `rows` (rows × featureCount).
    public func explain(_ rows: Matrix) throws -> ShapleyExplanation {
        let m = model.featureCount
        guard rows.columns == m else {
            throw ShapleyError.featureCountMismatch(parameter: "rows", expected: m, got: rows.columns)
        }
        try Self.checkFinite(rows, parameter: "rows")
        let predictions = rows.rows == 0 ? [] : model.predict(rows: rows)
        guard predictions.allSatisfy({ $0.isFinite }) else {
            throw ShapleyError.nonFiniteModelOutput(context: "the explained rows")
        }
        let evaluator = CoalitionValueEvaluator(model: model, background: background)
        var values = [[Double]]()
        values.reserveCapacity(rows.rows)
        for i in 0..<rows.rows {
            let x = rows.row(i)
            switch plan {
            case .linear(let l): values.append(l.values(at: x))
            case .single: values.append([predictions[i] - baseValue])
            case .exact(let e):
                values.append(try e.values(at: x, prediction: predictions[i], baseValue: baseValue, evaluator: evaluator))
            case .kernel(let k):
                values.append(try k.values(at: x, prediction: predictions[i], baseValue: baseValue, evaluator: evaluator))
            }
        }
        return ShapleyExplanation(values: values, baseValue: baseValue, predictions: predictions, method: method,
                                  coalitionsEvaluated: coalitionsPerRow)
    }

    private static func checkFinite(_ a: Matrix, parameter: String) throws {
        if let k = a.storage.firstIndex(where: { !$0.isFinite }) {
            throw ShapleyError.nonFiniteInput(parameter: parameter, row: k / a.columns, column: k % a.columns)
        }
    }
}
