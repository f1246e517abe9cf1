/// The trials of the index method seen through one evolvent: points x ∈ [0, 1] kept in increasing
/// order with their index ν and value z.
///
/// The ends 0 and 1 are not trials: they carry the pseudo-index ν = 0, lower than every trial's
/// index, so the boundary intervals get the one-sided characteristic of the index scheme.
struct SearchLine: Sendable {
    var x: [Double] = [0, 1]
    var index: [Int] = [0, 0]
    var value: [Double] = [0, 0]
    /// Hölder-constant estimates μ_ν (ν = 1…m+1), non-decreasing over the run.
    var holder: [Double]

    init(indexCount: Int) {
        holder = Array(repeating: 0, count: indexCount + 1)
    }

    /// Inserts a trial at x; false (and nothing inserted) if x is not strictly inside an interval.
    @discardableResult
    mutating func insert(x newX: Double, index nu: Int, value z: Double) -> Bool {
        var low = 0, high = x.count - 1            // x[low] < newX ≤ x[high] after the search
        guard newX > x[low], newX < x[high] else { return false }
        while high - low > 1 {
            let mid = (low + high) / 2
            if x[mid] < newX { low = mid } else { high = mid }
        }
        if x[high] == newX { return false }
        x.insert(newX, at: high)
        index.insert(nu, at: high)
        value.insert(z, at: high)
        return true
    }
}
