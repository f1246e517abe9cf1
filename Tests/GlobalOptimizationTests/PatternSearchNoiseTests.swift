import Testing
@testable import GlobalOptimization

/// §2.1–2.2: the smooth regression's optimum 10,853.2 and pattern search on its noisy version.
struct PatternSearchNoiseTests {
    @Test func noiselessOptimumMatchesTheBook() {
        #expect(abs(-IncomeInvestmentRegression.minimum - 10853.2) < 0.05)
    }

    @Test func noiseIsReproducibleAndHasTheStatedSpread() {
        let p = IncomeInvestmentRegression.noisy(seed: 7)
        #expect(p.objective([100, 200]) == p.objective([100, 200]))
        var sum = 0.0, sum2 = 0.0
        let n = 4000
        for i in 0..<n {
            let x = [Double(i), 1000]
            let e = p.objective(x) - IncomeInvestmentRegression.value(x)
            sum += e; sum2 += e * e
        }
        let mean = sum / Double(n), sd = (sum2 / Double(n) - mean * mean).squareRoot()
        #expect(abs(mean) < 4 * 167.8 / Double(n).squareRoot())
        #expect(abs(sd - 167.8) < 0.05 * 167.8)
    }

    /// How often each poll ends within 1% of the noiseless optimum (judged by the noiseless value at
    /// the returned point) over 50 noise seeds. Start at the box centre, 2000 evaluations, mesh
    /// tolerance 1e-6 of the box. Measured: GPS 2N 36/50, MADS 9/50, GPS N+1 0/50, GSS 0/50 — the
    /// noise (σ = 167.8) misleads the polls that shrink their steps on a single failed comparison.
    /// The test pins these counts (the runs are deterministic).
    ///
    /// Beside the book's single runs (§2.2, Table 4 and Fig. 15; Matlab `patternsearch`, start
    /// X0 = (0, 0), complete poll and complete search, consecutive order, one noise stream
    /// `rng(0,'twister')`). The book prints the noisy value y it saw; the column "noiseless" is
    /// growth(x) = −value(x) at its printed point, and "≥ 99%" our success criterion:
    ///
    ///     book, one run: poll / search   noisy y   x₁       x₂      noiseless  ≥ 99%
    ///     default patternsearch          381.8     —        —       —          no
    ///     GPS 2N / GSS 2N                11,323    37,873   2       10,800.5   yes
    ///     GPS 2N / MADS 2N               11,313    37,881   1       10,815.3   yes
    ///     GSS 2N / GPS 2N                11,365    37,896   0.5     10,827.2   yes
    ///     GSS 2N / MADS 2N               11,317    37,730   0.707   10,798.3   yes
    ///     MADS 2N / GPS 2N               11,307    37,890   0.004   10,847.5   yes
    ///     MADS 2N / GSS 2N               11,311    37,888   1.5     10,809.0   yes
    ///
    ///     ours, poll alone, 50 seeds     centre start   corner start (0, 0), as the book
    ///     GPS 2N                         36/50          36/50   (0/50 with Matlab's mesh 1: stays by the start)
    ///     GPS N+1                         0/50          37/50
    ///     GSS                             0/50          38/50
    ///     MADS                            9/50          38/50
    ///
    /// The book's tuned runs all land within 0.6% of the optimum 10,853.2 (its noisy y, 11,3xx, are
    /// the optimum plus about 2.7σ of favourable noise: the best of many noisy draws near the corner);
    /// its default run stops at 381.8. A single run is one draw from a distribution whose success
    /// frequency, for the polls alone, ranges here from 0/50 to 36/50; our pattern search has no
    /// second-method search step (only random `searchPoints`), so the book's poll/search pairs are
    /// not reproduced one for one.
    @Test(arguments: PatternSearch.Poll.allCases)
    func endsNearTheOptimumUnderNoise(poll: PatternSearch.Poll) throws {
        var hits = 0
        for seed in UInt64(1)...50 {
            let r = try PatternSearch(poll: poll).minimize(IncomeInvestmentRegression.noisy(seed: seed),
                                                           budget: OptimizationBudget(maxTrials: 2000, tolerance: 1e-6), seed: seed)
            if -IncomeInvestmentRegression.value(r.bestPoint) >= 0.99 * 10853.2 { hits += 1 }
        }
        print("NOISE ps-\(poll): \(hits)/50")
        let measured: [PatternSearch.Poll: Int] = [.gps2N: 36, .gpsNp1: 0, .gss: 0, .mads: 9]
        #expect(hits == measured[poll])
    }

    /// The same 50 noise seeds from the book's start X0 = (0, 0) (a corner; the optimum is at the
    /// corner (37,914.6, 0)), where the book's default `patternsearch` run ended at y = 381.8.
    /// Measured: GPS 2N 36/50, GPS N+1 37/50, GSS 38/50, MADS 38/50 (pinned): from the corner every poll
    /// only has to walk along the face x₂ = 0.
    @Test(arguments: PatternSearch.Poll.allCases)
    func fromTheBooksCornerStart(poll: PatternSearch.Poll) throws {
        var hits = 0
        for seed in UInt64(1)...50 {
            let r = try PatternSearch(poll: poll, start: [0, 0]).minimize(IncomeInvestmentRegression.noisy(seed: seed),
                                                                          budget: OptimizationBudget(maxTrials: 2000, tolerance: 1e-6), seed: seed)
            if -IncomeInvestmentRegression.value(r.bestPoint) >= 0.99 * 10853.2 { hits += 1 }
        }
        print("NOISE corner ps-\(poll): \(hits)/50")
        let measured: [PatternSearch.Poll: Int] = [.gps2N: 36, .gpsNp1: 37, .gss: 38, .mads: 38]
        #expect(hits == measured[poll])
    }

    /// Matlab's default `patternsearch` takes an absolute initial mesh of 1 (here: 1/37,914.6 of the
    /// scaled box, a step of 1 rouble in x₁) — one reading of why the book's default run stopped at
    /// y = 381.8 near its start. Same 50 seeds from (0, 0), GPS 2N. Measured: 0/50 hits; every run
    /// stays by the start (growth there −290.2): noiseless growth −481.7 … −68.6, median −240.6 (pinned).
    @Test func tinyInitialMeshFromTheCorner() throws {
        var hits = 0, growth: [Double] = []
        for seed in UInt64(1)...50 {
            let r = try PatternSearch(poll: .gps2N, initialMesh: 1 / 37914.6, start: [0, 0])
                .minimize(IncomeInvestmentRegression.noisy(seed: seed), budget: OptimizationBudget(maxTrials: 2000, tolerance: 1e-6), seed: seed)
            let y = -IncomeInvestmentRegression.value(r.bestPoint)
            growth.append(y)
            if y >= 0.99 * 10853.2 { hits += 1 }
        }
        growth.sort()
        print("NOISE corner tiny mesh gps2N: \(hits)/50, median growth \(growth[25]), range \(growth[0])…\(growth[49])")
        #expect(hits == 0)
        #expect(abs(growth[25] - -240.636) < 0.01)
    }
}
