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
        abstract: "Explain the fitted force by features: regression, 200-split validation, permutation test, Shapley values.",
        discussion: """
        Target: the mean fitted force F_φ of each region over each period of the features file that lies \
        inside the fitting window of --fit. Features: the columns of --features (all, or those given by \
        --feature), rows with a missing value left out. Fits OLS through a column-pivoted QR (or ridge \
        with --ridge) on standardized features and reports raw-unit coefficients, standard errors, t and \
        p values, R², adjusted R², the F test and a collinearity warning; then K random train/test splits \
        (test R²: mean, median, 2.5/97.5 %) and a permutation test p = (1 + #{R²_perm ≥ R²_obs})/(1 + B). \
        Finally interventional Shapley values of the regression for every row, against all rows as the \
        background (closed form φⱼ = bⱼ(xⱼ − mean xⱼ) by default; --shapley-method exact|kernel to \
        cross-check), and their global importance mean |φⱼ|.

        Writes into --output: target.csv, coefficients.csv, regression.json, validation.csv, \
        validation_splits.csv, validation.json, shapley_values.csv, shapley_importance.csv.
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
        let options = try ExplainData.regressionOptions(ridge: ridge, standardize: !noStandardize)
        let data = try ExplainData.load(fit: fit, features: features, chosen: chosen)
        Log.info("explaining the force of \(fit) by \(data.featureNames.joined(separator: ", ")): \(data.y.count) rows "
                 + "(\(data.skippedOutsideWindow) outside the fitting window, \(data.skippedMissing) with missing values left out)")
        let model = try LinearRegression.fit(x: data.x, y: data.y, featureNames: data.featureNames, options: options)
        let validation = try RegressionValidation.run(x: data.x, y: data.y, options: SplitValidationOptions(
            splits: splits, trainFraction: trainFraction, permutations: permutations, seed: seed, regression: options))

        let explainer = try ShapleyExplainer(model: model, background: data.x, method: shapleyMethod, samples: shapleySamples, seed: seed)
        let shapley = try explainer.explain(data.x)

        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = CSVTableWriter.format
        var target = CSVTableWriter(header: ["id", "period", "force", "fitted"] + data.featureNames)
        let fittedValues = model.predict(rows: data.x)
        for r in data.y.indices {
            target.append([data.rowIDs[r], data.rowPeriods[r].label, f(data.y[r]), f(fittedValues[r])] + data.x.row(r).map(f))
        }
        var coefficients = CSVTableWriter(header: ["term", "estimate", "std_error", "t", "p", "standardized", "aliased"])
        for (j, row) in model.table.enumerated() {
            let standardized = j == 0 ? model.standardizedIntercept : model.standardizedCoefficients[j - 1]
            coefficients.append([row.name, f(row.estimate), f(row.standardError), f(row.tValue), f(row.pValue),
                                 f(standardized), row.aliased ? "true" : "false"])
        }
        var summary = CSVTableWriter(header: ["statistic", "value"])
        let s = model.summary
        let rows: [(String, Double?)] = [
            ("observations", Double(s.observations)), ("rank", Double(s.rank)), ("r2", s.rSquared), ("adjusted_r2", s.adjustedRSquared),
            ("f_statistic", s.fStatistic), ("f_p_value", s.fPValue), ("residual_standard_error", s.residualStandardError),
            ("condition_number", s.conditionNumber), ("scaled_condition_number", s.scaledConditionNumber),
            ("splits", Double(validation.splits)), ("train_size", Double(validation.trainSize)), ("test_size", Double(validation.testSize)),
            ("test_r2_mean", validation.meanTestR2), ("test_r2_sd", validation.standardDeviationTestR2),
            ("test_r2_median", validation.medianTestR2), ("test_r2_p2.5", validation.lowerTestR2), ("test_r2_p97.5", validation.upperTestR2),
            ("observed_r2", validation.observedR2), ("permutations", Double(validation.permutations)),
            ("permutation_p_value", validation.permutationPValue),
        ]
        for (name, value) in rows { summary.append([name, f(value)]) }
        var splitTable = CSVTableWriter(header: ["split", "train_r2", "test_r2"])
        for k in validation.testR2.indices { splitTable.append([String(k + 1), f(validation.trainR2[k]), f(validation.testR2[k])]) }

        var shapleyValues = CSVTableWriter(header: ["id", "period", "prediction", "base_value", "efficiency_gap"] + data.featureNames)
        for r in shapley.values.indices {
            shapleyValues.append([data.rowIDs[r], data.rowPeriods[r].label, f(shapley.predictions[r]), f(shapley.baseValue),
                                  f(shapley.efficiencyGaps[r])] + shapley.values[r].map(f))
        }
        var importance = CSVTableWriter(header: ["feature", "mean_abs_shap"])
        for (j, name) in data.featureNames.enumerated() { importance.append([name, f(shapley.globalImportance[j])]) }

        try target.write(to: folder.appendingPathComponent("target.csv"))
        try shapleyValues.write(to: folder.appendingPathComponent("shapley_values.csv"))
        try importance.write(to: folder.appendingPathComponent("shapley_importance.csv"))
        try coefficients.write(to: folder.appendingPathComponent("coefficients.csv"))
        try summary.write(to: folder.appendingPathComponent("validation.csv"))
        try splitTable.write(to: folder.appendingPathComponent("validation_splits.csv"))
        try JSONArtifact.write(model, format: "migsim-regression", version: 1, to: folder.appendingPathComponent("regression.json"),
                               allowNonFinite: true)
        try JSONArtifact.write(validation, format: "migsim-validation", version: 1, to: folder.appendingPathComponent("validation.json"),
                               allowNonFinite: true)
        for w in s.warnings { Log.info("warning: \(w)") }
        Log.info(String(format: "R² %.4f (adjusted %.4f), F p %@; test R² over %d splits: mean %.4f, median %.4f, 95%% [%.4f, %.4f]; permutation p %@",
                        s.rSquared, s.adjustedRSquared, s.fPValue.map { String(format: "%.3g", $0) } ?? "n/a", validation.splits,
                        validation.meanTestR2, validation.medianTestR2, validation.lowerTestR2, validation.upperTestR2,
                        validation.permutationPValue.map { String(format: "%.4g", $0) } ?? "n/a"))
        Log.info("Shapley (\(shapley.method.rawValue)): global importance "
                 + zip(data.featureNames, shapley.globalImportance).map { "\($0) \(String(format: "%.4g", $1))" }.joined(separator: ", ")
                 + String(format: "; max |efficiency gap| %.2g", shapley.maxAbsEfficiencyGap))
        Log.info("wrote \(folder.path)/{target,coefficients,validation,validation_splits,shapley_values,shapley_importance}.csv, regression.json, validation.json")
    }
}

extension ShapleyMethod: ExpressibleByArgument {}
