import DataIO
import MigrationModel

/// The one warning line of a command that uses the age term δ·(1 − A_i) (SPEC §2) when the
/// settlements file has no age columns: A_i is then the same for every region, so the term is a
/// uniform spring δ·q and cannot tell regions apart.
enum AgeTermNotice {
    static func inactive(settlements: String) -> String {
        "warning: age term inactive: \(settlements) has no age columns (age_A_B), so δ·(1 − A_i) is the same uniform spring "
            + "for every region; add them with `migsim data ages` or `migsim data import --ages`"
    }

    /// Logs the warning when `ages` is nil.
    static func check(_ ages: AgeStructure?, settlements: String) {
        if ages == nil { Log.info(inactive(settlements: settlements)) }
    }
}
