import DataIO
import Foundation
import Testing
@testable import GlobalOptimization

/// §5.3 of the monograph: the shortest closed tour through the 33 Volga-district cities over 100,000
/// people, in the book's planar metric (degrees of longitude/latitude as Euclidean coordinates).
/// Tests that read the project's data folder (`DataFolder`: `../shared/data` or `MIGSIM_DATA`) carry
/// this trait: without the folder they are skipped, and one line names the missing folder.
extension Trait where Self == ConditionTrait {
    static var needsDataFolder: Self {
        .enabled(if: DataFolder.availableForTests, "needs the data folder (../shared/data or MIGSIM_DATA)")
    }
}

enum VolgaCities {
    static let dataURL = DataFolder.forTests.file("volga-district/cities_over_100k.csv")

    /// (name, lon, lat) of every city in the file.
    static func load() throws -> [(name: String, x: Double, y: Double)] {
        let text = try String(contentsOf: dataURL, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], Double(f[2])!, Double(f[3])!)
        }
    }

    static func problem(_ metric: TourProblem.Metric) throws -> TourProblem {
        TourProblem(name: "volga33", points: try load().map { ($0.x, $0.y) }, metric: metric)
    }

    /// The book's optimum (Fig. 64): 53.2556 degrees; 53.255625 to six decimals.
    static let planarOptimum = 53.255625
}

@Test(.needsDataFolder) func volgaDataHas33Cities() throws {
    #expect(try VolgaCities.load().count == 33)
}

/// Budget: at most 1000 tours of 10 ants, stopping at the optimum. Measured over seeds 1–20:
/// 20/20 hits, 3–44 tours (mean 21.3).
@Test(.needsDataFolder) func antColonySystemWithTwoOptFindsTheBookOptimum() throws {
    let problem = try VolgaCities.problem(.planar)
    let colony = AntColonyTour(variant: .antColonySystem, ants: 10, localSearch: true)
    var hits = 0
    for seed in UInt64(1)...20 {
        let r = try colony.minimize(problem, budget: OptimizationBudget(maxTrials: 1000, targetValue: VolgaCities.planarOptimum + 5e-7), seed: seed)
        #expect(abs(problem.length(of: r.tour) - r.length) < 1e-9)
        #expect(Set(r.tour).count == 33)
        if abs(r.length - VolgaCities.planarOptimum) < 5e-7 { hits += 1 }
        #expect(r.length >= VolgaCities.planarOptimum - 5e-7)
    }
    #expect(hits >= 18)
}

/// Measured: 20/20 hits, 5–217 tours (mean 49.3).
@Test(.needsDataFolder) func maxMinAntSystemWithTwoOptFindsTheBookOptimum() throws {
    let problem = try VolgaCities.problem(.planar)
    let colony = AntColonyTour(variant: .maxMinAntSystem, ants: 10, localSearch: true)
    var hits = 0
    for seed in UInt64(1)...20 {
        let r = try colony.minimize(problem, budget: OptimizationBudget(maxTrials: 1000, targetValue: VolgaCities.planarOptimum + 5e-7), seed: seed)
        if abs(r.length - VolgaCities.planarOptimum) < 5e-7 { hits += 1 }
    }
    #expect(hits >= 18)
}

/// Budget: 400,000 2-opt moves in 4 restarts (α = 0.95 every 1000 moves), stopping at the optimum.
/// Measured: 20/20 hits, at most 278,593 moves (mean 127,942).
@Test(.needsDataFolder) func tourAnnealingFindsTheBookOptimum() throws {
    let problem = try VolgaCities.problem(.planar)
    let annealing = TourAnnealing(cooling: .geometric, alpha: 0.95, movesPerTemperature: 1000, restarts: 4)
    var hits = 0
    for seed in UInt64(1)...20 {
        let r = try annealing.minimize(problem, budget: OptimizationBudget(maxTrials: 400_000, targetValue: VolgaCities.planarOptimum + 5e-7), seed: seed)
        #expect(Set(r.tour).count == 33)
        if abs(r.length - VolgaCities.planarOptimum) < 5e-7 { hits += 1 }
    }
    #expect(hits >= 18)
}

@Test(.needsDataFolder) func twoOptNeverLengthensATour() throws {
    let problem = try VolgaCities.problem(.planar)
    var tour = Array(0..<33)
    let before = problem.length(of: tour)
    let after = problem.twoOpt(&tour)
    #expect(after < before)
    #expect(abs(after - problem.length(of: tour)) < 1e-9)
}

@Test(.needsDataFolder) func tourMethodsRejectBadParameters() throws {
    let problem = try VolgaCities.problem(.planar)
    #expect(throws: MetaheuristicError.self) {
        try TourAnnealing(alpha: 1.5).minimize(problem, budget: OptimizationBudget(maxTrials: 10), seed: 1)
    }
    #expect(throws: MetaheuristicError.self) {
        try AntColonyTour(ants: 0).minimize(problem, budget: OptimizationBudget(maxTrials: 10), seed: 1)
    }
}

/// The same 33 cities with great-circle (haversine, R = 6371.0088 km) distances. The Geodesy
/// module's WGS84 (Vincenty) distances are written in parallel and not available here; on this
/// scale the two differ by ~0.3%, which can reorder near-equal tours.
@Test(.needsDataFolder) func greatCircleTourIsFoundByEverySeed() throws {
    let problem = try VolgaCities.problem(.greatCircle)
    var lengths: [Double] = []
    var best: [Int] = []
    for seed in UInt64(1)...20 {
        let r = try AntColonyTour(variant: .antColonySystem).minimize(problem, budget: OptimizationBudget(maxTrials: 300), seed: seed)
        lengths.append(r.length)
        if r.length <= lengths.min()! { best = r.tour }
    }
    let shortest = lengths.min()!
    let names = try VolgaCities.load().map(\.name)
    let start = best.firstIndex(of: 0)!
    print("GREAT-CIRCLE tour \(shortest) km: " + (best[start...] + best[..<start]).map { names[$0] }.joined(separator: " → "))
    #expect(lengths.filter { abs($0 - shortest) < 1e-6 }.count >= 18)
    // The planar optimum's tour is no shorter on the sphere than the great-circle optimum.
    let planar = try AntColonyTour(variant: .antColonySystem).minimize(try VolgaCities.problem(.planar),
        budget: OptimizationBudget(maxTrials: 1000, targetValue: VolgaCities.planarOptimum + 5e-7), seed: 1)
    #expect(problem.length(of: planar.tour) >= shortest - 1e-9)
    print("GREAT-CIRCLE length of the planar-optimal tour: \(problem.length(of: planar.tour)) km")
}
