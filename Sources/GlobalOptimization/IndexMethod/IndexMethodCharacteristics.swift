import Foundation

/// Interval characteristics and next-trial points of the index method (see `IndexMethod`).
enum IndexMethodCharacteristics {
    struct Candidate {
        var interval: Int          // interval (x[interval−1], x[interval])
        var characteristic: Double
        var nextPoint: Double
    }

    /// The `count` intervals of largest characteristic (largest first), distinct intervals, with their
    /// next-trial points. `topIndex` is the largest index M reached and `zStar` the least value of index M
    /// (the incumbent); z*_ν = 0 for ν < M.
    ///
    /// With `localTuning` (Sergeyev 1995, "An information global optimization algorithm with local
    /// tuning", SIAM J. Optim. 5; in the Hölder metric of the evolvent), an interval i whose ends and
    /// neighbours have the same index ν uses its own estimate μᵢ = max(λᵢ, γᵢ, ξ) in place of μ_ν:
    /// λᵢ = the largest slope |zⱼ − zⱼ₋₁| / Δⱼ of the intervals j = i − 1, i, i + 1 of index ν,
    /// γᵢ = μ_ν Δᵢ / Δ_max (Δ_max the longest interval), ξ = 10⁻⁸ μ_ν. Long intervals keep the global
    /// estimate; short ones in flat regions get a smaller one, so the search spends fewer trials there.
    static func best(line: SearchLine, count: Int, dimension n: Int, reliability r: Double,
                     localAlpha: Double?, topIndex: Int, zStar topValue: Double,
                     localTuning: Bool = false) -> [Candidate] {
        guard count > 0 else { return [] }
        let size = line.x.count
        var mu = line.holder.map { $0 > 0 ? $0 : 1 }
        mu[0] = 1
        var zStar = Array(repeating: 0.0, count: line.holder.count)
        if topIndex > 0 { zStar[topIndex] = topValue }
        let localFloor = localAlpha.map { pow(1.5, -$0) }
        // Local tuning: slopes of the same-index intervals and the longest interval.
        var slope: [Double] = []
        var longest = 0.0
        if localTuning {
            slope = Array(repeating: -1, count: size)
            for i in 1..<size where line.index[i] == line.index[i - 1] && line.index[i] > 0 {
                slope[i] = abs(line.value[i] - line.value[i - 1]) / line.delta[i]
            }
            longest = line.delta.max() ?? 1
        }
        func estimate(_ i: Int, _ nu: Int) -> Double {
            guard localTuning else { return mu[nu] }
            var lambda = slope[i]
            if i > 1, slope[i - 1] >= 0 { lambda = max(lambda, slope[i - 1]) }
            if i + 1 < size, slope[i + 1] >= 0 { lambda = max(lambda, slope[i + 1]) }
            return max(lambda, mu[nu] * line.delta[i] / longest, 1e-8 * mu[nu])
        }

        var chosen: [Candidate] = []
        chosen.reserveCapacity(count + 1)
        line.x.withUnsafeBufferPointer { x in
            line.index.withUnsafeBufferPointer { nu in
                line.value.withUnsafeBufferPointer { z in
                  line.delta.withUnsafeBufferPointer { deltas in
                    for i in 1..<size {
                        let delta = deltas[i]
                        let left = nu[i - 1], right = nu[i]
                        var characteristic: Double
                        if left == right {
                            let muI = estimate(i, right)
                            let m = r * muI
                            let dz = z[i] - z[i - 1]
                            characteristic = delta + dz * dz / (m * m * delta) - 2 * (z[i] + z[i - 1] - 2 * zStar[right]) / m
                            if let floor = localFloor, right == topIndex, characteristic > 0 {
                                let spread = ((z[i] - zStar[right]) * (z[i - 1] - zStar[right])).squareRoot() / muI
                                characteristic /= spread + floor
                            }
                        } else if left < right {
                            characteristic = 2 * delta - 4 * (z[i] - zStar[right]) / (r * mu[right])
                        } else {
                            characteristic = 2 * delta - 4 * (z[i - 1] - zStar[left]) / (r * mu[left])
                        }
                        if chosen.count == count, characteristic <= chosen[count - 1].characteristic { continue }
                        var position = chosen.count
                        while position > 0, chosen[position - 1].characteristic < characteristic { position -= 1 }
                        chosen.insert(Candidate(interval: i, characteristic: characteristic, nextPoint: 0), at: position)
                        if chosen.count > count { chosen.removeLast() }
                    }
                  }
                    for k in chosen.indices {
                        let i = chosen[k].interval
                        let middle = 0.5 * (x[i] + x[i - 1])
                        if nu[i] == nu[i - 1] {
                            let dz = z[i] - z[i - 1]
                            let shift = pow(abs(dz) / estimate(i, nu[i]), Double(n)) / (2 * r)
                            let point = dz > 0 ? middle - shift : middle + shift
                            chosen[k].nextPoint = min(max(point, x[i - 1]), x[i])
                        } else {
                            chosen[k].nextPoint = middle
                        }
                    }
                }
            }
        }
        return chosen
    }
}
