import ArgumentParser

/// The root `migsim` command; subcommands are the pipeline stages.
public struct MigsimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migsim",
        abstract: "A physics-informed simulator of migration between settlements.",
        subcommands: [DataCommand.self, InitCommand.self, DistancesCommand.self, SimulateCommand.self, FitCommand.self, BalanceCommand.self,
                      OptimizeCommand.self, IdentifyCommand.self,
                      ExplainCommand.self, RegressCommand.self, ScenarioCommand.self, ForecastCommand.self, BacktestCommand.self,
                      ReportCommand.self]
    )
    public init() {}
}
