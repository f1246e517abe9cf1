import DataIO
import Foundation
import Reports

/// The report's tables for issue 15: the validation protocols side by side with the fixed-effects
/// baseline and the in-sample decomposition (explain's validation_protocols.csv and validation.csv),
/// and the identified parameters' 95% intervals with their bound and identifiability flags
/// (identify's uncertainty.csv). Every R² names the protocol that produced it.
enum ReportExplanationSection {
    private typealias F = NumberFormat

    /// `dir/name` as a table when present (and recorded among the files read), checked here so the
    /// section can be drawn without failing: every required column present, numeric ones numbers.
    static func optionalTable(_ dir: URL, _ name: String, into files: inout [String]) throws -> CSVTable? {
        let url = dir.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        files.append(url.path)
        let t = try CSVTable.read(url)
        let (required, numeric) = name == "uncertainty.csv"
            ? (["name", "value", "lower_95", "upper_95", "identified", "at_lower_bound", "at_upper_bound", "spans_more_than_a_decade"],
               ["value", "lower_95", "upper_95"])
            : (["protocol", "model", "fixed_effects", "splits", "test_r2_mean", "test_r2_median", "test_r2_p2.5", "test_r2_p97.5"],
               ["test_r2_mean", "test_r2_median", "test_r2_p2.5", "test_r2_p97.5"])
        for c in required { _ = try t.requireColumn(c) }
        for c in numeric { let j = try t.requireColumn(c); for r in t.rows.indices { _ = try t.number(r, j) } }
        return t
    }

    static let protocolLabels = ["random-rows": "random splits of rows (the paper's protocol; leaks the settlement's identity)",
                                 "held-out-settlements": "held-out settlements (every row of a test settlement unseen)",
                                 "held-out-periods": "held-out last periods (blocked in time)"]

    /// Test R² by protocol and model, then the in-sample decomposition.
    static func protocolOutputs(_ e: ReportInputs.Explain) throws -> [ReportOutput] {
        var outputs: [ReportOutput] = []
        if let t = e.protocols {
            let p = try t.requireColumn("protocol"), model = try t.requireColumn("model"), fe = try t.requireColumn("fixed_effects")
            let splits = try t.requireColumn("splits"), mean = try t.requireColumn("test_r2_mean"), median = try t.requireColumn("test_r2_median")
            let lo = try t.requireColumn("test_r2_p2.5"), hi = try t.requireColumn("test_r2_p97.5")
            var rows: [[String]] = []
            for r in t.rows.indices {
                let m = t.rows[r][model] == "features" ? "features (\(t.rows[r][fe]))" : "fixed effects only (\(t.rows[r][fe]))"
                rows.append([protocolLabels[t.rows[r][p]] ?? t.rows[r][p], m, t.rows[r][splits], F.fixed(try t.number(r, mean), 3),
                             F.fixed(try t.number(r, median), 3), "\(F.fixed(try t.number(r, lo), 3)) – \(F.fixed(try t.number(r, hi), 3))"])
            }
            outputs.append(.table(ReportTable(
                caption: "Out-of-sample R² by validation protocol (validation_protocols.csv): the model and the fixed-effects-only baseline "
                    + "(settlement + period effects, no features; a held-out settlement or period gets the mean effect). Only the held-out "
                    + "protocols measure what the features carry to settlements or years the model has not seen.",
                header: ["protocol", "model", "splits", "test R² mean", "test R² median", "test R² 2.5 % – 97.5 %"], rows: rows,
                numeric: [false, false, true, true, true, false])))
        }
        let inSample: [(String, String)] = [
            ("in_sample_r2_features", "R² of the features alone (pooled)"),
            ("in_sample_r2_settlement_period_effects_only", "R² of settlement + period effects alone"),
            ("in_sample_r2_settlement_period_effects_and_features", "R² of settlement + period effects and the features"),
            ("in_sample_within_r2_settlement_period_effects", "within R² (variance left by the effects that the features explain)"),
            ("in_sample_partial_r2_features_beyond_settlement_period_effects", "partial R² of the features beyond the effects"),
        ]
        let rows = inSample.compactMap { key, label in e.statistic(key).map { [label, F.fixed($0, 3)] } }
        if !rows.isEmpty {
            outputs.append(.table(ReportTable(caption: "In-sample decomposition on all rows (validation.csv): no split, so no protocol; not a forecast skill",
                                              header: ["statistic", "value"], rows: rows, numeric: [false, true])))
        }
        return outputs
    }

    /// The 95% interval of every identified parameter with its flags, one table per run with uncertainty.csv.
    static func uncertaintyOutputs(_ runs: [ReportInputs.Identify]) throws -> [ReportOutput] {
        var outputs: [ReportOutput] = []
        for run in runs {
            guard let t = run.uncertainty else { continue }
            let name = try t.requireColumn("name"), value = try t.requireColumn("value"), lo = try t.requireColumn("lower_95")
            let hi = try t.requireColumn("upper_95"), identified = try t.requireColumn("identified")
            let atLower = try t.requireColumn("at_lower_bound"), atUpper = try t.requireColumn("at_upper_bound")
            let decade = try t.requireColumn("spans_more_than_a_decade")
            var rows: [[String]] = []
            for r in t.rows.indices {
                var flags: [String] = []
                if t.rows[r][identified] == "false" { flags.append("not identified") }
                if t.rows[r][atLower] == "true" { flags.append("at lower bound") }
                if t.rows[r][atUpper] == "true" { flags.append("at upper bound") }
                if t.rows[r][decade] == "true" { flags.append("interval > 1 decade") }
                rows.append([t.rows[r][name], F.table(try t.number(r, value), significant: 4),
                             "\(F.table(try t.number(r, lo), significant: 3)) – \(F.table(try t.number(r, hi), significant: 3))",
                             flags.isEmpty ? "–" : flags.joined(separator: "; ")])
            }
            outputs.append(.table(ReportTable(
                caption: "\(run.folder): identified parameters with 95% intervals (uncertainty.csv; Wald intervals from the Gauss–Newton Hessian "
                    + "of Σ(s − o)² at the optimum, on the search scale) and flags: within 1% of a bound, not identified by the data, wider than a decade",
                header: ["parameter", "value", "95% interval", "flags"], rows: rows, numeric: [false, true, false, false])))
        }
        return outputs
    }
}
