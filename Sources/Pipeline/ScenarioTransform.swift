import DataIO
import Foundation
import PhysicsInformed

/// A scenario file (SPEC §5) as a change of the projected raw features of a fitted force:
/// `gdp_per_capita *= 1.10 for Seoul from 2022` multiplies Seoul's GDP per capita in every feature
/// period from 2022 on (held at the last observed value before that: persistence, then changed).
public struct ScenarioTransform: Sendable {
    /// The largest |standardized input| a scenario may give a feature (its window has |z| of a few).
    public static let maximumStandardizedInput = 1000.0
    public let spec: ScenarioSpec
    public let transform: PhysicsForecaster.FeatureTransform

    public static func make(_ url: URL, fit: FittedModel) throws -> ScenarioTransform {
        guard let features = fit.forceFeatures else {
            throw PipelineError("\(url.path): a scenario changes features, but the fitted force is a function of time only; "
                                + "fit with features")
        }
        let spec = try ScenarioFile.load(url)
        try spec.validate(features: features.names, regions: fit.ids)
        let changes: [Change] = spec.changes.map { c in
            Change(feature: features.names.firstIndex(of: c.feature)!, op: c.operation, value: c.value,
                   regions: c.regions.map { Set($0.map { fit.ids.firstIndex(of: $0)! }) }, from: c.from.decimalYear)
        }
        for c in spec.changes where c.operation == .set || c.operation == .multiply {
            let j = features.names.firstIndex(of: c.feature)!
            if features.logRatio[j] && !(c.value > 0) {
                throw PipelineError("\(url.path):\(c.line): \(c.operation.rawValue) \(c.value) would make '\(c.feature)' zero or negative; "
                                    + "the force reads it as a log ratio to the national mean, so it must stay positive")
            }
        }
        // A change must leave the feature where the fitted force can say something: finite, and within
        // `maximumStandardizedInput` standard deviations of the window's values (1e308 × GDP is not a scenario).
        let last = features.raw[features.raw.count - 1]
        for (c, parsed) in zip(changes, spec.changes) {
            var row = last
            c.apply(to: &row)
            let z = features.standardized(row).map { $0[c.feature] }
            if let bad = z.indices.first(where: { !(abs(z[$0]) <= Self.maximumStandardizedInput) }) {
                throw PipelineError("\(url.path):\(parsed.line): \(parsed.operation.rawValue) \(parsed.value) puts '\(parsed.feature)' of "
                                    + "\(fit.ids[bad]) at \(z[bad].isFinite ? String(format: "%.3g", z[bad]) : "a non-finite value") standard "
                                    + "deviations from the fitting window's values; expected a change within ±\(Int(Self.maximumStandardizedInput))")
            }
        }
        let transform: PhysicsForecaster.FeatureTransform = { period, row in
            var out = row
            for c in changes where period >= c.from - 1e-9 { c.apply(to: &out) }
            return out
        }
        return ScenarioTransform(spec: spec, transform: transform)
    }

    /// One change of the scenario, resolved to a feature column and settlement rows.
    struct Change: Sendable {
        var feature: Int
        var op: ScenarioSpec.Operation
        var value: Double
        /// nil: every settlement.
        var regions: Set<Int>?
        var from: Double

        /// Applies the change to a raw feature row (n×d).
        func apply(to row: inout [[Double]]) {
            for i in row.indices where regions?.contains(i) ?? true {
                switch op {
                case .multiply: row[i][feature] *= value
                case .add: row[i][feature] += value
                case .set: row[i][feature] = value
                }
            }
        }
    }
}
