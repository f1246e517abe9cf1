import DataIO
import Foundation
import Testing

/// Tests that read the project's data folder (`DataFolder`: `../shared/data` or `MIGSIM_DATA`) carry
/// this trait: without the folder they are skipped, and one line names the missing folder.
extension Trait where Self == ConditionTrait {
    static var needsDataFolder: Self {
        .enabled(if: DataFolder.availableForTests, "needs the data folder (../shared/data or MIGSIM_DATA)")
    }
}

/// A file of the data folder.
func dataFile(_ relative: String) -> URL { DataFolder.forTests.file(relative) }
