import Foundation
import MigrationModel

/// The search range of one identified parameter: θ ∈ [lower, upper], searched on `scale`.
public struct ParameterRange: Sendable, Codable, Equatable {
    public var parameter: IdentifiedParameter
    public var lower: Double
    public var upper: Double
    public var scale: SearchScale

    public init(_ parameter: IdentifiedParameter, lower: Double, upper: Double, scale: SearchScale) {
        self.parameter = parameter; self.lower = lower; self.upper = upper; self.scale = scale
    }

    /// The parameter's default range (`IdentifiedParameter.defaultRange`).
    public init(default parameter: IdentifiedParameter) {
        let d = parameter.defaultRange
        self.init(parameter, lower: d.lower, upper: d.upper, scale: d.scale)
    }

    /// The optimizer's coordinate of θ: θ itself (linear) or ln θ (log).
    public func coordinate(_ theta: Double) -> Double { scale == .log ? log(theta) : theta }

    /// θ of an optimizer coordinate y: y (linear) or exp(y) (log), clamped into [lower, upper]
    /// so that rounding in exp never leaves the user's range.
    public func value(_ y: Double) -> Double {
        let v = scale == .log ? exp(y) : y
        return min(max(v, lower), upper)
    }
}

/// The box the optimizer searches and its map to model parameters (SPEC §7, identification).
///
/// Coordinate k of the box belongs to `ranges[k]`: y_k = θ_k on a linear scale, y_k = ln θ_k on a
/// log scale, so the box is [ln lo, ln hi] there. Parameters not in the space keep the values of
/// the base parameters (the configuration's, or the fitted artifact's).
public struct ParameterSpace: Sendable, Codable, Equatable {
    public let ranges: [ParameterRange]

    /// Checks every range: known parameter once, finite lower < upper, within the model's domain
    /// (α, γ, β, δ, c ≥ 0, d₀ > 0), lower > 0 on a log scale, age thresholds only with the
    /// smooth-step age function of `base`.
    public init(_ ranges: [ParameterRange], base: ModelParameters) throws(IdentificationError) {
        guard !ranges.isEmpty else {
            throw .invalidData("no parameter to identify: expected at least one of \(IdentifiedParameter.acceptedNames)")
        }
        var seen = Set<IdentifiedParameter>()
        for r in ranges {
            let name = r.parameter.rawValue
            guard seen.insert(r.parameter).inserted else { throw .duplicateParameter(name) }
            guard r.lower.isFinite, r.upper.isFinite else {
                throw .invalidRange(parameter: name, found: "\(r.lower):\(r.upper)", expected: "finite numbers")
            }
            guard r.lower < r.upper else {
                throw .invalidRange(parameter: name, found: "\(r.lower):\(r.upper)", expected: "lower < upper")
            }
            if let d = r.parameter.domain {
                let ok = d.open ? r.lower > d.minimum : r.lower >= d.minimum
                if !ok {
                    throw .invalidRange(parameter: name, found: "lower bound \(r.lower)",
                                        expected: d.open ? "a lower bound > \(d.minimum)" : "a lower bound ≥ \(d.minimum)")
                }
            }
            if r.scale == .log, !(r.lower > 0) {
                throw .invalidRange(parameter: name, found: "lower bound \(r.lower) on a log scale",
                                    expected: "a lower bound > 0 for a log-scale search (or the linear scale)")
            }
            if (r.parameter == .young || r.parameter == .old), r.parameter.value(in: base) == nil {
                throw .invalidRange(parameter: name, found: "an age function without thresholds (Rogers–Castro)",
                                    expected: "age_function kind smooth to identify the age thresholds")
            }
        }
        self.ranges = ranges
    }

    public var dimension: Int { ranges.count }
    public var parameters: [IdentifiedParameter] { ranges.map(\.parameter) }
    public var lowerBounds: [Double] { ranges.map { $0.coordinate($0.lower) } }
    public var upperBounds: [Double] { ranges.map { $0.coordinate($0.upper) } }

    /// Whether any identified parameter changes the coupling matrix K.
    public var changesCoupling: Bool { ranges.contains { $0.parameter.changesCoupling } }

    /// The model parameters at box point `y`: `base` with each identified parameter replaced.
    public func parameters(at y: [Double], base: ModelParameters) -> ModelParameters {
        precondition(y.count == ranges.count, "ParameterSpace: point of dimension \(y.count) for \(ranges.count) parameters")
        var p = base
        for (k, r) in ranges.enumerated() { p = r.parameter.setting(r.value(y[k]), in: p) }
        return p
    }

    /// The identified parameters' values at box point `y`, by name.
    public func values(at y: [Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, r) in ranges.enumerated() { out[r.parameter.rawValue] = r.value(y[k]) }
        return out
    }

    /// The box point of `p` (nil when some identified value lies outside its range).
    public func point(of p: ModelParameters) -> [Double]? {
        var y: [Double] = []
        for r in ranges {
            guard let v = r.parameter.value(in: p), v >= r.lower, v <= r.upper else { return nil }
            y.append(r.coordinate(v))
        }
        return y
    }
}
