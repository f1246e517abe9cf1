/// Every non-dominated point seen so far for two objectives, kept sorted by f₁ (so f₂ decreases).
///
/// Insertion is O(log n + removed): a newcomer is rejected if its predecessor in f₁ has f₂ no larger
/// (it is dominated or a duplicate), otherwise the successors it dominates are removed.
struct BiObjectiveArchive {
    private(set) var points: [[Double]] = []
    private(set) var objectives: [[Double]] = []

    mutating func insert(_ x: [Double], _ f: [Double]) {
        guard f[0].isFinite && f[1].isFinite else { return }
        // First index with f₁ > new f₁ (ties go before the newcomer).
        var lo = 0, hi = objectives.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if objectives[mid][0] <= f[0] { lo = mid + 1 } else { hi = mid }
        }
        if lo > 0 && objectives[lo - 1][1] <= f[1] { return }
        // Remove successors (f₁ ≥ new f₁) that the newcomer dominates; equal-f₁ predecessors with a larger f₂ too.
        var start = lo
        while start > 0 && objectives[start - 1][0] == f[0] { start -= 1 }
        var end = start
        while end < objectives.count && objectives[end][1] >= f[1] { end += 1 }
        objectives.replaceSubrange(start..<end, with: [f])
        points.replaceSubrange(start..<end, with: [x])
    }
}
