import Foundation

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

/// Where the age term δ·(1 − Aᵢ) of a model got its age structure (SPEC §2), recorded in a fit's
/// artifact and reported: a year of a yearly age file (`data.ages`), the age columns of the
/// settlements file (one snapshot, its year not recorded there), or none — then Aᵢ is the same for
/// every settlement and the term is a uniform spring (`reason` says why).
public struct AgeTermSource: Sendable, Codable, Equatable {
    /// The file the age structure came from (last path component), or the settlements file without ages.
    public var file: String
    /// The year of the age structure (nil: a settlements file's snapshot, or inactive).
    public var year: Int?
    public var active: Bool
    /// Why the term is inactive (nil when active).
    public var reason: String?
    /// Aᵢ of each settlement (as `ModelAssembly` computes it with the configuration's age function); empty when inactive.
    public var mobility: [Double]

    public init(file: String, year: Int?, active: Bool, reason: String? = nil, mobility: [Double] = []) {
        self.file = file; self.year = year; self.active = active; self.reason = reason; self.mobility = mobility
    }

    /// One line for logs and reports.
    public var summary: String {
        guard active else { return "inactive: \(reason ?? "no age structure")" }
        let range = mobility.isEmpty ? "" : String(format: " (A_i from %.3f to %.3f)", mobility.min()!, mobility.max()!)
        if let year { return "active: age structure of \(year) from \(file)\(range)" }
        return "active: age columns of \(file) (one snapshot; its year is the file's)\(range)"
    }
}
