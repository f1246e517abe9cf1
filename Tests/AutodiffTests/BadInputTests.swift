import Testing
import Autodiff
import Foundation

/// Shape errors are programming errors (the shapes follow from code, not from user data), so they
/// stop the process with a precondition message naming the operation and the shapes. These exit
/// tests check the process fails and the message says what was expected.
@Suite struct BadInputTests {
    static func message(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func broadcastMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let tape = Tape()
            _ = tape.constant(Tensor(rows: 2, cols: 3, repeating: 1)) + tape.constant(Tensor(rows: 4, cols: 3, repeating: 1))
        }
        #expect(Self.message(result).contains("operator +: shapes 2×3 and 4×3 do not broadcast"))
    }

    @Test func matmulInnerDimensions() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let tape = Tape()
            let a = tape.constant(Tensor(rows: 2, cols: 3, repeating: 1))
            _ = matmul(a, a, transposeB: false)
        }
        #expect(Self.message(result).contains("matmul: op(A) is 2×3 and op(B) is 2×3"))
    }

    @Test func tensorValueCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(rows: 2, cols: 2, values: [1, 2, 3])
        }
        #expect(Self.message(result).contains("Tensor: 3 values for a 2×2 tensor (expected 4)"))
    }

    @Test func parameterCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MLP(layerSizes: [1, 4, 1]).evaluate(.column([0]), parameters: [1, 2])
        }
        #expect(Self.message(result).contains("MLP.evaluate: 2 parameters, expected 13"))
    }

    @Test func nonScalarLoss() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let tape = Tape()
            tape.backward(tape.variable(.row([1, 2])))
        }
        #expect(Self.message(result).contains("backward: the loss must be 1×1, got 1×2"))
    }
}
