import Foundation

/// A symmetric travelling-salesman instance: n cities and their distance matrix (row-major).
public struct TourProblem: Sendable {
    public let name: String
    public let cityCount: Int
    /// d[i·n + j], symmetric with zero diagonal.
    public let distances: [Double]

    /// How to measure the distance between two points given as (x, y) = (longitude, latitude).
    public enum Metric: String, Sendable, CaseIterable {
        /// Euclidean distance in the plane of the coordinates — the monograph's "degrees" (§5.3).
        case planar
        /// Great-circle distance on a sphere of radius 6371.0088 km (the IUGG mean Earth radius),
        /// haversine formula, coordinates in degrees; in kilometres.
        case greatCircle
    }

    public init(name: String = "tsp", distances: [Double], cityCount: Int) {
        precondition(distances.count == cityCount * cityCount, "TourProblem: need an n×n matrix")
        self.name = name; self.cityCount = cityCount; self.distances = distances
    }

    /// Cities at points (x = longitude, y = latitude in degrees for `.greatCircle`).
    public init(name: String = "tsp", points: [(x: Double, y: Double)], metric: Metric = .planar) {
        let n = points.count
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let v = metric == .planar ? Self.planar(points[i], points[j]) : Self.haversine(points[i], points[j])
                d[i * n + j] = v; d[j * n + i] = v
            }
        }
        self.init(name: name, distances: d, cityCount: n)
    }

    static func planar(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// Haversine: 2R asin √(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)).
    static func haversine(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        let radius = 6371.0088, rad = Double.pi / 180
        let dphi = (b.y - a.y) * rad, dlambda = (b.x - a.x) * rad
        let h = sin(dphi / 2) * sin(dphi / 2) + cos(a.y * rad) * cos(b.y * rad) * sin(dlambda / 2) * sin(dlambda / 2)
        return 2 * radius * asin(min(1, h.squareRoot()))
    }

    @inline(__always) public func distance(_ i: Int, _ j: Int) -> Double { distances[i * cityCount + j] }

    /// Length of the closed tour.
    public func length(of tour: [Int]) -> Double {
        var total = 0.0
        for k in tour.indices { total += distance(tour[k], tour[(k + 1) % tour.count]) }
        return total
    }

    /// Applies 2-opt moves (reverse tour[i+1...j] when d(a,b)+d(c,d) > d(a,c)+d(b,d)) with first
    /// improvement until no move improves the tour by more than 1e-12. Returns the new length.
    @discardableResult
    public func twoOpt(_ tour: inout [Int]) -> Double {
        let n = tour.count
        guard n > 3 else { return length(of: tour) }
        var improved = true
        while improved {
            improved = false
            for i in 0..<(n - 2) {
                let a = tour[i], b = tour[i + 1]
                let dab = distance(a, b)
                for j in (i + 2)..<n {
                    if i == 0 && j == n - 1 { continue }
                    let c = tour[j], d = tour[(j + 1) % n]
                    let delta = distance(a, c) + distance(b, d) - dab - distance(c, d)
                    if delta < -1e-12 {
                        tour[(i + 1)...j].reverse()
                        improved = true
                        break
                    }
                }
                if improved { break }
            }
        }
        return length(of: tour)
    }
}

/// The outcome of a run over tours (or assignments): the best permutation and its cost.
public struct TourResult: Sendable, Equatable, Codable {
    public var method: String
    public var tour: [Int]
    public var length: Double
    /// Tours (or moves) evaluated.
    public var trials: Int
    public var iterations: Int
    public var termination: TerminationReason
    public var trace: [TraceEntry]
}
