import Foundation
import Testing
@testable import Forecasting

@Suite struct ScalarMinimizerTests {
    @Test func findsAnInteriorMinimumOffTheGrid() {
        var evaluations = 0
        let x = ScalarMinimizer.minimize({ evaluations += 1; return ($0 - 0.3141) * ($0 - 0.3141) + 2 }, lower: 0, upper: 1)
        #expect(abs(x - 0.3141) < 1e-7)
        #expect(evaluations < 60)
    }

    @Test func returnsTheBoundaryExactlyWhenTheMinimumIsThere() {
        #expect(ScalarMinimizer.minimize({ -$0 }, lower: -0.99, upper: 0.99) == 0.99)
        #expect(ScalarMinimizer.minimize({ $0 }, lower: 0, upper: 1) == 0)
    }

    /// sin(12x) on [0, 1] has local minima near 0.393 and 0.916; the grid picks the global one.
    @Test func theGridChoosesTheGlobalOfTwoLocalMinima() {
        let x = ScalarMinimizer.minimize({ sin(12 * $0) + 0.1 * $0 }, lower: 0, upper: 1)
        #expect(abs(x - 0.3918) < 1e-3)
        #expect(abs(12 * cos(12 * x) + 0.1) < 1e-5)
    }
}
