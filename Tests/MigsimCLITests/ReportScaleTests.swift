import Foundation
import LinearAlgebra
import Testing
@testable import MigsimCLI

/// Issue 18 item 6: a report of a country's 3,100 municipalities stays readable and ≤ 5 MB.
@Suite("report at n = 3,100")
struct ReportScaleTests {
    /// Pipeline outputs of a synthetic case: n settlements (seeded random places and populations),
    /// 24 yearly balances, a fit (series, metrics, holdout, yearly force curve), Shapley values of
    /// three features over 10 periods, a scenario that changes every region, and 20 flows per origin.
    static func inputs(n: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("fit"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("explain"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenario"), withIntermediateDirectories: true)
        var rng = SeededGenerator(seed: 7)
        let ids = (0..<n).map { String(format: "S%04d", $0) }
        let years = Array(1997...2020)
        func write(_ name: String, _ header: String, _ body: (inout String) -> Void) throws {
            var text = header + "\n"
            text.reserveCapacity(1 << 20)
            body(&text)
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        func r(_ x: Double) -> String { String(format: "%.3f", x) }
        try write("settlements.csv", "id,name,lat,lon,population") { t in
            for (i, id) in ids.enumerated() {
                t += "\(id),Place \(i),\(r(30 + 18 * rng.nextUniform())),\(r(-120 + 50 * rng.nextUniform())),\(Int(exp(10 + 1.2 * rng.nextGaussian())))\n"
            }
        }
        try write("balance_yearly.csv", "id,period,value") { t in for id in ids { for y in years { t += "\(id),\(y),\(r(5 * rng.nextGaussian()))\n" } } }
        try write("simulated.csv", "id,time,balance,velocity") { t in for id in ids { for y in years { t += "\(id),\(y),\(r(rng.nextGaussian())),0\n" } } }
        try write("fit/series.csv", "id,period,time,observed,network,integrated,split") { t in
            for id in ids { for (k, y) in years.enumerated() { t += "\(id),\(y),\(y),1,1.1,0.9,\(k < 21 ? "train" : "holdout")\n" } }
        }
        try write("fit/metrics.csv", "id,r2,rmse,theil_u") { t in for id in ids + ["ALL"] { t += "\(id),\(r(rng.nextUniform())),1,0.2\n" } }
        try write("fit/holdout.csv", "id,method,mae,rmse,mase") { t in
            for id in ids + ["ALL"] { for m in ["pinn", "persistence", "trend"] { t += "\(id),\(m),1,1.2,\(r(2 * rng.nextUniform()))\n" } }
        }
        try write("fit/force_curve.csv", "id,time,force") { t in for id in ids { for y in years { t += "\(id),\(y),\(r(rng.nextGaussian()))\n" } } }
        try write("explain/shapley_values.csv", "id,period,prediction,base_value,efficiency_gap,gdp,wage,rent") { t in
            for id in ids { for y in years.suffix(10) {
                let v = (0..<3).map { _ in rng.nextGaussian() }
                t += "\(id),\(y),\(r(v.reduce(0, +))),0,0,\(r(v[0])),\(r(v[1])),\(r(v[2]))\n"
            } }
        }
        try write("explain/shapley_importance.csv", "feature,mean_abs_shap") { t in t += "gdp,0.8\nwage,0.5\nrent,0.3\n" }
        try write("scenario/scenario.csv", "id,time,baseline,scenario,difference,force_change,baseline_persons,scenario_persons,persons_difference") { t in
            for id in ids { for y in 2021...2023 { t += "\(id),\(y),0.1,0.2,0.1,0.01,10,20,\(Int(100 * rng.nextGaussian()))\n" } }
        }
        try write("scenario/scenario_summary.csv", "id,mean_difference,final_difference,persons_difference") { t in
            for id in ids { t += "\(id),0.1,0.1,\(Int(100 * rng.nextGaussian()))\n" }
        }
        try write("flows.csv", "origin,destination,period,migrants") { t in
            for (i, id) in ids.enumerated() { for k in 1...20 { t += "\(id),\(ids[(i + 37 * k) % n]),2019,\(1 + Int(500 * rng.nextUniform()))\n" } }
        }
        return dir
    }

    @Test("every chart and table of a 3,100-settlement case is bounded: HTML and notebook ≤ 5 MB, and the captions say what is shown")
    func bounded() throws {
        let dir = try Self.inputs(n: 3100)
        defer { try? FileManager.default.removeItem(at: dir) }
        var command = try ReportCommand.parseAsRoot(["--input", dir.path, "--flows", dir.appendingPathComponent("flows.csv").path])
        try command.run()
        let html = try Data(contentsOf: dir.appendingPathComponent("report.html"))
        let notebook = try Data(contentsOf: dir.appendingPathComponent("report.ipynb"))
        #expect(html.count <= 5_000_000, "report.html is \(html.count) bytes")
        #expect(notebook.count <= 5_000_000, "report.ipynb is \(notebook.count) bytes")
        let text = String(decoding: html, as: UTF8.self)
        for note in ["Showing 60 of 3100 settlements (the most populous); every one is in <code>settlements.csv</code>",
                     "Showing 24 of 3100 settlements (the most populous); every one is in <code>fit/series.csv</code>",
                     "Showing 40 of 3100 settlements (the largest mean |f|)",
                     "Showing 40 of 3100 settlements (the largest Σ|mean φ|)",
                     "drawn by 600 evenly spaced quantiles of their 31000 values",
                     "Showing 40 of 3100 settlements (the largest turnover, in + out)",
                     "Changed: 3100 regions, among them"] {
            #expect(text.contains(note), "missing: \(note)")
        }
        // Every settlement is still on the map.
        #expect(text.components(separatedBy: "<circle").count > 3100)
    }
}
