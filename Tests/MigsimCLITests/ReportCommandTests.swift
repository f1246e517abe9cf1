import Foundation
import Testing
@testable import MigsimCLI

/// A fresh temporary folder with the given files (names may contain sub-folders).
private func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func report(_ dir: URL, _ args: [String]) throws {
    var command = try ReportCommand.parseAsRoot(args.map { $0.replacingOccurrences(of: "@", with: dir.path + "/") })
    try command.run()
}

/// Expects failure with every fragment in the message, and no report written.
private func expectFailure(_ dir: URL, _ args: [String], _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var message = ""
    do { try report(dir, args) } catch { message = String(describing: error) }
    #expect(!message.isEmpty, "the command succeeded", sourceLocation: sourceLocation)
    for f in fragments { #expect(message.contains(f), "message was: \(message)", sourceLocation: sourceLocation) }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path), sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.ipynb").path), sourceLocation: sourceLocation)
}

private let settlements = "id,name,lat,lon,population\nA,Alpha,37.5,127.0,1000000\nB,Beta,35.2,129.1,500000\nC,Gamma,33.4,126.5,200000\n"
private let balance = "id,period,value\nA,2018,-1.5\nA,2019,-1.0\nA,2020,-0.5\nB,2018,2\nB,2019,1.5\nB,2020,1\nC,2018,0\nC,2019,0.5\nC,2020,\n"
private let simulated = "id,time,balance,velocity\nA,2018,-1.5,0\nA,2019,-1.1,0.1\nB,2018,2,0\nB,2019,1.6,-0.3\nC,2018,0,0\nC,2019,0.2,0.1\n"
private let series = """
id,period,time,observed,network,integrated,split
A,2018,2018,-1.5,-1.4,-1.45,train
A,2019,2019,-1.0,-1.1,-1.05,train
A,2020,2020,-0.5,-0.6,-0.7,holdout
B,2018,2018,2,1.9,1.95,train
B,2019,2019,1.5,1.6,1.55,train
B,2020,2020,1,1.1,1.2,holdout

"""
private let metrics = "id,r2,rmse,theil_u\nA,0.91,0.05,0.02\nB,0.88,0.05,0.01\nALL,0.95,0.05,0.015\n"
private let parameters = "name,value,learned\nalpha,0.5,true\ngamma,1.5,false\ndistance_scale,100,false\n"
private let curve = "id,time,force\nA,2018,0.1\nA,2018.5,0.2\nA,2019,0.3\nB,2018,-0.1\nB,2018.5,-0.2\nB,2019,-0.25\n"
private let flows = "origin,destination,period,migrants\nA,B,2019-Q1,100\nA,B,2019-Q2,50\nB,A,2019-Q1,80\nA,C,2019-Q1,10\nC,A,2018-Q4,999\n"

@Suite struct ReportCommandTests {
    @Test func writesHTMLAndNotebookFromWhateverExists() throws {
        let dir = try folder(["settlements.csv": settlements, "balance_yearly.csv": balance, "simulated.csv": simulated,
                              "fit/series.csv": series, "fit/metrics.csv": metrics, "fit/parameters.csv": parameters,
                              "fit/force_curve.csv": curve, "flows.csv": flows,
                              "explain/importance.csv": "feature,mean_abs_shapley\ngdp,0.8\nunemployment,0.3\n",
                              "explain/shapley.csv": "id,period,feature,shapley,value\nA,2018,gdp,0.5,30\nB,2018,gdp,-0.4,20\nA,2018,unemployment,0.1,3\nB,2018,unemployment,-0.2,4\n",
                              "scenario/comparison.csv": "id,time,baseline,scenario\nA,2021,-0.5,-0.2\nA,2022,-0.4,0.1\nB,2021,1,1\nB,2022,0.9,0.8\n",
                              "commands.txt": "# recorded\nfit: migsim fit --config model.yaml --output fit\n"])
        try report(dir, ["--input", dir.path, "--flows", "@flows.csv", "--flows-period", "2019", "--stamp", "s1"])
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        for section in ["Data", "Model and parameters", "Fit quality", "Fitted force", "Simulation", "Explanation", "Scenarios", "Flow balancing", "Inputs"] {
            #expect(html.contains("<h2>\(section)</h2>"), "missing section \(section)")
        }
        #expect(html.contains("$ </span>migsim fit --config model.yaml --output fit"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script") && !html.contains(" src="))
        #expect(html.contains("<td style=\"text-align: left\">ALL</td><td class=\"num\" style=\"text-align: right\">0.950</td>"))
        #expect(html.contains("Alpha → Beta: 150</title>"))  // two 2019 quarters summed
        #expect(html.contains("Gamma → Alpha: missing</title>"))  // the 2018 flow is outside --flows-period
        let nb = try String(contentsOf: dir.appendingPathComponent("report.ipynb"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(nb.utf8)) as? [String: Any])
        #expect(json["nbformat"] as? Int == 4)
        #expect(nb.contains("\"!migsim fit --config model.yaml --output fit\"") && nb.contains("\"stamp\": \"s1\""))
        // Same inputs, same bytes.
        try report(dir, ["--input", dir.path, "--flows", "@flows.csv", "--flows-period", "2019", "--stamp", "s1", "--output", "@again"])
        #expect(try String(contentsOf: dir.appendingPathComponent("again/report.ipynb"), encoding: .utf8) == nb)
    }

    @Test func sectionsFollowThePresenceOfFiles() throws {
        let dir = try folder(["simulated.csv": simulated])
        try report(dir, ["--input", dir.path, "--name", "only"])
        let html = try String(contentsOf: dir.appendingPathComponent("only.html"), encoding: .utf8)
        #expect(html.contains("<h2>Simulation</h2>") && !html.contains("<h2>Fit quality</h2>") && !html.contains("<h2>Data</h2>"))
    }

    @Test func missingOrEmptyInputFolder() throws {
        let dir = try folder([:])
        expectFailure(dir, ["--input", dir.path + "/nowhere"], ["nowhere", "an existing folder"])
        expectFailure(dir, ["--input", dir.path], ["at least one pipeline output"])
    }

    @Test func malformedFilesNameFileLineAndColumn() throws {
        let bad = try folder(["fit/metrics.csv": "id,r2,rmse,theil_u\nA,0.9,0.1,0.01\nB,high,0.1,0.01\n"])
        expectFailure(bad, ["--input", bad.path], ["metrics.csv:3", "column 'r2' (#2)", "found 'high'", "expected a decimal number"])
        let missingColumn = try folder(["simulated.csv": "id,time,value\nA,2018,1\n"])
        expectFailure(missingColumn, ["--input", missingColumn.path], ["simulated.csv:1", "a column named 'balance'"])
        let split = try folder(["fit/series.csv": "id,period,time,observed,network,integrated,split\nA,2018,2018,1,1,1,test\n"])
        expectFailure(split, ["--input", split.path], ["series.csv:2", "column 'split'", "train or holdout"])
        let learned = try folder(["fit/parameters.csv": "name,value,learned\nalpha,0.5,maybe\n"])
        expectFailure(learned, ["--input", learned.path], ["parameters.csv:2", "true or false"])
        let nan = try folder(["scenario/comparison.csv": "id,time,baseline,scenario\nA,2021,1,nan\n"])
        expectFailure(nan, ["--input", nan.path], ["comparison.csv:2", "column 'scenario'", "finite"])
        let fields = try folder(["settlements.csv": "id,name,lat,lon,population\nA,Alpha,37.5,127\n"])
        expectFailure(fields, ["--input", fields.path], ["settlements.csv:2", "5 fields"])
        let importance = try folder(["explain/importance.csv": "feature,importance\ngdp,1\n"])
        expectFailure(importance, ["--input", importance.path], ["importance.csv:1", "mean_abs_shapley"])
    }

    @Test func badCommandsFileAndFlowOptions() throws {
        let commands = try folder(["simulated.csv": simulated, "commands.txt": "fit: migsim fit\nthis line has no stage\n"])
        expectFailure(commands, ["--input", commands.path], ["commands.txt:2", "'stage: command'"])
        let dir = try folder(["simulated.csv": simulated, "flows.csv": flows, "plain.csv": "origin,destination,migrants\nA,B,1\n"])
        expectFailure(dir, ["--input", dir.path, "--flows", "@flows.csv", "--flows-period", "1990"], ["flows.csv", "period starts with '1990'"])
        expectFailure(dir, ["--input", dir.path, "--flows", "@plain.csv", "--flows-period", "2019"], ["plain.csv:1", "'period' column"])
        expectFailure(dir, ["--input", dir.path, "--flows", "@absent.csv"], ["absent.csv", "an existing CSV file"])
        expectFailure(dir, ["--input", dir.path, "--fit", "@nofit"], ["nofit", "migsim fit --output"])
        expectFailure(dir, ["--input", dir.path, "--explain", "@noexplain"], ["noexplain", "migsim explain"])
        #expect(throws: (any Error).self) { try ReportCommand.parseAsRoot(["--input", dir.path, "--top-flows", "-1"]) }
        #expect(throws: (any Error).self) { try ReportCommand.parseAsRoot(["--input", dir.path, "--name", "a/b"]) }
    }
}
