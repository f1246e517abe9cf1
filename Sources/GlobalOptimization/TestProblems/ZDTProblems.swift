import Foundation

/// The ZDT bi-objective test suite (Zitzler, Deb, Thiele 2000) and DTLZ2 (Deb et al. 2002).
extension MultiObjectiveProblem {
    /// ZDT1 (n = 30, convex front f₂ = 1 − √f₁).
    public static func zdt1(dimension n: Int = 30) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "zdt1", lowerBounds: Array(repeating: 0, count: n),
                              upperBounds: Array(repeating: 1, count: n), objectiveCount: 2) { x in
            let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
            return [x[0], g * (1 - (x[0] / g).squareRoot())]
        }
    }

    /// ZDT2 (n = 30, concave front f₂ = 1 − f₁²).
    public static func zdt2(dimension n: Int = 30) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "zdt2", lowerBounds: Array(repeating: 0, count: n),
                              upperBounds: Array(repeating: 1, count: n), objectiveCount: 2) { x in
            let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
            let r = x[0] / g
            return [x[0], g * (1 - r * r)]
        }
    }

    /// ZDT3 (n = 30, disconnected front f₂ = 1 − √f₁ − f₁ sin 10πf₁).
    public static func zdt3(dimension n: Int = 30) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "zdt3", lowerBounds: Array(repeating: 0, count: n),
                              upperBounds: Array(repeating: 1, count: n), objectiveCount: 2) { x in
            let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
            let r = x[0] / g
            return [x[0], g * (1 - r.squareRoot() - r * sin(10 * Double.pi * x[0]))]
        }
    }

    /// ZDT4 (n = 10, x₁ ∈ [0,1], xᵢ ∈ [−5,5]; 21⁹ local fronts; g = 1 + 10(n−1) + Σ(xᵢ² − 10 cos 4πxᵢ)).
    public static func zdt4(dimension n: Int = 10) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "zdt4", lowerBounds: [0] + Array(repeating: -5, count: n - 1),
                              upperBounds: [1] + Array(repeating: 5, count: n - 1), objectiveCount: 2) { x in
            var g = 1 + 10 * Double(x.count - 1)
            for v in x.dropFirst() { g += v * v - 10 * cos(4 * Double.pi * v) }
            return [x[0], g * (1 - (x[0] / g).squareRoot())]
        }
    }

    /// ZDT6 (n = 10, non-uniform: f₁ = 1 − e^{−4x₁} sin⁶ 6πx₁, g = 1 + 9 (Σxᵢ/(n−1))^¼, f₂ = g(1 − (f₁/g)²)).
    public static func zdt6(dimension n: Int = 10) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "zdt6", lowerBounds: Array(repeating: 0, count: n),
                              upperBounds: Array(repeating: 1, count: n), objectiveCount: 2) { x in
            let f1 = 1 - exp(-4 * x[0]) * pow(sin(6 * Double.pi * x[0]), 6)
            let g = 1 + 9 * pow(x.dropFirst().reduce(0, +) / Double(x.count - 1), 0.25)
            let r = f1 / g
            return [f1, g * (1 - r * r)]
        }
    }

    /// DTLZ2 with M objectives and n = M + k − 1 variables (k = 10): the front is the unit sphere's
    /// positive orthant, Σ fᵢ² = 1.
    public static func dtlz2(objectives m: Int = 3, dimension n: Int = 12) -> MultiObjectiveProblem {
        MultiObjectiveProblem(name: "dtlz2", lowerBounds: Array(repeating: 0, count: n),
                              upperBounds: Array(repeating: 1, count: n), objectiveCount: m) { x in
            var g = 0.0
            for v in x[(m - 1)...] { g += (v - 0.5) * (v - 0.5) }
            var f = [Double](repeating: 1 + g, count: m)
            for i in 0..<m {
                for j in 0..<(m - 1 - i) { f[i] *= cos(x[j] * Double.pi / 2) }
                if i > 0 { f[i] *= sin(x[m - 1 - i] * Double.pi / 2) }
            }
            return f
        }
    }

    /// The hypervolume of DTLZ2's true front (the unit sphere's positive orthant, M objectives) for a
    /// reference point r with every rᵢ ≥ 1: a point z ≥ 0 is dominated by the front iff |z| ≥ 1, so the
    /// volume is ∏ rᵢ minus the orthant of the unit ball, π^{M/2} / (Γ(M/2 + 1) 2^M) (M = 3: ∏ rᵢ − π/6).
    public static func dtlz2TrueHypervolume(reference r: [Double]) -> Double {
        precondition(r.count >= 2 && r.allSatisfy { $0 >= 1 }, "dtlz2TrueHypervolume needs a reference point ≥ (1, …, 1)")
        let m = Double(r.count)
        return r.reduce(1, *) - pow(Double.pi, m / 2) / (tgamma(m / 2 + 1) * pow(2, m))
    }

    /// The ZDT problem named "zdt1", "zdt2", "zdt3", "zdt4" or "zdt6" (nil for any other name), at its
    /// standard dimension (30 for ZDT1–3, 10 for ZDT4 and ZDT6) unless `dimension` is given.
    public static func zdt(_ name: String, dimension: Int? = nil) -> MultiObjectiveProblem? {
        switch name {
        case "zdt1": return dimension.map { zdt1(dimension: $0) } ?? zdt1()
        case "zdt2": return dimension.map { zdt2(dimension: $0) } ?? zdt2()
        case "zdt3": return dimension.map { zdt3(dimension: $0) } ?? zdt3()
        case "zdt4": return dimension.map { zdt4(dimension: $0) } ?? zdt4()
        case "zdt6": return dimension.map { zdt6(dimension: $0) } ?? zdt6()
        default: return nil
        }
    }

    /// Points on the true Pareto front of a ZDT problem ("zdt1"…"zdt6"), `count` of them, sorted by f₁.
    /// For ZDT3 only the non-dominated part of f₂ = 1 − √f₁ − f₁ sin 10πf₁ is kept.
    public static func zdtTrueFront(_ name: String, count: Int = 1000) -> [[Double]] {
        let ts = (0..<count).map { Double($0) / Double(count - 1) }
        switch name {
        case "zdt1", "zdt4": return ts.map { [$0, 1 - $0.squareRoot()] }
        case "zdt2": return ts.map { [$0, 1 - $0 * $0] }
        case "zdt6":
            // f₁ ranges over [1 − e^{−4x*} sin⁶(6πx*), 1] with x* the minimizer of f₁: ≈ 0.2807753191.
            let lower = 0.2807753191240281
            return ts.map { let f1 = lower + (1 - lower) * $0; return [f1, 1 - f1 * f1] }
        case "zdt3":
            // Sweep in increasing f₁: a point is non-dominated when its f₂ is below every f₂ to its left.
            let dense = (0..<(count * 20)).map { Double($0) / Double(count * 20 - 1) }
                .map { [$0, 1 - $0.squareRoot() - $0 * sin(10 * Double.pi * $0)] }
            var kept: [[Double]] = []
            var lowest = Double.infinity
            for p in dense where p[1] < lowest { kept.append(p); lowest = p[1] }
            return kept
        default: return []
        }
    }

    /// The hypervolume of a ZDT problem's true Pareto front for a reference point r with r₁, r₂ ≥ 1
    /// (so the whole front counts): (r₁ − 1) r₂ + ∫ (r₂ − φ(f₁)) df₁ over the front f₂ = φ(f₁).
    /// Exact for ZDT1 and ZDT4 (φ = 1 − √f₁: r₁r₂ − 1/3), ZDT2 (φ = 1 − f₁²: r₁r₂ − 2/3) and ZDT6
    /// (φ = 1 − f₁² on [a, 1], a = 0.2807753191…: (r₁ − a) r₂ − (1 − a) + (1 − a³)/3). ZDT3's
    /// disconnected front is integrated as the attainment staircase of 2·10⁶ points of
    /// φ = 1 − √f₁ − f₁ sin 10πf₁ (relative error below 10⁻⁶). Nil for any other name.
    public static func zdtTrueHypervolume(_ name: String, reference r: [Double]) -> Double? {
        precondition(r.count == 2 && r[0] >= 1 && r[1] >= 1, "zdtTrueHypervolume needs a reference point ≥ (1, 1)")
        switch name {
        case "zdt1", "zdt4": return r[0] * r[1] - 1.0 / 3
        case "zdt2": return r[0] * r[1] - 2.0 / 3
        case "zdt6":
            let a = 0.2807753191240281
            return (r[0] - a) * r[1] - (1 - a) + (1 - a * a * a) / 3
        case "zdt3":
            let n = 2_000_000
            var volume = 0.0, lowest = r[1], previous = 0.0
            for k in 0..<n {
                let f1 = Double(k) / Double(n - 1)
                volume += (f1 - previous) * (r[1] - lowest)
                lowest = min(lowest, 1 - f1.squareRoot() - f1 * sin(10 * Double.pi * f1))
                previous = f1
            }
            return volume + (r[0] - previous) * (r[1] - lowest)
        default: return nil
        }
    }
}
