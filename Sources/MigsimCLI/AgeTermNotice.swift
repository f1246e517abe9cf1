import DataIO
import MigrationModel

/// The one line a command that uses the age term δ·(1 − A_i) (SPEC §2) logs about it: a warning
/// when the term is inactive (no age columns and no `data.ages`: A_i is then the same for every
/// region, so the term is a uniform spring δ·q and cannot tell regions apart), otherwise where its
/// age structure came from (`CaseAges`).
enum AgeTermNotice {
    static let remedy = "add them with `migsim data ages` or `migsim data import --ages`, or a yearly age file as data.ages"

    static func inactive(settlements: String) -> String {
        "warning: age term inactive: \(settlements) has no age columns (age_A_B), so δ·(1 − A_i) is the same uniform spring "
            + "for every region; \(remedy)"
    }

    /// The line for a resolved age source.
    static func line(_ source: AgeTermSource) -> String {
        source.active ? "age term \(source.summary)" : "warning: age term inactive: \(source.reason ?? "no age structure"); \(remedy)"
    }

    static func log(_ source: AgeTermSource) { Log.info(line(source)) }
}
