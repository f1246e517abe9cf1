/// Deterministic minimization of a function of one variable on a closed interval: the best of an
/// equally spaced grid (first one on ties), then golden-section search on the bracket formed by its
/// neighbours, kept only if it improves on the grid point. The grid guards against the local minima
/// that sum-of-squares profiles of SES / MA(1) can have; golden section then refines to `tolerance`.
enum ScalarMinimizer {
    static func minimize(_ f: (Double) -> Double, lower a: Double, upper b: Double,
                         gridIntervals: Int = 40, tolerance: Double = 1e-9) -> Double {
        precondition(b > a && gridIntervals >= 2)
        let step = (b - a) / Double(gridIntervals)
        var bestIndex = 0
        var bestValue = f(a)
        for j in 1...gridIntervals {
            let v = f(j == gridIntervals ? b : a + Double(j) * step)
            if v < bestValue { bestValue = v; bestIndex = j }
        }
        let bestX = bestIndex == gridIntervals ? b : a + Double(bestIndex) * step
        var lo = max(a, bestX - step), hi = min(b, bestX + step)
        let invPhi = (5.0.squareRoot() - 1) / 2
        var x1 = hi - invPhi * (hi - lo), x2 = lo + invPhi * (hi - lo)
        var f1 = f(x1), f2 = f(x2)
        while hi - lo > tolerance {
            if f1 <= f2 {
                hi = x2; x2 = x1; f2 = f1
                x1 = hi - invPhi * (hi - lo); f1 = f(x1)
            } else {
                lo = x1; x1 = x2; f1 = f2
                x2 = lo + invPhi * (hi - lo); f2 = f(x2)
            }
        }
        let x = (lo + hi) / 2
        return f(x) < bestValue ? x : bestX
    }
}
