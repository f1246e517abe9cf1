import LinearAlgebra
import PhysicsInformed

/// Shapley values of the fitted force model itself (SPEC §5): for every settlement i and period t
/// of the fitting window, Fᵢ(t) = s_F·(g_φ(zᵢ(t)) + bᵢ) is split between the d lagged features and
/// the settlement effect, interventionally against all the window's rows as background:
///
///     Σⱼ φⱼ(i, t) + φ_b(i, t) = Fᵢ(t) − mean_{k,s} F_k(s)        (efficiency).
///
/// With a linear g this is the closed form φⱼ = s_F·wⱼ·(zᵢⱼ(t) − z̄ⱼ), φ_b = s_F·(bᵢ − b̄); with a
/// network, exact enumeration of the 2^(d+1) coalitions (Kernel SHAP beyond 16 players). Unlike the
/// regression's Shapley values (`migsim explain`'s `shapley_values.csv`), these explain the force
/// the model forecasts with, not a regression fitted to it afterwards.
public struct ForceModelShapley: Sendable {
    /// The players: the force's feature names, then `settlement_effect`.
    public let players: [String]
    /// Row r is settlement `rowSettlements[r]` (index into the fit's ids) at period start `rowTimes[r]`.
    public let rowSettlements: [Int]
    public let rowTimes: [Double]
    public let explanation: ShapleyExplanation

    public static let settlementEffect = "settlement_effect"

    /// Explains the force of `fitted` at the period starts `times` (default: the fitting window's).
    public static func explain(_ fitted: FittedModel, times: [Double]? = nil, method: ShapleyMethod? = nil,
                               seed: UInt64 = 1) throws -> ForceModelShapley? {
        guard let model = try ForceFeatureModel(fitted), let features = fitted.forceFeatures else { return nil }
        let periods = times ?? fitted.times
        let n = fitted.ids.count, d = features.count
        var storage = [Double](), settlements = [Int](), rowTimes = [Double]()
        storage.reserveCapacity(periods.count * n * (d + 1))
        for t in periods {
            let z = features.inputs(at: t)
            for i in 0..<n {
                storage.append(contentsOf: z[i]); storage.append(fitted.settlementEffects[i])
                settlements.append(i); rowTimes.append(t)
            }
        }
        let rows = Matrix(rows: settlements.count, columns: d + 1, storage: storage)
        let explainer = try ShapleyExplainer(model: model, background: rows, method: method, seed: seed)
        return ForceModelShapley(players: features.names + [settlementEffect], rowSettlements: settlements, rowTimes: rowTimes,
                                 explanation: try explainer.explain(rows))
    }
}
