import Autodiff
import Testing

/// `graphLaplacian` against the dense form u∘(1ᵀK) − u·K and central differences.
@Suite struct GraphLaplacianTests {
    static let pairs = [(0, 1), (0, 3), (1, 2), (2, 4), (3, 4), (1, 4)]

    /// The symmetric K of the pairs and weights, n×n.
    static func denseK(_ w: [Double], n: Int) -> Tensor {
        var k = Tensor(rows: n, cols: n, repeating: 0)
        for (e, (i, j)) in pairs.enumerated() { k[i, j] = w[e]; k[j, i] = w[e] }
        return k
    }

    @Test func matchesTheDenseLaplacian() {
        let u = randomTensor(3, 5, seed: 1), w = randomTensor(1, 6, seed: 2, in: 0.1...2)
        let tape = Tape()
        let pattern = EdgePattern(nodeCount: 5, pairs: Self.pairs)
        let sparse = graphLaplacian(tape.constant(u), weights: tape.constant(w), pattern: pattern).value
        let uv = tape.constant(u), k = tape.constant(Self.denseK(w.values, n: 5))
        let dense = (uv * sumRows(k) - matmul(uv, k)).value
        for (a, b) in zip(sparse.values, dense.values) { #expect(abs(a - b) <= 1e-14 * max(1, abs(b))) }
        // Each row of u·L_K sums to zero: what leaves one node arrives at another.
        for r in 0..<3 { #expect(abs((0..<5).map { sparse[r, $0] }.reduce(0, +)) < 1e-13) }
    }

    @Test func gradientsMatchCentralDifferences() {
        let u = randomTensor(4, 5, seed: 3), w = randomTensor(1, 6, seed: 4, in: 0.1...2)
        let pattern = EdgePattern(nodeCount: 5, pairs: Self.pairs)
        let error = gradientError([u, w]) { graphLaplacian($0[0], weights: $0[1], pattern: pattern) }
        #expect(error < 1e-6, "\(error)")
    }

    @Test func badPatternsStop() async {
        await #expect(processExitsWith: .failure) { _ = EdgePattern(nodeCount: 3, pairs: [(0, 3)]) }
        await #expect(processExitsWith: .failure) { _ = EdgePattern(nodeCount: 3, pairs: [(1, 1)]) }
        await #expect(processExitsWith: .failure) {
            let tape = Tape()
            _ = graphLaplacian(tape.constant(Tensor(rows: 1, cols: 4, repeating: 0)), weights: tape.constant(.row([1])),
                               pattern: EdgePattern(nodeCount: 3, pairs: [(0, 1)]))
        }
    }
}
