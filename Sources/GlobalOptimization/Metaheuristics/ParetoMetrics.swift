/// Dominance, non-dominated sorting, crowding distance and the quality indicators of a front.
public enum ParetoMetrics {
    /// a dominates b (minimization): a ≤ b in every objective and < in at least one.
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for i in a.indices {
            if a[i] > b[i] { return false }
            if a[i] < b[i] { strictly = true }
        }
        return strictly
    }

    /// The non-dominated members of `points` (duplicates kept once).
    public static func nonDominated(_ points: [[Double]]) -> [[Double]] {
        var kept: [[Double]] = []
        for p in points where !points.contains(where: { dominates($0, p) }) && !kept.contains(p) { kept.append(p) }
        return kept
    }

    /// Fast non-dominated sort (Deb et al. 2002): fronts of indices, best first. O(M N²).
    public static func nonDominatedSort(_ objectives: [[Double]]) -> [[Int]] {
        let n = objectives.count
        guard n > 0 else { return [] }
        let m = objectives[0].count
        let flat = objectives.flatMap { $0 }
        var dominatedBy = [[Int]](repeating: [], count: n)
        var dominationCount = [Int](repeating: 0, count: n)
        flat.withUnsafeBufferPointer { f in
            dominationCount.withUnsafeMutableBufferPointer { count in
                for p in 0..<n {
                    for q in (p + 1)..<max(n, p + 1) {
                        // Compare p and q once: which one is better somewhere.
                        var pBetter = false, qBetter = false
                        for k in 0..<m {
                            let a = f[p * m + k], b = f[q * m + k]
                            if a < b { pBetter = true } else if b < a { qBetter = true }
                            if pBetter && qBetter { break }
                        }
                        if pBetter && !qBetter { dominatedBy[p].append(q); count[q] += 1 }
                        else if qBetter && !pBetter { dominatedBy[q].append(p); count[p] += 1 }
                    }
                }
            }
        }
        var fronts: [[Int]] = [(0..<n).filter { dominationCount[$0] == 0 }]
        var i = 0
        while !fronts[i].isEmpty {
            var next: [Int] = []
            for p in fronts[i] {
                for q in dominatedBy[p] {
                    dominationCount[q] -= 1
                    if dominationCount[q] == 0 { next.append(q) }
                }
            }
            i += 1
            fronts.append(next)
        }
        fronts.removeLast()
        return fronts
    }

    /// Crowding distance of each member of one front: the sum over objectives of the normalized
    /// side length of the cuboid formed by its two neighbours; boundary points get +∞.
    public static func crowdingDistance(_ objectives: [[Double]]) -> [Double] {
        let n = objectives.count
        guard n > 2 else { return [Double](repeating: .infinity, count: n) }
        var distance = [Double](repeating: 0, count: n)
        for m in objectives[0].indices {
            let order = (0..<n).sorted { objectives[$0][m] < objectives[$1][m] }
            let lo = objectives[order[0]][m], hi = objectives[order[n - 1]][m]
            distance[order[0]] = .infinity
            distance[order[n - 1]] = .infinity
            guard hi > lo else { continue }
            for k in 1..<(n - 1) {
                distance[order[k]] += (objectives[order[k + 1]][m] - objectives[order[k - 1]][m]) / (hi - lo)
            }
        }
        return distance
    }

    /// Exact hypervolume of a bi-objective front with respect to a reference point: the area
    /// dominated by the front and bounded by the reference. Points not strictly better than the
    /// reference in both objectives contribute nothing.
    public static func hypervolume2D(_ front: [[Double]], reference: [Double]) -> Double {
        let inside = front.filter { $0[0] < reference[0] && $0[1] < reference[1] }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        var area = 0.0
        var ceiling = reference[1]
        for p in inside where p[1] < ceiling {
            area += (reference[0] - p[0]) * (ceiling - p[1])
            ceiling = p[1]
        }
        return area
    }

    /// Exact hypervolume of a front of any number M of objectives with respect to a reference point:
    /// the Lebesgue measure of the points dominated by the front and bounded by the reference
    /// (minimization). Points not strictly better than the reference in every objective contribute
    /// nothing. M = 2: the staircase (`hypervolume2D`); M = 3: a sweep in f₃ over a maintained
    /// two-dimensional staircase of (f₁, f₂), O(n·s) for a staircase of at most s points; M > 3:
    /// slicing in the last objective (Zitzler's HSO), each slab the (M − 1)-dimensional volume of the
    /// points below it.
    public static func hypervolume(_ front: [[Double]], reference: [Double]) -> Double {
        let m = reference.count
        let inside = front.filter { p in p.count == m && (0..<m).allSatisfy { p[$0] < reference[$0] } }
        guard !inside.isEmpty else { return 0 }
        switch m {
        case 1: return reference[0] - inside.map { $0[0] }.min()!
        case 2: return hypervolume2D(inside, reference: reference)
        case 3: return hypervolume3D(inside, reference: reference)
        default:
            let sorted = inside.sorted { $0[m - 1] < $1[m - 1] }
            var volume = 0.0
            let lower = Array(reference.prefix(m - 1))
            for k in sorted.indices {
                let top = k + 1 < sorted.count ? sorted[k + 1][m - 1] : reference[m - 1]
                let height = top - sorted[k][m - 1]
                guard height > 0 else { continue }
                volume += height * hypervolume(sorted[0...k].map { Array($0.prefix(m - 1)) }, reference: lower)
            }
            return volume
        }
    }

    /// Three objectives, all points strictly inside the reference box: the points in increasing f₃,
    /// each slab between consecutive f₃ values contributing its height times the area of the
    /// (f₁, f₂) staircase of the points so far (kept sorted by f₁ with f₂ decreasing).
    static func hypervolume3D(_ points: [[Double]], reference r: [Double]) -> Double {
        let sorted = points.sorted { $0[2] < $1[2] }
        var stairs: [(Double, Double)] = []     // increasing f₁, decreasing f₂
        var area = 0.0
        var volume = 0.0
        for k in sorted.indices {
            let a = sorted[k][0], b = sorted[k][1]
            // First stair with f₁ > a; the newcomer is dominated if its predecessor has f₂ ≤ b.
            var lo = 0, hi = stairs.count
            while lo < hi { let mid = (lo + hi) / 2; if stairs[mid].0 <= a { lo = mid + 1 } else { hi = mid } }
            if !(lo > 0 && stairs[lo - 1].1 <= b) {
                var start = lo
                while start > 0 && stairs[start - 1].0 == a { start -= 1 }
                var end = start
                while end < stairs.count && stairs[end].1 >= b { end += 1 }
                stairs.replaceSubrange(start..<end, with: [(a, b)])
                area = 0
                var ceiling = r[1]
                for (x, y) in stairs { area += (r[0] - x) * (ceiling - y); ceiling = y }
            }
            let top = k + 1 < sorted.count ? sorted[k + 1][2] : r[2]
            volume += area * (top - sorted[k][2])
        }
        return volume
    }

    /// Inverted generational distance: the mean over the reference front of the Euclidean distance
    /// to the nearest point of the approximation.
    public static func invertedGenerationalDistance(_ approximation: [[Double]], reference: [[Double]]) -> Double {
        var total = 0.0
        for r in reference {
            var best = Double.infinity
            for a in approximation {
                var d = 0.0
                for i in r.indices { let t = a[i] - r[i]; d += t * t }
                best = min(best, d)
            }
            total += best.squareRoot()
        }
        return total / Double(reference.count)
    }
}
