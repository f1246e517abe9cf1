/// One feature change of a scenario: from period start `from` on, for the listed regions (nil =
/// all), feature j becomes x·value (multiply), x + value (add) or value (set). Changes apply in
/// the order listed.
public struct FeatureChange: Sendable, Equatable {
    public enum Operation: String, Sendable, Equatable, CaseIterable, Codable { case multiply, add, set }

    public var feature: Int
    public var operation: Operation
    public var value: Double
    /// Region indices (into the panel's regions); nil = every region.
    public var regions: Set<Int>?
    /// Decimal year of the first affected period.
    public var from: Double

    public init(feature: Int, operation: Operation, value: Double, regions: Set<Int>?, from: Double) {
        self.feature = feature; self.operation = operation; self.value = value; self.regions = regions; self.from = from
    }

    /// Whether the change touches region i in the period starting at `start`.
    public func applies(region i: Int, periodStart start: Double) -> Bool {
        start >= from - 1e-9 && (regions?.contains(i) ?? true)
    }

    public func apply(to x: Double) -> Double {
        switch operation {
        case .multiply: return x * value
        case .add: return x + value
        case .set: return value
        }
    }
}
