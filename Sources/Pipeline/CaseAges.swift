import DataIO
import Foundation
import MigrationModel

/// The age structure a command gives the age term δ·(1 − Aᵢ) (SPEC §2), and what it reports
/// about it (`AgeTermSource`: one warning line when inactive, a line in the report).
///
/// - `data.ages` in the configuration (a yearly `AgeStructureFile`): the structure of the last
///   year at or before `time`, the start of the window's last period. A fit, a backtest origin
///   and a validation fit therefore use the ages of their own window's end, and nothing later.
/// - Otherwise the settlements file's age columns (one snapshot, used whatever the window).
/// - Neither: inactive — every Aᵢ = 0, so D = δ·I is a uniform spring.
public enum CaseAges {
    /// `earliestIfNone`: a span that ends before the file's first year takes that first year
    /// (`simulate`, which forecasts nothing); a fit's window never does (that would be later ages).
    public static func resolve(configuration: ModelConfiguration, settlements: [Settlement], ages: AgeStructure?,
                               settlementsFile: String, time: Double, earliestIfNone: Bool = false) throws
        -> (settlements: [Settlement], ages: AgeStructure?, source: AgeTermSource) {
        let a = AgeFunction(configuration.parameters.ageFunction)
        if let url = configuration.data.ages {
            let file = try AgeStructureFile.read(url)
            guard let year = file.year(atOrBefore: time) ?? (earliestIfNone ? file.years.first : nil) else {
                throw PipelineError("data.ages \(url.path): no age structure at or before \(Int(time.rounded(.down))), the last period "
                                    + "of the window (the file has \(file.years.first!)–\(file.years.last!))")
            }
            let places = try file.settlements(settlements, year: year)
            let mobility = places.map { a.mobility(shares: $0.ageShares, ages: file.structure.representativeAges) }
            return (places, file.structure, AgeTermSource(file: url.lastPathComponent, year: year, active: true, mobility: mobility))
        }
        // The file's name only: the reason is recorded in fit.json, which should not depend on where the case lies.
        let name = URL(fileURLWithPath: settlementsFile).lastPathComponent
        guard let ages else {
            return (settlements, nil, AgeTermSource(file: name, year: nil, active: false,
                                                    reason: "\(name) has no age columns (age_A_B) and the configuration no data.ages, "
                                                        + "so δ·(1 − A_i) is the same uniform spring for every region"))
        }
        let mobility = settlements.map { s in s.ageShares.isEmpty ? 0 : a.mobility(shares: s.ageShares, ages: ages.representativeAges) }
        return (settlements, ages, AgeTermSource(file: name, year: nil, active: true, mobility: mobility))
    }
}
