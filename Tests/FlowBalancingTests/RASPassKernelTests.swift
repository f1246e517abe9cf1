import CKernels
import Testing
import LinearAlgebra
@testable import FlowBalancing

/// The C passes of `RASBalancer` (`CKernels/ras_passes.c`): the AVX2 + FMA build and the portable one
/// give the same bits, on shapes that exercise every block and tail (m mod 8 and m mod 4, n mod 4), and
/// the passes compute what they state, checked against plain sums to rounding.
@Suite struct RASPassKernelTests {
    /// A seeded m×n matrix with cells in [0.1, 10), and vectors of length k in [0.5, 2).
    private func problem(_ m: Int, _ n: Int, seed: UInt64) -> (a: [Double], s: [Double], r: [Double], targets: [Double]) {
        var g = SeededGenerator(seed: seed)
        let a = (0..<(m * n)).map { _ in 0.1 + 9.9 * g.nextUniform() }
        let s = (0..<n).map { _ in 0.5 + 1.5 * g.nextUniform() }
        let r = (0..<m).map { _ in 0.5 + 1.5 * g.nextUniform() }
        let targets = (0..<m).map { _ in Double(n) * (2 + 6 * g.nextUniform()) }
        return (a, s, r, targets)
    }

    private func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    @Test(arguments: [(1, 1), (3, 5), (8, 4), (9, 7), (13, 16), (17, 3), (24, 33), (31, 30)])
    func buildsAgreeToTheBit(shape: (Int, Int)) throws {
        try #require(migsim_cpu_has_avx2_fma() != 0, "this CPU has no AVX2 + FMA: only the portable build runs")
        let (m, n) = shape
        let (a, s, r, targets) = problem(m, n, seed: UInt64(31 * m + n))
        let need = targets.map { 0.9 * $0 }, fixed = targets.map { 0.1 * $0 }
        func validating(_ build: Int32) -> ([Double], [Double], [Double], Double, Int32) {
            var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 1, count: n)
            var product = [Double](repeating: 0.5, count: n), least = Double.infinity
            let finite = migsim_ras_validating_pass(a, m, n, targets, &rows, &cols, &product, &least, build)
            return (rows, cols, product, least, finite)
        }
        let (v1, v0) = (validating(1), validating(0))
        #expect(bits(v1.0) == bits(v0.0) && bits(v1.1) == bits(v0.1) && bits(v1.2) == bits(v0.2))
        #expect(v1.3 == v0.3 && v1.4 == 1 && v0.4 == 1)
        for (withProduct, forming) in [(true, false), (false, true), (false, false)] {
            func sweep(_ build: Int32) -> (Double, [Double], [Double], [Double], [Double], [Double]) {
                var rNext = [Double](repeating: 0, count: m), vNext = [Double](repeating: 7, count: n)
                var out = [Double](repeating: 0, count: m * n)
                var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 3, count: n)
                let error = vNext.withUnsafeMutableBufferPointer { vp in
                    out.withUnsafeMutableBufferPointer { op in
                        migsim_ras_sweep_pass(a, m, n, s, r, need, fixed, targets, &rNext, withProduct ? vp.baseAddress! : nil,
                                              forming ? op.baseAddress! : nil, &rows, &cols, build)
                    }
                }
                return (error, rNext, vNext, out, rows, cols)
            }
            let (p1, p0) = (sweep(1), sweep(0))
            #expect(p1.0.bitPattern == p0.0.bitPattern)
            #expect(bits(p1.1) == bits(p0.1) && bits(p1.2) == bits(p0.2) && bits(p1.3) == bits(p0.3))
            #expect(bits(p1.4) == bits(p0.4) && bits(p1.5) == bits(p0.5))
            // What the pass states, to rounding: u = A·s, r' = need/u, v' = Aᵀ·r', X and its margins.
            let u = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * s[$1] } }
            for i in 0..<m { #expect(abs(p0.1[i] - need[i] / u[i]) <= 1e-13 * need[i] / u[i]) }
            var error = 0.0
            for i in 0..<m {
                let sum: Double = r[i] * u[i] + fixed[i]
                error = max(error, abs(sum - targets[i]) / targets[i])
            }
            #expect(abs(p0.0 - error) <= 1e-12)
            if withProduct {
                for j in 0..<n {
                    let v = (0..<m).reduce(0.0) { $0 + a[$1 * n + j] * p0.1[$1] }
                    #expect(abs(p0.2[j] - v) <= 1e-13 * v)
                }
            } else {
                #expect(p0.2.allSatisfy { $0 == 7 })
            }
            if forming {
                for c in 0..<(m * n) { #expect(p0.3[c].bitPattern == ((r[c / n] * a[c]) * s[c % n]).bitPattern) }
                for i in 0..<m {
                    let sum = (0..<n).reduce(0.0) { $0 + p0.3[i * n + $1] }
                    #expect(abs(p0.4[i] - sum) <= 1e-13 * sum)
                }
                for j in 0..<n {
                    let sum = (0..<m).reduce(0.0) { $0 + p0.3[$1 * n + j] }
                    #expect(abs(p0.5[j] - sum) <= 1e-13 * sum)
                }
                var formed = [Double](repeating: 0, count: m * n)
                var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 0, count: n)
                migsim_ras_form(a, m, n, r, s, &formed, &rows, &cols, 1)
                #expect(bits(formed) == bits(p0.3) && bits(rows) == bits(p0.4) && bits(cols) == bits(p0.5))
            } else {
                #expect(p0.3.allSatisfy { $0 == 0 } && p0.5.allSatisfy { $0 == 3 })
            }
        }
    }

    /// The validating pass: the row and column sums, the least cell, and a NaN or a negative cell seen.
    @Test func validatingPassSumsAndSeesBadCells() {
        for build in [Int32(0), migsim_cpu_has_avx2_fma() != 0 ? 1 : 0] {
            let m = 11, n = 6
            var (a, _, _, targets) = problem(m, n, seed: 5)
            func run(_ a: [Double]) -> (rows: [Double], cols: [Double], product: [Double], least: Double, finite: Bool) {
                var rows = [Double](repeating: 0, count: m), cols = [Double](repeating: 0, count: n)
                var product = [Double](repeating: 0, count: n), least = Double.infinity
                let finite = migsim_ras_validating_pass(a, m, n, targets, &rows, &cols, &product, &least, build)
                return (rows, cols, product, least, finite != 0)
            }
            let good = run(a)
            #expect(good.finite && good.least == a.min()!)
            for i in 0..<m {
                let sum = (0..<n).reduce(0.0) { $0 + a[i * n + $1] }
                #expect(abs(good.rows[i] - sum) <= 1e-14 * sum)
            }
            for j in 0..<n {
                let sum = (0..<m).reduce(0.0) { $0 + a[$1 * n + j] }
                #expect(abs(good.cols[j] - sum) <= 1e-14 * sum)
                let product = (0..<m).reduce(0.0) { $0 + a[$1 * n + j] * targets[$1] / good.rows[$1] }
                #expect(abs(good.product[j] - product) <= 1e-13 * product)
            }
            a[3 * n + 2] = -0.5
            #expect(run(a).least == -0.5)
            a[3 * n + 2] = .nan
            let withNaN = run(a)
            #expect(!withNaN.finite && withNaN.least == a.filter { !$0.isNaN }.min()!)
        }
    }
}
