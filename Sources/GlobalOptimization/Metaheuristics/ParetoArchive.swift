/// Every non-dominated point seen so far, for any number M of objectives (minimization).
///
/// A newcomer is rejected if a member dominates it or has the same objective vector; otherwise the
/// members it dominates are removed and it is appended. O(M·n) per insertion. Two objectives use
/// the sorted `BiObjectiveArchive` (O(log n + removed)).
struct ParetoArchive {
    private(set) var points: [[Double]] = []
    private(set) var objectives: [[Double]] = []
    private var pair: BiObjectiveArchive?
    private let objectiveCount: Int

    init(objectiveCount: Int) {
        self.objectiveCount = objectiveCount
        pair = objectiveCount == 2 ? BiObjectiveArchive() : nil
    }

    /// The archive's decision vectors and objective vectors, aligned.
    var members: (points: [[Double]], objectives: [[Double]]) {
        if let pair { return (pair.points, pair.objectives) }
        return (points, objectives)
    }

    mutating func insert(_ x: [Double], _ f: [Double]) {
        guard f.allSatisfy(\.isFinite) else { return }
        if pair != nil { pair!.insert(x, f); return }
        var removed: [Int] = []
        for (k, g) in objectives.enumerated() {
            var gBetter = false, fBetter = false
            for i in 0..<objectiveCount {
                if g[i] < f[i] { gBetter = true } else if f[i] < g[i] { fBetter = true }
                if gBetter && fBetter { break }
            }
            if !fBetter { return }                       // g dominates f or equals it
            if !gBetter { removed.append(k) }            // f dominates g
        }
        if !removed.isEmpty {
            var keep = [Bool](repeating: true, count: objectives.count)
            for k in removed { keep[k] = false }
            objectives = objectives.indices.filter { keep[$0] }.map { objectives[$0] }
            points = points.indices.filter { keep[$0] }.map { points[$0] }
        }
        objectives.append(f)
        points.append(x)
    }
}
