/// A quadratic assignment problem with m facilities and n ≥ m locations (Koopmans–Beckmann):
/// place facility i at a distinct location f(i), minimizing Σ_{i<j} w_ij · d_{f(i) f(j)}.
///
/// The monograph's §3.3 (stage 1) places the centres of 3 industries among the 10 cluster-centre
/// cities of the Volga district; see `volgaIndustries`.
public struct AssignmentProblem: Sendable {
    public let facilityCount: Int
    public let locationCount: Int
    /// w[i·m + j], symmetric.
    public let weights: [Double]
    /// d[k·n + l], symmetric.
    public let distances: [Double]

    public init(weights: [Double], facilityCount: Int, distances: [Double], locationCount: Int) {
        precondition(weights.count == facilityCount * facilityCount, "AssignmentProblem: weights need m×m")
        precondition(distances.count == locationCount * locationCount, "AssignmentProblem: distances need n×n")
        precondition(facilityCount <= locationCount, "AssignmentProblem: need m ≤ n")
        self.weights = weights; self.facilityCount = facilityCount
        self.distances = distances; self.locationCount = locationCount
    }

    /// Σ_{i<j} w_ij d_{f(i) f(j)} for an assignment f (facility → location).
    public func cost(of assignment: [Int]) -> Double {
        let m = facilityCount, n = locationCount
        var total = 0.0
        for i in 0..<m { for j in (i + 1)..<max(m, i + 1) { total += weights[i * m + j] * distances[assignment[i] * n + assignment[j]] } }
        return total
    }

    /// The exact optimum by enumerating every injective assignment (n!/(n−m)! of them, depth-first,
    /// facilities in order); for small instances only. Ties keep the first assignment found.
    public func exhaustiveMinimum() -> (assignment: [Int], cost: Double) {
        let m = facilityCount, n = locationCount
        var best: [Int] = [], bestCost = Double.infinity
        var current = [Int](repeating: -1, count: m), used = [Bool](repeating: false, count: n)
        func place(_ i: Int) {
            if i == m {
                let c = cost(of: current)
                if c < bestCost { bestCost = c; best = current }
                return
            }
            for l in 0..<n where !used[l] {
                used[l] = true; current[i] = l
                place(i + 1)
                used[l] = false
            }
        }
        place(0)
        return (best, bestCost)
    }

    /// The 10 cluster-centre cities of Table 8 (Nizhny Novgorod, Sarov, Saransk, Ulyanovsk,
    /// Dimitrovgrad, Samara, Perm, Izhevsk, Kazan, Ufa) as (name, longitude, latitude).
    static let volgaClusterCentres: [(String, Double, Double)] = [
        ("Nizhny Novgorod", 44.1, 56.33), ("Sarov", 43.32, 54.93), ("Saransk", 45.18, 54.18),
        ("Ulyanovsk", 48.37, 54.32), ("Dimitrovgrad", 49.58, 54.23), ("Samara", 50.12, 53.18),
        ("Perm", 56.25, 58.01), ("Izhevsk", 53.21, 56.85), ("Kazan", 49.12, 55.79), ("Ufa", 55.97, 54.73),
    ]

    /// Three facilities with symmetric weights w₁₂, w₁₃, w₂₃ among the cluster centres, distances
    /// Euclidean in degrees (the book's planar metric).
    static func volgaThreeIndustries(_ w12: Double, _ w13: Double, _ w23: Double) -> (problem: AssignmentProblem, cities: [String]) {
        let cities = volgaClusterCentres, n = cities.count
        var d = [Double](repeating: 0, count: n * n)
        for k in 0..<n { for l in 0..<n { d[k * n + l] = TourProblem.planar((cities[k].1, cities[k].2), (cities[l].1, cities[l].2)) } }
        let w: [Double] = [0, w12, w13, w12, 0, w23, w13, w23, 0]
        return (AssignmentProblem(weights: w, facilityCount: 3, distances: d, locationCount: n), cities.map(\.0))
    }

    /// §3.3 stage 1 (logistics): the book's matrix of mean transport prices between the 3 industries
    /// (roubles per degree): w₁₂ = 3441, w₁₃ = 7548, w₂₃ = 7326. The optimum, 24,987.7716, puts
    /// industry 1 at Samara, 2 at Ulyanovsk and 3 at Dimitrovgrad (Fig. 32–33: 24,987.77).
    public static var volgaIndustries: (problem: AssignmentProblem, cities: [String]) {
        volgaThreeIndustries(3441, 7548, 7326)
    }

    /// §3.3 stage 2 (information: natural population decrease, Table 10, 2019). The industries
    /// regroup the regions as 1 = {1, 2, 4, 6, 7}, 2 = {5, 8}, 3 = {3} of Table 10, with total
    /// decreases 38,546, 15,125 and 6,197 people; the weight of a pair is the mean of the two totals:
    /// w₁₂ = (38,546 + 15,125)/2 = 26,835.5, w₁₃ = 22,371.5, w₂₃ = 10,661 (the book's matrix).
    /// With the same 10 locations and planar distances, the optimum of Σ_{i<j} w_ij d_{f(i)f(j)} over
    /// all 720 assignments is 81,095.688 (people × degrees) at industry 1 → Dimitrovgrad,
    /// 2 → Samara, 3 → Ulyanovsk — the same three cities as stage 1, as the book says (Fig. 34), in a
    /// different order. The book's minimum, 79,915 (Fig. 35), is below this exact optimum and cannot
    /// be reproduced from the stated data: no assignment of the stated model attains it (the six
    /// orders of these three cities give 81,095.69 … 95,779.61).
    public static var volgaIndustriesStage2: (problem: AssignmentProblem, cities: [String]) {
        volgaThreeIndustries(26835.5, 22371.5, 10661)
    }
}
