import ArgumentParser
import DataIO
import Explanation
import Foundation
import LinearAlgebra

/// `migsim regress`: the regression engine of `explain` on any table (SPEC §5) — OLS, WLS or ridge
/// through a column-pivoted QR, with or without intercept, with fixed effects, on terms that are
/// formulas over the table's columns.
struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Linear regression on any CSV table: terms are formulas over its columns; OLS, WLS, ridge, fixed effects.",
        discussion: """
        Each term is a formula in the syntax of `optimize --objective` over the table's column names \
        (ln, log, exp, sqrt, abs, sin, cos, min, max, ^ for raw powers); a header that is not an \
        identifier goes between backquotes. Rows with an empty cell in a column the model reads are \
        left out (and counted). Fixed effects add one indicator per level beyond a reference level \
        and report the within R² and the partial R² of the terms. Rank decisions are taken on the \
        design with unit-length columns whatever the scaling option.

        Writes into --output: coefficients.csv (term, estimate, std_error, t, p; intercept first when \
        present) and regression.json (the model, its summary, VIF, fixed effects and the inputs).
        """
    )

    @Option(name: .long, help: "The data table (CSV with a header).")
    var table: String

    @Option(name: .long, help: "The response: a column (or a formula over the columns).")
    var response: String

    @Option(name: .long, help: "Comma-separated terms, each a formula over the columns, e.g. a,b,ln(c),x^2.")
    var terms: String

    @Flag(name: .customLong("no-intercept"), help: "Regression through the origin (no b₀).")
    var noIntercept = false

    @Option(name: .customLong("fixed-effects"), help: "Comma-separated columns absorbed as fixed effects, e.g. id,period.")
    var fixedEffects: String?

    @Option(name: .long, help: "A column of observation weights (> 0): weighted least squares.")
    var weights: String?

    @Option(name: .long, help: "Ridge penalty λ on the (standardized) coefficients (default: OLS).")
    var ridge: Double?

    @Flag(name: .customLong("no-standardize"), help: "Estimate on raw columns (coefficients are reported in raw units either way).")
    var noStandardize = false

    @Option(name: .long, help: "Output folder (created if missing).")
    var output: String

    func run() throws {
        var options = try ExplainData.regressionOptions(ridge: ridge, standardize: !noStandardize)
        options.intercept = !noIntercept
        let data = try RegressionTable.load(table: table, response: response, terms: RegressionTerm.split(terms),
                                            fixedEffects: fixedEffects.map(RegressionTerm.split) ?? [], weights: weights)
        options.weights = data.weights
        options.fixedEffects = data.factors
        let model: RegressionModel
        do { model = try LinearRegression.fit(x: data.x, y: data.y, featureNames: data.termNames, options: options) } catch {
            throw ValidationError("\(table): \(RegressionTable.explain(error, terms: data.termNames))")
        }
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try RegressionTable.coefficientTable(model).write(to: folder.appendingPathComponent("coefficients.csv"))
        let artifact = RegressionArtifact(table: table, response: response, terms: data.termNames,
                                          fixedEffects: data.factors.map(\.name), weights: weights, intercept: !noIntercept,
                                          standardize: !noStandardize, ridge: ridge, rowsUsed: data.y.count,
                                          rowsWithMissingValues: data.skippedMissing, model: model)
        try JSONArtifact.write(artifact, format: "migsim-regress", version: 1, to: folder.appendingPathComponent("regression.json"),
                               allowNonFinite: true)
        RegressionTable.log(model, protocolName: "in-sample fit on all \(data.y.count) rows")
        if data.skippedMissing > 0 { Log.info("\(data.skippedMissing) rows with an empty cell in a column of the model were left out") }
        Log.info("wrote \(folder.path)/coefficients.csv, regression.json")
    }
}

/// What `regress` writes to regression.json: the inputs and the fitted model.
struct RegressionArtifact: Codable {
    var table: String
    var response: String
    var terms: [String]
    var fixedEffects: [String]
    var weights: String?
    var intercept: Bool
    var standardize: Bool
    var ridge: Double?
    var rowsUsed: Int
    var rowsWithMissingValues: Int
    var model: RegressionModel
}

/// A table turned into a design: response, term columns, weights and fixed-effect factors, rows
/// with an empty cell in any of them left out.
struct RegressionTable {
    let termNames: [String]
    let x: Matrix
    let y: [Double]
    let weights: [Double]?
    let factors: [FixedEffectFactor]
    let skippedMissing: Int

    static func load(table path: String, response: String, terms: [String], fixedEffects: [String], weights: String?) throws -> RegressionTable {
        let table = try CSVTable.read(URL(fileURLWithPath: path))
        let responseTerm = try RegressionTerm(response, header: table.header, file: path, option: "--response")
        let compiled = try terms.map { try RegressionTerm($0, header: table.header, file: path, option: "--terms") }
        guard !compiled.isEmpty || !fixedEffects.isEmpty else { throw ValidationError("--terms: no term given; expected at least one formula") }
        var seen = Set<String>()
        for t in compiled where !seen.insert(t.text).inserted { throw ValidationError("--terms: the term '\(t.text)' is given twice") }
        var factorColumns: [Int] = []
        for name in fixedEffects {
            guard let c = table.optionalColumn(name) else {
                throw ValidationError("--fixed-effects: '\(name)' is not a column of \(path); expected one of \(table.header.joined(separator: ", "))")
            }
            factorColumns.append(c)
        }
        let weightColumn: Int?
        if let weights {
            guard let c = table.optionalColumn(weights) else {
                throw ValidationError("--weights: '\(weights)' is not a column of \(path); expected one of \(table.header.joined(separator: ", "))")
            }
            weightColumn = c
        } else { weightColumn = nil }

        // Numeric cells are parsed lazily, only for the columns the model reads.
        let numericColumns = Set(responseTerm.columns + compiled.flatMap(\.columns) + (weightColumn.map { [$0] } ?? []))
        var y: [Double] = [], rows: [[Double]] = [], w: [Double] = [], levels: [[String]] = factorColumns.map { _ in [] }
        var skipped = 0
        for r in table.rows.indices {
            var values: [Int: Double] = [:], missing = false
            for c in numericColumns {
                if let v = try table.optionalNumber(r, c) { values[c] = v } else { missing = true }
            }
            if factorColumns.contains(where: { table.rows[r][$0].isEmpty }) { missing = true }
            if missing { skipped += 1; continue }
            func evaluate(_ term: RegressionTerm, _ option: String) throws -> Double {
                let v = term.value { values[$0] }!
                guard v.isFinite else {
                    let inputs = term.columns.map { "\(table.header[$0]) = \(CSVTableWriter.format(values[$0]))" }.joined(separator: ", ")
                    throw ValidationError("\(option): term '\(term.text)' is \(v) in \(path):\(table.lines[r]) (\(inputs)); expected a finite value")
                }
                return v
            }
            y.append(try evaluate(responseTerm, "--response"))
            rows.append(try compiled.map { try evaluate($0, "--terms") })
            if let weightColumn {
                let v = values[weightColumn]!
                guard v > 0 else { throw table.error(.outOfRange, row: r, col: weightColumn, expected: "a weight > 0 (--weights)") }
                w.append(v)
            }
            for (f, c) in factorColumns.enumerated() { levels[f].append(table.rows[r][c]) }
        }
        guard !y.isEmpty else {
            throw ValidationError("\(path): every one of its \(table.rows.count) rows has an empty cell in a column of the model; expected complete rows")
        }
        if y.allSatisfy({ $0 == y[0] }) {
            throw ValidationError("--response: '\(responseTerm.text)' is constant (\(y[0])) in all \(y.count) rows of \(path); expected a response that varies")
        }
        let factors = zip(fixedEffects, levels).map { FixedEffectFactor(name: $0.0, values: $0.1) }
        for f in factors where f.labels.count < 2 {
            throw ValidationError("--fixed-effects: '\(f.name)' has a single level ('\(f.labels.first ?? "")') in the \(y.count) rows used; expected at least two levels")
        }
        let x = Matrix(rows: y.count, columns: compiled.count) { i, j in rows[i][j] }
        return RegressionTable(termNames: compiled.map(\.text), x: x, y: y, weights: weightColumn == nil ? nil : w,
                               factors: factors, skippedMissing: skipped)
    }

    /// A regression error in the words of the command's options.
    static func explain(_ error: RegressionError, terms: [String]) -> String {
        switch error {
        case .tooManyTerms(let k, let n, let names):
            return "--terms: \(terms.count) term\(terms.count == 1 ? "" : "s") give \(k) coefficients (\(names.joined(separator: ", "))) "
                + "for \(n) observations; expected at most \(n) coefficients"
        case .singleLevelFactor(let name, let level): return "--fixed-effects: '\(name)' has a single level ('\(level)'); expected at least two"
        case .constantResponse(let v): return "--response is constant (\(v)); expected a response that varies"
        default: return "\(error)"
        }
    }

    /// coefficients.csv: term, estimate, std_error, t, p (intercept first when present).
    static func coefficientTable(_ model: RegressionModel) -> CSVTableWriter {
        let f = CSVTableWriter.format
        var out = CSVTableWriter(header: ["term", "estimate", "std_error", "t", "p"])
        for row in model.table { out.append([row.name, f(row.estimate), f(row.standardError), f(row.tValue), f(row.pValue)]) }
        return out
    }

    /// The coefficient table and summary on the log, every R² labelled with the protocol that produced it.
    static func log(_ model: RegressionModel, protocolName: String) {
        let s = model.summary
        let featureOffset = model.hasIntercept ? 1 : 0
        for (j, row) in model.table.enumerated() {
            let vif = j >= featureOffset ? model.varianceInflation[j - featureOffset] : nil
            let width = max(24, model.table.map(\.name.count).max() ?? 0)
            let name = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
            Log.info("  " + name + String(format: " %14.6g  se %12.6g  t %9.4g  p %9.3g", row.estimate, row.standardError ?? .nan,
                                                row.tValue ?? .nan, row.pValue ?? .nan)
                     + (row.aliased ? "  (aliased)" : vif.map { String(format: "  VIF %.3g", $0) } ?? ""))
        }
        for fe in model.fixedEffects { Log.info("  fixed effect \(fe.name): \(fe.labels.count) levels") }
        var line = String(format: "R² (%@) %.6g, adjusted %.6g; F p %@; residual SE %.6g; κ %.4g, scaled κ %.4g",
                          protocolName as NSString, s.rSquared, s.adjustedRSquared,
                          (s.fPValue.map { String(format: "%.3g", $0) } ?? "n/a") as NSString, s.residualStandardError,
                          s.conditionNumber, s.scaledConditionNumber)
        if let fe = s.fixedEffectsOnlyRSquared { line += String(format: "; fixed effects alone R² %.4g", fe) }
        if let within = s.withinRSquared { line += String(format: "; within R² %.4g", within) }
        if let partial = s.partialRSquaredOfTerms, !model.fixedEffects.isEmpty { line += String(format: "; partial R² of the terms %.4g", partial) }
        Log.info(line)
        for w in s.warnings { Log.info("warning: \(w)") }
    }
}
