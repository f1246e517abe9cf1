import Testing
import FlowBalancing
import LinearAlgebra

/// The example of Sources/FlowBalancing/README.md, kept compiling and checked.
@Test func readmeExampleFlowBalancing() throws {
    let prior = Matrix([[1, 1], [1, 1]])
    let result = try RASBalancer.balance(prior, rowTargets: [3, 3], columnTargets: [2, 4],
                                         fixed: [true, false, false, false])
    #expect(result.converged)
    #expect(result.values[0] == 1)   // the marked cell, to the last bit
    for (v, expected) in zip(result.values, [1.0, 2, 1, 2]) { #expect(abs(v - expected) < 1e-9) }
}
