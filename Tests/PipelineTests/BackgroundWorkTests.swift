import Foundation
import Pipeline
import Testing

/// `BackgroundWork`: the value of work done on another thread, or its error, handed over once.
@Suite struct BackgroundWorkTests {
    struct Planted: Error, Equatable { let code: Int }

    @Test func returnsTheValueComputedOnAnotherThread() throws {
        let work = BackgroundWork { () -> (sum: Int, onMain: Bool) in
            ((1...1_000).reduce(0, +), Thread.isMainThread)
        }
        let result = try work.wait()
        #expect(result.sum == 500_500)
        #expect(!result.onMain)
        // A second wait returns the same value.
        #expect(try work.wait().sum == 500_500)
    }

    @Test func rethrowsTheError() {
        let work = BackgroundWork { () throws -> Int in throw Planted(code: 7) }
        #expect(throws: Planted(code: 7)) { try work.wait() }
    }
}
