import ArgumentParser
import Foundation
import Pipeline

/// The options naming a case's files that every pipeline command takes: `--config` and the
/// overrides of its `data:` section (`--settlements`, `--balance`, `--features`).
struct CaseFileOptions: ParsableArguments {
    @Option(name: .long, help: "Model configuration (YAML): data files, parameters, fit settings.")
    var config: String

    @Option(name: .long, help: "Settlements CSV (overrides data.settlements).")
    var settlements: String?

    @Option(name: .long, help: "Observed balances CSV id, period, value (overrides data.balance).")
    var balance: String?

    @Option(name: .long, help: "Features CSV id, period, <features> driving the force (overrides data.features).")
    var features: String?

    /// The case's files as the pipeline loads them (`FitCase.load`).
    var files: FitCase.Files {
        FitCase.Files(configuration: URL(fileURLWithPath: config), settlements: settlements.map { URL(fileURLWithPath: $0) },
                      balance: balance.map { URL(fileURLWithPath: $0) }, features: features.map { URL(fileURLWithPath: $0) })
    }
}
