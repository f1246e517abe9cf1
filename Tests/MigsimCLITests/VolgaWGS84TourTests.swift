import DataIO
import Foundation
import GlobalOptimization
import Testing
@testable import MigsimCLI

/// §5.3 of the monograph under WGS84: the 33 Volga-district cities over 100,000 people
/// (/work/shared/data/volga-district), distances the ellipsoidal geodesics of `--metric wgs84`
/// (Karney's inverse, km) instead of the book's planar degrees.
///
/// The optimum, 4,422.5500 km, was certified independently by scripts/volga_tsp_exact.py (Vincenty's
/// inverse in Python, then an integer program over the 528 edges with subtour-elimination cuts,
/// solved to zero gap by HiGHS through scipy.optimize.milp): Nizhny Novgorod → Dzerzhinsk → Arzamas →
/// Saransk → Penza → Saratov → Engels → Balakovo → Syzran → Ulyanovsk → Dimitrovgrad → Tolyatti →
/// Novokuybyshevsk → Samara → Orenburg → Orsk → Salavat → Sterlitamak → Ufa → Oktyabrsky →
/// Almetyevsk → Nizhnekamsk → Naberezhnye Chelny → Neftekamsk → Izhevsk → Perm → Berezniki → Kirov →
/// Yoshkar-Ola → Kazan → Zelenodolsk → Novocheboksarsk → Cheboksary (→ Nizhny Novgorod).
@Suite(.needsDataFolder) struct VolgaWGS84TourTests {
    static let csv = DataFolder.forTests.file("volga-district/cities_over_100k.csv")

    static let optimumKilometres = 4422.5499917
    /// The certified optimal tour as indices of the CSV's rows.
    static let optimalTour = [0, 1, 2, 3, 4, 5, 6, 7, 21, 17, 18, 20, 22, 19, 31, 32, 28, 27, 26, 30, 15, 14, 13, 29, 25,
                              23, 24, 8, 9, 12, 16, 11, 10]

    static func problem() throws -> TourProblem {
        let command = try MigsimCommand.parseAsRoot(["optimize", "--builtin", "tsp", "--points", csv.path, "--metric", "wgs84"])
        return try #require(command as? OptimizeCommand).loadTourProblem()
    }

    @Test func certifiedTourHasTheCertifiedLength() throws {
        let p = try Self.problem()
        #expect(p.cityCount == 33)
        #expect(abs(p.length(of: Self.optimalTour) - Self.optimumKilometres) < 1e-6)
        // Nizhny Novgorod–Dzerzhinsk, a short WGS84 geodesic, against the sphere's 6371.0088 km radius.
        let sphere = TourProblem(points: [(44.1, 56.33), (43.45, 56.23)], metric: .greatCircle)
        #expect(abs(p.distances[1] - sphere.distances[1]) < 0.005 * sphere.distances[1])
    }

    /// ACS with 2-opt, 10 seeds, at most 1000 tours each, stopping at the optimum.
    @Test func antColonySystemFindsTheCertifiedOptimum() throws {
        let p = try Self.problem()
        var hits = 0
        for seed in UInt64(1)...10 {
            let r = try AntColonyTour(variant: .antColonySystem, ants: 10, localSearch: true)
                .minimize(p, budget: OptimizationBudget(maxTrials: 1000, targetValue: Self.optimumKilometres + 1e-6), seed: seed)
            #expect(r.length >= Self.optimumKilometres - 1e-6)
            if abs(r.length - Self.optimumKilometres) < 1e-6 { hits += 1 }
            print("WGS84 Volga ACS seed \(seed): \(r.length) km after \(r.trials) tours")
        }
        #expect(hits >= 9)
    }
}
