import ArgumentParser
import DataIO
import Foundation

/// `migsim data`: derive model inputs (balances, settlements, features) from raw data.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Derive model inputs from raw migration data.",
        subcommands: [KoreaDataCommand.self]
    )
}

/// `migsim data korea`: the bundled Korean case from the raw KOSIS files.
struct KoreaDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "korea",
        abstract: "Derive the Korean case (16 regions, 1997–2020) from KOSIS flows and population.",
        discussion: """
        Reads flows_quarterly.csv (origin, destination, period YYYY-Qn, migrants), population.csv \
        (region, year, population), regions.csv (region, lat, lon, …) and, when present, economy.csv \
        from --input, and writes settlements.csv, balance_yearly.csv, balance_quarterly.csv \
        (net migration per 1,000 inhabitants per year) and features.csv into --output.

        Net migration of a region = Σ flows in from other regions − Σ flows out to other regions; moves \
        inside a region do not count. Sejong (split off in 2012) is merged into Chungcheongnam-do for \
        every year so that the panel is consistent; 1997 is the first year with every region's population.
        """
    )

    @Option(name: .long, help: "Folder with the raw files (flows_quarterly.csv, population.csv, regions.csv[, economy.csv]).")
    var input: String = "models/korea"

    @Option(name: .long, help: "Folder to write the derived files into (created when missing).")
    var output: String

    func run() throws {
        let dir = URL(fileURLWithPath: input)
        let economy = dir.appendingPathComponent("economy.csv")
        let derived = try KoreaCase.derive(
            flowsURL: dir.appendingPathComponent("flows_quarterly.csv"),
            populationURL: dir.appendingPathComponent("population.csv"),
            regionsURL: dir.appendingPathComponent("regions.csv"),
            economyURL: FileManager.default.fileExists(atPath: economy.path) ? economy : nil)
        let out = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try derived.write(to: out)
        Log.info("derived \(derived.ids.count) regions, \(derived.years.first ?? 0)–\(derived.years.last ?? 0), "
                 + "\(derived.quarters.count) quarters → \(out.path)")
    }
}
