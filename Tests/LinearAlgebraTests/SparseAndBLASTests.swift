import Testing
@testable import LinearAlgebra

@Test func csrFromTripletsSumsDuplicatesAndMatchesDense() {
    let s = SparseMatrix(rows: 3, columns: 3, triplets: [(0, 1, 2), (2, 0, 1), (0, 1, 3), (1, 2, -1), (2, 2, 4)])
    #expect(s.nonZeroCount == 4)
    #expect(s.dense == Matrix([[0, 5, 0], [0, 0, -1], [1, 0, 4]]))
    #expect(s.multiply([1, 2, 3]) == [10, -3, 13])
    #expect(s.dense * [1, 2, 3] == [10, -3, 13])
}

@Test func csrHandlesEmptyRows() {
    let s = SparseMatrix(rows: 3, columns: 2, triplets: [(2, 1, 7)])
    #expect(s.rowPointers == [0, 0, 0, 1])
    #expect(s.multiply([1, 1]) == [0, 0, 7])
}

@Test func gemvWithTransposeAndAccumulation() {
    let a = Matrix([[1, 2], [3, 4], [5, 6]])
    var y = [1.0, 1]
    BLAS.gemv(a, [1, 1, 1], into: &y, alpha: 2, beta: 1, transpose: true)
    #expect(y == [19, 25])
}

@Test func gemmTransposedOperands() {
    let a = Matrix([[1, 2], [3, 4]])
    var c = Matrix(rows: 2, columns: 2)
    BLAS.gemm(a, a, into: &c, transposeA: true)
    #expect(c == Matrix([[10, 14], [14, 20]]))
}

@Test func seededGeneratorIsReproducibleAndUniform() {
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
    let xa = (0..<5).map { _ in a.next() }
    #expect(xa == (0..<5).map { _ in b.next() })
    #expect(xa != (0..<5).map { _ in c.next() })
    var g = SeededGenerator(seed: 7)
    let u = (0..<100_000).map { _ in g.nextUniform() }
    let mean = u.reduce(0, +) / Double(u.count)
    #expect(abs(mean - 0.5) < 0.005)                   // ~5.5σ for n = 1e5
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    let z = (0..<100_000).map { _ in g.nextGaussian() }
    let zm = z.reduce(0, +) / Double(z.count)
    let zv = z.reduce(0) { $0 + ($1 - zm) * ($1 - zm) } / Double(z.count - 1)
    #expect(abs(zm) < 0.02 && abs(zv - 1) < 0.02)
}
