import Foundation
import LinearAlgebra
import Testing
@testable import GlobalOptimization

@Suite struct EvolventTests {
    /// Integer cell coordinates of the centre y(h/2^{mN}) of cell h.
    private func cell(_ e: Evolvent, _ h: Int) -> [Int] {
        let x = Double(h) / Double(1 << (e.dimension * e.density))
        let side = Double(1 << e.density)
        return e.point(at: x).map { Int((($0 + 0.5) * side).rounded(.down)) }
    }

    @Test(arguments: [(1, 6), (2, 4), (3, 3), (4, 2)])
    func consecutiveCellsShareAFaceAndEveryCellIsVisitedOnce(n: Int, m: Int) throws {
        let e = try Evolvent(dimension: n, density: m)
        let total = 1 << (n * m)
        var seen = Set<[Int]>()
        var previous = cell(e, 0)
        seen.insert(previous)
        for h in 1..<total {
            let current = cell(e, h)
            let steps = zip(current, previous).map { abs($0 - $1) }
            #expect(steps.reduce(0, +) == 1, "cells \(h - 1) and \(h) are not face neighbours: \(previous) → \(current)")
            seen.insert(current)
            previous = current
        }
        #expect(seen.count == total)
        #expect(cell(e, 0) == Array(repeating: 0, count: n), "the curve starts in the corner cell")
    }

    @Test func holderContinuityWithStronginsConstant() throws {
        var rng = SeededGenerator(seed: 6)
        for (n, m) in [(2, 20), (3, 12), (5, 10)] {
            let e = try Evolvent(dimension: n, density: m)
            let constant = 2 * Double(n + 3).squareRoot()
            for _ in 0..<2000 {
                let x1 = rng.nextUniform()
                let x2 = min(1, x1 + pow(rng.nextUniform(), 3) * 0.1)
                let y1 = e.point(at: x1), y2 = e.point(at: x2)
                let distance = zip(y1, y2).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                let bound = constant * pow(x2 - x1, 1 / Double(n)) + 2 * pow(2, -Double(m))
                #expect(distance <= bound, "N=\(n) x1=\(x1) x2=\(x2): \(distance) > \(bound)")
            }
        }
    }

    @Test func isContinuousInsideASegment() throws {
        let e = try Evolvent(dimension: 2, density: 3)
        let h = 0.25 / 64 * 17               // inside segment 4 of 64
        let a = e.point(at: 4.0 / 64), b = e.point(at: 5.0 / 64), mid = e.point(at: 4.5 / 64)
        for i in 0..<2 { #expect(abs(mid[i] - 0.5 * (a[i] + b[i])) < 1e-15) }
        #expect(e.point(at: h).allSatisfy { abs($0) <= 0.5 })
        #expect(e.point(at: 1) == e.point(at: 1 - 1.0 / 64), "x = 1 is the centre of the last cell")
    }

    @Test func inverseRoundTripsAtDensity() throws {
        var rng = SeededGenerator(seed: 11)
        for (n, m) in [(1, 20), (2, 20), (3, 17), (5, 10)] {
            for k in 0..<EvolventRotation.count(dimension: n) {
                let e = try Evolvent(dimension: n, density: m, rotation: EvolventRotation.rotation(k, dimension: n))
                let bits = n * m
                for _ in 0..<300 {
                    let h = UInt64(rng.nextUniform() * pow(2, Double(bits)))
                    let x = Double(h) / pow(2, Double(bits))
                    #expect(e.preimage(of: e.point(at: x)) == x, "N=\(n) m=\(m) rotation \(k) x=\(x)")
                }
            }
        }
    }

    @Test func preimageFindsTheCellOfAnyPoint() throws {
        var rng = SeededGenerator(seed: 12)
        // mN ≤ 52: the preimage must be representable in a double (see `Evolvent`).
        for (n, m) in [(2, 20), (4, 13)] {
            for e in try Evolvent.rotatedFamily(dimension: n, density: m, count: EvolventRotation.count(dimension: n)) {
                for _ in 0..<200 {
                    let y = (0..<n).map { _ in rng.nextUniform() - 0.5 }
                    let back = e.point(at: e.preimage(of: y))
                    for i in 0..<n { #expect(abs(back[i] - y[i]) <= pow(2, -Double(m + 1)) * (1 + 1e-9)) }
                }
            }
        }
    }

    @Test func boxScalingRoundTrips() throws {
        let e = try Evolvent(dimension: 3, density: 16)
        let lower = [-5.0, 0, 100], upper = [5.0, 1, 300]
        let p = [1.234, 0.75, 250.5]
        let back = e.point(at: e.preimage(of: p, lower: lower, upper: upper), lower: lower, upper: upper)
        for i in 0..<3 { #expect(abs(back[i] - p[i]) <= (upper[i] - lower[i]) * pow(2, -17) * (1 + 1e-9)) }
    }

    @Test func rotatedFamilyHasNNMinus1Plus1DistinctCurvesThatCoverTheCube() throws {
        let n = 3, m = 3
        let family = try Evolvent.rotatedFamily(dimension: n, density: m, count: 7)
        #expect(family.count == 7)
        #expect(Set(family.map(\.rotation)).count == 7)
        var starts = Set<[Double]>()
        let total = 1 << (n * m)
        for e in family {
            var cells = Set<[Int]>()
            for h in 0..<total { cells.insert(cell(e, h)) }
            #expect(cells.count == total, "rotation \(e.rotation) misses cells")
            starts.insert(e.point(at: 0.3))
        }
        #expect(starts.count > 1, "rotations must move points")
        #expect(throws: EvolventError.invalidRotation(index: 7, count: 7)) {
            try Evolvent.rotatedFamily(dimension: 3, density: 4, count: 8)
        }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: EvolventError.invalidDensity(21)) { try Evolvent(dimension: 2, density: 21) }
        #expect(throws: EvolventError.invalidDensity(0)) { try Evolvent(dimension: 2, density: 0) }
        #expect(throws: EvolventError.invalidDimension(0)) { try Evolvent(dimension: 0, density: 10) }
        #expect(EvolventError.invalidDensity(21).description.contains("'density'"))
        #expect(throws: EvolventError.invalidRotation(index: 3, count: 3)) { try EvolventRotation.rotation(3, dimension: 2) }
    }
}
