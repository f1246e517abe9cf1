import ArgumentParser
import DataIO
import Explanation
import Foundation
import LinearAlgebra

/// `migsim explain`: what drives the fitted force (SPEC §5) — a linear regression of the mean
/// fitted force per region and period on socio-economic features, its validation over repeated
/// random train/test splits, a permutation test, and Shapley values of every row against all rows.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain the fitted force by features: regression, validation protocols side by side, permutation test, Shapley values.",
        discussion: """
        Target: the mean fitted force F_φ of each region over each period of the features file that lies \
        inside the fitting window of --fit. Features: the columns of --features (all, or those given by \
        --feature), rows with a missing value left out; --transforms adds derived features declared in YAML \
        (log, ratio to the national mean, difference, lag, growth) that --feature can choose. Fits OLS through a column-pivoted QR (or ridge \
        with --ridge) on standardized features and reports raw-unit coefficients, standard errors, t and \
        p values, R², adjusted R², the F test, VIF and a collinearity warning (--fixed-effects settlement,period \
        absorbs settlement and/or period effects). Validation, side by side: K random train/test splits of \
        the rows (the paper's protocol), K random splits that hold out whole settlements, and H blocked splits \
        that hold out the last h = 1…H periods (H the test share of the periods), each for the model and for the fixed-effects-only baseline (settlement + \
        period effects, no features; a held-out level gets the mean effect); the in-sample R² of the features, \
        of the fixed effects alone and of both, the within R² and the partial R² of the features. Random \
        splits of a panel leak the settlement's identity: every R² printed names its protocol. Then a \
        permutation test p = (1 + #{R²_perm ≥ R²_obs})/(1 + B) of the pooled regression. \
        Finally interventional Shapley values of the regression for every row, against all rows as the \
        background (closed form φⱼ = bⱼ(xⱼ − mean xⱼ) by default; --shapley-method exact|kernel to \
        cross-check), and their global importance mean |φⱼ| (with fixed effects: of the feature part \
        b₀ + Σ bⱼxⱼ, the effects left out). When the fit has a force of features, also the Shapley values \
        of the force model itself, Fᵢ(t) = s_F·(g(zᵢ(t)) + bᵢ), split between its lagged feature inputs and the \
        settlement effect for every settlement and period of the fitting window (exact; closed form for a \
        linear g), with the efficiency gap Σφ − (F − mean F) per row.

        Writes into --output: target.csv, coefficients.csv, regression.json, validation.csv, \
        validation_protocols.csv, validation_splits.csv, validation.json, shapley_values.csv, shapley_importance.csv, \
        and with a force of features force_shapley_values.csv, force_shapley_importance.csv.
        """
    )

    @Option(name: .long, help: "Fitted model artifact (fit.json from migsim fit).")
    var fit: String

    @Option(name: .long, help: "Features CSV: id, period, one column per feature.")
    var features: String

    @Option(name: .long, help: "Output folder (created if missing).")
    var output: String

    @Option(name: .customLong("feature"), help: "A feature column to use (repeat; default: all columns).")
    var chosen: [String] = []

    @Option(name: .long, help: "Ridge penalty λ on the standardized coefficients (default: OLS).")
    var ridge: Double?

    @Flag(name: .customLong("no-standardize"), help: "Estimate on raw features (coefficients are reported in raw units either way).")
    var noStandardize = false

    @Option(name: .long, help: "YAML file of derived features (log, ratio_to_national_mean, difference, lag, growth).")
    var transforms: String?

    @Option(name: .customLong("fixed-effects"), help: "Fixed effects of the model: settlement, period, settlement,period or none.")
    var fixedEffects: String = "none"

    @Option(name: .long, help: "Random train/test splits.")
    var splits: Int = 200

    @Option(name: .customLong("train-fraction"), help: "Share of rows used for training in each split.")
    var trainFraction: Double = 0.8

    @Option(name: .long, help: "Permutations of the significance test (0: skip).")
    var permutations: Int = 999

    @Option(name: .long, help: "Seed of the splits and permutations.")
    var seed: UInt64 = 2024

    @Option(name: .customLong("shapley-method"), help: "linear (closed form, default for the regression), exact or kernel.")
    var shapleyMethod: ShapleyMethod?

    @Option(name: .customLong("shapley-samples"), help: "Coalitions sampled by Kernel SHAP.")
    var shapleySamples: Int = 2048

    func run() throws {
        guard splits >= 1 else { throw ValidationError("--splits must be ≥ 1, got \(splits)") }
        guard trainFraction > 0, trainFraction < 1 else { throw ValidationError("--train-fraction must lie strictly between 0 and 1, got \(trainFraction)") }
        guard permutations >= 0 else { throw ValidationError("--permutations must be ≥ 0, got \(permutations)") }
        let pooledOptions = try ExplainData.regressionOptions(ridge: ridge, standardize: !noStandardize)
        let effects = try Self.panelEffects(fixedEffects)
        let derived = try transforms.map(FeatureTransformsFile.read) ?? []
        let data = try ExplainData.load(fit: fit, features: features, chosen: chosen, transforms: derived)
        var options = pooledOptions
        if effects.settlement { options.fixedEffects.append(FixedEffectFactor(name: "settlement", values: data.rowIDs)) }
        if effects.period { options.fixedEffects.append(FixedEffectFactor(name: "period", values: data.rowPeriods.map(\.label))) }
        Log.info("explaining the force of \(fit) by \(data.featureNames.joined(separator: ", ")): \(data.y.count) rows "
                 + "(\(data.skippedOutsideWindow) outside the fitting window, \(data.skippedMissing) with missing values left out)")
        let model = try LinearRegression.fit(x: data.x, y: data.y, featureNames: data.featureNames, options: options)
        let validation = try RegressionValidation.run(x: data.x, y: data.y, options: SplitValidationOptions(
            splits: splits, trainFraction: trainFraction, permutations: permutations, seed: seed, regression: pooledOptions))
        let periodOrder = Array(Set(data.rowPeriods)).sorted { $0.decimalYear < $1.decimalYear }.map(\.label)
        let protocols = try PanelValidation.run(x: data.x, y: data.y, settlements: data.rowIDs, periods: data.rowPeriods.map(\.label),
                                                periodOrder: periodOrder, options: PanelValidationOptions(
                                                    splits: splits, trainFraction: trainFraction, seed: seed,
                                                    regression: pooledOptions, effects: effects))

        let explainer = try ShapleyExplainer(model: model, background: data.x, method: shapleyMethod, samples: shapleySamples, seed: seed)
        let shapley = try explainer.explain(data.x)
        // The force model's own Shapley values (a fit with a force of features; none for a time-only force).
        let forceShapley = try ForceModelShapley.explain(data.fitted, seed: seed)

        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = CSVTableWriter.format
        var target = CSVTableWriter(header: ["id", "period", "force", "fitted"] + data.featureNames)
        let fittedValues = model.predict(rows: data.x)
        for r in data.y.indices {
            target.append([data.rowIDs[r], data.rowPeriods[r].label, f(data.y[r]), f(fittedValues[r])] + data.x.row(r).map(f))
        }
        var coefficients = CSVTableWriter(header: ["term", "estimate", "std_error", "t", "p", "standardized", "vif", "aliased"])
        for (j, row) in model.table.enumerated() {
            let feature = j - (model.hasIntercept ? 1 : 0)
            let standardized = feature < 0 ? model.standardizedIntercept : model.standardizedCoefficients[feature]
            coefficients.append([row.name, f(row.estimate), f(row.standardError), f(row.tValue), f(row.pValue),
                                 f(standardized), feature < 0 ? "" : f(model.varianceInflation[feature]), row.aliased ? "true" : "false"])
        }
        var summary = CSVTableWriter(header: ["statistic", "value"])
        let s = model.summary
        let rows: [(String, Double?)] = [
            ("observations", Double(s.observations)), ("rank", Double(s.rank)), ("r2", s.rSquared), ("adjusted_r2", s.adjustedRSquared),
            ("f_statistic", s.fStatistic), ("f_p_value", s.fPValue), ("residual_standard_error", s.residualStandardError),
            ("condition_number", s.conditionNumber), ("scaled_condition_number", s.scaledConditionNumber),
            ("within_r2", s.withinRSquared), ("fixed_effects_only_r2", s.fixedEffectsOnlyRSquared),
            ("splits", Double(validation.splits)), ("train_size", Double(validation.trainSize)), ("test_size", Double(validation.testSize)),
            ("test_r2_mean", validation.meanTestR2), ("test_r2_sd", validation.standardDeviationTestR2),
            ("test_r2_median", validation.medianTestR2), ("test_r2_p2.5", validation.lowerTestR2),
            ("test_r2_p97.5", validation.upperTestR2),
            ("observed_r2", validation.observedR2), ("permutations", Double(validation.permutations)),
            ("permutation_p_value", validation.permutationPValue),
            ("in_sample_r2_features", protocols.inSample.featuresR2),
            ("in_sample_r2_settlement_period_effects_only", protocols.inSample.fixedEffectsOnlyR2),
            ("in_sample_r2_settlement_period_effects_and_features", protocols.inSample.fixedEffectsAndFeaturesR2),
            ("in_sample_within_r2_settlement_period_effects", protocols.inSample.withinR2),
            ("in_sample_partial_r2_features_beyond_settlement_period_effects", protocols.inSample.partialR2OfFeatures),
        ]
        for (name, value) in rows { summary.append([name, f(value)]) }
        var protocolTable = CSVTableWriter(header: ["protocol", "model", "fixed_effects", "splits", "test_r2_mean", "test_r2_median",
                                                    "test_r2_p2.5", "test_r2_p97.5"])
        for score in protocols.scores {
            let isBaseline = score.model == PanelValidation.baselineModel
            protocolTable.append([score.validationProtocol.rawValue, isBaseline ? "fixed_effects_only" : "features",
                                  isBaseline ? PanelEffects.both.label : effects.label, String(score.splits),
                                  f(score.meanTestR2), f(score.medianTestR2), f(score.lowerTestR2), f(score.upperTestR2)])
        }
        var splitTable = CSVTableWriter(header: ["split", "train_r2", "test_r2"])
        for k in validation.testR2.indices { splitTable.append([String(k + 1), f(validation.trainR2[k]), f(validation.testR2[k])]) }

        var shapleyValues = CSVTableWriter(header: ["id", "period", "prediction", "base_value", "efficiency_gap"] + data.featureNames)
        for r in shapley.values.indices {
            shapleyValues.append([data.rowIDs[r], data.rowPeriods[r].label, f(shapley.predictions[r]), f(shapley.baseValue),
                                  f(shapley.efficiencyGaps[r])] + shapley.values[r].map(f))
        }
        var importance = CSVTableWriter(header: ["feature", "mean_abs_shap"])
        for (j, name) in data.featureNames.enumerated() { importance.append([name, f(shapley.globalImportance[j])]) }

        if let fs = forceShapley {
            let e = fs.explanation
            var values = CSVTableWriter(header: ["id", "period", "force", "base_value", "efficiency_gap"] + fs.players)
            let labels = data.fitted.periodLabels
            for r in e.values.indices {
                let k = data.fitted.times.firstIndex(of: fs.rowTimes[r]) ?? -1
                values.append([data.fitted.ids[fs.rowSettlements[r]], k >= 0 && k < labels.count ? labels[k] : f(fs.rowTimes[r]),
                               f(e.predictions[r]), f(e.baseValue), f(e.efficiencyGaps[r])] + e.values[r].map(f))
            }
            var global = CSVTableWriter(header: ["player", "mean_abs_shap"])
            for (j, name) in fs.players.enumerated() { global.append([name, f(e.globalImportance[j])]) }
            try values.write(to: folder.appendingPathComponent("force_shapley_values.csv"))
            try global.write(to: folder.appendingPathComponent("force_shapley_importance.csv"))
        }
        try target.write(to: folder.appendingPathComponent("target.csv"))
        try shapleyValues.write(to: folder.appendingPathComponent("shapley_values.csv"))
        try importance.write(to: folder.appendingPathComponent("shapley_importance.csv"))
        try coefficients.write(to: folder.appendingPathComponent("coefficients.csv"))
        try summary.write(to: folder.appendingPathComponent("validation.csv"))
        try splitTable.write(to: folder.appendingPathComponent("validation_splits.csv"))
        try protocolTable.write(to: folder.appendingPathComponent("validation_protocols.csv"))
        try JSONArtifact.write(model, format: "migsim-regression", version: 1, to: folder.appendingPathComponent("regression.json"),
                               allowNonFinite: true)
        try JSONArtifact.write(ExplainValidation(randomSplitsOfPooledRegression: validation, protocols: protocols), format: "migsim-validation",
                               version: 2, to: folder.appendingPathComponent("validation.json"), allowNonFinite: true)
        RegressionTable.log(model, protocolName: "in-sample, \(effects.label), \(data.y.count) rows")
        Log.info(String(format: "pooled regression, random splits of rows (%d): test R² mean %.4f, median %.4f, 95%% [%.4f, %.4f]; permutation p %@",
                        validation.splits, validation.meanTestR2, validation.medianTestR2, validation.lowerTestR2, validation.upperTestR2,
                        validation.permutationPValue.map { String(format: "%.4g", $0) } ?? "n/a"))
        for score in protocols.scores {
            let who = score.model == PanelValidation.baselineModel ? "fixed effects only (\(PanelEffects.both.label))" : "features (\(effects.label))"
            Log.info(String(format: "test R² [%@, %d split%@] %@: mean %.4f, median %.4f, 95%% [%.4f, %.4f]",
                            score.validationProtocol.label as NSString, score.splits, score.splits == 1 ? "" : "s", who as NSString,
                            score.meanTestR2, score.medianTestR2, score.lowerTestR2, score.upperTestR2))
        }
        let inSample = protocols.inSample
        Log.info(String(format: "in-sample R² on all rows: features %.4f; settlement + period effects alone %.4f; both %.4f; "
                        + "within R² %.4f; partial R² of the features beyond the effects %.4f",
                        inSample.featuresR2, inSample.fixedEffectsOnlyR2, inSample.fixedEffectsAndFeaturesR2, inSample.withinR2,
                        inSample.partialR2OfFeatures))
        Log.info("Shapley (\(shapley.method.rawValue)): global importance "
                 + zip(data.featureNames, shapley.globalImportance).map { "\($0) \(String(format: "%.4g", $1))" }.joined(separator: ", ")
                 + String(format: "; max |efficiency gap| %.2g", shapley.maxAbsEfficiencyGap))
        if let fs = forceShapley {
            Log.info("Shapley of the force model (\(fs.explanation.method.rawValue), \(fs.explanation.values.count) settlement-periods): "
                     + zip(fs.players, fs.explanation.globalImportance).map { "\($0) \(String(format: "%.4g", $1))" }.joined(separator: ", ")
                     + String(format: "; max |efficiency gap| %.2g", fs.explanation.maxAbsEfficiencyGap))
        }
        Log.info("wrote \(folder.path)/{target,coefficients,validation,validation_protocols,validation_splits,shapley_values,shapley_importance}.csv, regression.json, validation.json")
    }

    /// --fixed-effects: none, settlement (or id), period, or both comma-separated.
    static func panelEffects(_ text: String) throws -> PanelEffects {
        var effects = PanelEffects.none
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch part {
            case "none", "": break
            case "settlement", "id": effects.settlement = true
            case "period": effects.period = true
            default: throw ValidationError("--fixed-effects: '\(part)' is not a panel dimension; expected settlement, period, settlement,period or none")
            }
        }
        return effects
    }
}

/// validation.json of `explain`: the paper's random splits (with the permutation test) and the protocols side by side.
struct ExplainValidation: Codable {
    var randomSplitsOfPooledRegression: SplitValidation
    var protocols: PanelValidation
}

extension ShapleyMethod: ExpressibleByArgument {}
