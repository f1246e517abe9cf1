/// Knuth's lagged-Fibonacci generator of uniform doubles, X_j = (X_{j−100} + X_{j−37}) mod 1
/// (The Art of Computer Programming, vol. 2, 3rd ed., §3.6: ranf_start / ranf_array), which the GKLS
/// generator uses so that a function number always yields the same function. Reproducing it bit for
/// bit is what makes our GKLS classes the published ones.
struct GKLSRandomGenerator {
    static let longLag = 100        // KK
    static let shortLag = 37        // LL
    static let separation = 70      // TT: guaranteed separation between streams
    /// Length of each block of numbers GKLS draws (ranf_array(rnd_num, 1009)).
    static let blockSize = 1009

    /// The generator state (ran_u).
    private var state: [Double]
    /// The current block of numbers.
    private(set) var block: [Double]

    @inline(__always) private static func modSum(_ x: Double, _ y: Double) -> Double {
        let s = x + y
        return s - s.rounded(.towardZero)
    }

    /// ranf_start: initializes the state from a seed (only its low 30 bits matter).
    init(seed: Int) {
        let kk = Self.longLag, ll = Self.shortLag
        let ulp = 1.0 / Double(1 << 30) / Double(1 << 22)               // 2^−52
        var u = Array(repeating: 0.0, count: kk + kk - 1)
        var ul = Array(repeating: 0.0, count: kk + kk - 1)
        var ss = 2 * ulp * Double((seed & 0x3fff_ffff) + 2)
        for j in 0..<kk {
            u[j] = ss
            ss += ss
            if ss >= 1 { ss -= 1 - 2 * ulp }                              // cyclic shift of 51 bits
        }
        u[1] += ulp                                                       // make u[1] (only) "odd"
        ul[1] = ulp
        var s = seed & 0x3fff_ffff
        var t = Self.separation - 1
        while t > 0 {
            for j in stride(from: kk - 1, to: 0, by: -1) {               // "square"
                ul[j + j] = ul[j]
                u[j + j] = u[j]
            }
            for j in stride(from: kk + kk - 2, to: kk - ll, by: -2) {
                ul[kk + kk - 1 - j] = 0
                u[kk + kk - 1 - j] = u[j] - ul[j]
            }
            for j in stride(from: kk + kk - 2, through: kk, by: -1) where ul[j] != 0 {
                ul[j - (kk - ll)] = ulp - ul[j - (kk - ll)]
                u[j - (kk - ll)] = Self.modSum(u[j - (kk - ll)], u[j])
                ul[j - kk] = ulp - ul[j - kk]
                u[j - kk] = Self.modSum(u[j - kk], u[j])
            }
            if s & 1 != 0 {                                               // "multiply by z"
                for j in stride(from: kk, to: 0, by: -1) {
                    ul[j] = ul[j - 1]
                    u[j] = u[j - 1]
                }
                ul[0] = ul[kk]
                u[0] = u[kk]                                              // shift the buffer cyclically
                if ul[kk] != 0 {
                    ul[ll] = ulp - ul[ll]
                    u[ll] = Self.modSum(u[ll], u[kk])
                }
            }
            if s != 0 { s >>= 1 } else { t -= 1 }
        }
        state = Array(repeating: 0, count: kk)
        for j in 0..<ll { state[j + kk - ll] = u[j] }
        for j in ll..<kk { state[j - ll] = u[j] }
        block = Array(repeating: 0, count: Self.blockSize)
    }

    /// ranf_array(block, 1009): fills the next block and advances the state.
    mutating func nextBlock() {
        let kk = Self.longLag, ll = Self.shortLag, n = Self.blockSize
        for j in 0..<kk { block[j] = state[j] }
        for j in kk..<n { block[j] = Self.modSum(block[j - kk], block[j - ll]) }
        var j = n
        for i in 0..<ll {
            state[i] = Self.modSum(block[j - kk], block[j - ll])
            j += 1
        }
        for i in ll..<kk {
            state[i] = Self.modSum(block[j - kk], state[i - ll])
            j += 1
        }
    }
}
