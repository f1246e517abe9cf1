import Foundation

/// Grishagin's class of 100 two-dimensional multiextremal functions on [0, 1]² (Grishagin 1978; the test
/// class of Strongin & Sergeyev, "Global Optimization with Non-Convex Constraints", §3.1):
///   φ(x, y) = −{ (Σᵢⱼ Aᵢⱼ aᵢⱼ + Bᵢⱼ bᵢⱼ)² + (Σᵢⱼ Cᵢⱼ aᵢⱼ − Dᵢⱼ bᵢⱼ)² }^{1/2},  i, j = 1…7,
///   aᵢⱼ = sin(iπx) sin(jπy),  bᵢⱼ = cos(iπx) cos(jπy),
/// with coefficients uniform in [−1, 1] drawn by Grishagin's generator rndm20 (a 45-bit shift-register
/// generator): function k starts from seed word ⌊(k−1)/10⌋ and skips 196 draws per earlier function of
/// its decade. Port of the original Fortran/C as shipped in iOpt 0.5.0; the seed words and the published
/// minimizers are in `GrishaginTables.swift` (scripts/make_grishagin_fixture.py).
public struct GrishaginFunction: Sendable {
    public let number: Int
    /// Coefficients A, B, C, D indexed [i][j], i, j = 0…6 for frequencies 1…7.
    public let a: [[Double]], b: [[Double]], c: [[Double]], d: [[Double]]

    public init(number: Int) throws {
        guard (1...100).contains(number) else { throw GrishaginError.invalidNumber(number) }
        self.number = number
        var word = Self.seedWords[(number - 1) / 10].map(Int.init)
        for _ in 0..<(196 * ((number - 1) % 10)) { _ = Self.draw(&word) }
        var a = Array(repeating: Array(repeating: 0.0, count: 7), count: 7), b = a, c = a, d = a
        for j in 0..<7 { for i in 0..<7 { a[i][j] = 2 * Self.draw(&word) - 1; c[i][j] = 2 * Self.draw(&word) - 1 } }
        for j in 0..<7 { for i in 0..<7 { b[i][j] = 2 * Self.draw(&word) - 1; d[i][j] = 2 * Self.draw(&word) - 1 } }
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    /// The published global minimizer (six decimals).
    public var publishedMinimizer: [Double] { Self.publishedMinimizers[number - 1] }

    public func value(at p: [Double]) -> Double {
        precondition(p.count == 2, "GrishaginFunction.value: point has \(p.count) coordinates, expected 2")
        var sx = [Double](repeating: 0, count: 7), cx = sx, sy = sx, cy = sx
        let s1 = sin(Double.pi * p[0]), c1 = cos(Double.pi * p[0])
        let s2 = sin(Double.pi * p[1]), c2 = cos(Double.pi * p[1])
        sx[0] = s1; cx[0] = c1; sy[0] = s2; cy[0] = c2
        for i in 0..<6 {       // sin((i+1)θ) and cos((i+1)θ) by the addition formulas, as the original
            sx[i + 1] = sx[i] * c1 + cx[i] * s1
            cx[i + 1] = cx[i] * c1 - sx[i] * s1
            sy[i + 1] = sy[i] * c2 + cy[i] * s2
            cy[i + 1] = cy[i] * c2 - sy[i] * s2
        }
        var d1 = 0.0, d2 = 0.0
        for i in 0..<7 {
            for j in 0..<7 {
                d1 = d1 + a[i][j] * sx[i] * sy[j] + b[i][j] * cx[i] * cy[j]
                d2 = d2 + c[i][j] * sx[i] * sy[j] - d[i][j] * cx[i] * cy[j]
            }
        }
        return -(d1 * d1 + d2 * d2).squareRoot()
    }

    /// The function as a box-constrained problem on [0, 1]².
    public var problem: OptimizationProblem {
        let f = self
        return OptimizationProblem(name: "Grishagin #\(number)", lowerBounds: [0, 0], upperBounds: [1, 1],
                                   knownMinimum: nil, knownMinimizer: publishedMinimizer) { f.value(at: $0) }
    }

    /// rndm20: one uniform number in [0, 1) from the 45-bit word k (bits as 0/1, most significant first).
    static func draw(_ k: inout [Int]) -> Double {
        var k1 = [Int](repeating: 0, count: 45)
        for i in 0..<38 { k1[i] = k[i + 7] }
        for i in 0..<45 { k[i] = abs(k[i] - k1[i]) }
        for i in 0..<27 { k1[i] = 0 }
        for i in 27..<45 { k1[i] = k[i - 27] }
        add(&k, k1, from: 9, to: 44)
        add(&k, k1, from: 0, to: 8)
        var value = 0.0, weight = 1.0
        for i in 0..<36 { weight /= 2; value += Double(k[i + 9]) * weight }
        return value
    }

    /// Binary addition of k1 into k over bits to…from (right to left) with the carry kept in the field.
    private static func add(_ k: inout [Int], _ k1: [Int], from low: Int, to high: Int) {
        var carry = 0
        for i in stride(from: high, through: low, by: -1) {
            let sum = k[i] + k1[i] + carry
            carry = sum / 2
            k[i] = sum - carry * 2
        }
        if carry != 0 {
            for i in stride(from: high, through: low, by: -1) {
                let sum = k[i] + carry
                carry = sum / 2
                k[i] = sum - carry * 2
            }
        }
    }
}

public enum GrishaginError: Error, Equatable, CustomStringConvertible {
    case invalidNumber(Int)
    public var description: String { "GrishaginFunction: parameter 'number' = \(self.number); expected 1...100" }
    private var number: Int { if case .invalidNumber(let k) = self { return k }; return 0 }
}
