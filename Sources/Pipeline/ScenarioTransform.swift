import DataIO
import Foundation
import PhysicsInformed

/// A scenario file (SPEC §5) as a change of the projected raw features of a fitted force:
/// `gdp_per_capita *= 1.10 for Seoul from 2022` multiplies Seoul's GDP per capita in every feature
/// period from 2022 on (held at the last observed value before that: persistence, then changed).
public struct ScenarioTransform: Sendable {
    public let spec: ScenarioSpec
    public let transform: PhysicsForecaster.FeatureTransform

    public static func make(_ url: URL, fit: FittedModel) throws -> ScenarioTransform {
        guard let features = fit.forceFeatures else {
            throw PipelineError("\(url.path): a scenario changes features, but the fitted force is a function of time only; "
                                + "fit with features")
        }
        let spec = try ScenarioFile.load(url)
        try spec.validate(features: features.names, regions: fit.ids)
        let changes: [(feature: Int, op: ScenarioSpec.Operation, value: Double, regions: Set<Int>?, from: Double)] = spec.changes.map { c in
            (features.names.firstIndex(of: c.feature)!, c.operation, c.value,
             c.regions.map { Set($0.map { fit.ids.firstIndex(of: $0)! }) }, c.from.decimalYear)
        }
        for c in spec.changes where c.operation == .set || c.operation == .multiply {
            let j = features.names.firstIndex(of: c.feature)!
            if features.logRatio[j] && !(c.value > 0) {
                throw PipelineError("\(url.path):\(c.line): \(c.operation.rawValue) \(c.value) would make '\(c.feature)' zero or negative; "
                                    + "the force reads it as a log ratio to the national mean, so it must stay positive")
            }
        }
        let transform: PhysicsForecaster.FeatureTransform = { period, row in
            var out = row
            for c in changes where period >= c.from - 1e-9 {
                for i in out.indices where c.regions?.contains(i) ?? true {
                    switch c.op {
                    case .multiply: out[i][c.feature] *= c.value
                    case .add: out[i][c.feature] += c.value
                    case .set: out[i][c.feature] = c.value
                    }
                }
            }
            return out
        }
        return ScenarioTransform(spec: spec, transform: transform)
    }
}
