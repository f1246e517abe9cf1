/// Dot products in twice the working precision (Ogita, Rump & Oishi 2005, Dot2): every product is
/// split exactly by a fused multiply-add, p = a·b = h + l with h = fl(a·b), l = fma(a, b, −h), and
/// the sum is accumulated with TwoSum error terms, s + e = s_old + h exactly. The result is as
/// accurate as if computed in quadruple precision and then rounded, unless the sum cancels beyond
/// 10³² (used for the residuals of iterative refinement, where cancellation is the whole point).
enum CompensatedDot {
    /// Σᵢ aᵢ·bᵢ over `count` terms read through the closures.
    static func dot(_ count: Int, _ a: (Int) -> Double, _ b: (Int) -> Double) -> Double {
        var s = 0.0, c = 0.0
        for i in 0..<count {
            let x = a(i), y = b(i)
            let h = x * y
            let l = (-h).addingProduct(x, y)   // fma: x·y − h, exactly
            let t = s + h
            let z = t - s
            c += (s - (t - z)) + (h - z) + l
            s = t
        }
        return s + c
    }
}
