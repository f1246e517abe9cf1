import ArgumentParser
import DataIO
import Explanation
import Foundation
import LinearAlgebra
import PhysicsInformed
import Pipeline

/// The explanation data set (SPEC §5) shared by `migsim explain` and `migsim scenario`: the
/// fitted artifact, the chosen feature columns, and one regression row per (region, period) of
/// the features file that lies inside the fitting window and has every chosen feature:
///   yᵢ(k) = mean of F_φ,ᵢ over [s_k, s_k + length_k)  (`FittedModel.meanForce`).
struct ExplainData {
    let fitted: FittedModel
    let features: FeatureTable
    let featureNames: [String]
    /// Indices of `featureNames` in `features.featureNames`.
    let featureColumns: [Int]
    let rowIDs: [String]
    let rowPeriods: [Period]
    let x: Matrix
    let y: [Double]
    let skippedMissing: Int
    let skippedOutsideWindow: Int

    static func load(fit: String, features path: String, chosen: [String], transforms: [FeatureTransform] = []) throws -> ExplainData {
        let fitted = try FitArtifact.read(URL(fileURLWithPath: fit))
        let table = try CSVTable.read(URL(fileURLWithPath: path))
        let features = try FeaturesFile.decode(table).applying(transforms)
        guard !features.featureNames.isEmpty else {
            throw DataError(.missingColumn, file: path, line: 1,
                            expected: "at least one feature column besides 'id' and 'period' (header has: \(table.header.joined(separator: ", ")))")
        }
        let names = chosen.isEmpty ? features.featureNames : chosen
        var columns: [Int] = []
        for name in names {
            guard let c = features.featureNames.firstIndex(of: name) else {
                throw ValidationError("--feature \(name): not a column of \(path); expected one of \(features.featureNames.joined(separator: ", "))")
            }
            guard !columns.contains(c) else { throw ValidationError("--feature \(name) is given twice") }
            columns.append(c)
        }
        let idColumn = try table.requireColumn("id")
        let known = Set(fitted.ids)
        var seen = Set<String>()
        for r in features.ids.indices {
            guard known.contains(features.ids[r]) else {
                throw DataError(.unknownID, file: path, line: features.lines[r], column: table.column(idColumn), found: features.ids[r],
                                expected: "a settlement of the fitted model \(fit) (\(fitted.ids.prefix(6).joined(separator: ", "))\(fitted.ids.count > 6 ? ", …" : ""))")
            }
            seen.insert(features.ids[r])
        }
        if let absent = fitted.ids.first(where: { !seen.contains($0) }) {
            throw ValidationError("\(path): no rows for '\(absent)', a settlement of the fitted model \(fit); expected rows for every fitted settlement")
        }

        // Rows inside the fitting window [t₀, t_end + Δ) with every chosen feature present.
        let t0 = fitted.times[0], tEnd = fitted.fittingEnd + fitted.periodLength
        var keep: [Int] = [], missing = 0, outside = 0
        for r in features.ids.indices {
            let p = features.periods[r]
            guard p.decimalYear >= t0 - 1e-9, p.decimalYear + p.length <= tEnd + 1e-9 else { outside += 1; continue }
            guard columns.allSatisfy({ features.values[r][$0] != nil }) else { missing += 1; continue }
            keep.append(r)
        }
        guard keep.count >= names.count + 3 else {
            throw ValidationError("\(path): only \(keep.count) (region, period) rows lie inside the fitting window "
                                  + "\(fitted.periodLabels.first ?? "?")–\(fitted.periodLabels.last ?? "?") with all of \(names.joined(separator: ", ")) present "
                                  + "(\(outside) outside the window, \(missing) with missing values); expected at least \(names.count + 3)")
        }
        // One force evaluation per distinct period.
        let starts = Array(Set(keep.map { features.periods[$0].decimalYear })).sorted()
        let length = features.periods[keep[0]].length
        let means = fitted.meanForce(periodStarts: starts, length: length)
        let index = Dictionary(uniqueKeysWithValues: starts.enumerated().map { ($1, $0) })
        let regionIndex = Dictionary(uniqueKeysWithValues: fitted.ids.enumerated().map { ($1, $0) })
        let y = keep.map { means[index[features.periods[$0].decimalYear]!][regionIndex[features.ids[$0]]!] }
        let x = Matrix(rows: keep.count, columns: columns.count) { i, j in features.values[keep[i]][columns[j]]! }
        return ExplainData(fitted: fitted, features: features, featureNames: names, featureColumns: columns,
                           rowIDs: keep.map { features.ids[$0] }, rowPeriods: keep.map { features.periods[$0] },
                           x: x, y: y, skippedMissing: missing, skippedOutsideWindow: outside)
    }

    /// The regression options of the explain/scenario flags.
    static func regressionOptions(ridge: Double?, standardize: Bool) throws -> RegressionOptions {
        if let ridge {
            guard ridge >= 0, ridge.isFinite else { throw ValidationError("--ridge must be a finite λ ≥ 0, got \(ridge)") }
            return RegressionOptions(method: .ridge(lambda: ridge), standardize: standardize)
        }
        return RegressionOptions(standardize: standardize)
    }
}
