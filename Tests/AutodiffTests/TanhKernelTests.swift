import Foundation
import Testing
@testable import Autodiff

/// `Kernels.tanhPolynomial` against 80-bit `tanhl` (64-bit significand: its rounding to double is
/// the correctly rounded tanh but for rare double roundings), at the special values, and for the
/// properties a network relies on: oddness, |tanh| ≤ 1, monotonicity across the switch at 0.625.
struct TanhKernelTests {
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        a == b ? 0 : UInt64(abs(Int64(bitPattern: a.bitPattern) &- Int64(bitPattern: b.bitPattern)))
    }

    /// The array kernel (`Kernels.tanh`: the AVX2 build in C on CPUs that have it, as here) gives the
    /// bits of `tanhPolynomial` on 4.8 million seeded points over the 12 ranges below and at the
    /// special values, out of place and in place, for lengths around its chunks and lanes.
    @Test func arrayKernelHasTheBitsOfTheScalarKernel() {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) * 0x1.0p-53
        }
        var x: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                           .greatestFiniteMagnitude, 0.625, -0.625, 0.625.nextDown, 22, 22.nextUp, -44, 710, -710]
        for range in [1e-300, 1e-8, 1e-3, 0.1, 0.625, 0.7, 1, 3, 10, 19, 22, 30] {
            for _ in 0..<400_000 { x.append((2 * uniform() - 1) * range) }
        }
        let expected = x.map(Kernels.tanhPolynomial)
        for count in [0, 1, 3, 4, 5, 511, 512, 513, 1_000, x.count] {
            var out = [Double](repeating: 7, count: count)
            x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { Kernels.tanh(xp.baseAddress!, into: $0.baseAddress!, count: count) } }
            var inPlace = Array(x.prefix(count))
            inPlace.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { Kernels.tanh(p, into: p, count: count) } }
            let bits = expected.prefix(count).map(\.bitPattern)
            #expect(out.map(\.bitPattern) == bits, "out of place, count \(count)")
            #expect(inPlace.map(\.bitPattern) == bits, "in place, count \(count)")
        }
        print("Kernels.tanh runs the AVX2 build: \(Kernels.tanhRunsAVX2)")
    }

    /// 400,000 seeded points in each of 12 ranges, from subnormal to past saturation: at most 1 ulp
    /// (measured: 1; glibc's `tanh` on the same points: 2).
    @Test func withinOneUlp() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) * 0x1.0p-53
        }
        var worst: UInt64 = 0, worstAt = 0.0
        for range in [1e-300, 1e-8, 1e-3, 0.1, 0.625, 0.7, 1, 3, 10, 19, 22, 30] {
            for _ in 0..<400_000 {
                let x = (2 * uniform() - 1) * range
                #if arch(x86_64)
                let reference = Double(Foundation.tanhl(Float80(x)))
                #else
                let reference = Foundation.tanh(x)
                #endif
                let u = Self.ulps(Kernels.tanhPolynomial(x), reference)
                if u > worst { worst = u; worstAt = x }
            }
        }
        #if arch(x86_64)
        #expect(worst <= 1, "\(worst) ulp at x = \(worstAt)")
        #else
        #expect(worst <= 2, "\(worst) ulp at x = \(worstAt) (against libm)")
        #endif
    }

    @Test func specialValues() {
        #expect(Kernels.tanhPolynomial(0).bitPattern == (0.0).bitPattern)
        #expect(Kernels.tanhPolynomial(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(Kernels.tanhPolynomial(.infinity) == 1 && Kernels.tanhPolynomial(-.infinity) == -1)
        #expect(Kernels.tanhPolynomial(.nan).isNaN)
        #expect(Kernels.tanhPolynomial(Double.leastNonzeroMagnitude) == Double.leastNonzeroMagnitude)
        #expect(Kernels.tanhPolynomial(1e-310) == 1e-310)
        #expect(Kernels.tanhPolynomial(1e-9) == 1e-9)               // tanh x = x − x³/3: below half an ulp
        #expect(Kernels.tanhPolynomial(22) == 1 && Kernels.tanhPolynomial(710) == 1 && Kernels.tanhPolynomial(-1e308) == -1)
        #expect(Kernels.tanhPolynomial(18.5) < 1)                   // 1 − tanh 18.5 ≈ 2e⁻³⁷ = 1.7·10⁻¹⁶: not yet 1
        #expect(abs(Kernels.tanhPolynomial(0.5) - 0.46211715726000974) <= 0.46211715726000974.ulp)
        #expect(abs(Kernels.tanhPolynomial(1) - 0.7615941559557649) <= 0.7615941559557649.ulp)
    }

    @Test func oddBoundedAndMonotone() {
        var previous = -1.0
        for k in -40_000...40_000 {
            let x = Double(k) * 1e-4   // a sweep of [−4, 4] through ±0.625
            let t = Kernels.tanhPolynomial(x)
            #expect(Kernels.tanhPolynomial(-x) == -t)
            #expect(abs(t) <= 1)
            #expect(t >= previous, "not monotone at \(x)")
            previous = t
        }
        // Around the switch, ulp by ulp.
        var x = 0.625, below = Kernels.tanhPolynomial(0.625.nextDown)
        for _ in 0..<1000 { x = x.nextDown }
        var last = Kernels.tanhPolynomial(x)
        for _ in 0..<2000 { x = x.nextUp; let t = Kernels.tanhPolynomial(x); #expect(t >= last); last = t }
        #expect(Kernels.tanhPolynomial(0.625) >= below)
    }

    /// The tape and the tape-free evaluation both use it, so they agree bit for bit.
    @Test func tapeAndPlainEvaluationAgree() {
        let values = [-3.0, -0.7, -0.1, 0, 0.3, 0.624, 0.626, 2.5, 25]
        let plain = Kernels.unary(.tanh, Tensor(rows: 1, cols: values.count, values: values)).values
        #expect(plain == values.map { Kernels.apply(.tanh, $0) })
        #expect(plain == values.map(Kernels.tanhPolynomial))
    }
}
