import Foundation
import Testing
@testable import Explanation

/// `ShapleyTanh`, Kernel SHAP's own tanh (table-driven, FMA): against 80-bit `tanhl`, at the special
/// values, the AVX2 + FMA build against the portable one bit for bit, the fused forms (with a bias,
/// summed over segments) against the array kernel, and the first layer's product-of-exponentials
/// activations against the plain formula.
struct ShapleyTanhTests {
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        a == b ? 0 : UInt64(abs(Int64(bitPattern: a.bitPattern) &- Int64(bitPattern: b.bitPattern)))
    }

    static func tanh(_ x: [Double], portable: Bool = false) -> [Double] {
        var y = [Double](repeating: .nan, count: x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                if let base = xp.baseAddress { ShapleyTanh.tanh(base, into: yp.baseAddress!, count: x.count, portable: portable) }
            }
        }
        return y
    }

    /// Seeded points: 400,000 in each of 12 ranges from subnormal to past saturation, 200,000 each
    /// just around the table's binade and subinterval edges, the special values.
    static func points() -> [Double] {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) * 0x1.0p-53
        }
        var x: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                           .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p-7, 0x1p-7.nextDown, -0x1p-7,
                           19.0625, 22, 22.nextUp, 22.nextDown, 32, 710, -1e300, 1e-300, 0.625]
        for range in [1e-300, 1e-8, 1e-3, 0.0078125, 0.1, 0.625, 1, 3, 10, 19, 22, 30] {
            for _ in 0..<400_000 { x.append((2 * uniform() - 1) * range) }
        }
        // Around every subinterval edge 2^e (1 + j/64), e = −7 … 4: a few ulps either side.
        for e in -7...4 {
            for j in 0...64 {
                let edge = Foundation.scalbn(1 + Double(j) / 64, e)
                var below = edge, above = edge
                for _ in 0..<40 { below = below.nextDown; above = above.nextUp; x += [below, above, -above] }
            }
        }
        return x
    }

    /// At most 1 ulp from the correctly rounded tanh on every point (80-bit `tanhl` as the reference on
    /// x86-64, libm's `tanh` elsewhere, with 2 ulp there), and correctly rounded on most.
    @Test func withinOneUlpOfTanhl() {
        let x = Self.points()
        let y = Self.tanh(x)
        var worst: UInt64 = 0, worstAt = 0.0, missed = 0, finite = 0
        for (xi, yi) in zip(x, y) where !xi.isNaN {
            #if arch(x86_64)
            let reference = Double(Foundation.tanhl(Float80(xi)))
            #else
            let reference = Foundation.tanh(xi)
            #endif
            let u = Self.ulps(yi, reference)
            if u > worst { worst = u; worstAt = xi }
            if u > 0 { missed += 1 }
            finite += 1
        }
        #if arch(x86_64)
        #expect(worst <= 1, "\(worst) ulp at x = \(worstAt)")
        #else
        #expect(worst <= 2, "\(worst) ulp at x = \(worstAt) (against libm)")
        #endif
        #expect(missed * 20 < finite, "\(missed) of \(finite) not correctly rounded")
        print("ShapleyTanh: \(finite) points, worst \(worst) ulp at \(worstAt), \(missed) not correctly rounded; AVX2+FMA build: \(ShapleyTanh.runsAVX2FMA)")
    }

    @Test func specialValues() {
        let x: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -1e-310, 1e-9, 22, 710, -1e308, 18.5, 0.5, 1]
        let y = Self.tanh(x)
        #expect(y[0].bitPattern == (0.0).bitPattern && y[1].bitPattern == (-0.0).bitPattern)
        #expect(y[2] == 1 && y[3] == -1)
        #expect(y[4].isNaN && y[5].isNaN)
        #expect(y[6] == .leastNonzeroMagnitude && y[7] == -1e-310 && y[8] == 1e-9)
        #expect(y[9] == 1 && y[10] == 1 && y[11] == -1)
        #expect(y[12] < 1)                                          // 1 − tanh 18.5 ≈ 1.7·10⁻¹⁶: not yet 1
        #expect(abs(y[13] - 0.46211715726000974) <= 0.46211715726000974.ulp)
        #expect(abs(y[14] - 0.7615941559557649) <= 0.7615941559557649.ulp)
    }

    @Test func oddBoundedAndMonotone() {
        let sweep = (-40_000...40_000).map { Double($0) * 1e-4 }          // [−4, 4] through every table edge there
        let y = Self.tanh(sweep), minus = Self.tanh(sweep.map { -$0 })
        #expect(zip(y, minus).allSatisfy { $0 == -$1 })
        #expect(y.allSatisfy { abs($0) <= 1 })
        #expect(zip(y, y.dropFirst()).allSatisfy { $0 <= $1 })
        // ulp by ulp across the first table edge, 2⁻⁷, and a subinterval edge, 1 + 1/64.
        for edge in [0x1p-7, 1 + 1.0 / 64] {
            var t = edge
            for _ in 0..<1000 { t = t.nextDown }
            let ramp = (0..<2000).map { _ -> Double in t = t.nextUp; return t }
            let r = Self.tanh(ramp)
            #expect(zip(r, r.dropFirst()).allSatisfy { $0 <= $1 }, "not monotone around \(edge)")
        }
    }

    /// The AVX2 + FMA build has the bits of the portable build (scalar C with `fma`), for every length
    /// around the four lanes, in and out of place.
    @Test func vectorBuildHasTheBitsOfThePortableBuild() {
        let x = Self.points()
        let portable = Self.tanh(x, portable: true).map(\.bitPattern)
        #expect(Self.tanh(x).map(\.bitPattern) == portable)
        for count in [0, 1, 3, 4, 5, 7, 8, 9, 1_001] {
            var inPlace = Array(x.prefix(count))
            inPlace.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { ShapleyTanh.tanh(p, into: p, count: count) } }
            #expect(inPlace.map(\.bitPattern) == Array(portable.prefix(count)), "in place, count \(count)")
        }
    }

    /// Summed over segments of rows: the array kernel's values summed in row order, the same bits from
    /// both builds; widths with and without a remainder of four lanes, segments of one row.
    @Test func segmentSumsMatchTheArrayKernel() {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func gaussian() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let u = Double(state >> 11) * 0x1.0p-53
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let v = Double(state >> 11) * 0x1.0p-53
            return (-2 * Foundation.log(u + 1e-300)).squareRoot() * Foundation.cos(2 * .pi * v)
        }
        for (segments, segmentRows, columns) in [(3, 20, 32), (2, 7, 5), (1, 1, 1), (4, 3, 9), (2, 1, 8)] {
            let rows = segments * segmentRows
            let z = (0..<(rows * columns)).map { _ in 1.5 * gaussian() }
            let values = Self.tanh(z)
            var expected = [Double](repeating: 0, count: segments * columns)
            for g in 0..<segments {
                for j in 0..<columns {
                    var sum = 0.0
                    for r in 0..<segmentRows { sum += values[(g * segmentRows + r) * columns + j] }
                    expected[g * columns + j] = sum
                }
            }
            for portable in [false, true] {
                var sums = [Double](repeating: .nan, count: segments * columns)
                z.withUnsafeBufferPointer { zp in
                    sums.withUnsafeMutableBufferPointer { sp in
                        ShapleyTanh.segmentSums(zp.baseAddress!, segments: segments, segmentRows: segmentRows, columns: columns,
                                                into: sp.baseAddress!, portable: portable)
                    }
                }
                #expect(sums.map(\.bitPattern) == expected.map(\.bitPattern), "\(segments)×\(segmentRows)×\(columns), portable \(portable)")
            }
        }
    }

    /// The first layer's activations 1 − 2/(p + 1), p the product of the base and the factors in order:
    /// the bits of the plain Swift formula from both builds, for coalitions of 0 to 10 factors taken
    /// directly or by their complement, and widths around the lanes.
    @Test func expProductActivationsHaveTheBitsOfThePlainFormula() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) * 0x1.0p-53
        }
        for (m, rows, units) in [(20, 20, 32), (7, 3, 5), (12, 1, 17), (3, 4, 1), (5, 3, 40), (6, 2, 64)] {
            let plus = (0..<(m * rows * units)).map { _ in Foundation.exp(2 * uniform() - 1) }
            let minus = plus.map { 1 / $0 }
            let rowBase = (0..<(rows * units)).map { _ in Foundation.exp(4 * uniform() - 2) }
            let xBase = (0..<units).map { _ in Foundation.exp(4 * uniform() - 2) }
            var features: [Int] = [], offsets = [0], complement: [UInt8] = []
            for c in 0..<12 {
                let count = min(m, c % 11)
                features += (0..<count).map { (3 * $0 + c) % m }
                offsets.append(features.count)
                complement.append(UInt8(c % 2))
            }
            let coalitions = complement.count
            var expected = [Double](repeating: 0, count: coalitions * rows * units)
            for c in 0..<coalitions {
                for b in 0..<rows {
                    for i in 0..<units {
                        let table = complement[c] != 0 ? minus : plus
                        var p = complement[c] != 0 ? xBase[i] : rowBase[b * units + i]
                        for f in features[offsets[c]..<offsets[c + 1]] { p *= table[f * rows * units + b * units + i] }
                        expected[(c * rows + b) * units + i] = 1 - 2 / (p + 1)
                    }
                }
            }
            for portable in [false, true] {
                var out = [Double](repeating: .nan, count: expected.count)
                out.withUnsafeMutableBufferPointer { op in
                    ShapleyTanh.expProductActivations(
                        plus: plus, minus: minus, featureStride: rows * units, rowStride: units, rowBase: rowBase, baseStride: units, xBase: xBase,
                        features: features, offsets: offsets, complement: complement, coalitions: coalitions, rows: rows,
                        units: units, into: op.baseAddress!, portable: portable)
                }
                #expect(out.map(\.bitPattern) == expected.map(\.bitPattern), "M \(m), \(rows) rows, \(units) units, portable \(portable)")
            }
        }
    }
}
