import ArgumentParser

/// The root `migsim` command; subcommands are the pipeline stages.
public struct MigsimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migsim",
        abstract: "A physics-informed simulator of migration between settlements.",
        subcommands: [DataCommand.self, InitCommand.self, DistancesCommand.self, SimulateCommand.self, FitCommand.self, BalanceCommand.self,
                      OptimizeCommand.self, IdentifyCommand.self,
                      ExplainCommand.self, RegressCommand.self, ScenarioCommand.self, ForecastCommand.self, ForecastEnsembleCommand.self, BacktestCommand.self,
                      ReportCommand.self]
    )
    public init() {}

    /// Parses and runs a subcommand like `ParsableCommand.main()`, then flushes standard output and
    /// fails (exit status 1, message on standard error) when any write to it failed.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            try Output.finishStandardOutput()
        } catch {
            exit(withError: error)
        }
    }
}
