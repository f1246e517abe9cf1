/// The sample's local minima: trials that no trial within a radius undercuts, the start points of
/// multi-level single linkage (Rinnooy Kan & Timmer, "Stochastic global optimization methods, part II:
/// multi level methods", Math. Programming 39, 1987). A trial y with value z is one when
///
///     z ≤ the median of the trials' values, and no other trial y′ with max_i |y′ᵢ − yᵢ| / (bᵢ − aᵢ) < R
///     has z′ < z (or z′ = z and an earlier place in the sample),
///
/// so each is the lowest trial of its neighbourhood of radius R (a fraction of each box side, max-norm).
/// A basin that the trials have entered but not yet descended shows up as one of them even when its
/// trials lie far above the incumbent.
///
/// The trials are taken in increasing value and dropped into a grid of cells of side R: a trial is a
/// sample minimum when no lower trial lies within R, and a lower trial in its own cell always does, so
/// only the 3ᴺ − 1 neighbouring cells of an empty cell are searched (for 3ᴺ above the number of trials
/// the lower trials are searched directly). O(n log n) for n trials plus the neighbour searches.
enum SampleMinima {
    /// The indices of the sample minima among `count` trials (`points` holds their N coordinates one trial
    /// after another), in increasing value.
    static func find(points: [Double], values: [Double], dimension n: Int, lower: [Double], upper: [Double],
                     radius: Double) -> [Int] {
        let count = values.count
        guard count > 0 else { return [] }
        let order = (0..<count).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let median = values[order[(count - 1) / 2]]
        let widths = (0..<n).map { radius * (upper[$0] - lower[$0]) }
        func near(_ a: Int, _ b: Int) -> Bool {
            for d in 0..<n where abs(points[a * n + d] - points[b * n + d]) >= widths[d] { return false }
            return true
        }
        func cell(_ t: Int) -> [Int] { (0..<n).map { Int(((points[t * n + $0] - lower[$0]) / widths[$0]).rounded(.down)) } }
        let neighbourCells = pow3(n)
        var grid: [[Int]: [Int]] = [:]
        var placed: [Int] = []
        var minima: [Int] = []
        for t in order {
            guard values[t] <= median else { break }
            let own = cell(t)
            var undercut = false
            if neighbourCells > placed.count || neighbourCells < 0 {
                undercut = placed.contains { near($0, t) }
            } else if grid[own] != nil {
                undercut = true
            } else {
                var offset = Array(repeating: -1, count: n)
                search: while true {
                    let key = zip(own, offset).map { $0 + $1 }
                    if let members = grid[key], members.contains(where: { near($0, t) }) { undercut = true; break search }
                    var d = 0
                    while d < n, offset[d] == 1 { offset[d] = -1; d += 1 }
                    if d == n { break }
                    offset[d] += 1
                }
            }
            if !undercut { minima.append(t) }
            grid[own, default: []].append(t)
            placed.append(t)
        }
        return minima
    }

    /// 3ᴺ, or −1 when it does not fit in an Int.
    private static func pow3(_ n: Int) -> Int {
        var p = 1
        for _ in 0..<n {
            let (q, overflow) = p.multipliedReportingOverflow(by: 3)
            if overflow { return -1 }
            p = q
        }
        return p
    }
}
