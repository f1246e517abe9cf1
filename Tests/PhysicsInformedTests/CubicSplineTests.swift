import Foundation
import Testing
@testable import PhysicsInformed

@Suite("Cubic spline (not-a-knot)")
struct CubicSplineTests {
    @Test("reproduces a cubic polynomial exactly, on uneven knots and beyond the ends")
    func reproducesCubics() throws {
        let p: (Double) -> Double = { 2 - 0.5 * $0 + 0.3 * $0 * $0 - 0.07 * $0 * $0 * $0 }
        let dp: (Double) -> Double = { -0.5 + 0.6 * $0 - 0.21 * $0 * $0 }
        let knots = [0.0, 0.7, 1.1, 2.5, 3.0, 4.2, 6.0]
        let s = try CubicSpline(knots: knots, values: knots.map(p))
        for t in stride(from: -0.5, through: 6.5, by: 0.13) {
            #expect(abs(s(t) - p(t)) < 1e-11 * max(1, abs(p(t))))
            #expect(abs(s.derivative(t) - dp(t)) < 1e-10)
        }
    }

    @Test("interpolates: passes through every knot")
    func interpolates() throws {
        let knots = (0..<12).map { Double($0) }
        let values = knots.map { sin($0) + 0.1 * $0 }
        let s = try CubicSpline(knots: knots, values: values)
        for (t, v) in zip(knots, values) { #expect(abs(s(t) - v) < 1e-13) }
    }

    @Test("converges at fourth order on a smooth function")
    func fourthOrder() throws {
        func maxError(_ k: Int) throws -> Double {
            let knots = (0...k).map { Double($0) / Double(k) * 3 }
            let s = try CubicSpline(knots: knots, values: knots.map { exp(sin($0)) })
            return stride(from: 0.0, through: 3.0, by: 0.001).map { abs(s($0) - exp(sin($0))) }.max()!
        }
        let order = log2(try maxError(40) / maxError(80))
        #expect(order > 3.8 && order < 4.3, "observed order \(order)")
    }

    @Test("three knots give the parabola, two the line")
    func smallCases() throws {
        let s3 = try CubicSpline(knots: [0, 1, 3], values: [1, 2, 10])   // y = 1 + 0·t + t²... check: y = t² + 1? 1, 2, 10 ✓
        #expect(abs(s3(2) - 5) < 1e-13)
        let s2 = try CubicSpline(knots: [0, 2], values: [1, 5])
        #expect(abs(s2(0.5) - 2) < 1e-15)
    }

    @Test("bad knots are errors that say what is wrong")
    func badKnots() {
        #expect(throws: PhysicsInformedError.self) { try CubicSpline(knots: [0], values: [1]) }
        #expect(throws: PhysicsInformedError.self) { try CubicSpline(knots: [0, 1, 1], values: [1, 2, 3]) }
        #expect(throws: PhysicsInformedError.self) { try CubicSpline(knots: [0, 1, 2], values: [1, .nan, 3]) }
        #expect(throws: PhysicsInformedError.self) { try CubicSpline(knots: [0, 1, 2], values: [1, 2]) }
    }
}
