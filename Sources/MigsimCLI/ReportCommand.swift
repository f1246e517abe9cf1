import ArgumentParser
import DataIO
import Foundation
import Pipeline
import Reports

/// `migsim report`: the HTML report and the Jupyter notebook of a pipeline run (SPEC §9).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report and a Jupyter notebook from the pipeline's outputs.",
        discussion: """
        Reads whatever the pipeline stages left in --input and writes <name>.html (default report.html; one file, \
        inline SVG charts, no external references, print-friendly) and <name>.ipynb (nbformat \
        4.5: markdown narrative, the migsim commands as code cells, charts as image/svg+xml and \
        tables as text/html + text/plain outputs) into --output. Every section is optional: it \
        appears when its files exist. Both files are written atomically, and only after both \
        were rendered.

        FILES LOOKED FOR (relative to --input; options override)
          settlements.csv            id,name,lat,lon,population      (--settlements)
          balance_yearly.csv, else balance_quarterly.csv
                                     id,period,value  observed       (--balance)
          simulated.csv              id,time,balance[,velocity]      (migsim simulate)
          fit/                       migsim fit --output: fit.json, series.csv,
                                     force_curve.csv, metrics.csv, holdout.csv,
                                     parameters.csv                  (--fit)
          balance_summary.txt        migsim balance --summary
          flow_statistics/           migsim balance --statistics:
                                     region_statistics.csv, flow_errors.csv
          explain/                   migsim explain --output:        (--explain)
                                     coefficients.csv, validation.csv,
                                     validation_splits.csv, regression.json,
                                     shapley_importance.csv, shapley_values.csv,
                                     target.csv
          scenario/                  migsim scenario --output:       (--scenario)
                                     scenario.csv, scenario_summary.csv
          identify_fit/, identify_zero/
                                     migsim identify --output:       (--identify)
                                     identify.json, parameters.csv,
                                     series.csv, trace.csv
          commands.txt               lines 'stage: command' (stages data, simulate,
                                     fit, balance, explain, scenario, identify,
                                     identify_zero) shown with
                                     each result
        A flows file for the map's arcs and the flow heat map is given with --flows \
        (origin,destination[,period],migrants; --flows-period selects rows whose period \
        starts with the text).

        Errors name the file, line and column and what was expected; nothing is written then.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Folder with the pipeline's outputs.", valueName: "dir"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("Folder for report.html and report.ipynb (default: --input).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Base name of the two files: <name>.html and <name>.ipynb.", valueName: "name"))
    var name: String = "report"

    @Option(name: .long, help: "Report title.")
    var title: String = "migsim report"

    @Option(name: .long, help: ArgumentHelp("Settlements CSV (default: <input>/settlements.csv).", valueName: "file"))
    var settlements: String?

    @Option(name: .long, help: ArgumentHelp("Observed balances CSV (default: <input>/balance_yearly.csv).", valueName: "file"))
    var balance: String?

    @Option(name: .long, help: ArgumentHelp("Flows CSV for the map arcs and the flow heat map.", valueName: "file"))
    var flows: String?

    @Option(name: .customLong("flows-period"), help: ArgumentHelp("Use only flow rows whose period starts with this text.", valueName: "prefix"))
    var flowsPeriod: String?

    @Option(name: .long, help: ArgumentHelp("Output folder of migsim fit (default: <input>/fit).", valueName: "dir"))
    var fit: String?

    @Option(name: .long, help: ArgumentHelp("Output folder of migsim explain (default: <input>/explain).", valueName: "dir"))
    var explain: String?

    @Option(name: .long, help: ArgumentHelp("Output folder of migsim scenario (default: <input>/scenario).", valueName: "dir"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Output folder of migsim identify (repeat; default: <input>/identify_fit and <input>/identify_zero).", valueName: "dir"))
    var identify: [String] = []

    @Option(name: .long, help: "Unit of the balances, for axis titles.")
    var unit: String = "per 1,000 inhabitants per year"

    @Option(name: .customLong("top-flows"), help: "How many of the largest flows the map draws.")
    var topFlows: Int = 12

    @Option(name: .long, help: ArgumentHelp("Provenance stamp stored in the notebook metadata and the HTML (e.g. an input hash).", valueName: "text"))
    var stamp: String?

    func validate() throws {
        guard !name.isEmpty, !name.contains("/") else { throw ValidationError("--name: expected a file name without '/', got '\(name)'") }
        guard topFlows >= 0 else { throw ValidationError("--top-flows: expected a non-negative integer, got \(topFlows)") }
    }

    func run() throws {
        let inputURL = URL(fileURLWithPath: input)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputURL.path, isDirectory: &isDir), isDir.boolValue else {
            throw DataError(.missingFile, file: input, expected: "an existing folder with the pipeline's outputs (--input)")
        }
        var inputs = try ReportInputs.load(input: inputURL, settlements: settlements, balance: balance, flows: flows, flowsPeriod: flowsPeriod,
                                           fit: fit, explain: explain, scenario: scenario, identify: identify)
        guard !inputs.isEmpty else {
            throw DataError(.missingFile, file: input,
                            expected: "at least one pipeline output (settlements.csv, balance_yearly.csv, simulated.csv, fit/, …; see --help)")
        }
        inputs.filesRead = inputs.filesRead.map(ReportCommand.relative)
        let builder = ReportBuilder(inputs: inputs, title: title, unit: unit, strongestFlows: topFlows)
        var metadata = ["generator": "migsim report"]
        if let stamp { metadata["stamp"] = stamp }
        let document = builder.document(metadata: metadata)
        let html = HTMLRenderer.render(document)
        let notebook = NotebookRenderer.render(document)
        let outURL = URL(fileURLWithPath: output ?? input)
        do { try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true) } catch {
            throw DataError(.writeFailed, file: outURL.path, found: "\(error)", expected: "a folder that can be created (--output)")
        }
        try AtomicFile.write(Data(html.utf8), to: outURL.appendingPathComponent(name + ".html"))
        try AtomicFile.write(Data(notebook.utf8), to: outURL.appendingPathComponent(name + ".ipynb"))
        Log.info("report sections: \(document.sections.map(\.title).joined(separator: ", "))")
        print(outURL.appendingPathComponent(name + ".html").path)
        print(outURL.appendingPathComponent(name + ".ipynb").path)
    }

    /// A path relative to the working directory when it lies inside it (stable across clones).
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
