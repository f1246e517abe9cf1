import Testing
import Autodiff

/// Every operation's reverse sweep against central differences (relative error < 1e-6), for every
/// broadcasting form of the binary operations and every transpose combination of matmul.
@Suite struct OperationGradientTests {
    /// (a, b) shapes: equal; 1×1 on either side; 1×c on either side; r×1 on either side; r×1 with 1×c.
    static let broadcastForms: [((Int, Int), (Int, Int))] = [
        ((3, 4), (3, 4)), ((3, 4), (1, 1)), ((1, 1), (3, 4)), ((3, 4), (1, 4)), ((1, 4), (3, 4)),
        ((3, 4), (3, 1)), ((3, 1), (3, 4)), ((3, 1), (1, 4)),
    ]

    @Test(arguments: 0..<4, 0..<8)
    func binaryOperations(_ op: Int, _ form: Int) {
        let ((ar, ac), (br, bc)) = Self.broadcastForms[form]
        let a = randomTensor(ar, ac, seed: 1), b = randomTensor(br, bc, seed: 2, in: 0.5...1.5)
        let error = gradientError([a, b]) { v in
            switch op {
            case 0: v[0] + v[1]
            case 1: v[0] - v[1]
            case 2: v[0] * v[1]
            default: v[0] / v[1]
            }
        }
        #expect(error < 1e-6, "op \(op), shapes \(ar)×\(ac) and \(br)×\(bc): \(error)")
    }

    @Test func broadcastValues() {
        let tape = Tape()
        let a = tape.constant(Tensor(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6]))
        #expect((a + tape.constant(.row([10, 20, 30]))).value.values == [11, 22, 33, 14, 25, 36])
        #expect((a * tape.constant(.column([2, 3]))).value.values == [2, 4, 6, 12, 15, 18])
        #expect((tape.constant(.scalar(12)) / a).value.values == [12, 6, 4, 3, 2.4, 2])
        #expect((tape.constant(.column([1, 2])) - tape.constant(.row([1, 2, 3]))).value.values == [0, -1, -2, 1, 0, -1])
    }

    @Test(arguments: ["tanh", "exp", "log", "sin", "cos", "sigmoid", "softplus", "square", "sqrt"])
    func unaryOperations(_ name: String) {
        let positive = name == "log" || name == "sqrt"
        let x = randomTensor(3, 5, seed: 3, in: positive ? 0.2...2 : -3...3)
        let error = gradientError([x]) { v in
            switch name {
            case "tanh": tanh(v[0])
            case "exp": exp(v[0])
            case "log": log(v[0])
            case "sin": sin(v[0])
            case "cos": cos(v[0])
            case "sigmoid": sigmoid(v[0])
            case "softplus": softplus(v[0])
            case "square": square(v[0])
            default: sqrt(v[0])
            }
        }
        #expect(error < 1e-6, "\(name): \(error)")
    }

    @Test func softplusDoesNotOverflow() {
        let tape = Tape()
        let y = softplus(tape.constant(.row([-800, 0, 800])))
        #expect(y.value.values == [0, 0.6931471805599453, 800])
    }

    @Test func scalarOperations() {
        let x = randomTensor(2, 3, seed: 4)
        let operations: [(Variable) -> Variable] = [
            { 2.5 * $0 }, { $0 * -1.5 }, { $0 + 3 }, { 3 + $0 }, { $0 - 2 }, { 1 - $0 }, { -$0 }, { $0 / 4 },
        ]
        for (k, f) in operations.enumerated() {
            let error = gradientError([x]) { f($0[0]) }
            #expect(error < 1e-6, "scalar op \(k): \(error)")
        }
    }

    @Test(arguments: [false, true], [false, true])
    func matmulTransposes(_ ta: Bool, _ tb: Bool) {
        // op(A) 3×4, op(B) 4×2.
        let a = ta ? randomTensor(4, 3, seed: 5) : randomTensor(3, 4, seed: 5)
        let b = tb ? randomTensor(2, 4, seed: 6) : randomTensor(4, 2, seed: 6)
        let error = gradientError([a, b]) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
        #expect(error < 1e-6, "transposeA \(ta), transposeB \(tb): \(error)")
    }

    @Test func matmulValues() {
        let tape = Tape()
        let a = tape.constant(Tensor(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6]))
        #expect(matmul(a, a, transposeB: true).value.values == [14, 32, 32, 77])
        #expect(matmul(a, a, transposeA: true).value == Tensor(rows: 3, cols: 3, values: [17, 22, 27, 22, 29, 36, 27, 36, 45]))
    }

    @Test func reductionsAndShapes() {
        let x = randomTensor(4, 3, seed: 7)
        let cases: [(String, ([Variable]) -> Variable)] = [
            ("sum", { sum($0[0]) }), ("mean", { mean($0[0]) }), ("sumRows", { sumRows($0[0]) }),
            ("sumColumns", { sumColumns($0[0]) }), ("transpose", { transpose($0[0]) }),
            ("slice", { slice($0[0], offset: 2, rows: 3, cols: 2) }),
            ("gatherRows", { gatherRows($0[0], [3, 0, 3, 1]) }),
            ("concatenateColumns", { concatenateColumns([$0[0], square($0[0]), sumColumns($0[0])]) }),
            ("reuse", { $0[0] * $0[0] + tanh($0[0]) * $0[0] }),
        ]
        for (name, build) in cases {
            let error = gradientError([x], build)
            #expect(error < 1e-6, "\(name): \(error)")
        }
    }

    @Test func reductionValues() {
        let tape = Tape()
        let x = tape.constant(Tensor(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6]))
        #expect(sum(x).value == .scalar(21))
        #expect(mean(x).value == .scalar(3.5))
        #expect(sumRows(x).value == .row([5, 7, 9]))
        #expect(sumColumns(x).value == .column([6, 15]))
        #expect(transpose(x).value == Tensor(rows: 3, cols: 2, values: [1, 4, 2, 5, 3, 6]))
        #expect(gatherRows(x, [1, 1]).value.values == [4, 5, 6, 4, 5, 6])
        #expect(slice(x, offset: 1, rows: 2, cols: 2).value.values == [2, 3, 4, 5])
    }

    @Test func unreachedAndConstantGradientsAreZero() {
        let tape = Tape()
        let x = tape.variable(.row([1, 2])), unused = tape.variable(.scalar(3)), c = tape.constant(.row([4, 5]))
        tape.backward(sum(x * c))
        #expect(tape.gradient(x) == .row([4, 5]))
        #expect(tape.gradient(unused) == .scalar(0))
        #expect(tape.gradient(c) == .row([0, 0]))
    }
}
