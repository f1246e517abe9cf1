import LinearAlgebra

/// The coalitions and regression weights of Kernel SHAP (Lundberg & Lee 2017, "A Unified Approach
/// to Interpreting Model Predictions", NeurIPS), built the way the `shap` package's
/// KernelExplainer builds them.
///
/// The Shapley kernel weighs a coalition of size s (0 < s < M) by
///
///     π(s) = (M − 1) / (C(M, s) · s · (M − s)),
///
/// so the total weight of size s is proportional to (M − 1) / (s (M − s)); sizes s and M − s are
/// handled together ("paired"). Going from the smallest sizes up, a size (and its complement) is
/// enumerated in full while the remaining budget times its share of the remaining weight covers
/// all its C(M, s) (or 2·C(M, s)) coalitions. The rest of the budget is sampled: a size is drawn
/// in proportion to its remaining weight, a coalition of that size uniformly, and its complement
/// is added with it (paired, antithetic sampling). Repeated draws add weight instead of rows, and
/// the sampled weights are scaled to the total kernel weight of the sizes not enumerated.
struct KernelShapDesign: Sendable {
    let coalitions: CoalitionSet
    /// Regression weight of each coalition (sum 1 over all sizes).
    let weights: [Double]
    /// Number of subset sizes (counting s with M − s) that were enumerated in full.
    let enumeratedSizes: Int
    /// True when every proper coalition is present (then Kernel SHAP is exact).
    let isComplete: Bool

    /// The smallest budget accepted for M features: 2M, or all 2^M − 2 coalitions if fewer.
    static func minimumSamples(featureCount m: Int) -> Int {
        m < 62 ? min(2 * m, (1 << m) - 2) : 2 * m
    }

    init(featureCount m: Int, samples: Int, seed: UInt64) {
        precondition(m >= 2 && samples >= Self.minimumSamples(featureCount: m), "KernelShapDesign: M = \(m), samples = \(samples)")
        var set = CoalitionSet(featureCount: m)
        var w = [Double]()
        let budget = m < 62 ? min(samples, (1 << m) - 2) : samples
        let sizes = (m - 1 + 1) / 2          // ⌈(M−1)/2⌉ sizes s = 1 … sizes (with their complements)
        let pairedSizes = (m - 1) / 2        // ⌊(M−1)/2⌋: for even M the middle size M/2 is its own complement
        var sizeWeight = (1...sizes).map { s in Double(m - 1) / Double(s * (m - s)) }
        for s in 0..<pairedSizes { sizeWeight[s] *= 2 }
        let total = sizeWeight.reduce(0, +)
        sizeWeight = sizeWeight.map { $0 / total }

        // Enumerate the small sizes (and their complements) while the budget allows.
        var left = budget
        var remaining = sizeWeight
        var full = 0
        for s in 1...sizes {
            let paired = s <= pairedSizes
            let count = binomial(m, s) * (paired ? 2 : 1)
            guard Double(left) * remaining[s - 1] / count >= 1 - 1e-8 else { break }
            full += 1
            left -= Int(count)
            if remaining[s - 1] < 1 { remaining = remaining.map { $0 / (1 - remaining[s - 1]) } }
            let each = sizeWeight[s - 1] / count
            forEachCombination(m, s) { members in
                set.append(members)
                w.append(each)
                if paired {
                    set.append(complement(members, m))
                    w.append(each)
                }
            }
        }
        enumeratedSizes = full

        // Sample the rest, in antithetic pairs.
        if full < sizes && left > 0 {
            let fixed = set.count
            var drawWeight = sizeWeight
            for s in 0..<pairedSizes { drawWeight[s] /= 2 }      // each draw adds two coalitions
            let candidates = Array(drawWeight[full...])
            let candidateTotal = candidates.reduce(0, +)
            var cumulative = [Double]()
            var acc = 0.0
            for c in candidates { acc += c / candidateTotal; cumulative.append(acc) }
            var rng = SeededGenerator(seed: seed)
            var index: [[UInt64]: Int] = [:]
            var order = Array(0..<m)
            var draws = 4 * left
            while left > 0 && draws > 0 {
                draws -= 1
                let u = rng.nextUniform()
                let s = full + 1 + (cumulative.firstIndex { u < $0 } ?? candidates.count - 1)
                for i in 0..<s {                                       // partial Fisher–Yates
                    let r = i + Int(rng.next() % UInt64(m - i))
                    order.swapAt(i, r)
                }
                let members = order[0..<s].sorted()
                let key = bitKey(members, m)
                let paired = s <= pairedSizes
                if let k = index[key] {
                    w[k] += 1
                    if paired, let kc = index[bitKey(complement(members, m), m)] { w[kc] += 1 }
                    continue
                }
                index[key] = set.count
                set.append(members)
                w.append(1)
                left -= 1
                if paired && left > 0 {
                    let other = complement(members, m)
                    index[bitKey(other, m)] = set.count
                    set.append(other)
                    w.append(1)
                    left -= 1
                }
            }
            let weightLeft = sizeWeight[full...].reduce(0, +)
            let sampledTotal = w[fixed...].reduce(0, +)
            for k in fixed..<w.count { w[k] *= weightLeft / sampledTotal }
        }
        coalitions = set
        weights = w
        isComplete = m < 62 && set.count == (1 << m) - 2
    }
}

/// C(n, k) as a Double (∞ when it overflows).
func binomial(_ n: Int, _ k: Int) -> Double {
    let k = min(k, n - k)
    guard k >= 0 else { return 0 }
    var c = 1.0
    for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
    return c.rounded()
}

/// Calls `body` with every k-subset of 0..<n in lexicographic order.
func forEachCombination(_ n: Int, _ k: Int, _ body: ([Int]) -> Void) {
    guard k >= 0 && k <= n else { return }
    var c = Array(0..<k)
    while true {
        body(c)
        var i = k - 1
        while i >= 0 && c[i] == n - k + i { i -= 1 }
        if i < 0 { return }
        c[i] += 1
        for t in (i + 1)..<k { c[t] = c[t - 1] + 1 }
    }
}

/// {0, …, n−1} ∖ members (members sorted).
func complement<C: Collection>(_ members: C, _ n: Int) -> [Int] where C.Element == Int {
    var inside = [Bool](repeating: false, count: n)
    for j in members { inside[j] = true }
    return (0..<n).filter { !inside[$0] }
}

/// A coalition as 64-bit words, for hashing.
func bitKey<C: Collection>(_ members: C, _ n: Int) -> [UInt64] where C.Element == Int {
    var words = [UInt64](repeating: 0, count: (n + 63) / 64)
    for j in members { words[j / 64] |= 1 << UInt64(j % 64) }
    return words
}
