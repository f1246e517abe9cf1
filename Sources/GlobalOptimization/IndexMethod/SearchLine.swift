import Foundation

/// The trials of the index method seen through one evolvent: points x ∈ [0, 1] kept in increasing
/// order with their index ν and value z.
///
/// The ends 0 and 1 are not trials: they carry the pseudo-index ν = 0, lower than every trial's
/// index, so the boundary intervals get the one-sided characteristic of the index scheme.
///
/// The line keeps Δᵢ = (xᵢ − xᵢ₋₁)^{1/N} of every interval (formula 38's Hölder metric) and the
/// Hölder-constant estimates μ_ν = max |zᵢ − zⱼ| / (xᵢ − xⱼ)^{1/N} over the pairs of trials of index ν
/// that have been consecutive among the trials of that index (Strongin & Sergeyev, §4.2). Both are
/// updated at each insertion, so an iteration costs one pass over the intervals without powers.
struct SearchLine: Sendable, Codable, Equatable {
    var x: [Double] = [0, 1]
    var index: [Int] = [0, 0]
    var value: [Double] = [0, 0]
    /// Δᵢ = (xᵢ − xᵢ₋₁)^{1/N} for i ≥ 1; delta[0] = 0.
    var delta: [Double]
    /// Hölder-constant estimates μ_ν (ν = 1…m+1), non-decreasing over the run; 0 until a pair exists.
    var holder: [Double]
    /// 1/N.
    let exponent: Double

    init(indexCount: Int, dimension: Int) {
        holder = Array(repeating: 0, count: indexCount + 1)
        exponent = 1 / Double(dimension)
        delta = [0, 1]
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
        delta[high] = pow(x[high + 1] - newX, exponent)
        delta.insert(pow(newX - x[high - 1], exponent), at: high)
        // The new trial's neighbours of the same index.
        var left = high - 1
        while left > 0, index[left] != nu { left -= 1 }
        if left > 0 { raiseHolder(nu, from: left, to: high) }
        var right = high + 1
        let last = x.count - 1
        while right < last, index[right] != nu { right += 1 }
        if right < last { raiseHolder(nu, from: high, to: right) }
        return true
    }

    private mutating func raiseHolder(_ nu: Int, from i: Int, to j: Int) {
        let distance = j == i + 1 ? delta[j] : pow(x[j] - x[i], exponent)
        let ratio = abs(value[j] - value[i]) / distance
        if ratio > holder[nu] { holder[nu] = ratio }
    }
}
