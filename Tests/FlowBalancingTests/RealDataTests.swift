import Foundation
import Testing
import LinearAlgebra
@testable import FlowBalancing

/// Σ|x − y| / Σ y: the flow-weighted mean relative error.
func weightedMeanRelativeError(_ x: [Double], _ y: [Double]) -> Double {
    zip(x, y).reduce(0) { $0 + abs($1.0 - $1.1) } / y.reduce(0, +)
}

/// Canadian interprovincial migration 1966–71: a gravity prior P_i·P_j / d_ij^β (diagonal marked
/// zero) balanced to the observed out- and in-migration of every province.
@Test(.needsDataFolder, arguments: [1.0, 2.0]) func canadianGravityPriorBalancedToObservedMargins(beta: Double) throws {
    let rows = try readCSV(sharedData("canada/migration_1966_1971.csv"))
    #expect(rows.count == 90)
    let names = Array(Set(rows.map { $0["source"]! })).sorted()
    let n = names.count
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    var observed = Matrix(rows: n, columns: n), distance = Matrix(rows: n, columns: n, repeating: 1)
    var population = [Double](repeating: 0, count: n)
    for r in rows {
        let i = index[r["source"]!]!, j = index[r["destination"]!]!
        observed[i, j] = Double(r["migrants"]!)!
        distance[i, j] = Double(r["distance"]!)!
        population[i] = Double(r["pops66"]!)!
        population[j] = Double(r["popd66"]!)!
    }
    let prior = Matrix(rows: n, columns: n) { i, j in i == j ? 0 : population[i] * population[j] / pow(distance[i, j], beta) }
    let fixed = (0..<(n * n)).map { $0 / n == $0 % n }
    let outflow = rowSums(observed.storage, n, n), inflow = columnSums(observed.storage, n, n)
    let result = try RASBalancer.balance(prior, rowTargets: outflow, columnTargets: inflow, fixed: fixed)
    #expect(result.converged)
    let total = observed.storage.reduce(0, +), priorTotal = prior.storage.reduce(0, +)
    let scaledPrior = prior.storage.map { $0 * total / priorTotal }
    let priorError = weightedMeanRelativeError(scaledPrior, observed.storage)
    let balancedError = weightedMeanRelativeError(result.values, observed.storage)
    print("Canada 1966–71, gravity prior d^-\(beta): weighted mean relative error prior (scaled to total) = \(priorError), "
          + "balanced = \(balancedError), iterations = \(result.iterations)")
    #expect(balancedError < priorError / 3)
    for i in 0..<n { #expect(result.values[i * n + i] == 0) }
}

/// Korea: the aggregated IPF on a real year — the 2013 origin–destination matrix (17 regions, moves
/// inside a region on the diagonal) balanced to the 2012 departures and arrivals.
@Test(.needsDataFolder) func koreanYearBalancedWithAggregatedIPF() throws {
    let rows = try readCSV(sharedData("korea/flows_quarterly.csv"))
    func annual(_ year: String) -> (names: [String], flows: Matrix) {
        let selected = rows.filter { $0["period"]!.hasPrefix(year + "-") }
        let names = Array(Set(selected.map { $0["origin"]! })).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var m = Matrix(rows: names.count, columns: names.count)
        for r in selected { m[index[r["origin"]!]!, index[r["destination"]!]!] += Double(r["migrants"]!)! }
        return (names, m)
    }
    let (names12, y2012) = annual("2012"), (names13, y2013) = annual("2013")
    #expect(names12 == names13 && names12.count == 17)
    let n = 17
    let result = try RASBalancer.balance(y2013, rowTargets: rowSums(y2012.storage, n, n),
                                         columnTargets: columnSums(y2012.storage, n, n))
    #expect(result.converged && result.maxRelativeError <= 1e-10)
    let before = weightedMeanRelativeError(y2013.storage, y2012.storage)
    let after = weightedMeanRelativeError(result.values, y2012.storage)
    print("Korea: 2013 flows vs 2012 error = \(before); balanced to 2012 margins = \(after), iterations = \(result.iterations)")
    #expect(after < before)
    // Net migration of Seoul in 2012 (README check): −103,647, reproduced by the balanced matrix's margins.
    let seoul = names12.firstIndex(of: "Seoul")!
    let inflow = columnSums(result.values, n, n)[seoul] - result.values[seoul * n + seoul]
    let outflow = rowSums(result.values, n, n)[seoul] - result.values[seoul * n + seoul]
    #expect(abs(inflow - outflow - (-103_647)) < 1e-6 * 3e6)
}
