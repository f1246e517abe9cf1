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

private let holdout = """
id,method,mae,rmse,mase
A,pinn,0.2,0.3,0.8
A,persistence,0.3,0.4,1.2
A,trend,0.5,0.6,2
B,pinn,0.4,0.5,1.1
B,persistence,0.3,0.35,1
B,trend,0.6,0.7,2
ALL,pinn,0.3,0.4,0.95
ALL,persistence,0.3,0.9,1.1
ALL,trend,0.55,1.5,2

"""
private let coefficients = """
term,estimate,std_error,t,p,standardized,aliased
intercept,1.5,0.5,3,0.004,0,false
gdp,0.05,0.01,5,0.00001,0.6,false
unemployment,0,,,,0,true

"""
private let validation = """
statistic,value
observations,40
rank,2
r2,0.84
adjusted_r2,0.83
f_statistic,25
f_p_value,0.00002
scaled_condition_number,45
splits,2
train_size,32
test_size,8
test_r2_mean,0.75
test_r2_median,0.75
test_r2_p2.5,0.61
test_r2_p97.5,0.88
permutations,999
permutation_p_value,0.001

"""
private let shapleyValues = "id,period,prediction,base_value,efficiency_gap,gdp,unemployment\nA,2018,0.6,0,0,0.5,0.1\nB,2018,-0.6,0,0,-0.4,-0.2\n"
private let target = "id,period,force,fitted,gdp,unemployment\nA,2018,0.7,0.6,30,3\nB,2018,-0.5,-0.6,20,4\n"
private let scenarioTable = """
id,time,baseline,scenario,difference,force_change,baseline_persons,scenario_persons,persons_difference
A,2021,-0.5,-0.2,0.3,0.1,0,0,0
A,2022,-0.4,0.1,0.5,0.1,-500,1000,1500
B,2021,1,1,0,0,0,0,0
B,2022,0.9,0.8,-0.1,0,900,800,-100
C,2021,0,0,0,0,0,0,0
C,2022,0,-0.01,-0.01,0,0,-2,-2

"""
private let scenarioSummary = "id,mean_difference,final_difference,persons_difference\nB,-0.05,-0.1,-100\nA,0.2,0.5,1500\nC,-0.005,-0.01,-2\n"
private let identifyParameters = "name,value,identified,lower,upper,scale\nalpha,0.7,true,0.1,10,log\ngamma,1.5,false,,,\ntheil_u,0.21,,,,\n"
private let identifySeries = "id,period,time,observed,simulated\nA,2018,2018,-1.5,-1.2\nA,2019,2019,-1,-0.9\nB,2018,2018,2,1.7\nB,2019,2019,,1.4\n"

private func regressionJSON(warnings: [String]) -> String {
    let list = warnings.map { "\"\($0)\"" }.joined(separator: ", ")
    return "{\"format\": \"migsim-regression\", \"version\": 1, \"payload\": {\"summary\": {\"warnings\": [\(list)]}}}\n"
}

private func identifyJSON(force: String, u: Double) -> String {
    """
    {"format": "migsim-identify", "version": 1, "payload": {"force": "\(force)", "method": "index", "seed": 1, "budget": 30, "trials": 30,
     "theilU": \(u), "termination": "budget", "reference": {"configurationTheilU": 0.33, "pinnTheilU": 0.05}}}
    """
}

@Suite struct ReportCommandTests {
    @Test("the model section states whether the age term was active, from fit.json")
    func ageTermStatus() throws {
        let fitJSON = try String(contentsOf: packageRoot.appendingPathComponent("models/korea/fit.json"), encoding: .utf8)
        let dir = try folder(["fit/fit.json": fitJSON, "fit/parameters.csv": parameters])
        try report(dir, ["--input", dir.path])
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Age term: active") && html.contains("the age structure of 2017") && html.contains("age_structure.csv"))
        let notebook = try String(contentsOf: dir.appendingPathComponent("report.ipynb"), encoding: .utf8)
        #expect(notebook.contains("Age term: active"))
    }

    @Test func writesHTMLAndNotebookFromWhateverExists() throws {
        let dir = try folder(["settlements.csv": settlements, "balance_yearly.csv": balance, "simulated.csv": simulated,
                              "fit/series.csv": series, "fit/metrics.csv": metrics, "fit/parameters.csv": parameters,
                              "fit/force_curve.csv": curve, "flows.csv": flows, "fit/holdout.csv": holdout,
                              "explain/coefficients.csv": coefficients, "explain/validation.csv": validation,
                              "explain/validation_splits.csv": "split,train_r2,test_r2\n1,0.9,0.8\n2,0.85,0.7\n",
                              "explain/regression.json": regressionJSON(warnings: ["scaled condition number 45 exceeds 30: strong collinearity"]),
                              "explain/shapley_importance.csv": "feature,mean_abs_shap\ngdp,0.8\nunemployment,0.3\n",
                              "explain/shapley_values.csv": shapleyValues, "explain/target.csv": target,
                              "scenario/scenario.csv": scenarioTable, "scenario/scenario_summary.csv": scenarioSummary,
                              "identify_fit/identify.json": identifyJSON(force: "fit/fit.json", u: 0.21),
                              "identify_fit/parameters.csv": identifyParameters, "identify_fit/series.csv": identifySeries,
                              "identify_fit/trace.csv": "trials,best_theil_u\n1,0.5\n10,0.3\n20,0.21\n",
                              "identify_zero/identify.json": identifyJSON(force: "zero", u: 0.45),
                              "commands.txt": "# recorded\nfit: migsim fit --config model.yaml --output fit\nidentify_zero: migsim identify --force zero\nidentify: migsim identify --force fit/fit.json\n"])
        try report(dir, ["--input", dir.path, "--flows", "@flows.csv", "--flows-period", "2019", "--stamp", "s1"])
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        for section in ["Data", "Model and parameters", "Fit quality", "Fitted force", "Simulation", "Explanation", "Scenario", "Identification",
                        "Flow balancing", "Inputs"] {
            #expect(html.contains("<h2>\(section)</h2>"), "missing section \(section)")
        }
        #expect(html.contains("$ </span>migsim fit --config model.yaml --output fit"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script") && !html.contains(" src="))
        #expect(html.contains("<td style=\"text-align: left\">ALL</td><td class=\"num\" style=\"text-align: right\">0.950</td>"))
        #expect(html.contains("Alpha → Beta: 150</title>"))  // two 2019 quarters summed
        #expect(html.contains("Gamma → Alpha: missing</title>"))  // the 2018 flow is outside --flows-period
        // Fit: the holdout comparison with persistence and trend.
        #expect(html.contains("persistence: mean MASE over the regions 1.100, pooled RMSE 0.900; the fitted model (pinn) has the lower MASE in 1 of 2 regions"))
        #expect(html.contains("trend: mean MASE over the regions 2.000, pooled RMSE 1.500; the fitted model (pinn) has the lower MASE in 2 of 2 regions"))
        // Explanation: coefficient table with SE/t/p, summary statistics, the collinearity warning, the charts.
        #expect(html.contains("<td style=\"text-align: left\">gdp</td><td class=\"num\" style=\"text-align: right\">0.05000</td>"
                              + "<td class=\"num\" style=\"text-align: right\">0.0100</td><td class=\"num\" style=\"text-align: right\">5.00</td>"
                              + "<td class=\"num\" style=\"text-align: right\">&lt; 0.0001</td>"))
        #expect(html.contains("unemployment (aliased)"))
        #expect(html.contains(">test R², 2.5 % – 97.5 %</td><td class=\"num\" style=\"text-align: right\">0.610 – 0.880</td>"))
        #expect(html.contains(">permutation p</td><td class=\"num\" style=\"text-align: right\">0.0010</td>"))
        #expect(html.contains("Warning (regression.json): scaled condition number 45 exceeds 30"))
        #expect(html.contains("Global importance (mean |φ|)") && html.contains("Mean contribution per region and feature"))
        #expect(html.contains("R² over 2 random train/test splits"))
        // Scenario: the changed region first, persons moved in the table sorted by size.
        #expect(html.contains("Alpha (changed)") && html.contains("Changed: Alpha."))
        #expect(html.contains("<td style=\"text-align: left\">Alpha (A)</td><td class=\"num\" style=\"text-align: right\">0.200</td>"
                              + "<td class=\"num\" style=\"text-align: right\">0.500</td><td class=\"num\" style=\"text-align: right\">1500</td>"))
        let alphaRow = try #require(html.range(of: ">Alpha (A)</td>")), betaRow = try #require(html.range(of: ">Beta (B)</td>"))
        #expect(alphaRow.lowerBound < betaRow.lowerBound)
        // Identification: both runs with their U's, the parameter table, the trace and the series chart.
        #expect(html.contains(">identify_fit (fitted force)</td>") && html.contains(">identify_zero (zero force)</td>"))
        #expect(html.contains(">0.2100</td>") && html.contains(">0.4500</td>") && html.contains(">0.3300</td>"))
        #expect(html.contains(">0.1 – 10 (log)</td>") && html.contains(">fixed</td>"))
        #expect(html.contains("Best Theil U found vs trials") && html.contains("Observed vs simulated at the identified parameters"))
        #expect(html.contains("$ </span>migsim identify --force zero") && html.contains("$ </span>migsim identify --force fit/fit.json"))
        let nb = try String(contentsOf: dir.appendingPathComponent("report.ipynb"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(nb.utf8)) as? [String: Any])
        #expect(json["nbformat"] as? Int == 4)
        #expect(nb.contains("\"!migsim fit --config model.yaml --output fit\"") && nb.contains("\"stamp\": \"s1\""))
        // Same inputs, same bytes.
        try report(dir, ["--input", dir.path, "--flows", "@flows.csv", "--flows-period", "2019", "--stamp", "s1", "--output", "@again"])
        #expect(try String(contentsOf: dir.appendingPathComponent("again/report.ipynb"), encoding: .utf8) == nb)
    }

    @Test("the fit's parameter table shows units, bounds, 95% intervals and flags; a fixed parameter has none")
    func fitParameterIntervals() throws {
        let table = "name,value,learned,unit,bound_lower,bound_upper,lower_95,upper_95,identified,at_lower_bound,at_upper_bound,spans_more_than_a_decade\n"
            + "alpha,0.09,true,1/year²,0.001,10,0.036,0.24,true,false,false,false\n"
            + "gamma,0.1,true,dimensionless,0.1,8,,,true,true,false,true\n"
            + "beta,0.04,true,1/year²,0.001,10,,,false,false,false,false\n"
            + "inertia,1,false,relative,,,,,,,,\n"
        let dir = try folder(["settlements.csv": settlements, "fit/parameters.csv": table])
        try report(dir, ["--input", dir.path])
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(">95% interval</th>") && html.contains(">[0.03600, 0.2400]</td>"))
        #expect(html.contains(">at lower bound, interval &gt; 1 decade</td>") && html.contains(">not identified</td>"))
        #expect(html.contains(">[0.001000, 10]</td>"))
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
        let nan = try folder(["scenario/scenario.csv": "id,time,baseline,scenario,difference,force_change,persons_difference\nA,2021,1,nan,0,0,0\n"])
        expectFailure(nan, ["--input", nan.path], ["scenario.csv:2", "column 'scenario'", "finite"])
        let fields = try folder(["settlements.csv": "id,name,lat,lon,population\nA,Alpha,37.5,127\n"])
        expectFailure(fields, ["--input", fields.path], ["settlements.csv:2", "5 fields"])
        let importance = try folder(["explain/shapley_importance.csv": "feature,importance\ngdp,1\n"])
        expectFailure(importance, ["--input", importance.path], ["shapley_importance.csv:1", "mean_abs_shap"])
    }

    @Test func malformedExplainScenarioAndIdentifyFiles() throws {
        func fails(_ files: [String: String], _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let dir = try folder(files)
            expectFailure(dir, ["--input", dir.path], fragments, sourceLocation: sourceLocation)
        }
        try fails(["explain/coefficients.csv": "term,estimate,std_error,t,p,aliased\ngdp,0.1,0.01,10,1.5,false\n"],
                  ["coefficients.csv:2", "column 'p'", "a p value in [0, 1]"])
        try fails(["explain/coefficients.csv": "term,estimate,std_error,t,p,aliased\ngdp,0.1,0.01,10,0.5,no\n"],
                  ["coefficients.csv:2", "column 'aliased'", "true or false"])
        try fails(["explain/coefficients.csv": "term,estimate,se,t,p,aliased\ngdp,0.1,0.01,10,0.5,false\n"],
                  ["coefficients.csv:1", "std_error"])
        try fails(["explain/validation.csv": "statistic,value\nr2,0.8\nr2,0.7\n"], ["validation.csv:3", "column 'statistic'", "'r2' is repeated"])
        try fails(["explain/validation.csv": "statistic,value\nr2,high\n"], ["validation.csv:2", "column 'value'", "a decimal number"])
        try fails(["explain/validation_splits.csv": "split,train_r2,test_r2\n1,0.9,\n"], ["validation_splits.csv:2", "column 'test_r2'"])
        try fails(["explain/shapley_importance.csv": "feature,mean_abs_shap\ngdp,-1\n"], ["shapley_importance.csv:2", "≥ 0"])
        try fails(["explain/shapley_values.csv": "id,period,prediction,base_value,efficiency_gap\nA,2018,1,0,0\n"],
                  ["shapley_values.csv:1", "one column of Shapley values per feature"])
        try fails(["explain/shapley_values.csv": "id,period,prediction,base_value,gdp\nA,2018,1,0,0.5\n"], ["shapley_values.csv:1", "efficiency_gap"])
        try fails(["explain/shapley_values.csv": "id,period,prediction,base_value,efficiency_gap,gdp\nA,2018,1,0,0,x1\n"],
                  ["shapley_values.csv:2", "column 'gdp'", "a decimal number"])
        try fails(["explain/target.csv": "id,period,force,gdp\nA,2018,1,abc\n"], ["target.csv:2", "column 'gdp'"])
        try fails(["explain/regression.json": "{\"format\": \"migsim-fit\", \"version\": 1, \"payload\": {}}"],
                  ["regression.json", "format 'migsim-regression'"])
        try fails(["explain/regression.json": "{\"format\": \"migsim-regression\", \"version\": 1, \"payload\": {\"summary\": {}}}"],
                  ["regression.json", "'migsim-regression' v1 payload"])
        try fails(["scenario/scenario.csv": "id,time,baseline,scenario\nA,2021,1,1\n"], ["scenario.csv:1", "force_change"])
        try fails(["scenario/scenario_summary.csv": "id,mean_difference,final_difference,persons_difference\nA,0.1,0.2,\n"],
                  ["scenario_summary.csv:2", "column 'persons_difference'"])
        try fails(["identify_fit/identify.json": "{\"format\": \"migsim-identify\", \"version\": 2, \"payload\": {}}"],
                  ["identify.json", "version 1 of 'migsim-identify'"])
        try fails(["identify_fit/identify.json": identifyJSON(force: "zero", u: 1e308)], ["identify_fit/identify.json", "theilU: 1e+308", "from 0 to 1"])
        try fails(["identify_fit/identify.json": identifyJSON(force: "zero", u: -0.5)], ["identify.json", "theilU: -0.5"])
        try fails(["identify_zero/parameters.csv": "name,value,identified,lower,upper,scale\nalpha,1,yes,0,1,log\n"],
                  ["identify_zero/parameters.csv:2", "column 'identified'", "true, false or empty"])
        try fails(["identify_fit/series.csv": "id,period,time,observed\nA,2018,2018,1\n"], ["identify_fit/series.csv:1", "simulated"])
        try fails(["identify_fit/trace.csv": "trials,best_theil_u\n1,0.5\nten,0.4\n"], ["trace.csv:3", "column 'trials'"])
    }

    @Test func explicitStageFoldersMustHoldTheirFiles() throws {
        let dir = try folder(["simulated.csv": simulated, "empty/readme.txt": "nothing here\n"])
        expectFailure(dir, ["--input", dir.path, "--explain", "@empty"], ["empty", "migsim explain", "coefficients.csv"])
        expectFailure(dir, ["--input", dir.path, "--scenario", "@empty"], ["empty", "migsim scenario", "scenario.csv"])
        expectFailure(dir, ["--input", dir.path, "--identify", "@empty"], ["empty", "migsim identify --output"])
        // Sections appear only with their files: no explain/scenario/identify folders, no such sections.
        try report(dir, ["--input", dir.path])
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("<h2>Explanation</h2>") && !html.contains("<h2>Scenario</h2>") && !html.contains("<h2>Identification</h2>"))
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
