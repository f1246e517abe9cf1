/// Hooke–Jeeves pattern search (Hooke & Jeeves, J. ACM 8, 1961) for the final local refinement of the
/// index method: exploratory moves ±h along each coordinate, a pattern move x + (x − x_old) after a
/// success, halving h after a failure until h < minimalStep·(b − a). Infeasible points (any gⱼ > 0)
/// count as failures. A move past a bound is projected onto it (x ± h clipped to [a, b]), so the
/// refinement lands exactly on a face, edge or corner of the box when the optimum lies there — which
/// the evolvent's trials, at the centres of its cells, never reach.
enum HookeJeeves {
    /// The first step, as a fraction of each box side, unless a caller gives another.
    static let firstStep = 0.05

    /// `initialStep` is the first step as a fraction of each box side. `observe` sees every trial
    /// with its index-scheme outcome; returning true stops the search after that trial.
    static func minimize(_ problem: OptimizationProblem, from start: [Double], value startValue: Double,
                         maxTrials: Int, minimalStep relativeStep: Double, initialStep: Double = firstStep,
                         observe: ([Double], (index: Int, value: Double)) -> Bool = { _, _ in false }) -> (point: [Double], value: Double, trials: Int) {
        let n = problem.dimension
        let lower = problem.lowerBounds, upper = problem.upperBounds
        var trials = 0
        var stopped = false
        func f(_ y: [Double]) -> Double? {
            guard trials < maxTrials, !stopped else { return nil }
            trials += 1
            let outcome = IndexMethod.evaluate(problem, at: y)
            if observe(y, outcome) { stopped = true }
            return outcome.index == problem.constraints.count + 1 ? outcome.value : .infinity
        }
        func explore(_ base: [Double], _ baseValue: Double, _ h: [Double]) -> ([Double], Double)? {
            var y = base, value = baseValue
            for i in 0..<n {
                for direction in [1.0, -1.0] {
                    let candidate = min(max(y[i] + direction * h[i], lower[i]), upper[i])
                    guard candidate != y[i] else { continue }
                    var trial = y
                    trial[i] = candidate
                    guard let v = f(trial) else { return trials > 0 ? (y, value) : nil }
                    if v < value { y = trial; value = v; break }
                }
            }
            return (y, value)
        }
        var h = (0..<n).map { initialStep * (upper[$0] - lower[$0]) }
        let minimalStep = (0..<n).map { relativeStep * (upper[$0] - lower[$0]) }
        var x = start, fx = startValue
        // An accepted move must lower the value by more than rounding: x + h − h is not always x, and a
        // pattern move can return near its start with a value lower in the last bits, which without this
        // margin cycles until the budget is spent.
        func better(_ v: Double, than w: Double) -> Bool { v < w - 1e-13 * abs(w) }
        while trials < maxTrials, !stopped, zip(h, minimalStep).contains(where: { $0 >= $1 }) {
            guard let (y, fy) = explore(x, fx, h) else { break }
            if better(fy, than: fx) {
                // Pattern moves while they keep improving.
                var previous = x
                x = y; fx = fy
                while trials < maxTrials, !stopped {
                    let pattern = (0..<n).map { min(max(2 * x[$0] - previous[$0], lower[$0]), upper[$0]) }
                    guard let pv = f(pattern), let (z, fz) = explore(pattern, pv, h), better(fz, than: fx) else { break }
                    previous = x
                    x = z; fx = fz
                }
            } else {
                h = h.map { $0 / 2 }
            }
        }
        return (x, fx, trials)
    }
}
