import Foundation
import Testing
@testable import MigsimCLI

/// `migsim forecast-ensemble`: refits with seeds s₀ + k, their average forecast with conformal intervals,
/// the members' standard deviation beside; and the same ensemble in `migsim backtest --ensemble K`.
@Suite("migsim forecast-ensemble")
struct ForecastEnsembleTests {
    static func numbers(_ rows: [[Substring]], _ column: Int) -> [Double] { rows.dropFirst().map { Double($0[column])! } }

    @Test("member 0 is the plain fit and forecast byte for byte; the ensemble is the members' average; threads do not change it")
    func membersAndCombination() throws {
        let c = try ForecastCase()
        #expect(c.fit() == nil)
        #expect(runCommand(ForecastCommand.self, ["--fit", c.path("fit/fit.json"), "--config", c.path("model.yaml"), "--horizon", "3",
                                                  "--output", c.path("fc")]) == nil)
        let base = ["--config", c.path("model.yaml"), "--members", "3", "--horizon", "3"]
        #expect(runCommand(ForecastEnsembleCommand.self, base + ["--jobs", "2", "--output", c.path("ens")]) == nil)
        #expect(runCommand(ForecastEnsembleCommand.self, base + ["--output", c.path("ens1")]) == nil)
        for name in ["forecast.csv", "members.csv", "ensemble.json"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: c.path("ens/" + name))) == Data(contentsOf: URL(fileURLWithPath: c.path("ens1/" + name))),
                    "\(name) differs between --jobs 2 and --jobs 1")
        }
        let single = try c.table("fc/forecast.csv")
        let members = try c.table("ens/members.csv")
        #expect(members[0] == ["member", "seed", "id", "period", "mean", "persons"])
        #expect(members.count == 1 + 3 * 4 * 3)
        #expect(Set(members.dropFirst().map { String($0[1]) }) == ["1", "2", "3"])   // fit.seed 1 (the default), then 2, 3
        let zero = members.dropFirst().filter { $0[0] == "0" }
        // Member 0 and the plain forecast: same settlements and periods in the same order, the same text.
        #expect(zero.map { [$0[2], $0[3], $0[4], $0[5]] } == single.dropFirst().map { [$0[0], $0[1], $0[2], $0[7]] })
        // The seed matters: another member forecasts otherwise somewhere.
        let one = members.dropFirst().filter { $0[0] == "1" }
        #expect(zip(zero, one).contains { $0[4] != $1[4] })

        let e = try c.table("ens/forecast.csv")
        #expect(e[0] == ["id", "period", "mean", "lower80", "upper80", "lower95", "upper95", "persons", "member_sd"])
        #expect(e.count == single.count)
        for (r, row) in e.dropFirst().enumerated() {
            let cells = members.dropFirst().filter { $0[2] == row[0] && $0[3] == row[1] }
            let means = cells.map { Double($0[4])! }
            #expect(means.count == 3)
            let mean = means.reduce(0, +) / 3
            let sd = (means.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
            let v = row[2...8].map { Double($0)! }
            #expect(abs(v[0] - mean) <= 1e-12 * max(1, abs(mean)), "row \(r): \(row)")
            #expect(abs(v[6] - sd) <= 1e-12 * max(1, sd), "row \(r): \(row)")
            #expect(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4], "row \(r): \(row)")
        }
        // A closed system stays closed: the averaged persons sum to zero in every period.
        for period in ["2016", "2017", "2018"] {
            let persons = e.dropFirst().filter { $0[1] == period }.map { Double($0[7])! }
            #expect(abs(persons.reduce(0, +)) <= 1e-9 * max(persons.map(abs).reduce(0, +), 1), "\(period): \(persons)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: c.path("ens/ensemble.json")))) as! [String: Any]
        #expect((json["members"] as? [[String: Any]])?.compactMap { $0["seed"] as? Int } == [1, 2, 3])
    }

    @Test("--seed moves every member's seed; one member has zero spread")
    func seedOption() throws {
        let c = try ForecastCase()
        #expect(runCommand(ForecastEnsembleCommand.self, ["--config", c.path("model.yaml"), "--members", "1", "--seed", "7", "--horizon", "2",
                                                          "--output", c.path("ens")]) == nil)
        let members = try c.table("ens/members.csv")
        #expect(Set(members.dropFirst().map { String($0[1]) }) == ["7"])
        let e = try c.table("ens/forecast.csv")
        #expect(Self.numbers(e, 8).allSatisfy { $0 == 0 })
        // One member: the ensemble's forecast is that member's, bit for bit.
        #expect(e.dropFirst().map { $0[2] } == members.dropFirst().map { $0[4] })
    }

    @Test("backtest --ensemble K scores migsim-ensemble beside the model and the baselines; a bad K is refused")
    func backtestEnsemble() throws {
        let c = try ForecastCase()
        #expect(runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", "2013", "--horizon", "2", "--variants", "full",
                                                  "--ensemble", "2", "--output", c.path("bt")]) == nil)
        let summary = try c.table("bt/summary.csv")
        #expect(Set(summary.dropFirst().map { String($0[0]) }) == ["migsim", "migsim-ensemble", "persistence", "drift", "mean", "ses",
                                                                   "arima011", "pooled-ar1"])
        let cells = try c.table("bt/backtest.csv")
        let single = cells.filter { $0[1] == "migsim" }, ensemble = cells.filter { $0[1] == "migsim-ensemble" }
        #expect(single.count == 4 * 2 && ensemble.count == 4 * 2)
        #expect(zip(single, ensemble).contains { $0[5] != $1[5] })   // two seeds: another forecast than member 0's alone
        for bad in ["-1", "101"] {
            let e = runCommand(BacktestCommand.self, ["--config", c.path("model.yaml"), "--origins", "2013", "--ensemble", bad,
                                                      "--output", c.path("bad")])
            #expect(e?.contains("--ensemble") == true, "\(bad): \(e ?? "accepted")")
        }
        #expect(!FileManager.default.fileExists(atPath: c.path("bad")))
    }

    @Test("bad members, jobs, horizon, levels, iterations and a time-only force are refused, naming the option, leaving no output")
    func badInput() throws {
        let c = try ForecastCase()
        let base = ["--config", c.path("model.yaml"), "--output", c.path("bad")]
        for (arguments, expected) in [(["--members", "0", "--horizon", "2"], "--members"), (["--jobs", "0", "--horizon", "2"], "--jobs"),
                                      (["--horizon", "0"], "--horizon"), (["--horizon", "2", "--level", "80,120"], "--level"),
                                      (["--horizon", "2", "--adam-iterations", "-1"], "--adam-iterations"),
                                      (["--horizon", "2", "--origin", "1990", "--members", "1"], "--origin")] {
            let e = runCommand(ForecastEnsembleCommand.self, base + arguments)
            #expect(e?.contains(expected) == true, "\(arguments): \(e ?? "accepted")")
        }
        let timeOnly = try ForecastCase(features: false)
        let e = runCommand(ForecastEnsembleCommand.self, ["--config", timeOnly.path("model.yaml"), "--members", "1", "--horizon", "2",
                                                          "--output", timeOnly.path("bad")])
        #expect(e?.contains("force of features") == true, "\(e ?? "accepted")")
        #expect(!FileManager.default.fileExists(atPath: c.path("bad")) && !FileManager.default.fileExists(atPath: timeOnly.path("bad")))
    }

    @Test("under mpirun member k goes to rank k mod p")
    func dealing() {
        #expect(EnsembleUnderMPI.members(of: 0, ranks: 2, count: 5) == [0, 2, 4])
        #expect(EnsembleUnderMPI.members(of: 1, ranks: 2, count: 5) == [1, 3])
        #expect(EnsembleUnderMPI.members(of: 3, ranks: 4, count: 2) == [])
        #expect(EnsembleUnderMPI.members(of: 0, ranks: 1, count: 3) == [0, 1, 2])
    }
}
