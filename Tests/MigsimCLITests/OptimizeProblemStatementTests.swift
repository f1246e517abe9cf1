import Foundation
import GlobalOptimization
import Testing
@testable import MigsimCLI

/// How problems are stated to `migsim optimize`: objectives starting with a minus sign as a separate
/// argument, `--maximize` / `--maximize-objective`, several objectives with a hypervolume and a front CSV,
/// the index method's options, and the bad inputs each named by its option.
struct OptimizeProblemStatementTests {
    static func run(_ arguments: [String]) throws -> [String: Any] {
        let out = try OptimizeCommandTests.temporaryDirectory().appendingPathComponent("result.json")
        var command = try MigsimCommand.parseAsRoot(["optimize"] + arguments + ["--output", out.path])
        try command.run()
        return try OptimizeCommandTests.json(out)
    }

    @Test func leadingMinusObjectiveAndBoundsAsSeparateArguments() throws {
        let r = try Self.run(["--objective", "-(x1^2)", "--bounds", "-1:2", "--method", "ps-gps2n", "--budget", "500"])
        #expect(abs((r["bestPoint"] as! [Double])[0] - 2) < 1e-6)
        #expect(abs((r["bestValue"] as! Double) + 4) < 1e-5)
    }

    /// max x₁(2 − x₁) on [0, 3] is 1 at x₁ = 1, reported as +1 (its own sense), trace included.
    @Test func maximizeReportsTheMaximum() throws {
        let dir = try OptimizeCommandTests.temporaryDirectory()
        let trace = dir.appendingPathComponent("trace.csv")
        let r = try Self.run(["--objective", "x1*(2 - x1)", "--bounds", "0:3", "--maximize", "--method", "ps-gps2n",
                              "--budget", "500", "--trace", trace.path])
        let x = try #require(r["bestPoint"] as? [Double])
        #expect(abs(x[0] - 1) < 1e-5)                                   // the pattern search's mesh: 1.9e-6
        #expect(abs((r["bestValue"] as! Double) - 1) < 1e-10)
        let last = try #require(String(contentsOf: trace, encoding: .utf8).split(separator: "\n").last)
        #expect(abs(Double(last.split(separator: ",")[1])! - 1) < 1e-10)
        // The index method too, with its defaults: the maximum of −(x₁ − 0.25)² on [−1, 2] at the interior point 0.25.
        let index = try Self.run(["--objective", "-(x1 - 0.25)^2", "--bounds", "-1:2", "--maximize", "--method", "index", "--budget", "2000"])
        #expect(abs((index["bestPoint"] as! [Double])[0] - 0.25) < 1e-6)
        #expect((index["bestValue"] as! Double) <= 0 && (index["bestValue"] as! Double) > -1e-12)
    }

    /// Minimize f₁ = x₁ and maximize f₂ = x₁ on [0, 1]: every point is a trade-off, so the archive spans
    /// the diagonal f₂ = f₁; with the reference (1, 0) the hypervolume is ∫₀¹ f₂ d(1 − f₁) = ½ for the
    /// whole diagonal, and the front CSV has one row per archive member.
    @Test func severalObjectivesWithMaximizeHypervolumeAndFrontCSV() throws {
        let dir = try OptimizeCommandTests.temporaryDirectory()
        let csv = dir.appendingPathComponent("front.csv")
        let r = try Self.run(["--objective", "x1", "--objective", "x1", "--bounds", "0:1", "--maximize-objective", "2",
                              "--reference", "1,0", "--budget", "2000", "--front", csv.path])
        let front = try #require(r["paretoFront"] as? [[Double]])
        #expect(front.count > 100)
        #expect(front.allSatisfy { $0[0] == $0[1] })
        #expect(r["maximizedObjectives"] as? [Int] == [2])
        #expect(r["hypervolumeReference"] as? [Double] == [1, 0])
        let hv = try #require(r["hypervolume"] as? Double)
        #expect(hv > 0.49 && hv <= 0.5)
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "x1,f1,f2")
        #expect(rows.count == front.count + 1)
    }

    /// DTLZ2 with three objectives through the command line: the archive, its hypervolume against the
    /// default reference, and the CSV's columns.
    @Test func dtlz2FrontThroughTheCommandLine() throws {
        let dir = try OptimizeCommandTests.temporaryDirectory()
        let csv = dir.appendingPathComponent("front.csv")
        let r = try Self.run(["--builtin", "dtlz2", "--budget", "3000", "--seed", "2", "--reference", "1.1,1.1,1.1", "--front", csv.path])
        let front = try #require(r["paretoFront"] as? [[Double]])
        #expect(front.allSatisfy { $0.count == 3 })
        #expect(ParetoMetrics.nonDominated(front).count == front.count)
        let hv = try #require(r["hypervolume"] as? Double)
        #expect(abs(hv - ParetoMetrics.hypervolume(front, reference: [1.1, 1.1, 1.1])) < 1e-12)
        #expect(hv < MultiObjectiveProblem.dtlz2TrueHypervolume(reference: [1.1, 1.1, 1.1]))
        let header = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").first
        #expect(header == Substring(((1...12).map { "x\($0)" } + ["f1", "f2", "f3"]).joined(separator: ",")))
    }

    /// The corner optimum of the issue's regression objective through the command line, index method defaults.
    @Test func indexMethodReachesTheCornerFromTheCommandLine() throws {
        let r = try Self.run(["--objective", "-57.2*sqrt(x1) + 0.036*x2", "--bounds", "0:40000,0:700000", "--method", "index", "--budget", "3000"])
        let x = try #require(r["bestPoint"] as? [Double])
        #expect(abs(x[0] - 40_000) <= 0.04 && x[1] <= 0.7, "\(x)")
    }

    /// The index method's settings from the command line reach the method: a purely global search with r = 4
    /// and no refinement is the library's `IndexMethod` with those settings.
    @Test func indexMethodOptionsReachTheMethod() throws {
        let r = try Self.run(["--builtin", "gkls", "--gkls-number", "3", "--method", "index", "--reliability", "4",
                              "--local-adaptation", "off", "--no-local-tuning", "--global-every", "0", "--density", "10",
                              "--evolvents", "2", "--no-refine", "--budget", "600"])
        var c = IndexMethodConfiguration.recommended
        c.reliability = 4; c.localAdaptation = nil; c.localTuning = false; c.globalFrequency = 0; c.density = 10
        c.evolventCount = 2; c.localRefinement = false
        let f = try GKLSFunction(.simple, dimension: 2, number: 3)
        let expected = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: 600, tolerance: 1e-6), seed: 1)
        #expect(r["trials"] as? Int == expected.trials)
        #expect(r["bestPoint"] as? [Double] == expected.bestPoint)
    }

    /// On a 3-dimensional box the defaults are `IndexMethodConfiguration.recommended(dimension: 3)`, the local
    /// search during the run included; `--local-search off` turns it off; a step outside (0, 1) is refused.
    @Test func localSearchOptionReachesTheMethod() throws {
        let f = try GKLSFunction(.simple, dimension: 3, number: 3)
        for option in [[], ["--local-search", "off"]] {
            let r = try Self.run(["--builtin", "gkls", "--dimension", "3", "--gkls-number", "3", "--method", "index", "--budget", "600"] + option)
            var c = IndexMethodConfiguration.recommended(dimension: 3)
            if !option.isEmpty { c.localSearchStep = nil; c.sampleMinimumRadius = nil }
            let expected = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: 600, tolerance: 1e-6), seed: 1)
            // The point through JSON (Foundation's reader may differ from the double in the last bit).
            let point = try #require(r["bestPoint"] as? [Double])
            #expect(r["trials"] as? Int == expected.trials && zip(point, expected.bestPoint).allSatisfy { abs($0 - $1) <= 1e-12 },
                    "\(option): \(point) \(expected.bestPoint)")
        }
        for bad in ["2", "0", "abc", "nan"] {
            #expect(OptimizeCommandTests.failure(["optimize", "--builtin", "gkls", "--dimension", "3", "--method", "index", "--local-search", bad])
                .contains("--local-search: expected a step in (0, 1) (fraction of the box side) or 'off', got '\(bad)'"), "\(bad)")
        }
    }

    /// `--sample-minima` sets the radius of the sample minima the local searches also start from (0.15 by
    /// default from N = 3, off in 2-D with the local search), `off` removes them; it needs the local search.
    @Test func sampleMinimaOptionReachesTheMethod() throws {
        let f = try GKLSFunction(.hard, dimension: 3, number: 70)
        for (option, radius) in [([String](), 0.15 as Double?), (["--sample-minima", "off"], nil), (["--sample-minima", "0.2"], 0.2)] {
            let r = try Self.run(["--builtin", "gkls", "--gkls-class", "hard", "--dimension", "3", "--gkls-number", "70", "--method", "index",
                                  "--budget", "700"] + option)
            var c = IndexMethodConfiguration.recommended(dimension: 3)
            c.sampleMinimumRadius = radius
            let expected = try IndexMethod(c).minimize(f.problem, budget: OptimizationBudget(maxTrials: 700, tolerance: 1e-6), seed: 1)
            let point = try #require(r["bestPoint"] as? [Double])
            #expect(r["trials"] as? Int == expected.trials && zip(point, expected.bestPoint).allSatisfy { abs($0 - $1) <= 1e-12 },
                    "\(option): \(point) \(expected.bestPoint)")
        }
        let failure = OptimizeCommandTests.failure
        for bad in ["1", "0", "abc", "nan"] {
            #expect(failure(["optimize", "--builtin", "gkls", "--dimension", "3", "--method", "index", "--sample-minima", bad])
                .contains("--sample-minima: expected a radius in (0, 1) (fraction of the box side) or 'off', got '\(bad)'"), "\(bad)")
        }
        #expect(failure(["optimize", "--builtin", "gkls", "--method", "index", "--sample-minima", "0.15"])
            .contains("--sample-minima: the searches from sample minima are local searches during the run; give --local-search STEP too"))
        #expect(failure(["optimize", "--builtin", "gkls", "--dimension", "3", "--method", "index", "--local-search", "off", "--sample-minima", "0.15"])
            .contains("give --local-search STEP too"))
    }

    /// `--stop-within` sets the success box of `--stop-at-known`: with the Δ-criterion on a 4-D function
    /// the run stops at the first trial within 10^{−1.5} of the side, which the library's run with that stop
    /// rule reproduces trial for trial, and no later than with the default 0.01 box. Bad values are refused.
    @Test func stopWithinSetsTheSuccessBox() throws {
        let f = try GKLSFunction(.simple, dimension: 4, number: 12)      // 255 trials with Δ, 296 with 0.01
        let base = ["--builtin", "gkls", "--dimension", "4", "--gkls-number", "12", "--method", "index", "--stop-at-known", "--budget", "100000"]
        let delta = try Self.run(base + ["--stop-within", "delta"])
        let usual = try Self.run(base)
        let fraction = GKLSFunction.sergeyevKvasovFraction(dimension: 4)!
        let expected = try IndexMethod(.recommended(dimension: 4)).minimize(
            f.problem, budget: OptimizationBudget(maxTrials: 100_000, tolerance: 1e-6), seed: 1,
            stopWhen: { y, _ in f.isSolved(by: y, within: fraction) })
        #expect(delta["termination"] as? String == "target value reached" && usual["termination"] as? String == "target value reached")
        #expect(delta["trials"] as? Int == expected.trials)
        #expect((delta["trials"] as! Int) < (usual["trials"] as! Int), "\(delta["trials"]!) vs \(usual["trials"]!)")
        let explicit = try Self.run(base + ["--stop-within", "\(fraction)"])
        #expect(explicit["trials"] as? Int == expected.trials)

        let failure = OptimizeCommandTests.failure
        for bad in ["0", "0.5", "-0.1", "nan", "abc"] {
            #expect(failure(["optimize"] + base + ["--stop-within=\(bad)"])
                .contains("--stop-within: expected a fraction of the box side in (0, 0.5) or 'delta', got '\(bad)'"), "\(bad)")
        }
        #expect(failure(["optimize", "--builtin", "gkls", "--method", "index", "--stop-within", "0.02"])
            .contains("--stop-within: only with --stop-at-known"))
    }

    @Test func badInputsNameTheOption() {
        let failure = OptimizeCommandTests.failure
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "2:2"]).contains("--bounds: bound 1 '2:2': the interval is empty (lo = hi = 2.0)"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1,nan:1"]).contains("--bounds: bound 2 'nan:1': expected finite numbers"))
        #expect(failure(["optimize", "--objective", "x1", "--objective", "x1", "--bounds", "0:1", "--maximize-objective", "3"])
            .contains("--maximize-objective: objective 3 does not exist; the problem has 2 objective(s)"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--maximize-objective", "2"])
            .contains("--maximize-objective: objective 2 does not exist; the problem has 1 objective(s)"))
        #expect(failure(["optimize", "--objective", "x1", "--objective", "x1", "--bounds", "0:1", "--reference", "1"])
            .contains("--reference: expected 2 finite numbers"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "index", "--local-adaptation", "40"])
            .contains("--local-adaptation: expected α in 0...30, got 40"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "index", "--local-adaptation", "strong"])
            .contains("--local-adaptation: expected α in 0…30 or 'off', got 'strong'"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "index", "--density", "0"])
            .contains("--density: expected bits per coordinate in 1...20, got 0"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "index", "--reliability", "1"])
            .contains("--reliability: expected a finite r > 1, got 1"))
        #expect(failure(["optimize", "--objective", "x1", "--bounds", "0:1", "--method", "index", "--evolvent-family", "zigzag"])
            .contains("--evolvent-family: expected rotated or shifted, got 'zigzag'"))
        #expect(failure(["optimize", "--builtin", "dtlz2", "--dimension", "2"]).contains("--dimension: dtlz2 with 3 objectives needs at least 3"))
    }

    @Test func badYAMLBoundsAreNamed() throws {
        let dir = try OptimizeCommandTests.temporaryDirectory()
        let yaml = dir.appendingPathComponent("nan.yaml")
        try "objective: x1\nbounds:\n  - [.nan, 1]\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect(OptimizeCommandTests.failure(["optimize", "--problem", yaml.path]).contains("nan.yaml: bounds[0]: expected [lo, hi] with two finite numbers"))
        let empty = dir.appendingPathComponent("empty.yaml")
        try "objective: x1\nbounds:\n  - [1, 1]\n".write(to: empty, atomically: true, encoding: .utf8)
        #expect(OptimizeCommandTests.failure(["optimize", "--problem", empty.path]).contains("empty.yaml: bounds[0]: expected [lo, hi] with two finite numbers, lo < hi"))
    }
}
