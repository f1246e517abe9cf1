/// A settlement (city, district or region): where it is, how many live there, and its age structure.
public struct Settlement: Sendable, Equatable, Codable {
    /// Stable identifier used to join the data files (e.g. `Seoul`, an OKTMO code).
    public var id: String
    /// Human-readable name (defaults to the id).
    public var name: String
    /// Latitude φ in degrees, −90…90.
    public var latitude: Double
    /// Longitude λ in degrees, −180…180.
    public var longitude: Double
    /// Resident population Pᵢ (persons).
    public var population: Double
    /// Shares wᵢ,g of the age groups of `AgeStructure` (sum to 1); empty when unknown.
    public var ageShares: [Double]

    public init(id: String, name: String? = nil, latitude: Double, longitude: Double,
                population: Double, ageShares: [Double] = []) {
        self.id = id
        self.name = name ?? id
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
        self.ageShares = ageShares
    }
}

/// Age groups shared by all settlements of a case: group g spans `[lowerBounds[g], upperBounds[g])`
/// years and is represented by the age `representativeAges[g]` (the band midpoint by default).
public struct AgeStructure: Sendable, Equatable, Codable {
    public var lowerBounds: [Double]
    public var upperBounds: [Double]
    public var representativeAges: [Double]

    public init(lowerBounds: [Double], upperBounds: [Double], representativeAges: [Double]? = nil) {
        precondition(lowerBounds.count == upperBounds.count, "AgeStructure: bounds differ in count")
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
        self.representativeAges = representativeAges ?? zip(lowerBounds, upperBounds).map { ($0 + $1) / 2 }
    }

    public var count: Int { lowerBounds.count }
}
