import Testing
import Autodiff

@Suite struct GradientCheckTests {
    /// f = x₀² x₁ + sin x₁: exact gradient passes far below 1e-6; a gradient wrong by 1e-4 relative fails.
    @Test func detectsWrongGradients() {
        let f: ([Double]) -> Double = { $0[0] * $0[0] * $0[1] + _sin($0[1]) }
        let x = [1.3, -0.7]
        let exact = [2 * x[0] * x[1], x[0] * x[0] + _cos(x[1])]
        #expect(GradientCheck.maxRelativeError(x: x, analytic: exact, f: f) < 1e-10)
        let wrong = [exact[0], exact[1] * (1 + 1e-4)]
        let error = GradientCheck.maxRelativeError(x: x, analytic: wrong, f: f)
        #expect(error > 0.9e-4 && error < 1.1e-4)
    }
}

import Foundation
private func _sin(_ x: Double) -> Double { sin(x) }
private func _cos(_ x: Double) -> Double { cos(x) }
