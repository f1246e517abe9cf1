import Foundation

/// Classic single-objective test problems with known global minima.
extension OptimizationProblem {
    /// Rastrigin: f(x) = 10N + Σ (xᵢ² − 10 cos 2πxᵢ) on [−5.12, 5.12]ᴺ; minimum 0 at the origin.
    public static func rastrigin(dimension: Int) -> OptimizationProblem {
        OptimizationProblem(name: "rastrigin", lowerBounds: Array(repeating: -5.12, count: dimension),
                            upperBounds: Array(repeating: 5.12, count: dimension), knownMinimum: 0,
                            knownMinimizer: Array(repeating: 0, count: dimension)) { x in
            var s = 10 * Double(x.count)
            for v in x { s += v * v - 10 * cos(2 * Double.pi * v) }
            return s
        }
    }

    /// Rosenbrock: f(x) = Σ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² on [−2.048, 2.048]ᴺ; minimum 0 at (1,…,1).
    public static func rosenbrock(dimension: Int) -> OptimizationProblem {
        OptimizationProblem(name: "rosenbrock", lowerBounds: Array(repeating: -2.048, count: dimension),
                            upperBounds: Array(repeating: 2.048, count: dimension), knownMinimum: 0,
                            knownMinimizer: Array(repeating: 1, count: dimension)) { x in
            var s = 0.0
            for i in 0..<(x.count - 1) {
                let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
                s += 100 * a * a + b * b
            }
            return s
        }
    }

    /// Shekel's foxholes S4,m (m = 5, 7 or 10) on [0, 10]⁴:
    /// f(x) = −Σⱼ 1 / (Σᵢ (xᵢ − Aⱼᵢ)² + cⱼ). Minima −10.1532, −10.4029, −10.5364 near (4, 4, 4, 4).
    public static func shekel(maxima m: Int = 10) -> OptimizationProblem {
        precondition([5, 7, 10].contains(m), "shekel: m must be 5, 7 or 10")
        let a: [[Double]] = [[4, 4, 4, 4], [1, 1, 1, 1], [8, 8, 8, 8], [6, 6, 6, 6], [3, 7, 3, 7],
                             [2, 9, 2, 9], [5, 5, 3, 3], [8, 1, 8, 1], [6, 2, 6, 2], [7, 3.6, 7, 3.6]]
        let c: [Double] = [0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5]
        let minima: [Int: Double] = [5: -10.153199679058231, 7: -10.402940566818664, 10: -10.536409816692046]
        return OptimizationProblem(name: "shekel\(m)", lowerBounds: [0, 0, 0, 0], upperBounds: [10, 10, 10, 10],
                                   knownMinimum: minima[m]) { x in
            var s = 0.0
            for j in 0..<m {
                var d = c[j]
                for i in 0..<4 { let t = x[i] - a[j][i]; d += t * t }
                s -= 1 / d
            }
            return s
        }
    }

    /// A "hill" (negated Gaussian bump) in N dimensions on [−1, 1]ᴺ:
    /// f(x) = −height · exp(−|x − centre|² / (2 width²)); minimum −height at the centre.
    public static func hill(centre: [Double], height: Double = 1, width: Double = 0.3) -> OptimizationProblem {
        OptimizationProblem(name: "hill", lowerBounds: Array(repeating: -1, count: centre.count),
                            upperBounds: Array(repeating: 1, count: centre.count), knownMinimum: -height,
                            knownMinimizer: centre) { x in
            var r2 = 0.0
            for i in x.indices { let t = x[i] - centre[i]; r2 += t * t }
            return -height * exp(-r2 / (2 * width * width))
        }
    }
}
